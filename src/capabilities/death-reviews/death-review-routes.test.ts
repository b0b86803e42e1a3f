import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { aPartnership, aUser } from '#test/helpers/builders'
import { page } from '#test/helpers/html'
import { createTestApp, type TestApp, type TestClient } from '#test/helpers/test-app'

/**
 * Death reviews through their pages: only holders of the 'reviews' grant see anything of them (a 404 for
 * everyone else, whatever their role, and for another partnership's reviews); a review is entered step by step
 * with its deadlines against the statutory timescales; every read and change is audited without the review's
 * personal details. The clock stands at 25 November 2026.
 */
let t: TestApp
let partnershipId: number
let otherPartnershipId: number
let reviewer: TestClient
let coordinator: TestClient
let member: TestClient
let admin: TestClient
let otherReviewer: TestClient
let reviewerId: number
let memberUserId: number
const base = () => `/partnerships/${partnershipId}/death-reviews`

const grant = (userId: number, pid: number) => t.db.insertInto('accessGrants').values({ partnershipId: pid, userId, grant: 'reviews', grantedByLabel: 'test' }).execute()
const audit = () => t.db.selectFrom('auditEvents').selectAll().where('partnershipId', '=', partnershipId).orderBy('id').execute()

beforeAll(async () => {
  t = await createTestApp()
  const { partnership } = await aPartnership(t)
  partnershipId = partnership.id
  otherPartnershipId = (await aPartnership(t)).partnership.id
  const reviewerUser = await aUser(t, { role: 'member', partnershipId })
  reviewerId = reviewerUser.id
  await grant(reviewerUser.id, partnershipId)
  reviewer = await t.as(reviewerUser)
  coordinator = await t.as(await aUser(t, { role: 'coordinator', partnershipId }))
  const memberUser = await aUser(t, { role: 'member', partnershipId })
  memberUserId = memberUser.id
  member = await t.as(memberUser)
  admin = await t.as(await aUser(t, { role: 'admin', partnershipId }))
  const other = await aUser(t, { role: 'coordinator', partnershipId: otherPartnershipId })
  await grant(other.id, otherPartnershipId)
  otherReviewer = await t.as(other)
})
afterAll(() => t.close())

async function createReview(caseReference: string, notified = { day: '2', month: '11', year: '2026' }) {
  const res = await reviewer.post(`${base()}/new`, { caseReference, 'notifiedOn-day': notified.day, 'notifiedOn-month': notified.month, 'notifiedOn-year': notified.year, circumstances: 'CIRCUMSTANCES-SECRET', namedAs: 'NAME-SECRET' })
  expect(res.status).toBe(303)
  return Number(res.headers.location!.split('/').pop())
}

