/**
 * Demo funding, entered as data from the seed documents through the funding service (so it is
 * validated and audited like anything a coordinator types). Every entry's notes say which figures come
 * from the documents and which are illustrative.
 *
 *  - 004 (Review Committee report on the CP&R CSP, 2021/22): the PFCC grant of £12,337, the roll-over of
 *    the £10,142 underspend from 2020/21, and the anticipated underspend of £1,518; 2022/23's grant not
 *    yet confirmed. The allocations and spend are illustrative, chosen so that the forecast reproduces
 *    the £1,518.
 *  - 001 (Review Committee report, 6 September 2016): the 2016/17 allocation to Rochford District
 *    Council of £14,019, and the successful PCC bid that extended the taxi marshalling scheme to June 2016.
 *  - 000 (Rochford CSP Annual Partnership Plan 2011/2012): the "CSP Resources" of each priority in
 *    Appendix 1, linked to the 2011 plan's priorities when that plan has been loaded, and the funding
 *    sources of section 1: part of an Area Based Grant, and partner contributions from Essex Police (Basic
 *    Command Unit funding) and Essex Probation, with illustrative amounts adding up to those resources.
 */
import type { DemoContext } from '../../demo/demo-context.ts'
import type { PartnershipContext } from '../../core/access/partnership-context.ts'

import type { AllocationKind } from './domain/funding.ts'
import type { FundingService } from './funding-service.ts'

const pounds = (value: number) => Math.round(value * 100)

/** Lower-case words only, so "Anti-Social Behaviour" and "anti social behaviour" match. */
const words = (text: string) =>
  ` ${text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()} `

/**
 * The id of a plan priority whose title contains all the given words, in the plan of that year, or
 * null when no such plan or priority has been loaded (the plans are entered by another capability).
 */
async function priorityId(
  demo: DemoContext,
  ctx: PartnershipContext,
  planYear: number,
  keywords: string,
): Promise<number | null> {
  const rows = await demo.deps.database.db
    .selectFrom('priorities')
    .innerJoin('plans', 'plans.id', 'priorities.planId')
    .select(['priorities.id', 'priorities.title'])
    .where('priorities.partnershipId', '=', ctx.partnership.id)
    .where('plans.planYear', '=', planYear)
    .orderBy('priorities.position')
    .execute()
  const wanted = words(keywords).trim().split(' ')
  const found = rows.find(row => wanted.every(word => words(row.title).includes(` ${word} `)))
  return found?.id ?? null
}

interface AllocationSeed {
  purpose: string
  kind: AllocationKind
  amount: number
  expectedSpend?: number
  priorityId?: number | null
  projectId?: number | null
  notes: string
}

async function addAllocation(funding: FundingService, ctx: PartnershipContext, year: number, seed: AllocationSeed) {
  return funding.saveAllocation(ctx, year, null, {
    purpose: seed.purpose,
    kind: seed.kind,
    amountPence: pounds(seed.amount),
    expectedSpendPence: seed.expectedSpend === undefined ? null : pounds(seed.expectedSpend),
    priorityId: seed.priorityId ?? null,
    projectId: seed.projectId ?? null,
    notes: seed.notes,
  })
}

async function addSpend(
  funding: FundingService,
  ctx: PartnershipContext,
  year: number,
  allocationId: number,
  spentOn: string,
  description: string,
  amount: number,
  status: 'paid' | 'committed',
  payee: string | null = null,
) {
  await funding.saveSpend(ctx, year, null, {
    allocationId,
    spentOn,
    description,
    amountPence: pounds(amount),
    status,
    payee,
    reference: null,
  })
}

const ILLUSTRATIVE = 'Illustrative: the report gives no breakdown of the allocations or spend.'

export async function loadFundingDemo(demo: DemoContext): Promise<void> {
  const funding = demo.services.funding
  await loadJoint2021(demo, funding)
  await loadJoint2016(demo, funding)
  await loadRochford2011(demo, funding)
}

