/**
 * Demo highlight reports of the Rochford District CSP, 2011/12 (shared/seeds/000): "Performance against the
 * baseline for each of the priorities will be monitored on a monthly basis by the Chairs of these sub groups
 * or Community Safety Team where a sub-group does not exist, recorded on a CSP Highlight Report form and
 * reported quarterly to the CSP Steering Group" (section 9). The sub-groups are the Rochford Referral Group
 * (anti-social behaviour), the Domestic Abuse Panel (repeat domestic abuse) and the Hate Crime Panel (hate
 * incidents); the community safety team reports on sexual offences, for which the partners liaise instead of
 * forming a sub-group.
 *
 * The reports cover the first quarter, April to June 2011. Their words come from what the plan says of each
 * priority: its key milestones and their dates, its key risks, its progress comments, and the facts section
 * 6 to 9 state (the Referral Group superseding the JAG, the Dispersal Order's evaluation and extension, the
 * Hate Crime Panel being set up, Domestic Homicide Reviews becoming statutory on 13 April 2011). The plan,
 * published in September 2011, rates every milestone Amber, so the reports describe work in progress against
 * the milestones' dates, not completions the seed does not record. They hold no performance figures: those
 * come from the indicators. The Domestic Abuse Panel's June report is left as a draft (its chair is the
 * demo lead account).
 */
import type { DemoContext } from '../../demo/demo-context.ts'
import { fixedClock } from '../../shared/clock.ts'

import type { EntryContent } from './domain/highlight-report.ts'
import { highlightReportService } from './highlight-report-service.ts'

interface DemoReport {
  /** The reporting group, or null for the community safety team. */
  group: string | null
  /** Who submitted it, for the report's "submitted by". */
  submittedBy: string
  month: string
  /** The day it was submitted; none for a draft. */
  submittedOn: string | null
  /** The priority it reports on (a pattern for its title in the 2011/12 plan) and what it says. */
  priority: RegExp
  entry: EntryContent
}

const RRG = 'Rochford Referral Group'
const DAP = 'Domestic Abuse Panel'
const PANEL = 'Rochford District Hate Crime Panel'
const ASB = /anti-social behaviour/i
const DOMESTIC_ABUSE = /domestic abuse/i
const SEXUAL_OFFENCES = /sexual offences/i
const HATE = /hate/i

const entry = (fields: Partial<EntryContent>): EntryContent => ({
  progress: null,
  issues: null,
  risks: null,
  asks: null,
  ...fields,
})

