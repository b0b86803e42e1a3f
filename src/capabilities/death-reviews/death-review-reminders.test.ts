import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { aPartnership, aUser } from '#test/helpers/builders'
import { createTestApp, type TestApp } from '#test/helpers/test-app'

import { jobRunner } from '../../core/jobs/index.ts'
import { outboxService } from '../../core/outbox/index.ts'
import type { Mailer } from '../../mailer.ts'

import { deathReviewReminders, REMINDER_CATEGORY } from './death-review-reminders.ts'

/**
 * Reminders of the death reviews' deadlines, queued by the daily job at 07:00 (UK) on 25 November 2026 and sent
 * through the outbox: to everyone the 'reviews' grant counts for (a member holding it, a site administrator
 * holding it), and to no one else (a coordinator without it, a holder whose role was taken away, a disabled
 * holder). A deadline is reminded once when a fortnight away or nearer and once when passed; the e-mails name
 * reviews by case reference only; an e-mail the mail server refused is tried again, and one whose recipient
 * lost the grant before it went is not sent.
 */
let t: TestApp
let partnershipId: number
let partnershipName: string
const emails = { reviewer: '', siteAdmin: '' }
const reviewIds: Record<string, number> = {}
let reviewerId = 0

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
const sentTo = () => t.mailer.sent.map(m => /<(.+)>/.exec(m.to)?.[1] ?? m.to).sort()

beforeAll(async () => {
  t = await createTestApp({ now: '2026-11-25T07:00:00Z' })
  const { partnership } = await aPartnership(t)
  partnershipId = partnership.id
  partnershipName = partnership.name
  const reviewer = await aUser(t, { role: 'member', partnershipId })
  emails.reviewer = reviewer.email
  reviewerId = reviewer.id
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

/** Another server's runner and outbox, with a mail server that refuses while `refusing` is set. */
function serverWithMailer(options: { delivers?: boolean } = {}) {
  const state = { refusing: true, sent: [] as string[] }
  const mailer: Mailer = {
    delivers: options.delivers ?? true,
    send: async message => {
      if (state.refusing) throw new Error('SMTP server unavailable')
      state.sent.push(message.to)
    },
  }
  const jobs = jobRunner({ db: t.db, clock: t.clock, logger: t.deps.logger, runnerId: 'other-server:1' })
  const outbox = outboxService({ db: t.db, clock: t.clock, mailer, jobs, logger: t.deps.logger, messageIdDomain: 'localhost' })
  const reminders = deathReviewReminders({
    ...{ db: t.db, clock: t.clock, logger: t.deps.logger, jobs, outbox, delivers: mailer.delivers, baseUrl: t.deps.config.baseUrl },
    statutoryDates: id => t.services.deathReviews.statutoryDates(id),
    partnershipName: async () => partnershipName,
  })
  return { state, jobs, reminders }
}
const outboxRows = () => t.db.selectFrom('outboundEmails').select(['recipientEmail', 'status', 'reason']).where('category', '=', REMINDER_CATEGORY).orderBy('id').execute()

describe('death review reminders', () => {
  it('go with the day’s job through the outbox to the grant’s holders only, listing what is overdue and what is due within a fortnight, by case reference', async () => {
    await t.services.jobs.tick()
    expect(sentTo()).toEqual([emails.reviewer, emails.siteAdmin].sort())
    expect((await outboxRows()).map(r => r.status)).toEqual(['sent', 'sent'])
    const mail = t.mailer.sent.find(m => m.to.includes(emails.reviewer))!
    expect(mail.subject).toBe(`Death review deadlines, ${partnershipName}: 1 overdue, 1 due soon`)
    expect(mail.text).toContain(
      `Overdue\n- Decide whether to hold a review (DARDR 2026/01): was due on 1 November 2026\n  ${t.deps.config.baseUrl}/partnerships/${partnershipId}/death-reviews/${reviewIds['DARDR 2026/01']}`,
    )
    expect(mail.text).toContain('Due within 14 days\n- Decide whether to hold a review (DARDR 2026/02): due on 1 December 2026')
    expect(mail.text).not.toContain('DARDR 2026/03')
    expect(mail.text).not.toMatch(/SECRET/)
  })

  it('remind of each deadline once: nothing later that day or the next, the next reminder when one passes undone', async () => {
    t.mailer.sent.length = 0
    t.clock.set('2026-11-25T15:00:00Z')
    await t.services.jobs.tick()
    t.clock.set('2026-11-26T07:00:00Z')
    await t.services.jobs.tick()
    expect(t.mailer.sent).toEqual([])

    t.clock.set('2026-12-02T07:00:00Z')
    await t.services.jobs.tick()
    expect(sentTo()).toEqual([emails.reviewer, emails.siteAdmin].sort())
    expect(t.mailer.sent[0]!.subject).toBe(`Death review deadlines, ${partnershipName}: 1 overdue`)
    expect(t.mailer.sent[0]!.text).toContain('- Decide whether to hold a review (DARDR 2026/02): was due on 1 December 2026')
    expect(t.mailer.sent[0]!.text).not.toContain('DARDR 2026/01')
  })

  it('wait while no e-mail server is set, rather than record reminders nobody received', async () => {
    const { reminders } = serverWithMailer({ delivers: false })
    expect(await reminders.queue('2026-12-07')).toBe(0)
    expect(await t.db.selectFrom('deathReviewReminders').select('dateKey').where('reviewId', '=', reviewIds['DARDR 2026/03']!).execute()).toEqual([])
  })

  it('are tried again when the mail server refuses them, sent once, and not sent to someone who lost the grant before they went', async () => {
    t.mailer.sent.length = 0
    t.clock.set('2026-12-07T07:00:00Z') // DARDR 2026/03's decision, due 20 December, comes within the fortnight
    const other = serverWithMailer()
    const first = await other.jobs.tick()
    expect(first.ran.filter(r => r.kind === 'outbox.send').map(r => r.status)).toEqual(['retrying', 'retrying'])
    expect((await outboxRows()).slice(-2)).toMatchObject([
      { status: 'queued', reason: 'The mail server did not take it: SMTP server unavailable' },
      { status: 'queued', reason: 'The mail server did not take it: SMTP server unavailable' },
    ])

    await t.db.deleteFrom('accessGrants').where('userId', '=', reviewerId).execute()
    other.state.refusing = false
    t.clock.advanceMinutes(6)
    await other.jobs.tick()
    expect(other.state.sent).toEqual([expect.stringContaining(emails.siteAdmin)])
    expect((await outboxRows()).slice(-2).map(r => [r.recipientEmail, r.status, r.reason])).toEqual([
      [emails.reviewer, 'skipped', 'Its recipient no longer may see the death reviews'],
      [emails.siteAdmin, 'sent', null],
    ])
    t.clock.advanceMinutes(60)
    await Promise.all([other.jobs.tick(), t.services.jobs.tick()])
    expect(other.state.sent).toHaveLength(1)
    expect(t.mailer.sent).toEqual([])
    await grant(reviewerId)
  })

  it('stop for a deadline that is done', async () => {
    t.mailer.sent.length = 0
    // Every decision made on 7 December: on 21 December nothing is overdue (the reports are due in June).
    await t.db.updateTable('deathReviews').set({ decision: 'review', decisionOn: '2026-12-07' }).where('partnershipId', '=', partnershipId).execute()
    t.clock.set('2026-12-21T07:00:00Z')
    await t.services.jobs.tick()
    expect(t.mailer.sent).toEqual([])
  })
})