describe('death reviews', () => {
  it('records a notification: an empty form first lists what to fix, then the review shows its decision due one month later', async () => {
    const empty = await reviewer.post(`${base()}/new`, {})
    expect(empty.status).toBe(400)
    expect(page(empty.text).errorSummary().map(e => e.href)).toEqual(['#caseReference', '#notifiedOn-day'])

    const id = await createReview('DARDR 2026/01')
    const show = page((await reviewer.get(`${base()}/${id}`)).text)
    expect(show.h1()).toBe('Death review DARDR 2026/01')
    expect(show.text('[data-qa=stage]')).toBe('Awaiting the decision')
    expect(show.text('[data-qa=deadlines]')).toContain('by 2 December 2026')
  })

  it('takes a review through decision, extension and report, each step checked against the one before', async () => {
    const id = await createReview('DARDR 2026/02', { day: '1', month: '3', year: '2026' })
    const early = await reviewer.post(`${base()}/${id}/decision`, { decision: 'review', 'decisionOn-day': '1', 'decisionOn-month': '2', 'decisionOn-year': '2026', decisionReasons: 'Criteria met' })
    expect(early.status).toBe(400)
    expect(page(early.text).errorSummary()).toEqual([{ text: 'Date of the decision must be the same as or after the date the partnership was notified', href: '#decisionOn-day' }])

    // Decided on 10 April: eleven days late; the report is due by 10 October, extended to 10 January.
    expect((await reviewer.post(`${base()}/${id}/decision`, { decision: 'review', 'decisionOn-day': '10', 'decisionOn-month': '4', 'decisionOn-year': '2026', decisionReasons: 'Criteria met' })).status).toBe(303)
    const tooEarly = await reviewer.post(`${base()}/${id}/extensions/new`, { 'agreedOn-day': '1', 'agreedOn-month': '9', 'agreedOn-year': '2026', 'extendedTo-day': '1', 'extendedTo-month': '10', 'extendedTo-year': '2026', reason: 'Criminal trial' })
    expect(page(tooEarly.text).errorSummary()[0]).toEqual({ text: 'The new date must be after the date the report is due now, 2026-10-10', href: '#extendedTo-day' })
    expect((await reviewer.post(`${base()}/${id}/extensions/new`, { 'agreedOn-day': '1', 'agreedOn-month': '9', 'agreedOn-year': '2026', 'extendedTo-day': '10', 'extendedTo-month': '1', 'extendedTo-year': '2027', reason: 'Criminal trial', agreedWith: 'Home Office' })).status).toBe(303)
    const show = page((await reviewer.get(`${base()}/${id}`)).text)
    expect(show.text('[data-qa=stage]')).toBe('Review under way')
    expect(show.text('[data-qa=deadlines]')).toMatch(/Done late .*10 April 2026: 40 days of 31 allowed, 9 late/)
    expect(show.text('[data-qa=deadlines]')).toContain('by 10 January 2027')

    expect((await reviewer.post(`${base()}/${id}/report`, { 'reportSentOn-day': '20', 'reportSentOn-month': '11', 'reportSentOn-year': '2026' })).status).toBe(303)
    const sent = page((await reviewer.get(`${base()}/${id}`)).text)
    expect(sent.text('[data-qa=stage]')).toBe('With the Home Office for quality assurance')
    expect(sent.text('[data-qa=deadlines]')).toContain('Done on time')
  })

  it('tracks the action plan with RAG updates', async () => {
    const id = await createReview('DARDR 2026/03')
    await reviewer.post(`${base()}/${id}/decision`, { decision: 'review', 'decisionOn-day': '10', 'decisionOn-month': '11', 'decisionOn-year': '2026', decisionReasons: 'Criteria met' })
    const bad = await reviewer.post(`${base()}/${id}/actions/new`, { action: 'Train GP receptionists', status: 'complete' })
    expect(page(bad.text).errorSummary()).toEqual([{ text: 'Enter the date the action was completed', href: '#completedOn-day' }])
    expect((await reviewer.post(`${base()}/${id}/actions/new`, { action: 'Train GP receptionists', lead: 'NHS', status: 'open', 'dueOn-day': '1', 'dueOn-month': '3', 'dueOn-year': '2027' })).status).toBe(303)
    const action = await t.db.selectFrom('deathReviewActions').select('id').where('reviewId', '=', id).executeTakeFirstOrThrow()
    expect((await reviewer.post(`${base()}/${id}/actions/${action.id}/updates/new`, { rag: 'amber', body: 'Half trained' })).status).toBe(303)
    const show = page((await reviewer.get(`${base()}/${id}`)).text)
    expect(show.text('[data-qa=review-actions] [data-rag]')).toBe('Amber')
    expect(show.text('[data-qa=action-counts]')).toBe('0 of 1 action complete.')
  })

  it('shows nothing of the reviews to anyone without the grant, whatever their role: no page, no menu entry', async () => {
    const id = await createReview('DARDR 2026/04')
    for (const client of [coordinator, member, admin]) {
      for (const url of [base(), `${base()}/new`, `${base()}/${id}`, `${base()}/${id}/decision`, `${base()}/${id}/actions/new`]) {
        const res = await client.get(url)
        expect(res.status, url).toBe(404)
        expect(res.text).not.toContain('DARDR')
      }
      expect((await client.post(`${base()}/${id}/decision`, { decision: 'no_review', 'decisionOn-day': '20', 'decisionOn-month': '11', 'decisionOn-year': '2026', decisionReasons: 'x' })).status).toBe(404)
      expect(page((await client.get(`/partnerships/${partnershipId}`)).text).all('.govuk-service-navigation__link')).not.toContain('Death reviews')
    }
    expect(page((await reviewer.get(`/partnerships/${partnershipId}`)).text).all('.govuk-service-navigation__link')).toContain('Death reviews')
    expect((await t.anonymous().get(base())).status).toBe(404)
  })

  it('answers 404 for another partnership’s review, by its own address or in this partnership’s', async () => {
    const id = await createReview('DARDR 2026/05')
    expect((await otherReviewer.get(`${base()}/${id}`)).status).toBe(404)
    expect((await otherReviewer.get(`/partnerships/${otherPartnershipId}/death-reviews/${id}`)).status).toBe(404)
    expect((await otherReviewer.post(`/partnerships/${otherPartnershipId}/death-reviews/${id}/delete`, {})).status).toBe(404)
  })

  it('audits every read and change by case reference, never copying the personal details', async () => {
    const before = (await audit()).length
    const id = await createReview('DARDR 2026/06')
    await reviewer.get(`${base()}/${id}`)
    await reviewer.get(base())
    const entries = (await audit()).slice(before)
    expect(entries.map(e => [e.action, e.entityType, e.summary])).toEqual([
      ['create', 'death review', 'Added death review DARDR 2026/06'],
      ['read', 'death review', 'Viewed death review DARDR 2026/06'],
      ['read', 'death review', expect.stringMatching(/^Viewed the list of death reviews/)],
    ])
    const everything = JSON.stringify(await audit())
    expect(everything).not.toContain('CIRCUMSTANCES-SECRET')
    expect(everything).not.toContain('NAME-SECRET')
    expect(entries[0]!.after).toMatchObject({ circumstances: '(recorded)', namedAs: '(recorded)', caseReference: 'DARDR 2026/06' })
  })

  it('lets an admin give and take away access, audited; the grant alone opens the pages', async () => {
    const accessPage = page((await admin.get(`/partnerships/${partnershipId}/review-access`)).text)
    expect(accessPage.h1()).toBe('Who may see the death reviews')
    expect((await reviewer.get(`/partnerships/${partnershipId}/review-access`)).status).toBe(403)
    expect((await admin.post(`/partnerships/${partnershipId}/review-access/${memberUserId}`, { change: 'give' })).status).toBe(303)
    expect((await member.get(base())).status).toBe(200)
    expect((await admin.post(`/partnerships/${partnershipId}/review-access/${memberUserId}`, { change: 'take' })).status).toBe(303)
    expect((await member.get(base())).status).toBe(404)
    const grants = (await audit()).filter(e => e.entityType === 'access grant').map(e => e.action)
    expect(grants).toEqual(['grant', 'revoke'])
    expect((await admin.post(`/partnerships/${partnershipId}/review-access/${reviewerId + 10_000}`, { change: 'give' })).status).toBe(404)
  })
})