/** Seed 004: the joint Castle Point and Rochford CSP in 2021/22 (and 2022/23, not yet confirmed). */
async function loadJoint2021(demo: DemoContext, funding: FundingService) {
  const ctx = demo.partnerships['joint-2016']
  const rdc = await demo.organisationId('joint-2016', 'Rochford District Council')
  const voluntary = await demo.organisationId('joint-2016', 'Voluntary and Community Services')

  await funding.createYear(ctx, {
    startYear: 2021,
    accountableOrganisationId: rdc,
    notes:
      'From the Review Committee report on the CP&R CSP’s 2021/22 work (paragraphs 3.3 and 6.1): grant funding from the Police, Fire and Crime Commissioner of £12,337; ' +
      'an underspend of £10,142 from 2020/21, due to the impact of COVID-19, approved for roll-over; the budget is on track to be spent with an anticipated underspend of £1,518. ' +
      'The allocations and spend entries are illustrative, chosen to reproduce that forecast: the report names the work funded but not what each part cost.',
  })
  await funding.saveStream(ctx, 2021, null, {
    name: 'Police, Fire and Crime Commissioner’s grant',
    funder: 'Office of the Police, Fire and Crime Commissioner for Essex',
    amountPence: pounds(12_337),
    status: 'confirmed',
    automaticPercent: 100,
    conditions: null,
    notes:
      'From the document: £12,337, the 2021/22 allocation to the Council, constant for the past five financial years. The report does not describe a commissioned part.',
  })
  await funding.saveRollOver(ctx, 2021, null, {
    amountPence: pounds(10_142),
    approvedOn: null,
    approvedBy: null,
    reason: 'Underspend from 2020/21, due to the impact of COVID-19 (from the document)',
  })

  const project = (
    name: string,
    description: string,
    leadOrganisationId: number,
    startDate: string | null,
    endDate: string | null,
  ) =>
    funding.saveProject(ctx, null, {
      name,
      description,
      leadOrganisationId,
      startDate,
      endDate,
      evaluationDueWeeks: 12,
    })
  const walkOnline = await project(
    'Walk Online',
    'Online safety sessions for all Year 5, 6 and 7 pupils across the district, delivered online in 2021/22. Lead organisation and dates illustrative.',
    rdc,
    '2021-09-01',
    '2022-03-31',
  )
  await funding.recordEvaluation(ctx, walkOnline.id, {
    evaluationCompletedOn: '2022-06-23',
    evaluationSummary:
      'Over 1,600 primary school children and 850 secondary school children took part, with positive feedback from a sample group: 70% of primary school children rated the input “very good” or “excellent”, rising to 81% of secondary school children. ' +
      '(Figures from the Review Committee report; the completion date is illustrative.)',
  })
  const crucialCrew = await project(
    'Crucial Crew',
    'Joint working across Essex on a Crucial Crew for Year 6 pupils that tackles exploitation linked to County Lines drug supply; delivered online. Lead organisation and dates illustrative; no evaluation recorded, so it shows as overdue.',
    rdc,
    '2022-01-10',
    '2022-03-31',
  )
  const barNBus = await project(
    'Bar ’N’ Bus outreach',
    'Continued support for outreach work across the district by Bar ’N’ Bus. Ongoing; lead organisation illustrative.',
    voluntary,
    '2021-04-01',
    null,
  )

  const vulnerable = await priorityId(demo, ctx, 2021, 'vulnerable people')
  const allocations: [AllocationSeed, [string, string, number, 'paid' | 'committed'][]][] = [
    [
      {
        purpose: 'Walk Online sessions',
        kind: 'project',
        projectId: walkOnline.id,
        amount: 7_500,
        notes: ILLUSTRATIVE,
      },
      [
        ['2021-12-10', 'Walk Online sessions, autumn term', 3_750, 'paid'],
        ['2022-03-18', 'Walk Online sessions, spring term', 3_750, 'paid'],
      ],
    ],
    [
      {
        purpose: 'Crucial Crew',
        kind: 'project',
        projectId: crucialCrew.id,
        amount: 2_500,
        expectedSpend: 2_000,
        notes: `${ILLUSTRATIVE} Expected to cost £500 less than allocated because it moved online.`,
      },
      [['2022-03-04', 'Crucial Crew online delivery', 2_000, 'paid']],
    ],
    [
      {
        purpose: 'Bar ’N’ Bus outreach work',
        kind: 'project',
        projectId: barNBus.id,
        amount: 4_000,
        notes: ILLUSTRATIVE,
      },
      [
        ['2021-10-01', 'Outreach sessions, April to September', 3_000, 'paid'],
        ['2022-02-01', 'Outreach sessions, October to March', 1_000, 'committed'],
      ],
    ],
    [
      {
        purpose: 'Sanctuary scheme support for victims of high-risk domestic abuse',
        kind: 'priority',
        priorityId: vulnerable,
        amount: 3_000,
        notes: ILLUSTRATIVE,
      },
      [
        ['2021-08-16', 'Sanctuary scheme works', 1_800, 'paid'],
        ['2022-03-01', 'Sanctuary scheme works ordered', 1_200, 'committed'],
      ],
    ],
    [
      {
        purpose: 'Funding to Essex Police for specific policing operations on the district',
        kind: 'other',
        amount: 4_461,
        notes: ILLUSTRATIVE,
      },
      [
        ['2021-11-05', 'Policing operation, autumn', 2_500, 'paid'],
        ['2022-02-14', 'Policing operation, spring', 1_961, 'committed'],
      ],
    ],
  ]
  for (const [seed, spend] of allocations) {
    const saved = await addAllocation(funding, ctx, 2021, seed)
    for (const [date, description, amount, status] of spend) {
      await addSpend(
        funding,
        ctx,
        2021,
        saved.id,
        date,
        description,
        amount,
        status,
        seed.purpose.startsWith('Funding to Essex Police') ? 'Essex Police' : null,
      )
    }
  }

  await funding.createYear(ctx, {
    startYear: 2022,
    accountableOrganisationId: rdc,
    notes: 'From the document: “Grant funding for the year 2022/23 has yet to be confirmed.”',
  })
  await funding.saveStream(ctx, 2022, null, {
    name: 'Police, Fire and Crime Commissioner’s grant',
    funder: 'Office of the Police, Fire and Crime Commissioner for Essex',
    amountPence: pounds(12_337),
    status: 'to_be_confirmed',
    automaticPercent: 100,
    conditions: null,
    notes:
      'Not yet confirmed (from the document). £12,337 is assumed because the grant has been the same for five years; it is not counted until confirmed.',
  })
}

