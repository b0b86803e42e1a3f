import { sql } from 'kysely'

import type { Db } from '../../db/database.ts'

import type { UserRole } from '../../core/access/current-user.ts'

export const userRepository = {
  findByEmail(db: Db, email: string) {
    return db
      .selectFrom('users')
      .selectAll()
      .where(sql`lower(email)`, '=', email.trim().toLowerCase())
      .executeTakeFirst()
  },

  findById(db: Db, id: number) {
    return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()
  },

  async rolesOf(db: Db, userId: number): Promise<UserRole[]> {
    const rows = await db
      .selectFrom('partnershipRoles')
      .innerJoin('partnerships', 'partnerships.id', 'partnershipRoles.partnershipId')
      .select(['partnershipRoles.partnershipId', 'partnerships.name as partnershipName', 'partnershipRoles.role'])
      .where('partnershipRoles.userId', '=', userId)
      .orderBy('partnerships.name')
      .execute()
    return rows as UserRole[]
  },

  insert(db: Db, user: { email: string; name: string; passwordHash: string | null; isSiteAdmin?: boolean }, now: Date) {
    return db
      .insertInto('users')
      .values({ ...user, email: user.email.trim().toLowerCase(), passwordChangedAt: user.passwordHash ? now : null })
      .returningAll()
      .executeTakeFirstOrThrow()
  },

  setPassword(db: Db, userId: number, passwordHash: string, now: Date) {
    return db
      .updateTable('users')
      .set({ passwordHash, passwordChangedAt: now, updatedAt: now })
      .where('id', '=', userId)
      .execute()
  },

  markSignedIn(db: Db, userId: number, now: Date) {
    return db.updateTable('users').set({ lastSignedInAt: now }).where('id', '=', userId).execute()
  },

  countFailures(db: Db, emailKey: string, ip: string, since: Date) {
    return db
      .selectFrom('signInAttempts')
      .select([
        sql<number>`count(*) filter (where email_key = ${emailKey})`.as('forEmail'),
        sql<number>`count(*) filter (where ip = ${ip})`.as('forIp'),
      ])
      .where('succeeded', '=', false)
      .where('attemptedAt', '>=', since)
      .where(eb => eb.or([eb('emailKey', '=', emailKey), eb('ip', '=', ip)]))
      .executeTakeFirstOrThrow()
  },

  recordAttempt(db: Db, attempt: { emailKey: string; ip: string; succeeded: boolean; attemptedAt: Date }) {
    return db.insertInto('signInAttempts').values(attempt).execute()
  },

  /** A successful sign-in clears the failures counted against the address. */
  clearFailures(db: Db, emailKey: string) {
    return db.deleteFrom('signInAttempts').where('emailKey', '=', emailKey).where('succeeded', '=', false).execute()
  },
}
