import type { Kysely } from 'kysely'

import type { Db } from '../../db/database.ts'
import type { Database } from '../../db/tables.ts'
import { NotFoundError } from '../../shared/errors.ts'
import { auditLog } from '../audit/audit-log.ts'
import type { Actor } from '../audit/audit-entry.ts'

import { GRANT_LABELS, type Grant } from './grants.ts'

/** Someone who holds a role in the partnership, with the grants they hold there. */
export interface GrantHolder {
  userId: number
  name: string
  email: string
  role: string | null
  /** A site administrator may hold a grant without a role in the partnership. */
  isSiteAdmin: boolean
  grants: Grant[]
}

/**
 * The grants (grants.ts): read when the partnership context is made, and given or taken by an admin, each
 * change with its audit record in the caller's transaction.
 */
export const grantRepository = {
  async held(db: Db, partnershipId: number, userId: number): Promise<Set<Grant>> {
    const rows = await db.selectFrom('accessGrants').select('grant').where('partnershipId', '=', partnershipId).where('userId', '=', userId).execute()
    return new Set(rows.map(row => row.grant))
  },

  /** Everyone with a role in the partnership, and anyone else who still holds a grant there, by name. */
  async holders(db: Db, partnershipId: number): Promise<GrantHolder[]> {
    const [roles, grants] = await Promise.all([
      db
        .selectFrom('partnershipRoles')
        .innerJoin('users', 'users.id', 'partnershipRoles.userId')
        .select(['users.id as userId', 'users.name', 'users.email', 'users.isSiteAdmin', 'partnershipRoles.role'])
        .where('partnershipRoles.partnershipId', '=', partnershipId)
        .execute(),
      db
        .selectFrom('accessGrants')
        .innerJoin('users', 'users.id', 'accessGrants.userId')
        .select(['users.id as userId', 'users.name', 'users.email', 'users.isSiteAdmin', 'accessGrants.grant'])
        .where('accessGrants.partnershipId', '=', partnershipId)
        .execute(),
    ])
    const byUser = new Map<number, GrantHolder>()
    for (const row of roles) byUser.set(row.userId, { userId: row.userId, name: row.name, email: row.email, role: row.role, isSiteAdmin: row.isSiteAdmin, grants: [] })
    for (const row of grants) {
      const holder = byUser.get(row.userId) ?? { userId: row.userId, name: row.name, email: row.email, role: null, isSiteAdmin: row.isSiteAdmin, grants: [] }
      holder.grants.push(row.grant)
      byUser.set(row.userId, holder)
    }
    return [...byUser.values()].sort((a, b) => a.name.localeCompare(b.name, 'en-GB') || a.email.localeCompare(b.email))
  },

  /** Who the grant counts for now, to write to: holders with a role in the partnership or site administrators, their accounts not disabled. */
  async recipients(db: Db, partnershipId: number, grant: Grant): Promise<{ userId: number; name: string; email: string }[]> {
    return db
      .selectFrom('accessGrants')
      .innerJoin('users', 'users.id', 'accessGrants.userId')
      .select(['users.id as userId', 'users.name', 'users.email'])
      .where('accessGrants.partnershipId', '=', partnershipId)
      .where('accessGrants.grant', '=', grant)
      .where('users.disabledAt', 'is', null)
      .where(eb =>
        eb.or([
          eb('users.isSiteAdmin', '=', true),
          eb.exists(eb.selectFrom('partnershipRoles').select('partnershipRoles.userId').whereRef('partnershipRoles.userId', '=', 'users.id').where('partnershipRoles.partnershipId', '=', partnershipId)),
        ]),
      )
      .orderBy('users.id')
      .execute()
  },

  /** Give a grant to someone with a role in the partnership, or a site administrator (a no-op if they hold it already). */
  async give(trx: Kysely<Database>, actor: Actor, partnershipId: number, userId: number, grant: Grant): Promise<void> {
    const withRole = (await grantRepository.holders(trx, partnershipId)).find(h => h.userId === userId && h.role !== null)
    const siteAdmin = withRole ? undefined : await trx.selectFrom('users').select(['id as userId', 'name', 'email']).where('id', '=', userId).where('isSiteAdmin', '=', true).executeTakeFirst()
    const holder = withRole ?? (siteAdmin && { ...siteAdmin, role: null, isSiteAdmin: true, grants: [...(await grantRepository.held(trx, partnershipId, userId))] })
    if (!holder) throw new NotFoundError('Account')
    if (holder.grants.includes(grant)) return
    await trx.insertInto('accessGrants').values({ partnershipId, userId, grant, grantedByLabel: actor.label }).execute()
    await auditLog.record(trx, actor, {
      partnershipId,
      action: 'grant',
      entityType: 'access grant',
      entityId: userId,
      summary: `Gave ${holder.email} access to ${GRANT_LABELS[grant].toLowerCase()}`,
      after: { userId, email: holder.email, grant },
    })
  },

  /** Take a grant away (a no-op if it is not held). */
  async take(trx: Kysely<Database>, actor: Actor, partnershipId: number, userId: number, grant: Grant): Promise<void> {
    const holder = (await grantRepository.holders(trx, partnershipId)).find(h => h.userId === userId)
    if (!holder) throw new NotFoundError('Account')
    if (!holder.grants.includes(grant)) return
    await trx.deleteFrom('accessGrants').where('partnershipId', '=', partnershipId).where('userId', '=', userId).where('grant', '=', grant).execute()
    await auditLog.record(trx, actor, {
      partnershipId,
      action: 'revoke',
      entityType: 'access grant',
      entityId: userId,
      summary: `Took away ${holder.email}’s access to ${GRANT_LABELS[grant].toLowerCase()}`,
      before: { userId, email: holder.email, grant },
    })
  },
}
