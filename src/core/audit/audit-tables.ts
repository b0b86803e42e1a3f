import type { ColumnType, Generated } from 'kysely'

import type { Json } from '../../db/column-types.ts'

/** The audit log's table (migration 0001-foundation): append-only, refused UPDATE, DELETE and TRUNCATE. */

export interface AuditEventsTable {
  id: Generated<number>
  occurredAt: ColumnType<Date, Date | undefined, never>
  actorUserId: number | null
  actorLabel: string
  partnershipId: number | null
  action: string
  entityType: string
  entityId: string | null
  summary: string
  before: Json | null
  after: Json | null
  requestId: string | null
}

export interface AuditTables {
  auditEvents: AuditEventsTable
}
