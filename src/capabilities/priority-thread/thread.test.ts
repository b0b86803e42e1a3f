import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { aPartnership, aUser, contextFor } from '#test/helpers/builders'
import { page } from '#test/helpers/html'
import { createTestApp, type TestApp, type TestClient } from '#test/helpers/test-app'
import type { PartnershipContext } from '../../core/access/partnership-context.ts'
import type { Block, DocumentSection, TableBlock } from '../../core/documents/model.ts'

/**
 * The thread from evidence to money, and the statutory duties' sections of the reports: a priority chosen by a
 * scoring matrix, with actions, an indicator, an allocation and its spend, an event, an ASB case review, a death
 * review and a Serious Violence Duty strategy. The page shows each link (the death review only to the holder of
 * the grant); the quarterly update and the scrutiny report carry sections whose figures agree with the records.
 */
let t: TestApp
let partnershipId: number
let priorityId: number
let planId: number
let reviewer: TestClient
let coordinator: TestClient
let ctx: PartnershipContext

beforeAll(async () => {
  t = await createTestApp()
  const p = await aPartnership(t)
  partnershipId = p.partnership.id
  const pid = partnershipId
  const plan = await t.db.insertInto('plans').values({ partnershipId: pid, title: 'Partnership Plan 2026/27', planYear: 2026, status: 'agreed' }).returning('id').executeTakeFirstOrThrow()
  planId = plan.id
  priorityId = (await t.db.insertInto('priorities').values({ partnershipId: pid, planId, position: 1, title: 'Violence (including knife crime)' }).returning('id').executeTakeFirstOrThrow()).id
  await t.db.insertInto('priorities').values({ partnershipId: pid, planId, position: 2, title: 'Anti-social behaviour' }).execute()
  const action = await t.db.insertInto('actions').values({ partnershipId: pid, priorityId, position: 1, title: 'Knife crime workshops in schools' }).returning('id').executeTakeFirstOrThrow()
  const done = await t.db.insertInto('actions').values({ partnershipId: pid, priorityId, position: 2, title: 'Weapons sweeps', status: 'complete' }).returning('id').executeTakeFirstOrThrow()
  await t.db.insertInto('actionUpdates').values({ partnershipId: pid, actionId: action.id, quarter: 2, rag: 'amber', body: 'Two of four schools done', authorLabel: 'test' }).execute()
  void done

  const matrix = await t.db.insertInto('priorityAssessments').values({ partnershipId: pid, title: 'Scoring matrix 2026/27', periodFrom: '2025-04-01', periodTo: '2026-03-01', planId }).returning('id').executeTakeFirstOrThrow()
  const harm = await t.db.insertInto('priorityCriteria').values({ partnershipId: pid, assessmentId: matrix.id, position: 1, name: 'Harm', weight: 3, source: 'group' }).returning('id').executeTakeFirstOrThrow()
  const violence = await t.db.insertInto('priorityCandidates').values({ partnershipId: pid, assessmentId: matrix.id, position: 1, name: 'Violence (including knife crime)', isChosen: true }).returning('id').executeTakeFirstOrThrow()
  const burglary = await t.db.insertInto('priorityCandidates').values({ partnershipId: pid, assessmentId: matrix.id, position: 2, name: 'Burglary' }).returning('id').executeTakeFirstOrThrow()
  await t.db.insertInto('priorityScores').values([{ partnershipId: pid, candidateId: violence.id, criterionId: harm.id, score: 5 }, { partnershipId: pid, candidateId: burglary.id, criterionId: harm.id, score: 2 }]).execute()

  await t.db.insertInto('indicators').values({ partnershipId: pid, priorityId, name: 'Knife crime offences', unit: 'count', polarity: 'lower_is_better', frequency: 'annual' }).execute()
  const year = await t.db.insertInto('fundingYears').values({ partnershipId: pid, startYear: 2026 }).returning('id').executeTakeFirstOrThrow()
  const allocation = await t.db.insertInto('fundingAllocations').values({ partnershipId: pid, fundingYearId: year.id, kind: 'priority', purpose: 'Knife crime workshops', amountPence: 400_000, priorityId }).returning('id').executeTakeFirstOrThrow()
  const spend = await t.db.insertInto('fundingSpend').values({ partnershipId: pid, allocationId: allocation.id, spentOn: '2026-07-10', description: 'Workshop facilitator', amountPence: 150_000, status: 'paid' }).returning('id').executeTakeFirstOrThrow()

  const event = await t.db.insertInto('events').values({ partnershipId: pid, title: 'Knife crime workshop, Sweyne Park School', kind: 'event', startsOn: '2026-07-10', reach: 180, fundingSpendId: spend.id }).returning('id').executeTakeFirstOrThrow()
  await t.db.insertInto('eventActions').values({ partnershipId: pid, eventId: event.id, actionId: action.id }).execute()
  await t.db.insertInto('events').values({ partnershipId: pid, title: 'Spring campaign', kind: 'campaign', startsOn: '2027-03-01', reach: 1000 }).execute()
  await t.db.insertInto('asbCaseReviews').values({ partnershipId: pid, reference: 'ACR 2026/01', receivedOn: '2026-05-01', complaintsCount: 4, thresholdDecisionOn: '2026-05-06', thresholdMet: true, reviewOn: '2026-06-01', recommendations: 'Joint visit', priorityId }).execute()
  await t.db.insertInto('asbCaseReviews').values({ partnershipId: pid, reference: 'ACR 2026/02', receivedOn: '2026-06-01', complaintsCount: 1, thresholdDecisionOn: '2026-06-03', thresholdMet: false }).execute()
  await t.db.insertInto('deathReviews').values({ partnershipId: pid, caseReference: 'DARDR 2026/01', notifiedOn: '2026-05-01', decision: 'review', decisionOn: '2026-05-20', priorityId }).execute()
  await t.db.insertInto('deathReviews').values({ partnershipId: pid, caseReference: 'DARDR 2026/02', notifiedOn: '2026-09-01', decision: 'review', decisionOn: '2026-10-15' }).execute()
  const strategy = await t.db.insertInto('seriousViolenceDocuments').values({ partnershipId: pid, kind: 'strategy', title: 'Serious Violence Strategy 2026', datedOn: '2026-01-31', reviewDueOn: '2027-01-31' }).returning('id').executeTakeFirstOrThrow()
  await t.db.insertInto('seriousViolencePriorities').values({ partnershipId: pid, documentId: strategy.id, priorityId }).execute()

  const reviewerUser = await aUser(t, { role: 'coordinator', partnershipId: pid })
  await t.db.insertInto('accessGrants').values({ partnershipId: pid, userId: reviewerUser.id, grant: 'reviews', grantedByLabel: 'test' }).execute()
  reviewer = await t.as(reviewerUser)
  coordinator = await t.as(await aUser(t, { role: 'coordinator', partnershipId: pid }))
  ctx = contextFor(p.partnership, 'coordinator')
})
afterAll(() => t.close())