const ROCHFORD_2011_HIGHLIGHT_REPORTS: DemoReport[] = [
  // --- Rochford Referral Group: reduce anti-social behaviour by 2% -------------------------------------
  {
    group: RRG,
    submittedBy: 'Chair of the Rochford Referral Group',
    month: '2011-04',
    submittedOn: '2011-05-06',
    priority: ASB,
    entry: entry({
      progress:
        'The Rochford Referral Group has been set up as a new sub-group of the partnership. It supersedes the Joint Action Group (JAG) and takes in work of the Rochford Substance Misuse Group and the Drug and Alcohol Reference Group, with Registered Social Landlords, Essex Police, Rochford District Council, the Youth Offending Service, Essex Fire and Rescue Service and Open Road.\nThe Dispersal Order for Rochford Town Centre and the surrounding area, introduced on 1 December 2010, remains in force.',
      issues: 'The RDC anti-social behaviour officer post is vacant.',
      risks:
        'Unable, or delay in, recruiting the RDC ASB officer.\nPartner agencies not engaging on the Referral Group.',
      asks: 'Support the recruitment of the RDC anti-social behaviour officer, to be in place with a work plan agreed by October 2011.',
    }),
  },
  {
    group: RRG,
    submittedBy: 'Chair of the Rochford Referral Group',
    month: '2011-05',
    submittedOn: '2011-06-07',
    priority: ASB,
    entry: entry({
      progress:
        'Evaluation of the Rochford Town Centre Dispersal Order for 1 December 2010 to 30 April 2011: 111 individuals dispersed; reported anti-social behaviour down 49% and youth nuisance calls down 61% in the zone; crime down 59%, with criminal damage to buildings other than dwellings down 75%.\nPartner agencies are engaging with the County Youth Offending Service, Family Mosaic and Extended Schools to identify young people at risk of offending.',
      issues: 'The RDC anti-social behaviour officer post is still vacant.',
      risks: 'Delay in engaging, or failing to engage, with the agencies to identify young people at risk.',
      asks: 'Approve the continuation of the Dispersal Order from 1 June 2011 for a further six months, to cover the summer when anti-social behaviour generally rises.',
    }),
  },
  {
    group: RRG,
    submittedBy: 'Chair of the Rochford Referral Group',
    month: '2011-06',
    submittedOn: '2011-07-06',
    priority: ASB,
    entry: entry({
      progress:
        'Approval was granted for the Dispersal Order to continue from 1 June 2011 for a further six months.\nThe ASB response plan for the peak times and hotspots of the District (summer holidays, Halloween, 5 November and Christmas) is being prepared, starting with the summer holidays, with diversionary and campaign activities at those times.\nIndividuals and families engaging in anti-social behaviour are being referred to and recorded by the Referral Group.',
      risks:
        'Schools not engaging with, or resisting, anti-social behaviour training (schools to be approached by October 2011).',
    }),
  },

  // --- Domestic Abuse Panel: reduce repeat incidents of domestic abuse by 5% ----------------------------
  {
    group: DAP,
    submittedBy: 'Domestic Abuse Reduction Officer, Chair of the Domestic Abuse Panel',
    month: '2011-04',
    submittedOn: '2011-05-05',
    priority: DOMESTIC_ABUSE,
    entry: entry({
      progress:
        'Freedom Programme: an officer is being trained as a facilitator (milestone April 2011).\nDomestic abuse training for Members is scheduled for April 2011.\nSanctuary Scheme: the new contract with Safe Partnership is being secured (April 2011).\nDomestic Homicide Reviews became a statutory duty of the partnership from 13 April 2011.',
      risks: 'Identifying future funding for the Sanctuary and Careline schemes.',
      asks: 'Note the new statutory duty to undertake Domestic Homicide Reviews from 13 April 2011. The partnership has allocated £3K for a review.',
    }),
  },
  {
    group: DAP,
    submittedBy: 'Domestic Abuse Reduction Officer, Chair of the Domestic Abuse Panel',
    month: '2011-05',
    submittedOn: '2011-06-06',
    priority: DOMESTIC_ABUSE,
    entry: entry({
      progress:
        'Freedom Programme: referral sources are being identified and contacted; the referral process and a leaflet signposting the programme are due by the end of May 2011, for the first session in June.\nCareline: the units still in use across the District are being recorded, unused units collected or written off, and a protocol agreed with the new provider (May 2011).',
      risks: 'The funding allocated for outreach work may exceed £5K.',
    }),
  },
  {
    group: DAP,
    submittedBy: 'Domestic Abuse Reduction Officer, Chair of the Domestic Abuse Panel',
    month: '2011-06',
    submittedOn: null,
    priority: DOMESTIC_ABUSE,
    entry: entry({
      progress:
        'Freedom Programme: first session planned for June 2011.\nJ9 initiative: literature being produced for the first phase of group training sessions for schools, children’s centres, housing teams and libraries.\nSchools to be approached in July about domestic abuse awareness training for the school year starting in September.',
      risks: 'Schools not engaging with, or resisting, awareness training.',
      asks: 'Note that the Domestic Abuse Reduction Officer post is a fixed-term contract until May 2012: a report on the value and continuation of the post will go to the Executive by December 2011.',
    }),
  },

  // --- Community Safety Team: reduce the number of sexual offences by 2% --------------------------------
  {
    group: null,
    submittedBy: 'Community Safety Co-ordinator, Rochford District Council',
    month: '2011-04',
    submittedOn: '2011-05-06',
    priority: SEXUAL_OFFENCES,
    entry: entry({
      progress:
        'There is no formal sub-group for this priority: Essex Police, Trading Standards, Rochford District Council and the licensing officers liaise regularly, given the restriction in resources and funding.\nThe night-time economy footprint in Rayleigh and the licensed premises in the High Street and surrounding area are being identified (by May 2011).',
      risks: 'Licensees not engaging with the schemes.',
    }),
  },
  {
    group: null,
    submittedBy: 'Community Safety Co-ordinator, Rochford District Council',
    month: '2011-05',
    submittedOn: '2011-06-07',
    priority: SEXUAL_OFFENCES,
    entry: entry({
      progress:
        'The night-time economy footprint and the licensed premises of Rayleigh High Street and the surrounding area are due to be identified this month; licensees are to be approached in June about adopting the Challenge 25 scheme.\nIntelligence on underage sales is being passed to ECC Trading Standards for test purchases.',
      risks: 'Licensees not engaging with the schemes.',
    }),
  },
  {
    group: null,
    submittedBy: 'Community Safety Co-ordinator, Rochford District Council',
    month: '2011-06',
    submittedOn: '2011-07-06',
    priority: SEXUAL_OFFENCES,
    entry: entry({
      progress:
        'Licensees in Rayleigh are being approached about Challenge 25 (June 2011); a meeting of the licensed premises of the High Street and surrounding area is to be arranged by July 2011.\nA pocket guide on personal safety, alcohol awareness and travelling home after a night out is being prepared (by September 2011).',
      risks: 'Licensees not engaging with the schemes.\nYoung people not engaging.',
      asks: 'Support the Challenge 25 and Pub Watch schemes in Rayleigh’s night-time economy (licensed premises to sign up to Pub Watch by September 2011), for which £3K of the partnership’s allocation is set aside for Challenge 25.',
    }),
  },

  // --- Rochford District Hate Crime Panel: increase the reporting of hate incidents by 10% ----------------
  {
    group: PANEL,
    submittedBy: 'Chair of the Rochford District Hate Crime Panel',
    month: '2011-04',
    submittedOn: '2011-05-09',
    priority: HATE,
    entry: entry({
      progress:
        'The Rochford District Hate Crime Panel is being set up, led by Rochford District Council, with terms of reference, a Chair and Vice-Chair elected and a first meeting by May 2011. Its membership includes RDC, the Thames Corridor Focus Panel – Disability, Essex Police, Victim Support, Registered Social Landlords, the CAB, Parish Councils and Faith Groups.',
      risks: 'Partner agencies not delivering agreed actions within agreed timescales.',
    }),
  },
  {
    group: PANEL,
    submittedBy: 'Chair of the Rochford District Hate Crime Panel',
    month: '2011-05',
    submittedOn: '2011-06-08',
    priority: HATE,
    entry: entry({
      progress:
        'The Hate Crime Panel has been set up to address the priority and to encourage the reporting of hate incidents.\nKey frontline staff in RDC, Registered Social Landlords and key agencies are being identified for hate incident awareness training, and the training costed (May 2011).\nA reporting form for residents is being drafted, for its content to be agreed in June.',
      risks: 'Capacity of Victim Support to deliver training.',
      asks: 'Agree the funding scheme for hate incident awareness training for frontline staff.',
    }),
  },
  {
    group: PANEL,
    submittedBy: 'Chair of the Rochford District Hate Crime Panel',
    month: '2011-06',
    submittedOn: '2011-07-07',
    priority: HATE,
    entry: entry({
      progress:
        'Reporting form: content being agreed, for hard copies to go to agencies and organisations across the District and a hate crime page and online reporting form on the CSP web pages (June 2011).\nLiterature signposting support services for those suffering hate incidents is being produced with the Panel, for agencies and organisations (June 2011).\nSchools are to be approached in July about hate crime awareness training.',
      risks: 'Schools not agreeing to hate crime awareness training.',
      asks: 'Support two local media campaigns on hate incidents by March 2012, coordinated with the Panel.',
    }),
  },
]

