import type { Kysely } from 'kysely'

import type { Database } from '../../db/tables.ts'

export interface AuditEvent {
  id: number
  occurredAt: Date
  actorUserId: number | null
  actorLabel: string
  partnershipId: number | null
  action: string
  entityType: string
  entityId: string | null
  summary: string
  before: Record<string, unknown> | null
  after: Record<string, unknown> | null
  requestId: string | null
}

export interface AuditFilter {
  partnershipId?: number | null | undefined
  entityType?: string | undefined
  action?: string | undefined
  actorUserId?: number | undefined
  from?: Date | undefined
  to?: Date | undefined
  entityId?: string | undefined
}

/** The read side of the audit log: the pages that browse it (the write side is core/audit). */
export const auditRepository = {
  async list(db: Kysely<Database>, filter: AuditFilter, page: { limit: number; offset: number }) {
    let query = db.selectFrom('auditEvents')
    if (filter.partnershipId !== undefined) {
      query =
        filter.partnershipId === null
          ? query.where('partnershipId', 'is', null)
          : query.where('partnershipId', '=', filter.partnershipId)
    }
    if (filter.entityType) query = query.where('entityType', '=', filter.entityType)
    if (filter.entityId) query = query.where('entityId', '=', filter.entityId)
    if (filter.action) query = query.where('action', '=', filter.action)
    if (filter.actorUserId) query = query.where('actorUserId', '=', filter.actorUserId)
    if (filter.from) query = query.where('occurredAt', '>=', filter.from)
    if (filter.to) query = query.where('occurredAt', '<', filter.to)
    const [rows, total] = await Promise.all([
      query.selectAll().orderBy('id', 'desc').limit(page.limit).offset(page.offset).execute(),
      query.select(eb => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow(),
    ])
    return { events: rows as AuditEvent[], total: Number(total.count) }
  },

  async facets(db: Kysely<Database>, partnershipId: number | null) {
    const scoped = db
      .selectFrom('auditEvents')
      .where(eb => (partnershipId === null ? eb('partnershipId', 'is', null) : eb('partnershipId', '=', partnershipId)))
    const [entityTypes, actions, actors] = await Promise.all([
      scoped.select('entityType').distinct().orderBy('entityType').execute(),
      scoped.select('action').distinct().orderBy('action').execute(),
      scoped.select(['actorUserId', 'actorLabel']).distinct().where('actorUserId', 'is not', null).orderBy('actorLabel').execute(),
    ])
    return {
      entityTypes: entityTypes.map(row => row.entityType),
      actions: actions.map(row => row.action),
      actors: actors.map(row => ({ id: row.actorUserId as number, label: row.actorLabel })),
    }
  },
}
