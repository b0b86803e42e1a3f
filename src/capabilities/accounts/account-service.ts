import type { CurrentUser } from '../../core/access/current-user.ts'
import type { Viewer } from '../../core/access/roles.ts'
import type { Actor } from '../../core/audit/audit-entry.ts'
import { auditLog } from '../../core/audit/audit-log.ts'
import type { Db } from '../../db/database.ts'
import type { Logger } from '../../logger.ts'
import type { Mailer } from '../../mailer.ts'
import type { Clock } from '../../shared/clock.ts'
import { ConflictError, ValidationError } from '../../shared/errors.ts'
import { hashToken, newToken } from '../../shared/tokens.ts'

import { passwordProblem } from './domain/passwords.ts'
import { DEFAULT_THROTTLE, emailKey, isThrottled } from './domain/throttle.ts'
import { inactiveAccounts } from './inactive-accounts.ts'
import type { PasswordHasher } from './password-hasher.ts'
import { sessionRepository } from './session-repository.ts'
import { tokenRepository as tokens } from './token-repository.ts'
import { userRepository } from './user-repository.ts'


export type SignInResult = { ok: true; user: CurrentUser } | { ok: false; reason: 'invalid' | 'throttled' | 'disabled' }

const RESET_LINK_MINUTES = 60
const INVITATION_LINK_DAYS = 7

export interface AccountServiceDeps {
  db: Db
  hasher: PasswordHasher
  clock: Clock
  mailer: Mailer
  baseUrl: string
  logger: Logger
  /** CSP_HUB_DISABLE_INACTIVE_AFTER_DAYS: accounts unused this long are disabled (undefined: never). */
  disableInactiveAfterDays?: number | undefined
}