const section = (sections: DocumentSection[], heading: string) => sections.find(s => s.heading === heading)
const table = (s: DocumentSection | undefined, n = 0) => s?.blocks.filter((b): b is TableBlock => b.kind === 'table')[n]
const cellsOf = (block: TableBlock | undefined) => (block?.rows ?? []).map(row => ('cells' in row ? row.cells : []))
const text = (blocks: Block[] | undefined) => JSON.stringify(blocks ?? [])

describe('the thread from evidence to money', () => {
  it('shows a priority’s matrix figures, actions, indicators, money and what belongs to it', async () => {
    const thread = page((await reviewer.get(`/partnerships/${partnershipId}/priorities/${priorityId}/thread`)).text)
    expect(thread.h1()).toBe('From evidence to money: Violence (including knife crime)')
    expect(thread.text('[data-qa=thread-matrix]')).toContain('Ranked 1 of 2 issues, scoring 15 of 15, in Scoring matrix 2026/27')
    expect(thread.text('[data-qa=thread-actions]')).toBe('2 actions: 0 red, 1 amber, 0 green, 1 with no status yet; 1 complete.')
    expect(thread.text('[data-qa=thread-indicators]')).toContain('Knife crime offences')
    expect(thread.text('[data-qa=thread-money]')).toBe('£4,000 allocated in 1 allocation; £1,500 paid or committed from them.')
    const belongs = thread.text('[data-qa=thread-belongs]')
    for (const item of ['Knife crime workshop, Sweyne Park School', 'ACR 2026/01', 'DARDR 2026/01', 'Serious Violence Strategy 2026']) expect(belongs).toContain(item)
    expect(page((await reviewer.get(`/partnerships/${partnershipId}/priorities/${priorityId}`)).text).$('[data-qa=thread-link]').length).toBe(1)
  })

  it('leaves the death reviews out for someone without the grant', async () => {
    const res = await coordinator.get(`/partnerships/${partnershipId}/priorities/${priorityId}/thread`)
    expect(res.status).toBe(200)
    expect(res.text).not.toContain('DARDR')
    expect(page(res.text).text('[data-qa=thread-belongs]')).toContain('ACR 2026/01')
  })

  it('puts every priority from evidence to money, and the quarter’s events, in the quarterly update', async () => {
    const report = await t.services.reports.create(ctx, { kind: 'quarterly_plan_update', planId, year: null, quarter: 2, title: null, committee: null, meetingDate: null })
    const { document } = await t.services.reports.document(ctx, report.id)
    const thread = cellsOf(table(section(document.sections, 'From evidence to money')))
    expect(thread).toHaveLength(2)
    expect(thread[0]).toEqual([
      'Priority 1: Violence (including knife crime)',
      'Ranked 1 of 2 (15 of 15) in Scoring matrix 2026/27',
      { lines: ['2 actions', '0 red, 1 amber, 0 green, 1 no status', '1 complete'] },
      1,
      { lines: ['£4,000 allocated', '£1,500 paid or committed'] },
      { lines: ['1 events and campaigns', '180 people reached'] },
      { lines: ['1 ASB case reviews', '1 death reviews', '1 Serious Violence Duty documents'] },
    ])
    const events = cellsOf(table(section(document.sections, 'Events and campaigns')))
    expect(events.map(cells => (cells[1] as { lines: { text: string }[] }).lines[0]!.text)).toEqual(['Knife crime workshop, Sweyne Park School'])
    expect(events[0]![5]).toBe('£1,500')
  })

  it('puts the year’s ASB case review figures, death review figures, Serious Violence Duty documents and events in the scrutiny report, agreeing with the records', async () => {
    const report = await t.services.reports.create(ctx, { kind: 'annual_scrutiny_report', planId, year: null, quarter: null, title: null, committee: null, meetingDate: null })
    const { document } = await t.services.reports.document(ctx, report.id)
    const headings = document.sections.map(s => s.heading)
    expect(headings).toEqual(expect.arrayContaining(['Events and campaigns', 'ASB case reviews (the community trigger)', 'Domestic abuse related death reviews', 'Serious Violence Duty']))

    const asb = cellsOf(table(section(document.sections, 'ASB case reviews (the community trigger)')))
    const apps = await t.db.selectFrom('asbCaseReviews').selectAll().where('partnershipId', '=', partnershipId).execute()
    expect(asb.map(c => c[1])).toEqual([apps.length, apps.filter(a => a.thresholdMet === false).length, apps.filter(a => a.reviewOn).length, apps.filter(a => a.reviewOn && a.recommendations).length])

    const dr = section(document.sections, 'Domestic abuse related death reviews')
    const reviews = await t.db.selectFrom('deathReviews').selectAll().where('partnershipId', '=', partnershipId).execute()
    const byStage = cellsOf(table(dr, 0))
    expect(byStage.find(c => c[0] === 'Review under way')![1]).toBe(String(reviews.filter(r => r.decision === 'review' && !r.reportSentOn).length))
    const timescales = cellsOf(table(dr, 1))
    // Notified 1 May, decided 20 May (on time); notified 1 September, decided 15 October (late).
    expect(timescales.slice(0, 3).map(c => c[1])).toEqual(['2', '1', '1'])
    expect(text(dr?.blocks)).not.toContain('DARDR')

    const events = cellsOf(table(section(document.sections, 'Events and campaigns')))
    expect(events).toHaveLength(2)
    const sv = cellsOf(table(section(document.sections, 'Serious Violence Duty')))
    expect(sv[0]![0]).toEqual({ lines: [{ text: 'Serious Violence Strategy 2026' }, { text: 'Strategy', small: true }] })
    // The sign-off and the appendix of every action stay last, after these sections.
    expect(document.sections.at(-2)!.heading).toBeUndefined()
    expect(document.sections.at(-1)!.heading).toBe('Appendix A: progress on every action')
  })
})
