import type { Kysely } from 'kysely'

import type { Database, Row } from '../../db/tables.ts'
import { NotFoundError } from '../../shared/errors.ts'

import { auditLog } from './audit-log.ts'
import type { Actor } from './audit-entry.ts'

/**
 * Create, update and delete one row of a partnership's table together with its audit record, in the
 * caller's transaction. Every query is scoped to the partnership, so a row of another partnership is
 * simply not found.
 */

type PartnershipTable = {
  [K in keyof Database]: Database[K] extends { partnershipId: number; id: unknown } ? K : never
}[keyof Database]

export interface ChangeTarget<T extends PartnershipTable> {
  table: T
  partnershipId: number
  /** The name written in the audit log, e.g. 'organisation'. */
  entityType: string
  /** One line for the audit log, from the row as it is after (or before, for a delete) the change. */
  describe: (row: Row<T>) => string
}

// Kysely's types cannot follow a table chosen at run time; the public signatures stay typed.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>

export async function auditedInsert<T extends PartnershipTable>(
  trx: Kysely<Database>,
  actor: Actor,
  target: ChangeTarget<T>,
  values: Record<string, unknown>,
): Promise<Row<T>> {
  const row = await (trx as AnyDb)
    .insertInto(target.table as string)
    .values({ ...values, partnershipId: target.partnershipId })
    .returningAll()
    .executeTakeFirstOrThrow()
  await auditLog.record(trx, actor, {
    partnershipId: target.partnershipId,
    action: 'create',
    entityType: target.entityType,
    entityId: row.id,
    summary: `Created ${target.entityType} “${target.describe(row as Row<T>)}”`,
    after: row,
  })
  return row as Row<T>
}

export async function findInPartnership<T extends PartnershipTable>(
  trx: Kysely<Database>,
  target: Pick<ChangeTarget<T>, 'table' | 'partnershipId' | 'entityType'>,
  id: number,
): Promise<Row<T>> {
  const row = await (trx as AnyDb)
    .selectFrom(target.table as string)
    .selectAll()
    .where('id', '=', id)
    .where('partnershipId', '=', target.partnershipId)
    .executeTakeFirst()
  if (!row) throw new NotFoundError(target.entityType)
  return row as Row<T>
}

export async function auditedUpdate<T extends PartnershipTable>(
  trx: Kysely<Database>,
  actor: Actor,
  target: ChangeTarget<T>,
  id: number,
  values: Record<string, unknown>,
  now: Date,
): Promise<Row<T>> {
  const before = await findInPartnership(trx, target, id)
  const after = await (trx as AnyDb)
    .updateTable(target.table as string)
    .set({ ...values, updatedAt: now })
    .where('id', '=', id)
    .where('partnershipId', '=', target.partnershipId)
    .returningAll()
    .executeTakeFirstOrThrow()
  await auditLog.record(trx, actor, {
    partnershipId: target.partnershipId,
    action: 'update',
    entityType: target.entityType,
    entityId: id,
    summary: `Updated ${target.entityType} “${target.describe(after as Row<T>)}”`,
    before,
    after,
  })
  return after as Row<T>
}

export async function auditedDelete<T extends PartnershipTable>(
  trx: Kysely<Database>,
  actor: Actor,
  target: ChangeTarget<T>,
  id: number,
): Promise<Row<T>> {
  const before = await findInPartnership(trx, target, id)
  await (trx as AnyDb)
    .deleteFrom(target.table as string)
    .where('id', '=', id)
    .where('partnershipId', '=', target.partnershipId)
    .execute()
  await auditLog.record(trx, actor, {
    partnershipId: target.partnershipId,
    action: 'delete',
    entityType: target.entityType,
    entityId: id,
    summary: `Deleted ${target.entityType} “${target.describe(before)}”`,
    before,
  })
  return before
}
