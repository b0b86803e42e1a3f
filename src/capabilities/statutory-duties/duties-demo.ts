import { addDays, ukDate } from '../../core/calendar/index.ts'
import { grantRepository } from '../../core/access/grant-repository.ts'
import type { PartnershipContext } from '../../core/access/partnership-context.ts'
import type { DemoContext } from '../../demo/demo-context.ts'

/**
 * Demo records of the statutory duties for the joint Castle Point and Rochford CSP. From the seeds: Crucial Crew
 * 2016 (over 500 Year 6 pupils in Rayleigh and Rochford, 85% of teachers finding it beneficial) and Walk Online
 * 2021/22 (1,600 primary and 850 secondary pupils; 70% and 81% rating it very good or excellent), linked to the
 * plans' actions and the 2021/22 funding lines. The seeds give no dates for these, nor any case: the death review,
 * the ASB case review applications and the Serious Violence Duty documents are illustrative and say so. The open
 * death review's dates are set from the day the demo is loaded, so it always has deadlines to show.
 */
export async function loadDutiesDemo(demo: DemoContext): Promise<void> {
  const ctx = demo.partnerships['joint-2016']
  const { services } = demo
  const db = demo.deps.database.db
  const today = ukDate(demo.deps.clock.now())
  const day = (offset: number) => addDays(today, offset)

  // Who may see the death reviews: the coordinator, and the site administrator (for the demo's every-page check).
  for (const email of ['coordinator@csp-hub.example', 'site-admin@csp-hub.example']) {
    const user = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()
    await db.transaction().execute(trx => grantRepository.give(trx, ctx.actor, ctx.partnership.id, user.id, 'reviews'))
  }

  // Events and campaigns, linked to the actions and the funding lines.
  const actions = await services.dutyDirectory.actions(ctx)
  const actionId = (pattern: RegExp) => actions.filter(a => pattern.test(a.title)).map(a => a.id)
  const wards = await services.dutyDirectory.wards(ctx)
  const ward = (name: string) => wards.find(w => w.name.includes(name))?.id ?? null
  const lines = await services.events.choices(ctx)
  const line = (pattern: RegExp) => lines.lines.find(l => pattern.test(l.text))?.value ?? null
  const event = (input: Partial<Parameters<typeof services.events.save>[2]> & { title: string; startsOn: string }) =>
    services.events.save(ctx, null, { kind: 'event', endsOn: null, areaId: null, venue: null, audience: null, reach: null, organisationIds: [], actionIds: [], ledgerLine: null, feedbackQuestion: null, feedbackResponses: null, feedbackPercent: null, notes: null, ...input })
  await event({
    title: 'Crucial Crew 2016',
    startsOn: '2016-06-13',
    endsOn: '2016-06-24',
    areaId: ward('Rayleigh'),
    audience: 'Year 6 pupils in Rayleigh and Rochford',
    reach: 500,
    actionIds: actionId(/Crucial Crew/),
    feedbackQuestion: 'Teachers who reported it was beneficial for pupils',
    feedbackPercent: 85,
    notes: 'From the 2016/17 plan’s first quarter update (“> 500 year 6 pupils attended”). The dates are illustrative.',
  })
  await event({
    title: 'Walk Online, primary schools',
    kind: 'campaign',
    startsOn: '2021-09-06',
    endsOn: '2022-03-31',
    audience: 'Year 5 and 6 pupils',
    reach: 1_600,
    ledgerLine: line(/Walk Online sessions, autumn term/),
    feedbackQuestion: 'Pupils in a sample group rating it very good or excellent',
    feedbackPercent: 70,
    notes: 'From the Review Committee report on 2021/22. The dates are illustrative.',
  })
  await event({
    title: 'Walk Online, secondary schools',
    kind: 'campaign',
    startsOn: '2021-09-06',
    endsOn: '2022-03-31',
    audience: 'Year 7 pupils',
    reach: 850,
    ledgerLine: line(/Walk Online sessions, spring term/),
    feedbackQuestion: 'Pupils in a sample group rating it very good or excellent',
    feedbackPercent: 81,
    notes: 'From the Review Committee report on 2021/22. The dates are illustrative.',
  })
  await event({ title: 'Crucial Crew 2021/22 (online)', startsOn: '2022-03-04', audience: 'Year 6 pupils, on exploitation linked to County Lines', ledgerLine: line(/Allocation: Crucial Crew/), notes: 'Delivered online. The date is illustrative.' })

  // An illustrative death review under way, and one long closed (the retention rules anonymise it).
  const reviewer: PartnershipContext = { ...ctx, grants: new Set(['reviews']) }
  const priorities = await services.dutyDirectory.priorities(ctx)
  const vulnerable = priorities.find(p => /vulnerable/i.test(p.title) && p.planYear === 2021)?.id ?? null
  const open = await services.deathReviews.create(reviewer, { caseReference: 'Illustrative review 1', notifiedOn: day(-120), notifiedBy: 'Essex Police', circumstances: 'Illustrative record: no real case.', namedAs: null, priorityId: vulnerable })
  await services.deathReviews.saveDecision(reviewer, open.id, { decision: 'review', decisionOn: day(-100), decisionReasons: 'Illustrative: the criteria for a review are met.', homeOfficeNotifiedOn: day(-98) })
  await services.deathReviews.saveChair(reviewer, open.id, { chairName: 'Independent chair (illustrative)', chairAppointedOn: day(-80), termsOfReferenceAgreedOn: day(-60), termsOfReference: 'Illustrative terms of reference.' })
  const rdc = await demo.organisationId('joint-2016', 'Rochford District Council')
  await services.deathReviews.savePanelMember(reviewer, open.id, null, { organisationId: rdc, organisationName: null, representedBy: 'Community Safety Officer' })
  await services.deathReviews.savePanelMember(reviewer, open.id, null, { organisationId: null, organisationName: 'Specialist domestic abuse service', representedBy: null })
  await services.deathReviews.saveMeeting(reviewer, open.id, null, { heldOn: day(-55), purpose: 'First panel meeting', notes: 'Illustrative.' })
  await services.deathReviews.saveExtension(reviewer, open.id, null, { agreedOn: day(-20), extendedTo: day(150), reason: 'Illustrative: waiting for the criminal trial to end', agreedWith: 'Home Office' })
  const action = await services.deathReviews.saveAction(reviewer, open.id, null, { recommendation: 'Illustrative recommendation', action: 'Cascade the learning to front-line officers and partners', lead: 'Rochford District Council', dueOn: day(60), status: 'open', completedOn: null })
  await services.deathReviews.postActionUpdate(reviewer, open.id, action.id, { rag: 'amber', body: 'Illustrative: two briefings held, two to come.' })

  const closed = await services.deathReviews.create(reviewer, { caseReference: 'Illustrative review 2015/01', notifiedOn: '2015-05-04', notifiedBy: 'Essex Police', circumstances: 'Illustrative record: no real case.', namedAs: null, priorityId: null })
  await services.deathReviews.saveDecision(reviewer, closed.id, { decision: 'review', decisionOn: '2015-05-28', decisionReasons: 'Illustrative.', homeOfficeNotifiedOn: '2015-06-01' })
  await services.deathReviews.saveReport(reviewer, closed.id, { reportSentOn: '2015-11-20', homeOfficeFeedbackOn: '2016-02-15', homeOfficeFeedback: 'Illustrative.', publishedOn: '2016-04-11' })

  // Illustrative ASB case review applications for 2021/22.
  const apps: [string, string, number, { met: boolean; on: string; reviewOn?: string; recommendations?: string; outcomeOn?: string }][] = [
    ['Illustrative ACR 2021/01', '2021-05-12', 4, { met: true, on: '2021-05-19', reviewOn: '2021-06-10', recommendations: 'Joint visit by the police and the housing provider; mediation offered.', outcomeOn: '2021-06-14' }],
    ['Illustrative ACR 2021/02', '2021-08-02', 1, { met: false, on: '2021-08-06' }],
    ['Illustrative ACR 2021/03', '2021-11-22', 3, { met: true, on: '2021-11-29', reviewOn: '2021-12-16', outcomeOn: '2021-12-20' }],
  ]
  for (const [reference, receivedOn, complaints, step] of apps) {
    const app = await services.asbCaseReviews.create(ctx, { reference, receivedOn, receivedByOrganisationId: rdc, receivedByName: null, applicantReference: null, complaintsCount: complaints, summary: 'Illustrative record: no real case.', priorityId: null })
    await services.asbCaseReviews.saveThreshold(ctx, app.id, { thresholdMet: step.met, thresholdDecisionOn: step.on, thresholdReason: null })
    if (step.reviewOn) await services.asbCaseReviews.saveReview(ctx, app.id, { reviewOn: step.reviewOn, recommendations: step.recommendations ?? null, outcome: step.outcomeOn ? 'Illustrative outcome told to the applicant.' : null, outcomeOn: step.outcomeOn ?? null })
  }

  // An illustrative Serious Violence Duty needs assessment, from the scoring matrix, delivered by the violence priority.
  const matrices = await services.priorityMatrix.list(ctx)
  const violence = priorities.filter(p => /violence/i.test(p.title)).map(p => p.id)
  await services.seriousViolence.save(ctx, null, {
    kind: 'needs_assessment',
    title: 'Serious violence strategic needs assessment (illustrative)',
    datedOn: '2023-01-31',
    reviewDueOn: '2024-01-31',
    summary: 'Illustrative record: the seeds predate the Serious Violence Duty.',
    link: null,
    periodFrom: '2021-04',
    periodTo: '2022-03',
    priorityAssessmentId: matrices[0]?.id ?? null,
    priorityIds: violence,
    actionIds: [],
  })
}
