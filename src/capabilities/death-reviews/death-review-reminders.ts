import { grantRepository } from '../../core/access/grant-repository.ts'
import { ukDate, type IsoDate } from '../../core/calendar/index.ts'
import type { JobRunner } from '../../core/jobs/index.ts'
import type { OutboxService } from '../../core/outbox/index.ts'
import type { Db } from '../../db/database.ts'
import type { Logger } from '../../logger.ts'
import type { Clock } from '../../shared/clock.ts'
import { formatDate } from '../../shared/format.ts'
import type { StatutoryDate } from '../statutory-duties/index.ts'

import { REMINDER_DAYS_BEFORE, remindersDue, type ReminderKind } from './domain/reminders.ts'

export interface ReminderDeps {
  db: Db
  clock: Clock
  logger: Logger
  jobs: JobRunner
  outbox: OutboxService
  /** Whether e-mails really leave (an e-mail server is set): while not, no reminder is queued. */
  delivers: boolean
  baseUrl: string
  /** The reviews' deadlines of a partnership (the service's statutoryDates). */
  statutoryDates(partnershipId: number): Promise<StatutoryDate[]>
  partnershipName(partnershipId: number): Promise<string>
}

/** The job that queues the day's reminders, its daily schedule, and the outbox category of the e-mails. */
export const REMINDER_JOB = 'death-reviews.reminders'
export const REMINDER_SCHEDULE = 'death-reviews.reminders.daily'
export const REMINDER_CATEGORY = 'death-review-reminder'

/** 'death-review:12:qa-report' → 12 */
const reviewIdOf = (key: string) => Number(key.split(':')[1])

function message(partnership: string, items: { date: StatutoryDate; kind: ReminderKind }[], baseUrl: string) {
  const line = ({ date, kind }: { date: StatutoryDate; kind: ReminderKind }) =>
    `- ${date.title}: ${kind === 'overdue' ? 'was due on' : 'due on'} ${formatDate(date.dueOn)}\n  ${baseUrl}${date.href}`
  const overdue = items.filter(i => i.kind === 'overdue')
  const upcoming = items.filter(i => i.kind === 'upcoming')
  const parts = [`Deadlines of the domestic abuse related death reviews of ${partnership}:`]
  if (overdue.length) parts.push(`Overdue\n${overdue.map(line).join('\n')}`)
  if (upcoming.length) parts.push(`Due within ${REMINDER_DAYS_BEFORE} days\n${upcoming.map(line).join('\n')}`)
  parts.push(
    `You get this e-mail because you may see the death reviews of ${partnership}. Each deadline is reminded once when it is ${REMINDER_DAYS_BEFORE} days away or nearer, and once when it has passed; an admin of the partnership can take away your access.`,
  )
  const counts = [
    overdue.length ? `${overdue.length} overdue` : '',
    upcoming.length ? `${upcoming.length} due soon` : '',
  ]
    .filter(Boolean)
    .join(', ')
  return { subject: `Death review deadlines, ${partnership}: ${counts}`, text: `${parts.join('\n\n')}\n` }
}

/**
 * The reminders of the reviews' deadlines, by e-mail to everyone the 'reviews' grant counts for (and no one
 * else): one e-mail per person and partnership listing the deadlines not reminded yet, naming reviews by case
 * reference only. A recurring job of the job runner queues them each morning; each e-mail goes through the
 * outbox (core/outbox), queued in the transaction that records its reminders, so it is sent once and retried
 * if the mail server does not take it. Just before it goes, the outbox checks that its recipient still holds
 * the grant. While no e-mail server is set (CSP_HUB_SMTP_URL) nothing is queued or recorded: the reminders wait
 * for one.
 */
export function deathReviewReminders(deps: ReminderDeps) {
  const { db, clock, logger, outbox } = deps

  async function stillHolds(partnershipId: number, userId: number): Promise<boolean> {
    return (await grantRepository.recipients(db, partnershipId, 'reviews')).some(r => r.userId === userId)
  }

  /** Queue the reminders due on a day; returns how many e-mails were queued. */
  async function queue(today: IsoDate): Promise<number> {
    if (!deps.delivers) return 0
    const partnerships = await db.selectFrom('deathReviews').select('partnershipId').distinct().orderBy('partnershipId').execute()
    let queued = 0
    const failed: string[] = []
    for (const { partnershipId } of partnerships) {
      try {
        const due = remindersDue(await deps.statutoryDates(partnershipId), today)
        if (!due.length) continue
        const recipients = await grantRepository.recipients(db, partnershipId, 'reviews')
        if (!recipients.length) continue
        const name = await deps.partnershipName(partnershipId)
        for (const recipient of recipients) {
          await db.transaction().execute(async trx => {
            const fresh: typeof due = []
            for (const item of due) {
              const recorded = await trx
                .insertInto('deathReviewReminders')
                .values({ partnershipId, reviewId: reviewIdOf(item.date.key), dateKey: item.date.key, dueOn: item.date.dueOn, kind: item.kind, userId: recipient.userId, queuedAt: clock.now() })
                .onConflict(oc => oc.columns(['dateKey', 'dueOn', 'kind', 'userId']).doNothing())
                .returning('dateKey')
                .executeTakeFirst()
              if (recorded) fresh.push(item)
            }
            if (!fresh.length) return
            const id = await outbox.queue(trx, {
              partnershipId,
              category: REMINDER_CATEGORY,
              dedupeKey: `${REMINDER_CATEGORY}:${partnershipId}:${recipient.userId}:${today}`,
              to: { email: recipient.email, name: recipient.name },
              ...message(name, fresh, deps.baseUrl),
              context: { userId: recipient.userId },
            })
            if (id !== null) queued += 1
          })
        }
      } catch (error) {
        logger.error({ err: error, partnershipId }, 'Could not queue the death review reminders of a partnership')
        failed.push(`partnership ${partnershipId}: ${error instanceof Error ? error.message : String(error)}`)
      }
    }
    // Another attempt queues only what is still missing (each reminder is recorded with its e-mail).
    if (failed.length) throw new Error(`Could not queue the death review reminders of ${failed.join('; ')}`)
    return queued
  }

  deps.jobs.register({
    kind: REMINDER_JOB,
    describe: 'Queue the day’s reminders of death review deadlines',
    run: async payload => ({ queued: await queue(typeof payload.slot === 'string' ? payload.slot : ukDate(clock.now())) }),
  })
  deps.jobs.schedule({ name: REMINDER_SCHEDULE, describe: 'Reminders of death review deadlines', cadence: { every: 'day', at: '07:00' }, kind: REMINDER_JOB })
  // Access taken away after the e-mail was queued: it does not go.
  outbox.checkBefore(REMINDER_CATEGORY, async email => {
    const userId = Number((email.context as { userId?: unknown }).userId)
    if (email.partnershipId === null || !(await stillHolds(email.partnershipId, userId))) return 'Its recipient no longer may see the death reviews'
    return null
  })

  return { queue }
}
