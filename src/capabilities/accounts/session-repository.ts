import { sql } from 'kysely'

import type { Db } from '../../db/database.ts'

export interface StoredSession {
  id: string
  userId: number | null
  csrfToken: string
  flash: Record<string, unknown> | null
  createdAt: Date
  lastSeenAt: Date
  expiresAt: Date
}

/** Sessions live in the database, so any app server can answer any request. */
export function sessionRepository(db: Db) {
  return {
    async find(id: string, now: Date, idleMinutes: number): Promise<StoredSession | undefined> {
      const idleCutoff = new Date(now.getTime() - idleMinutes * 60_000)
      const row = await db
        .selectFrom('sessions')
        .selectAll()
        .where('id', '=', id)
        .where('expiresAt', '>', now)
        .where('lastSeenAt', '>', idleCutoff)
        .executeTakeFirst()
      return row as StoredSession | undefined
    },
    async create(session: Omit<StoredSession, 'flash'> & { flash?: Record<string, unknown> | null }): Promise<void> {
      await db
        .insertInto('sessions')
        .values({ ...session, flash: session.flash ? JSON.stringify(session.flash) : null })
        .execute()
    },
    async touch(id: string, now: Date): Promise<void> {
      await db.updateTable('sessions').set({ lastSeenAt: now }).where('id', '=', id).execute()
    },
    async setFlash(id: string, flash: Record<string, unknown> | null): Promise<void> {
      await db
        .updateTable('sessions')
        .set({ flash: flash ? JSON.stringify(flash) : null })
        .where('id', '=', id)
        .execute()
    },
    async remove(id: string): Promise<void> {
      await db.deleteFrom('sessions').where('id', '=', id).execute()
    },
    /** Sign a user out everywhere, except (optionally) the session they are using. */
    async removeForUser(userId: number, exceptId?: string): Promise<void> {
      let query = db.deleteFrom('sessions').where('userId', '=', userId)
      if (exceptId) query = query.where('id', '<>', exceptId)
      await query.execute()
    },
    async removeExpired(now: Date): Promise<number> {
      const result = await db
        .deleteFrom('sessions')
        .where(eb => eb.or([eb('expiresAt', '<=', now), eb('lastSeenAt', '<=', sql<Date>`${now}::timestamptz - interval '2 days'`)]))
        .executeTakeFirst()
      return Number(result.numDeletedRows)
    },
  }
}
export type SessionRepository = ReturnType<typeof sessionRepository>
