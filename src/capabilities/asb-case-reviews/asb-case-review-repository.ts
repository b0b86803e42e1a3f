import type { Kysely } from 'kysely'

import { auditLog } from '../../core/audit/audit-log.ts'
import type { Actor } from '../../core/audit/audit-entry.ts'
import type { Db } from '../../db/database.ts'
import type { Database, Row } from '../../db/tables.ts'

import { DEFAULT_THRESHOLD, type Threshold } from './domain/case-reviews.ts'

export type ApplicationRow = Row<'asbCaseReviews'>

/** The fields the retention rule removes: the audit log records only whether they were there. */
export const PERSONAL_FIELDS = ['applicantReference', 'summary'] as const

export function redacted(row: object | null | undefined): Record<string, unknown> | null {
  if (!row) return null
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, (PERSONAL_FIELDS as readonly string[]).includes(key) && value ? '(recorded)' : value]))
}

/** Queries of the ASB case review tables, scoped to a partnership; changes are audited in the caller's transaction. */
export const asbCaseReviewRepository = {
  async list(db: Db, partnershipId: number): Promise<ApplicationRow[]> {
    return db.selectFrom('asbCaseReviews').selectAll().where('partnershipId', '=', partnershipId).orderBy('receivedOn', 'desc').orderBy('id', 'desc').execute()
  },

  async find(db: Db, partnershipId: number, id: number): Promise<ApplicationRow | undefined> {
    return db.selectFrom('asbCaseReviews').selectAll().where('partnershipId', '=', partnershipId).where('id', '=', id).executeTakeFirst()
  },

  async threshold(db: Db, partnershipId: number): Promise<Threshold> {
    const row = await db.selectFrom('asbCaseReviewSettings').selectAll().where('partnershipId', '=', partnershipId).executeTakeFirst()
    return row ? { complaints: row.thresholdComplaints, months: row.thresholdMonths } : DEFAULT_THRESHOLD
  },

  async publications(db: Db, partnershipId: number) {
    return db.selectFrom('asbCaseReviewPublications').selectAll().where('partnershipId', '=', partnershipId).orderBy('year', 'desc').execute()
  },

  async insert(trx: Kysely<Database>, actor: Actor, partnershipId: number, values: Record<string, unknown>): Promise<ApplicationRow> {
    const row = await trx
      .insertInto('asbCaseReviews')
      .values({ ...(values as { reference: string; receivedOn: string; complaintsCount: number }), partnershipId })
      .returningAll()
      .executeTakeFirstOrThrow()
    await auditLog.record(trx, actor, { partnershipId, action: 'create', entityType: 'ASB case review', entityId: row.id, summary: `Added ASB case review application ${row.reference}`, after: redacted(row) })
    return row
  },

  async update(trx: Kysely<Database>, actor: Actor, before: ApplicationRow, values: Record<string, unknown>, now: Date): Promise<ApplicationRow> {
    const after = await trx
      .updateTable('asbCaseReviews')
      .set({ ...values, updatedAt: now })
      .where('id', '=', before.id)
      .where('partnershipId', '=', before.partnershipId)
      .returningAll()
      .executeTakeFirstOrThrow()
    await auditLog.record(trx, actor, { partnershipId: before.partnershipId, action: 'update', entityType: 'ASB case review', entityId: before.id, summary: `Updated ASB case review application ${after.reference}`, before: redacted(before), after: redacted(after) })
    return after
  },

  async delete(trx: Kysely<Database>, actor: Actor, before: ApplicationRow): Promise<void> {
    await trx.deleteFrom('asbCaseReviews').where('id', '=', before.id).where('partnershipId', '=', before.partnershipId).execute()
    await auditLog.record(trx, actor, { partnershipId: before.partnershipId, action: 'delete', entityType: 'ASB case review', entityId: before.id, summary: `Deleted ASB case review application ${before.reference}`, before: redacted(before) })
  },
}
