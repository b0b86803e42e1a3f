import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { aPartnership, aUser } from '#test/helpers/builders'
import { page } from '#test/helpers/html'
import { createTestApp, type TestApp, type TestClient } from '#test/helpers/test-app'

/**
 * The Serious Violence Duty's documents: dated, with a review date (a year on unless given), linked to the
 * scoring matrix and the priorities that deliver them; reviews move the next review date; the deadlines are plain
 * data for the statutory calendar; another partnership's document is a 404. The clock stands at 25 November 2026.
 */
let t: TestApp
let partnershipId: number
let priorityId: number
let matrixId: number
let coordinator: TestClient
let outsider: TestClient
const base = () => `/partnerships/${partnershipId}/serious-violence`

beforeAll(async () => {
  t = await createTestApp()
  const p = await aPartnership(t)
  partnershipId = p.partnership.id
  const plan = await t.db.insertInto('plans').values({ partnershipId, title: 'Plan 2026/27', planYear: 2026, status: 'agreed' }).returning('id').executeTakeFirstOrThrow()
  priorityId = (await t.db.insertInto('priorities').values({ partnershipId, planId: plan.id, position: 1, title: 'Violence (including knife crime)' }).returning('id').executeTakeFirstOrThrow()).id
  matrixId = (await t.db.insertInto('priorityAssessments').values({ partnershipId, title: 'Scoring matrix 2026/27', periodFrom: '2025-04-01', periodTo: '2026-03-01' }).returning('id').executeTakeFirstOrThrow()).id
  coordinator = await t.as(await aUser(t, { role: 'coordinator', partnershipId }))
  const other = await aPartnership(t)
  outsider = await t.as(await aUser(t, { role: 'coordinator', partnershipId: other.partnership.id }))
})
afterAll(() => t.close())

describe('Serious Violence Duty', () => {
  it('records a needs assessment linked to its evidence and priority, due for review a year on', async () => {
    const bad = await coordinator.post(`${base()}/new`, { kind: 'needs_assessment', periodFrom: '2025-04', link: 'not a link' })
    expect(page(bad.text).errorSummary().map(e => e.href)).toEqual(['#title', '#link', '#datedOn-day'])
    const res = await coordinator.post(`${base()}/new`, { kind: 'needs_assessment', title: 'Serious violence needs assessment 2026', 'datedOn-day': '30', 'datedOn-month': '1', 'datedOn-year': '2026', periodFrom: '2025-01', periodTo: '2025-12', priorityAssessmentId: String(matrixId), priorityIds: [String(priorityId)] })
    expect(res.status).toBe(303)
    const show = page((await coordinator.get(res.headers.location!)).text)
    expect(show.text('[data-qa=sv-document]')).toContain('30 January 2027')
    expect(show.text('[data-qa=sv-delivery]')).toContain('Violence (including knife crime)')
    expect(show.text('main')).toContain('Scoring matrix 2026/27')
    expect(show.text('main')).toContain('No police data is held for January to December 2025')
  })

  it('records a review, which sets the next review date, and gives its deadline as plain data', async () => {
    const doc = await t.db.selectFrom('seriousViolenceDocuments').select('id').where('partnershipId', '=', partnershipId).executeTakeFirstOrThrow()
    const early = await coordinator.post(`${base()}/${doc.id}/review`, { 'reviewedOn-day': '1', 'reviewedOn-month': '1', 'reviewedOn-year': '2026', 'nextReviewDueOn-day': '1', 'nextReviewDueOn-month': '1', 'nextReviewDueOn-year': '2027' })
    expect(page(early.text).errorSummary()).toEqual([{ text: 'Date of the review must be the same as or after the date of the document', href: '#reviewedOn-day' }])
    expect((await coordinator.post(`${base()}/${doc.id}/review`, { 'reviewedOn-day': '20', 'reviewedOn-month': '11', 'reviewedOn-year': '2026', 'nextReviewDueOn-day': '20', 'nextReviewDueOn-month': '11', 'nextReviewDueOn-year': '2027' })).status).toBe(303)
    expect(await t.services.seriousViolence.statutoryDates(partnershipId)).toEqual([
      { partnershipId, key: `serious-violence:${doc.id}:review`, title: 'Review the strategic needs assessment “Serious violence needs assessment 2026”', dueOn: '2027-11-20', doneOn: null, href: `${base()}/${doc.id}`, duty: 'Serious Violence Duty' },
    ])
    expect((await outsider.get(`${base()}/${doc.id}`)).status).toBe(404)
  })
})
