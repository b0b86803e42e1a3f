import type { Kysely } from 'kysely'

import type { Database } from '../../db/tables.ts'

import { auditSnapshot, type Actor, type AuditEntry } from './audit-entry.ts'

/**
 * The write side of the audit log. Append-only: the table has triggers that refuse UPDATE, DELETE and
 * TRUNCATE. Always call `record` with the same transaction as the change it describes, so the change and
 * its record stand or fall together. (The pages that read the log are the audit capability's.)
 */
export const auditLog = {
  async record(trx: Kysely<Database>, actor: Actor, entry: AuditEntry): Promise<void> {
    await trx
      .insertInto('auditEvents')
      .values({
        actorUserId: actor.userId,
        actorLabel: actor.label,
        partnershipId: entry.partnershipId,
        action: entry.action,
        entityType: entry.entityType,
        entityId: entry.entityId === null ? null : String(entry.entityId),
        summary: entry.summary,
        before: entry.before ? JSON.stringify(auditSnapshot(entry.before)) : null,
        after: entry.after ? JSON.stringify(auditSnapshot(entry.after)) : null,
        requestId: actor.requestId ?? null,
      })
      .execute()
  },
}