export async function loadHighlightReportDemo(demo: DemoContext): Promise<void> {
  const key = 'rochford-2011'
  const ctx = demo.partnerships[key]
  const db = demo.deps.database.db
  const priorities = await db
    .selectFrom('priorities as p')
    .innerJoin('plans as pl', 'pl.id', 'p.planId')
    .select(['p.id', 'p.title'])
    .where('p.partnershipId', '=', ctx.partnership.id)
    .where('pl.planYear', '=', 2011)
    .execute()
  if (priorities.length === 0) return // The 2011/12 plan is not loaded: nothing to report on.

  for (const item of ROCHFORD_2011_HIGHLIGHT_REPORTS) {
    const priority = priorities.find(p => item.priority.test(p.title))
    if (!priority) throw new Error(`Demo data: no 2011/12 priority matches ${String(item.priority)}`)
    // Each report is written and submitted on its own day, so the service records that day.
    const on = item.submittedOn ?? `${item.month}-28`
    const service = highlightReportService({
      db,
      clock: fixedClock(`${on}T10:00:00Z`),
      plans: demo.services.plans,
      indicators: demo.services.indicators,
    })
    await service.create(
      { ...ctx, actor: { userId: null, label: `${item.submittedBy} (demo data)` } },
      { groupId: item.group === null ? null : await demo.groupId(key, item.group), month: item.month },
      { entries: new Map([[priority.id, item.entry]]), submit: item.submittedOn !== null },
    )
  }
}
