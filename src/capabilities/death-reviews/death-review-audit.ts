import type { Kysely } from 'kysely'

import type { PartnershipContext } from '../../core/access/partnership-context.ts'
import { auditLog } from '../../core/audit/audit-log.ts'
import type { Actor } from '../../core/audit/audit-entry.ts'
import type { Database } from '../../db/tables.ts'
import { NotFoundError } from '../../shared/errors.ts'

import { ANONYMISED_FIELDS } from './domain/retention.ts'

/**
 * The audit log of the review records: every read and every change, in the caller's transaction. The audit log
 * is read by coordinators who may not hold the reviews grant, so its entries name a review by its case reference
 * and never copy its personal details: a field such as the circumstances shows only as "(recorded)" or
 * "(removed)", so the log says what changed without repeating it.
 */
type ReviewTable = 'deathReviews' | 'deathReviewPanelMembers' | 'deathReviewMeetings' | 'deathReviewExtensions' | 'deathReviewActions' | 'deathReviewActionUpdates'

const PERSONAL: Partial<Record<ReviewTable, readonly string[]>> = {
  deathReviews: ANONYMISED_FIELDS,
  deathReviewMeetings: ['notes'],
}

/** A row fit for the audit log: personal details replaced by whether they are there. */
export function redacted(table: ReviewTable, row: object | null | undefined): Record<string, unknown> | null {
  if (!row) return null
  const personal = PERSONAL[table] ?? []
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, personal.includes(key) && value !== null && value !== '' ? '(recorded)' : value]))
}

// Kysely's types cannot follow a table chosen at run time; the public signatures stay typed.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>

export interface ReviewTarget {
  table: ReviewTable
  entityType: string
  /** The words after the entity type in the summary, e.g. 'of review DHR 2024/01'. */
  label: string
}

export const reviewAudit = {
  /** Someone looked at review records. */
  async read(db: Kysely<Database>, ctx: PartnershipContext, entityType: string, entityId: number | null, summary: string): Promise<void> {
    await auditLog.record(db, ctx.actor, { partnershipId: ctx.partnership.id, action: 'read', entityType, entityId, summary })
  },

  async insert(trx: Kysely<Database>, actor: Actor, partnershipId: number, target: ReviewTarget, values: Record<string, unknown>): Promise<{ id: number }> {
    const row = await (trx as AnyDb)
      .insertInto(target.table)
      .values({ ...values, partnershipId })
      .returningAll()
      .executeTakeFirstOrThrow()
    await auditLog.record(trx, actor, {
      partnershipId,
      action: 'create',
      entityType: target.entityType,
      entityId: row.id as number,
      summary: `Added ${target.entityType} ${target.label}`,
      after: redacted(target.table, row),
    })
    return row as { id: number }
  },

  async update(trx: Kysely<Database>, actor: Actor, partnershipId: number, target: ReviewTarget, id: number, values: Record<string, unknown>, now: Date): Promise<void> {
    const before = await (trx as AnyDb).selectFrom(target.table).selectAll().where('id', '=', id).where('partnershipId', '=', partnershipId).executeTakeFirst()
    if (!before) throw new NotFoundError(target.entityType)
    const withTime = target.table === 'deathReviewActionUpdates' ? values : { ...values, updatedAt: now }
    const after = await (trx as AnyDb).updateTable(target.table).set(withTime).where('id', '=', id).where('partnershipId', '=', partnershipId).returningAll().executeTakeFirstOrThrow()
    await auditLog.record(trx, actor, {
      partnershipId,
      action: 'update',
      entityType: target.entityType,
      entityId: id,
      summary: `Updated ${target.entityType} ${target.label}`,
      before: redacted(target.table, before),
      after: redacted(target.table, after),
    })
  },

  async delete(trx: Kysely<Database>, actor: Actor, partnershipId: number, target: ReviewTarget, id: number, summary?: string): Promise<void> {
    const before = await (trx as AnyDb).selectFrom(target.table).selectAll().where('id', '=', id).where('partnershipId', '=', partnershipId).executeTakeFirst()
    if (!before) throw new NotFoundError(target.entityType)
    await (trx as AnyDb).deleteFrom(target.table).where('id', '=', id).where('partnershipId', '=', partnershipId).execute()
    await auditLog.record(trx, actor, {
      partnershipId,
      action: 'delete',
      entityType: target.entityType,
      entityId: id,
      summary: summary ?? `Deleted ${target.entityType} ${target.label}`,
      before: redacted(target.table, before),
    })
  },
}