/** Seed 001: the joint CSP in 2016/17, and the PCC bid that extended the taxi marshalling scheme. */
async function loadJoint2016(demo: DemoContext, funding: FundingService) {
  const ctx = demo.partnerships['joint-2016']
  const rdc = await demo.organisationId('joint-2016', 'Rochford District Council')

  await funding.createYear(ctx, {
    startYear: 2016,
    accountableOrganisationId: rdc,
    notes:
      'From the Review Committee report of 6 September 2016 (paragraphs 5.1 and 5.2): CSP interventions for both districts are financed by an annual grant obtained by the PCC office; ' +
      'the 2016/17 allocation for Rochford District Council totals £14,019. There is an annual risk to this funding stream. Bids for specific initiatives can also be submitted to the PCC office. ' +
      'The report does not say how the allocation was split between projects, so no allocations are recorded.',
  })
  await funding.saveStream(ctx, 2016, null, {
    name: 'PCC annual grant: allocation for Rochford District Council',
    funder: 'Office of the Police and Crime Commissioner for Essex',
    amountPence: pounds(14_019),
    status: 'confirmed',
    automaticPercent: 100,
    conditions: null,
    notes: 'From the document: £14,019.',
  })

  const taxiMarshals = await funding.saveProject(ctx, null, {
    name: 'Taxi marshalling scheme, Rayleigh',
    description:
      'To help disperse club and pub visitors, reduce assault, damage and anti-social behaviour, and encourage taxi drivers back into Rayleigh town centre. Extended with PCC funding until June 2016. Start date not in the report.',
    leadOrganisationId: rdc,
    startDate: null,
    endDate: '2016-06-30',
    evaluationDueWeeks: 12,
  })
  await funding.recordEvaluation(ctx, taxiMarshals.id, {
    evaluationCompletedOn: '2016-09-06',
    evaluationSummary:
      'A full consultation with all key licensed businesses on the future of the scheme, including a survey and a new web page. The scheme has since closed; police and licensing teams continue to talk with businesses and look for Home Office funding for a scheme at hotspot times such as Christmas. ' +
      '(From the Review Committee report of 6 September 2016, the date it was reported.)',
  })
  // The extension ran to June 2016, so the bid was decided in 2015/16.
  await funding.createYear(ctx, {
    startYear: 2015,
    accountableOrganisationId: rdc,
    notes:
      'Only the successful PCC bid for the taxi marshalling scheme is recorded for 2015/16; the year’s grant is not in the documents. The report gives no amount for the bid: £3,000 is illustrative.',
  })
  await funding.saveBid(ctx, 2015, null, {
    fund: 'Police and Crime Commissioner’s office: bids for specific initiatives',
    funder: 'Office of the Police and Crime Commissioner for Essex',
    purpose: 'Extend the taxi marshalling scheme until June 2016',
    projectId: taxiMarshals.id,
    amountRequestedPence: pounds(3_000),
    status: 'successful',
    amountAwardedPence: pounds(3_000),
    submittedOn: null,
    decidedOn: null,
    notes: 'The report says the bid was successful but gives no amount: £3,000 is illustrative.',
  })
  await addAllocation(funding, ctx, 2015, {
    purpose: 'Taxi marshalling scheme extension to June 2016',
    kind: 'project',
    projectId: taxiMarshals.id,
    amount: 3_000,
    notes: 'The successful bid’s award, allocated to the scheme (illustrative amount).',
  })
}

