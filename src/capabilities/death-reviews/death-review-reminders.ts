import { grantRepository } from '../../core/access/grant-repository.ts'
import { ukDate } from '../../core/calendar/index.ts'
import type { Db } from '../../db/database.ts'
import type { Logger } from '../../logger.ts'
import type { Mailer } from '../../mailer.ts'
import { formatDate } from '../../shared/format.ts'
import type { StatutoryDate } from '../statutory-duties/index.ts'

import { REMINDER_DAYS_BEFORE, remindersDue, type ReminderKind } from './domain/reminders.ts'

export interface ReminderDeps {
  db: Db
  mailer: Mailer
  logger: Logger
  baseUrl: string
  /** The reviews' deadlines of a partnership (the service's statutoryDates). */
  statutoryDates(partnershipId: number): Promise<StatutoryDate[]>
  partnershipName(partnershipId: number): Promise<string>
}

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
 * else): one e-mail per person and partnership listing the deadlines not reminded yet. The e-mails name reviews
 * by case reference only. A reminder is recorded in the e-mail's transaction, so it goes once; one that could
 * not be sent is left for the next run, as are all of them while no e-mail server is set (CSP_HUB_SMTP_URL).
 */
export function deathReviewReminders(deps: ReminderDeps) {
  const { db, mailer, logger } = deps
  return {
    async send(now: Date): Promise<{ sent: number; failed: number }> {
      // Without an e-mail server nothing would reach anyone: keep every reminder for when one is set.
      if (!mailer.delivers) return { sent: 0, failed: 0 }
      const today = ukDate(now)
      const partnerships = await db
        .selectFrom('deathReviews')
        .select('partnershipId')
        .distinct()
        .orderBy('partnershipId')
        .execute()
      let sent = 0
      let failed = 0
      for (const { partnershipId } of partnerships) {
        const due = remindersDue(await deps.statutoryDates(partnershipId), today)
        if (!due.length) continue
        const recipients = await grantRepository.recipients(db, partnershipId, 'reviews')
        if (!recipients.length) continue
        const name = await deps.partnershipName(partnershipId)
        for (const recipient of recipients) {
          try {
            await db.transaction().execute(async trx => {
              const fresh: typeof due = []
              for (const item of due) {
                const recorded = await trx
                  .insertInto('deathReviewReminders')
                  .values({
                    partnershipId,
                    reviewId: reviewIdOf(item.date.key),
                    dateKey: item.date.key,
                    dueOn: item.date.dueOn,
                    kind: item.kind,
                    userId: recipient.userId,
                    sentAt: now,
                  })
                  .onConflict(oc => oc.columns(['dateKey', 'dueOn', 'kind', 'userId']).doNothing())
                  .returning('dateKey')
                  .executeTakeFirst()
                if (recorded) fresh.push(item)
              }
              if (!fresh.length) return
              await mailer.send({ to: recipient.email, ...message(name, fresh, deps.baseUrl) })
              sent += 1
            })
          } catch (error) {
            failed += 1
            logger.error(
              { err: error, partnershipId, userId: recipient.userId },
              'A death review reminder could not be sent: the next run tries again',
            )
          }
        }
      }
      return { sent, failed }
    },
  }
}