export function accountService({ db, hasher, clock, mailer, baseUrl, logger, disableInactiveAfterDays }: AccountServiceDeps) {
  const inactive = inactiveAccounts({ db, clock, days: disableInactiveAfterDays })
  // Verifying against a real hash when the address is unknown keeps both answers equally slow.
  const dummyHash = hasher.hash(newToken())

  async function loadCurrentUser(userId: number): Promise<CurrentUser | undefined> {
    // Asked on every signed-in request: the two queries go together (see contextFor in partnerships).
    const [user, roles] = await Promise.all([userRepository.findById(db, userId), userRepository.rolesOf(db, userId)])
    if (!user || user.disabledAt) return undefined
    return { id: user.id, email: user.email, name: user.name, isSiteAdmin: user.isSiteAdmin, roles }
  }

  async function issueResetToken(userId: number, minutes: number, trx: Db = db): Promise<string> {
    const token = newToken()
    const now = clock.now()
    await tokens.insertResetToken(trx, { tokenHash: hashToken(token), userId, expiresAt: new Date(now.getTime() + minutes * 60_000) })
    return token
  }

  return {
    loadCurrentUser,

    /** The account with this address, if there is one (addresses compare without case); in the caller's transaction if given. */
    async findByEmail(email: string, trx: Db = db): Promise<{ id: number; email: string; name: string } | undefined> {
      const user = await userRepository.findByEmail(trx, email)
      return user && { id: user.id, email: user.email, name: user.name }
    },

    /** The site administrators whose accounts are not disabled, for alerts about the whole site. */
    siteAdmins(): Promise<{ email: string; name: string }[]> {
      return db.selectFrom('users').select(['email', 'name']).where('isSiteAdmin', '=', true).where('disabledAt', 'is', null).orderBy('id').execute()
    },

    /** The account with this id, if there is one; in the caller's transaction if given. */
    async findById(userId: number, trx: Db = db): Promise<{ id: number; email: string; name: string } | undefined> {
      const user = await userRepository.findById(trx, userId)
      return user && { id: user.id, email: user.email, name: user.name }
    },

    toViewer(user: CurrentUser): Viewer {
      return { userId: user.id, isSiteAdmin: user.isSiteAdmin, roles: new Map(user.roles.map(r => [r.partnershipId, r.role])) }
    },

    async signIn(email: string, password: string, ip: string): Promise<SignInResult> {
      const key = emailKey(email)
      const now = clock.now()
      const since = new Date(now.getTime() - DEFAULT_THROTTLE.windowMinutes * 60_000)
      const failures = await userRepository.countFailures(db, key, ip, since)
      if (isThrottled({ forEmail: Number(failures.forEmail), forIp: Number(failures.forIp) })) {
        logger.warn({ emailKey: key, ip }, 'Sign-in refused: too many failed attempts')
        return { ok: false, reason: 'throttled' }
      }
      const user = await userRepository.findByEmail(db, key)
      const matches = user?.passwordHash
        ? await hasher.verify(user.passwordHash, password)
        : (await hasher.verify(await dummyHash, password), false)
      if (!user || !matches) {
        await userRepository.recordAttempt(db, { emailKey: key, ip, succeeded: false, attemptedAt: now })
        return { ok: false, reason: 'invalid' }
      }
      await userRepository.clearFailures(db, key)
      // The inactivity rule runs at every sign-in, so an account past its limit is never let in.
      await inactive.disableInactive()
      const current = await loadCurrentUser(user.id)
      if (!current) return { ok: false, reason: 'disabled' }
      return { ok: true, user: current }
    },

    /** The rule that disables unused accounts (see inactive-accounts.ts). */
    inactiveAccounts: inactive,

    /** A sign-in is complete (every step passed): note it on the account and in the audit log. */
    async recordSignIn(userId: number, how: string, requestId?: string): Promise<void> {
      const now = clock.now()
      await db.transaction().execute(async trx => {
        await userRepository.markSignedIn(trx, userId, now)
        const user = (await userRepository.findById(trx, userId))!
        await auditLog.record(trx, { userId, label: user.email, requestId }, {
          partnershipId: null,
          action: 'sign_in',
          entityType: 'user',
          entityId: userId,
          summary: `${user.email} signed in ${how}`,
        })
      })
    },

    async changePassword(user: CurrentUser, current: string, next: string, actor: Actor): Promise<void> {
      const row = await userRepository.findById(db, user.id)
      if (!row?.passwordHash || !(await hasher.verify(row.passwordHash, current))) {
        throw new ValidationError({ currentPassword: 'Your current password is not correct' })
      }
      const problem = passwordProblem(next, user.email)
      if (problem) throw new ValidationError({ newPassword: problem })
      const passwordHash = await hasher.hash(next)
      await db.transaction().execute(async trx => {
        await userRepository.setPassword(trx, user.id, passwordHash, clock.now())
        await auditLog.record(trx, actor, {
          partnershipId: null,
          action: 'update',
          entityType: 'user',
          entityId: user.id,
          summary: `Changed the password of ${user.email}`,
        })
      })
    },

    /** Always answers the same way, so the form does not reveal which addresses have accounts. */
    async requestPasswordReset(email: string, actor: Actor = { userId: null, label: 'anonymous' }): Promise<void> {
      const user = await userRepository.findByEmail(db, email)
      if (!user || user.disabledAt) {
        logger.info({ emailKey: emailKey(email) }, 'Password reset asked for an unknown address')
        return
      }
      // The link is a way into the account: its issue is audited like any other change to it.
      const token = await db.transaction().execute(async trx => {
        const issued = await issueResetToken(user.id, RESET_LINK_MINUTES, trx)
        await auditLog.record(trx, actor, {
          partnershipId: null,
          action: 'create',
          entityType: 'password reset link',
          entityId: user.id,
          summary: `E-mailed a password reset link to ${user.email}, valid for ${RESET_LINK_MINUTES} minutes`,
        })
        return issued
      })
      await mailer.send({
        to: user.email,
        subject: 'Reset your CSP Hub password',
        text: `Someone asked to reset the password of your CSP Hub account.\n\nTo choose a new password, open this link within ${RESET_LINK_MINUTES} minutes:\n\n${baseUrl}/reset-password/${token}\n\nIf it was not you, ignore this e-mail: your password has not changed.`,
      })
    },

    async isResetTokenValid(token: string): Promise<boolean> {
      return Boolean(await findUsableResetToken(token))
    },

    async resetPassword(token: string, next: string, requestId?: string): Promise<CurrentUser> {
      const found = await findUsableResetToken(token)
      if (!found) throw new ValidationError({ newPassword: 'This link has expired or has been used. Ask for a new one.' })
      const user = (await userRepository.findById(db, found.userId))!
      const problem = passwordProblem(next, user.email)
      if (problem) throw new ValidationError({ newPassword: problem })
      const passwordHash = await hasher.hash(next)
      const now = clock.now()
      await db.transaction().execute(async trx => {
        if (!(await tokens.useResetToken(trx, hashToken(token), now))) throw new ConflictError('This link has already been used')
        await userRepository.setPassword(trx, user.id, passwordHash, now)
        await sessionRepository(trx).removeForUser(user.id)
        await auditLog.record(trx, { userId: user.id, label: user.email, ...(requestId ? { requestId } : {}) }, {
          partnershipId: null,
          action: 'update',
          entityType: 'user',
          entityId: user.id,
          summary: `Reset the password of ${user.email} by e-mailed link`,
        })
      })
      return (await loadCurrentUser(user.id))!
    },

    /** Create an account. Without a password, the user is e-mailed a link to choose one. */
    async createUser(
      input: { email: string; name: string; password?: string | undefined; isSiteAdmin?: boolean },
      actor: Actor,
    ): Promise<CurrentUser> {
      if (await userRepository.findByEmail(db, input.email)) {
        throw new ValidationError({ email: 'There is already an account with this email address' })
      }
      if (input.password) {
        const problem = passwordProblem(input.password, input.email)
        if (problem) throw new ValidationError({ password: problem })
      }
      const passwordHash = input.password ? await hasher.hash(input.password) : null
      const user = await db.transaction().execute(async trx => {
        const row = await userRepository.insert(
          trx,
          { email: input.email, name: input.name, passwordHash, isSiteAdmin: input.isSiteAdmin ?? false },
          clock.now(),
        )
        await auditLog.record(trx, actor, {
          partnershipId: null,
          action: 'create',
          entityType: 'user',
          entityId: row.id,
          summary: `Created the account ${row.email}${row.isSiteAdmin ? ' (site admin)' : ''}`,
          after: row,
        })
        return row
      })
      if (!passwordHash) await this.sendInvitation(user.id)
      return (await loadCurrentUser(user.id))!
    },

    /**
     * An account for someone being given access, made in the caller's transaction, without a password and
     * without an e-mail: the caller sends the invitation once everything is saved.
     */
    async createInvitedAccount(trx: Db, input: { email: string; name: string }, actor: Actor) {
      const row = await userRepository.insert(trx, { email: input.email, name: input.name, passwordHash: null }, clock.now())
      await auditLog.record(trx, actor, {
        partnershipId: null,
        action: 'create',
        entityType: 'user',
        entityId: row.id,
        summary: `Created the account ${row.email}`,
        after: row,
      })
      return row
    },

    /** A new one-time link to choose a password (an invitation), valid for a week. */
    async issueInvitationLink(userId: number): Promise<{ url: string; days: number }> {
      const token = await issueResetToken(userId, INVITATION_LINK_DAYS * 24 * 60)
      return { url: `${baseUrl}/reset-password/${token}`, days: INVITATION_LINK_DAYS }
    },

    /** Can the account sign in already (a password, or a linked identity provider)? */
    async canSignIn(userId: number, trx: Db = db): Promise<boolean> {
      const user = await userRepository.findById(trx, userId)
      if (user?.passwordHash) return true
      const identity = await trx.selectFrom('externalIdentities').select('id').where('userId', '=', userId).executeTakeFirst()
      return Boolean(identity)
    },

    async sendInvitation(userId: number): Promise<void> {
      const user = (await userRepository.findById(db, userId))!
      const token = await issueResetToken(user.id, INVITATION_LINK_DAYS * 24 * 60)
      await mailer.send({
        to: user.email,
        subject: 'Your CSP Hub account',
        text: `An account on CSP Hub has been made for you (${user.email}).\n\nTo choose your password and sign in, open this link within ${INVITATION_LINK_DAYS} days:\n\n${baseUrl}/reset-password/${token}`,
      })
    },

    /** CSP_HUB_ADMIN_EMAIL/PASSWORD on start: create that site admin if there is no such account. */
    async ensureSiteAdmin(email: string, password: string): Promise<'created' | 'exists'> {
      if (await userRepository.findByEmail(db, email)) return 'exists'
      await this.createUser({ email, name: 'Administrator', password, isSiteAdmin: true }, { userId: null, label: 'start-up (CSP_HUB_ADMIN_EMAIL)' })
      return 'created'
    },

    async createApiToken(userId: number, name: string, actor: Actor, expiresInDays?: number) {
      const token = `csp_${newToken()}`
      const now = clock.now()
      const row = await db.transaction().execute(async trx => {
        const inserted = await tokens.insertApiToken(trx, {
          userId,
          name,
          tokenHash: hashToken(token),
          tokenPrefix: token.slice(0, 10),
          expiresAt: expiresInDays ? new Date(now.getTime() + expiresInDays * 86_400_000) : null,
        })
        await auditLog.record(trx, actor, {
          partnershipId: null,
          action: 'create',
          entityType: 'api_token',
          entityId: inserted.id,
          summary: `Created API token “${name}” (${inserted.tokenPrefix}…) for user ${userId}`,
          after: inserted,
        })
        return inserted
      })
      return { token, ...row }
    },

    /** The identity providers' sign-ins linked to the account. */
    externalIdentities(userId: number) {
      return db.selectFrom('externalIdentities').select(['provider', 'email', 'createdAt', 'lastUsedAt']).where('userId', '=', userId).orderBy('createdAt').execute()
    },

    /** Which of these accounts have signed in through an identity provider. */
    async usingSingleSignOn(userIds: number[]): Promise<Set<number>> {
      if (!userIds.length) return new Set()
      const rows = await db.selectFrom('externalIdentities').select('userId').distinct().where('userId', 'in', userIds).execute()
      return new Set(rows.map(row => row.userId))
    },

    listApiTokens(userId: number) {
      return tokens.apiTokensOf(db, userId)
    },

    async revokeApiToken(userId: number, tokenId: number, actor: Actor): Promise<void> {
      await db.transaction().execute(async trx => {
        const result = await tokens.revokeApiToken(trx, userId, tokenId, clock.now())
        if (!result) throw new ConflictError('That token does not exist or is already revoked')
        await auditLog.record(trx, actor, {
          partnershipId: null,
          action: 'revoke',
          entityType: 'api_token',
          entityId: tokenId,
          summary: `Revoked API token “${result.name}” (${result.tokenPrefix}…)`,
        })
      })
    },

    /** The user a bearer token belongs to, if the token is valid. */
    async authenticateApiToken(token: string): Promise<CurrentUser | undefined> {
      const now = clock.now()
      const row = await tokens.liveApiToken(db, hashToken(token), now)
      if (!row) return undefined
      if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
        await tokens.markApiTokenUsed(db, row.id, now)
      }
      return loadCurrentUser(row.userId)
    },
  }

  async function findUsableResetToken(token: string) {
    return tokens.usableResetToken(db, hashToken(token), clock.now())
  }
}
export type AccountService = ReturnType<typeof accountService>
