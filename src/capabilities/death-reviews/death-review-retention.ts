import type { Actor } from '../../core/audit/audit-entry.ts'
import { auditLog } from '../../core/audit/audit-log.ts'
import { ukDate } from '../../core/calendar/index.ts'
import type { Db } from '../../db/database.ts'
import { formatDate } from '../../shared/format.ts'
import type { RetentionOutcome } from '../statutory-duties/index.ts'

import { redacted } from './death-review-audit.ts'
import { deathReviewRepository as repo } from './death-review-repository.ts'
import { ANONYMISED_FIELDS, isRetentionDue, MEETING_RETENTION, retentionDueOn, REVIEW_RETENTION } from './domain/retention.ts'
import { closedOn, type ReviewDates } from './domain/timescales.ts'

const RETENTION_ACTOR: Actor = { userId: null, label: 'system (retention rules)' }

/**
 * The retention rules applied (domain/retention.ts): the reviews closed long enough ago are anonymised, and their
 * meetings deleted. One transaction: all of it or none; each record changed gets its own audit entry, by the
 * system. Running it again changes nothing more.
 */
export function deathReviewRetention({ db }: { db: Db }) {
  return {
    async run(now: Date): Promise<RetentionOutcome[]> {
      const today = ukDate(now)
      return db.transaction().execute(async trx => {
        const reviews = (await repo.allForRetention(trx)) as (ReviewDates & { id: number; partnershipId: number; caseReference: string; anonymisedAt: Date | null })[]
        let anonymised = 0
        let deleted = 0
        for (const review of reviews) {
          const closed = formatDate(closedOn(review))
          if (!review.anonymisedAt && isRetentionDue(REVIEW_RETENTION, review, today)) {
            const before = await trx.selectFrom('deathReviews').selectAll().where('id', '=', review.id).executeTakeFirstOrThrow()
            const cleared = Object.fromEntries(ANONYMISED_FIELDS.map(field => [field, null]))
            await trx.updateTable('deathReviews').set({ ...cleared, anonymisedAt: now, updatedAt: now }).where('id', '=', review.id).execute()
            await auditLog.record(trx, RETENTION_ACTOR, {
              partnershipId: review.partnershipId,
              action: 'anonymise',
              entityType: 'death review',
              entityId: review.id,
              summary: `Anonymised death review ${review.caseReference}: ${REVIEW_RETENTION.years} years after it closed on ${closed} (due ${formatDate(retentionDueOn(REVIEW_RETENTION, review))})`,
              before: redacted('deathReviews', Object.fromEntries(ANONYMISED_FIELDS.map(field => [field, before[field]]))),
              after: { ...cleared, anonymisedAt: now },
            })
            anonymised += 1
          }
          if (isRetentionDue(MEETING_RETENTION, review, today)) {
            const meetings = await trx.selectFrom('deathReviewMeetings').selectAll().where('partnershipId', '=', review.partnershipId).where('reviewId', '=', review.id).execute()
            for (const meeting of meetings) {
              await trx.deleteFrom('deathReviewMeetings').where('id', '=', meeting.id).execute()
              await auditLog.record(trx, RETENTION_ACTOR, {
                partnershipId: review.partnershipId,
                action: 'delete',
                entityType: 'death review meeting',
                entityId: meeting.id,
                summary: `Deleted a meeting of death review ${review.caseReference}: ${MEETING_RETENTION.years} years after the review closed on ${closed}`,
                before: redacted('deathReviewMeetings', meeting),
              })
              deleted += 1
            }
          }
        }
        return [
          { recordType: REVIEW_RETENTION.recordType, action: REVIEW_RETENTION.action, count: anonymised },
          { recordType: MEETING_RETENTION.recordType, action: MEETING_RETENTION.action, count: deleted },
        ]
      })
    },
  }
}