/** Seed 000: Rochford CSP's resources per priority in 2011/12 (Appendix 1) and its funding sources (section 1). */
async function loadRochford2011(demo: DemoContext, funding: FundingService) {
  const ctx = demo.partnerships['rochford-2011']
  const rdc = await demo.organisationId('rochford-2011', 'Rochford District Council')

  await funding.createYear(ctx, {
    startYear: 2011,
    accountableOrganisationId: rdc,
    notes:
      'From section 1 of the Annual Partnership Plan 2011/2012: the CSP receives funding from Essex Probation, Basic Command Unit funding from Essex Police and part of an Area Based Grant from the Home Office via Essex County Council. ' +
      'Essex County Council’s nominal funding ceased on 31 March 2011; the Basic Command Unit funding ceases altogether on 31 March 2012; the Area Based Grant for 2011/12 was reduced by 59%. ' +
      'From May 2012 Police and Crime Commissioners are proposed to control the central government funding that goes to CSPs. The allocations are the “CSP Resources” of each priority in Appendix 1. ' +
      'The plan does not give the amount from each source: the grant and the two partner contributions are illustrative amounts that add up to £48,000, the total of those resources.',
  })
  const illustrativeSplit =
    'The plan names the sources but not their amounts. The Area Based Grant (£30,000), Essex Police’s contribution (£12,000) and Essex Probation’s (£6,000) are illustrative: together they are £48,000, the total of the CSP resources listed per priority in Appendix 1, so they assume those resources were funded in full.'
  await funding.saveStream(ctx, 2011, null, {
    name: 'Area Based Grant (part of)',
    funder: 'Home Office, via Essex County Council (Rochford is a two-tier authority)',
    amountPence: pounds(30_000),
    status: 'confirmed',
    automaticPercent: 100,
    conditions: null,
    notes: `From section 1: the 2011/12 allocation was reduced by 59%. ${illustrativeSplit}`,
  })
  await funding.saveContribution(ctx, 2011, null, {
    organisationId: await demo.organisationId('rochford-2011', 'Essex Police'),
    amountPence: pounds(12_000),
    status: 'confirmed',
    nature: 'revenue',
    notes: `Basic Command Unit funding, which supports posts and activities for the CSP and ceases altogether on 31 March 2012 (from section 1). ${illustrativeSplit}`,
  })
  await funding.saveContribution(ctx, 2011, null, {
    organisationId: await demo.organisationId('rochford-2011', 'Essex Probation'),
    amountPence: pounds(6_000),
    status: 'confirmed',
    nature: 'revenue',
    notes: `From section 1: “The CSP currently receives funding from Essex Probation”. ${illustrativeSplit}`,
  })

  const asb = await priorityId(demo, ctx, 2011, 'anti social behaviour')
  const domesticAbuse = await priorityId(demo, ctx, 2011, 'domestic abuse')
  const sexualOffences = await priorityId(demo, ctx, 2011, 'sexual offences')
  const hate = await priorityId(demo, ctx, 2011, 'hate')
  const linked = (id: number | null, priority: string) =>
    id === null
      ? ` Not linked to the plan: the 2011/12 plan’s “${priority}” priority was not in CSP Hub when this was loaded.`
      : ''
  const resources = (text: string) => `From Appendix 1, CSP Resources: “${text}”.`

  const seeds: AllocationSeed[] = [
    {
      purpose: 'CSP allocation: anti-social behaviour',
      kind: 'priority',
      priorityId: asb,
      amount: 5_000,
      notes: resources('5K CSP Allocation 10K CSP Problem Solving') + linked(asb, 'Reduce Anti-Social Behaviour'),
    },
    {
      purpose: 'CSP Problem Solving',
      kind: 'priority',
      priorityId: asb,
      amount: 10_000,
      notes: resources('5K CSP Allocation 10K CSP Problem Solving') + linked(asb, 'Reduce Anti-Social Behaviour'),
    },
    ...[
      ['CSP allocation: domestic abuse', 5_000],
      ['Sanctuary Scheme', 5_000],
      ['Basildon Women’s Aid and Safer Places outreach', 5_000],
      ['Basildon Careline Service', 2_000],
      ['Domestic Homicide Review (DHR)', 3_000],
    ].map(([purpose, amount]) => ({
      purpose: purpose as string,
      kind: 'priority' as const,
      priorityId: domesticAbuse,
      amount: amount as number,
      notes:
        resources(
          '5K CSP allocation 5K Sanctuary Scheme 5K for BWA and Safer Places 2K for Basildon Careline Service 3k for Domestic Homicide Review (DHR)',
        ) + linked(domesticAbuse, 'Reduce Repeat Incidents of Domestic Abuse'),
    })),
    {
      purpose: 'CSP allocation: sexual offences',
      kind: 'priority',
      priorityId: sexualOffences,
      amount: 5_000,
      notes:
        resources('5K CSP Allocation 3K for Challenge 25 for 2011/2012') +
        linked(sexualOffences, 'Reduce the Number of Sexual Offences'),
    },
    {
      purpose: 'Challenge 25',
      kind: 'priority',
      priorityId: sexualOffences,
      amount: 3_000,
      notes:
        resources('5K CSP Allocation 3K for Challenge 25 for 2011/2012') +
        linked(sexualOffences, 'Reduce the Number of Sexual Offences'),
    },
    {
      purpose: 'CSP allocation: hate related incidents',
      kind: 'priority',
      priorityId: hate,
      amount: 5_000,
      notes: resources('5K CSP Allocation') + linked(hate, 'Increase the Reporting of Hate Related Incidents'),
    },
  ]
  for (const seed of seeds) await addAllocation(funding, ctx, 2011, seed)
}
