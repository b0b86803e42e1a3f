import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { aPartnership, aUser, contextFor } from '#test/helpers/builders'
import { page } from '#test/helpers/html'
import { createTestApp, type TestApp } from '#test/helpers/test-app'

/**
 * The statutory duties' records on the statutory calendar, on 20 November 2026: a death review notified on
 * 1 November (its decision due 1 December) listed for the holder of the reviews grant only, its reading audited,
 * never in the feed; the ASB case review figures of 2025/26 published, and the Serious Violence Duty strategy
 * reviewed in 2026/27, marking their yearly duties done, each linking to where it is done.
 */
describe('the statutory duties on the calendar', () => {
  let t: TestApp
  let partnershipId: number
  let partnership: Awaited<ReturnType<typeof aPartnership>>['partnership']
  let reviewId: number
  let reviewer: { id: number }
  let coordinator: { id: number }
  const calendarPage = async (user: { id: number }) => page((await (await t.as(user)).get(`/partnerships/${partnershipId}/calendar`)).text)
  const rows = async (user: { id: number }) => (await calendarPage(user)).all('[data-qa=calendar] tbody tr')

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-11-20T09:00:00Z', env: { CSP_HUB_BASE_URL: 'https://csp-hub.example' } })
    partnership = (await aPartnership(t)).partnership
    partnershipId = partnership.id
    reviewer = await aUser(t, { role: 'member', partnershipId })
    coordinator = await aUser(t, { role: 'coordinator', partnershipId })
    await t.db.insertInto('accessGrants').values({ partnershipId, userId: reviewer.id, grant: 'reviews', grantedByLabel: 'test' }).execute()
    reviewId = (await t.db.insertInto('deathReviews').values({ partnershipId, caseReference: 'DARDR 2026/07', notifiedOn: '2026-11-01', namedAs: 'NAME-SECRET' }).returning('id').executeTakeFirstOrThrow()).id
    await t.db.insertInto('asbCaseReviewPublications').values({ partnershipId, year: 2025, publishedAt: new Date('2026-06-15T10:00:00Z'), publishedByLabel: 'test' }).execute()
    await t.db.insertInto('seriousViolenceDocuments').values({ partnershipId, kind: 'strategy', title: 'Serious Violence Strategy', datedOn: '2025-01-31', reviewDueOn: '2027-10-01', lastReviewedOn: '2026-10-01' }).execute()
  }, 60_000)
  afterAll(() => t.close())

  it('lists a death review’s deadlines, linked to the review, for those who may see the reviews, and audits the reading', async () => {
    const p = await calendarPage(reviewer)
    expect(p.all('[data-qa=calendar] tbody tr')).toContainEqual(expect.stringMatching(/^1 December 2026 Decide whether to hold a review \(DARDR 2026\/07\).*Domestic abuse related death review.* Due soon$/))
    expect(p.$('a:contains("DARDR 2026/07")').attr('href')).toBe(`/partnerships/${partnershipId}/death-reviews/${reviewId}`)
    expect(p.text('main')).not.toContain('NAME-SECRET')
    const audit = await t.db.selectFrom('auditEvents').select(['action', 'entityType', 'summary']).where('partnershipId', '=', partnershipId).where('action', '=', 'read').execute()
    expect(audit).toEqual([{ action: 'read', entityType: 'death review', summary: "Viewed the death reviews' deadlines on the statutory calendar (DARDR 2026/07)" }])
  })

  it('shows nothing of the death reviews to a coordinator without the grant, nor in the feed or the weekly digest', async () => {
    const list = (await rows(coordinator)).join('\n')
    expect(list).not.toContain('DARDR')
    expect(list).toContain('Serious Violence Duty strategy reviewed')
    const client = await t.as(coordinator)
    const url = page((await client.post(`/partnerships/${partnershipId}/calendar/feed`)).text).fieldValue('feedUrl') as string
    const feed = await t.anonymous().get(url.replace('https://csp-hub.example', ''))
    expect(feed.status).toBe(200)
    expect(feed.text).not.toContain('DARDR')
    expect(feed.text).toContain('ASB case review')
    // The digest's lines, even read as someone holding the grant, leave the reviews out.
    const holder = { ...contextFor(partnership, 'coordinator'), grants: new Set(['reviews'] as const) }
    const lines = await t.services.calendar.digestLines(holder, '2026-11-20')
    expect(lines.join('\n')).not.toContain('DARDR')
    expect(lines.length).toBeGreaterThan(0)
  })

  it('marks the ASB case review figures published and the Serious Violence Duty strategy reviewed done, from the records, linking to where each is done', async () => {
    const p = await calendarPage(coordinator)
    const list = p.all('[data-qa=calendar] tbody tr')
    expect(list).toContainEqual(expect.stringMatching(/^31 July 2026 ASB case review \(community trigger\) figures for 2025\/26 published.* Done 15 June 2026, from the records/))
    expect(list).toContainEqual(expect.stringMatching(/^31 January 2027 Serious Violence Duty strategy reviewed, 2026\/27.* Done 1 October 2026, from the records/))
    expect(list).toContainEqual(expect.stringMatching(/^31 July 2027 ASB case review \(community trigger\) figures for 2026\/27 published.* Coming up/))
    expect(p.$('a:contains("figures for 2025/26 published")').attr('href')).toBe(`/partnerships/${partnershipId}/asb-case-reviews/figures/2025`)
    expect(p.$('a:contains("strategy reviewed, 2026/27")').attr('href')).toBe(`/partnerships/${partnershipId}/serious-violence`)
  })
})
