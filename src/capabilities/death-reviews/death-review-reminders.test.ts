import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { aPartnership, aUser } from '#test/helpers/builders'
import { createTestApp, type TestApp } from '#test/helpers/test-app'

import { memoryMailer } from '../../mailer.ts'

import { deathReviewReminders } from './death-review-reminders.ts'

/**
 * Reminders of the death reviews' deadlines, sent with the day's run on 25 November 2026: to everyone the
 * 'reviews' grant counts for (a member holding it, a site administrator holding it), and to no one else (a
 * coordinator without it, a holder whose role was taken away, a disabled holder). A deadline is reminded once
 * when a fortnight away or nearer and once when passed; the e-mails name reviews by case reference only.
 */
let t: TestApp
let partnershipId: number
let partnershipName: string
const emails = { reviewer: '', siteAdmin: '' }
const reviewIds: Record<string, number> = {}

const grant = (userId: number) =>
  t.db.insertInto('accessGrants').values({ partnershipId, userId, grant: 'reviews', grantedByLabel: 'test' }).execute()
const aReview = async (caseReference: string, notifiedOn: string) => {
  const row = await t.db
    .insertInto('deathReviews')
    .values({ partnershipId, caseReference, notifiedOn, circumstances: 'CIRCUMSTANCES-SECRET', namedAs: 'NAME-SECRET' })
    .returning('id')
    .executeTakeFirstOrThrow()
  reviewIds[caseReference] = row.id
}
const sentTo = () => t.mailer.sent.map(m => m.to).sort()

beforeAll(async () => {
  t = await createTestApp({ now: '2026-11-25T07:00:00Z' })
  const { partnership } = await aPartnership(t)
  partnershipId = partnership.id
  partnershipName = partnership.name
  const reviewer = await aUser(t, { role: 'member', partnershipId })
  emails.reviewer = reviewer.email
  await grant(reviewer.id)
  const siteAdmin = await aUser(t, { siteAdmin: true })
  emails.siteAdmin = siteAdmin.email
  await grant(siteAdmin.id)
  await aUser(t, { role: 'coordinator', partnershipId })
  const formerMember = await aUser(t, { role: 'member', partnershipId })
  await grant(formerMember.id)
  await t.db.deleteFrom('partnershipRoles').where('userId', '=', formerMember.id).execute()
  const disabled = await aUser(t, { role: 'member', partnershipId })
  await grant(disabled.id)
  await t.db
    .updateTable('users')
    .set({ disabledAt: new Date('2026-11-01T00:00:00Z') })
    .where('id', '=', disabled.id)
    .execute()
  // Decisions due 20 December (not yet reminded), 1 December (within the fortnight) and 1 November (overdue).
  await aReview('DARDR 2026/03', '2026-11-20')
  await aReview('DARDR 2026/02', '2026-11-01')
  await aReview('DARDR 2026/01', '2026-10-01')
  t.mailer.sent.length = 0
})
afterAll(() => t.close())

describe('death review reminders', () => {
  it('go with the day’s run to the grant’s holders only, listing what is overdue and what is due within a fortnight, by case reference', async () => {
    await t.services.retention.runDue()
    expect(sentTo()).toEqual([emails.reviewer, emails.siteAdmin].sort())
    const mail = t.mailer.sent.find(m => m.to === emails.reviewer)!
    expect(mail.subject).toBe(`Death review deadlines, ${partnershipName}: 1 overdue, 1 due soon`)
    expect(mail.text).toContain(
      `Overdue\n- Decide whether to hold a review (DARDR 2026/01): was due on 1 November 2026\n  ${t.deps.config.baseUrl}/partnerships/${partnershipId}/death-reviews/${reviewIds['DARDR 2026/01']}`,
    )
    expect(mail.text).toContain(
      'Due within 14 days\n- Decide whether to hold a review (DARDR 2026/02): due on 1 December 2026',
    )
    expect(mail.text).not.toContain('DARDR 2026/03')
    expect(mail.text).not.toMatch(/SECRET/)
  })

  it('remind of each deadline once: nothing the next day, the next reminder when one passes undone', async () => {
    t.mailer.sent.length = 0
    t.clock.set('2026-11-26T07:00:00Z')
    await t.services.retention.runDue()
    expect(t.mailer.sent).toEqual([])

    t.clock.set('2026-12-02T07:00:00Z')
    await t.services.retention.runDue()
    expect(sentTo()).toEqual([emails.reviewer, emails.siteAdmin].sort())
    expect(t.mailer.sent[0]!.subject).toBe(`Death review deadlines, ${partnershipName}: 1 overdue`)
    expect(t.mailer.sent[0]!.text).toContain(
      '- Decide whether to hold a review (DARDR 2026/02): was due on 1 December 2026',
    )
    expect(t.mailer.sent[0]!.text).not.toContain('DARDR 2026/01')
  })

  it('wait while no e-mail server is set, rather than record reminders nobody received', async () => {
    const unsent = deathReviewReminders({
      db: t.db,
      mailer: memoryMailer({ delivers: false }),
      logger: t.deps.logger,
      baseUrl: t.deps.config.baseUrl,
      statutoryDates: id => t.services.deathReviews.statutoryDates(id),
      partnershipName: async () => partnershipName,
    })
    t.clock.set('2026-12-07T06:00:00Z')
    expect(await unsent.send(t.clock.now())).toEqual({ sent: 0, failed: 0 })
    expect(await t.db.selectFrom('deathReviewReminders').select('dateKey').where('reviewId', '=', reviewIds['DARDR 2026/03']!).execute()).toEqual([])
  })

  it('stop for a deadline that is done, and keep one that could not be sent for the next run', async () => {
    t.mailer.sent.length = 0
    t.clock.set('2026-12-07T07:00:00Z') // DARDR 2026/03's decision, due 20 December, comes within the fortnight
    const failing = deathReviewReminders({
      db: t.db,
      mailer: { delivers: true, send: () => Promise.reject(new Error('SMTP server unavailable')) },
      logger: t.deps.logger,
      baseUrl: t.deps.config.baseUrl,
      statutoryDates: id => t.services.deathReviews.statutoryDates(id),
      partnershipName: async () => partnershipName,
    })
    expect(await failing.send(t.clock.now())).toEqual({ sent: 0, failed: 2 })
    expect(
      await t.db
        .selectFrom('deathReviewReminders')
        .select('dateKey')
        .where('reviewId', '=', reviewIds['DARDR 2026/03']!)
        .execute(),
    ).toEqual([])

    await t.services.retention.runDue()
    expect(sentTo()).toEqual([emails.reviewer, emails.siteAdmin].sort())
    expect(t.mailer.sent[0]!.text).toContain(
      '- Decide whether to hold a review (DARDR 2026/03): due on 20 December 2026',
    )

    t.mailer.sent.length = 0
    // Every decision made on 7 December: on 21 December nothing is overdue (the reports are due in June).
    await t.db
      .updateTable('deathReviews')
      .set({ decision: 'review', decisionOn: '2026-12-07' })
      .where('partnershipId', '=', partnershipId)
      .execute()
    t.clock.set('2026-12-21T07:00:00Z')
    await t.services.retention.runDue()
    expect(t.mailer.sent).toEqual([])
  })
})
