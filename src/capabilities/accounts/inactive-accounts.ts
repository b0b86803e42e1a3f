import type { Db } from '../../db/database.ts'
import type { Clock } from '../../shared/clock.ts'
import { auditLog } from '../../core/audit/audit-log.ts'
import type { Actor } from '../../core/audit/audit-entry.ts'

import { inactivityCutoff, isInactive } from './domain/inactivity.ts'

export const INACTIVITY_ACTOR: Actor = { userId: null, label: 'inactive account rule' }

/**
 * The rule of domain/inactivity.ts applied to every account: run at each sign-in (so an account is never
 * let in past its limit) and by `csp-hub accounts disable-inactive` (so accounts are disabled even when
 * nobody signs in; a scheduled job can run the same). Each account disabled is written to the audit log.
 */
export function inactiveAccounts({ db, clock, days }: { db: Db; clock: Clock; days: number | undefined }) {
  return {
    days,

    async disableInactive(actor: Actor = INACTIVITY_ACTOR): Promise<{ id: number; email: string }[]> {
      if (!days) return []
      const now = clock.now()
      const candidates = await db
        .selectFrom('users')
        .select(['id', 'email', 'createdAt', 'lastSignedInAt', 'enabledAt'])
        .select(eb =>
          eb
            .selectFrom('apiTokens')
            .select(t => t.fn.max('apiTokens.lastUsedAt').as('m'))
            .whereRef('apiTokens.userId', '=', 'users.id')
            .as('lastTokenUseAt'),
        )
        .where('disabledAt', 'is', null)
        .where('createdAt', '<', inactivityCutoff(now, days))
        .execute()
      const inactive = candidates.filter(c => isInactive({ ...c, lastTokenUseAt: c.lastTokenUseAt ? new Date(c.lastTokenUseAt) : null }, now, days))
      if (!inactive.length) return []
      return db.transaction().execute(async trx => {
        const disabled = await trx
          .updateTable('users')
          .set({ disabledAt: now, updatedAt: now })
          .where('id', 'in', inactive.map(u => u.id))
          .where('disabledAt', 'is', null)
          .returning(['id', 'email'])
          .execute()
        if (disabled.length) await trx.deleteFrom('sessions').where('userId', 'in', disabled.map(u => u.id)).execute()
        for (const user of disabled) {
          await auditLog.record(trx, actor, {
            partnershipId: null,
            action: 'disable',
            entityType: 'user',
            entityId: user.id,
            summary: `Disabled ${user.email}: not used for more than ${days} days`,
          })
        }
        return disabled
      })
    },

    /** An admin lets a disabled account sign in again; it counts as used from now. */
    async enable(userId: number, actor: Actor, partnershipId: number | null): Promise<void> {
      const now = clock.now()
      await db.transaction().execute(async trx => {
        const user = await trx
          .updateTable('users')
          .set({ disabledAt: null, enabledAt: now, updatedAt: now })
          .where('id', '=', userId)
          .where('disabledAt', 'is not', null)
          .returning(['id', 'email'])
          .executeTakeFirst()
        if (!user) return
        await auditLog.record(trx, actor, {
          partnershipId,
          action: 'enable',
          entityType: 'user',
          entityId: user.id,
          summary: `Enabled ${user.email} again`,
        })
      })
    },
  }
}
export type InactiveAccounts = ReturnType<typeof inactiveAccounts>
