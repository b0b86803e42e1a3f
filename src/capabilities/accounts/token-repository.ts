import type { Db } from '../../db/database.ts'

/** Password reset (and invitation) links and personal API tokens, kept as hashes only. */
export const tokenRepository = {
  async insertResetToken(db: Db, token: { tokenHash: string; userId: number; expiresAt: Date }): Promise<void> {
    await db.insertInto('passwordResetTokens').values(token).execute()
  },

  /** The user of a reset link not used and not expired. */
  usableResetToken(db: Db, tokenHash: string, now: Date) {
    return db.selectFrom('passwordResetTokens').select(['userId']).where('tokenHash', '=', tokenHash).where('usedAt', 'is', null).where('expiresAt', '>', now).executeTakeFirst()
  },

  /** Mark a reset link used; true when it was not used before (so two uses cannot both succeed). */
  async useResetToken(db: Db, tokenHash: string, now: Date): Promise<boolean> {
    const used = await db.updateTable('passwordResetTokens').set({ usedAt: now }).where('tokenHash', '=', tokenHash).where('usedAt', 'is', null).executeTakeFirst()
    return Number(used.numUpdatedRows) === 1
  },

  insertApiToken(db: Db, token: { userId: number; name: string; tokenHash: string; tokenPrefix: string; expiresAt: Date | null }) {
    return db.insertInto('apiTokens').values(token).returning(['id', 'name', 'tokenPrefix', 'createdAt', 'expiresAt']).executeTakeFirstOrThrow()
  },

  apiTokensOf(db: Db, userId: number) {
    return db
      .selectFrom('apiTokens')
      .select(['id', 'name', 'tokenPrefix', 'createdAt', 'lastUsedAt', 'expiresAt', 'revokedAt'])
      .where('userId', '=', userId)
      .orderBy('createdAt', 'desc')
      .execute()
  },

  /** Revoke a user's token that is not revoked yet; undefined when there is none. */
  revokeApiToken(db: Db, userId: number, tokenId: number, now: Date) {
    return db
      .updateTable('apiTokens')
      .set({ revokedAt: now })
      .where('id', '=', tokenId)
      .where('userId', '=', userId)
      .where('revokedAt', 'is', null)
      .returning(['id', 'name', 'tokenPrefix'])
      .executeTakeFirst()
  },

  /** A token neither revoked nor expired. */
  liveApiToken(db: Db, tokenHash: string, now: Date) {
    return db
      .selectFrom('apiTokens')
      .select(['id', 'userId', 'lastUsedAt'])
      .where('tokenHash', '=', tokenHash)
      .where('revokedAt', 'is', null)
      .where(eb => eb.or([eb('expiresAt', 'is', null), eb('expiresAt', '>', now)]))
      .executeTakeFirst()
  },

  async markApiTokenUsed(db: Db, tokenId: number, now: Date): Promise<void> {
    await db.updateTable('apiTokens').set({ lastUsedAt: now }).where('id', '=', tokenId).execute()
  },
}
