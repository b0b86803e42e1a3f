import QRCode from 'qrcode'

import type { Db } from '../../../db/database.ts'
import type { Clock } from '../../../shared/clock.ts'
import { ConflictError, ValidationError } from '../../../shared/errors.ts'
import { hashToken } from '../../../shared/tokens.ts'
import { auditLog } from '../../../core/audit/audit-log.ts'
import type { Actor } from '../../../core/audit/audit-entry.ts'
import type { CurrentUser } from '../../../core/access/current-user.ts'
import { DEFAULT_THROTTLE, isThrottled } from '../domain/throttle.ts'
import { userRepository } from '../user-repository.ts'

import {
  checkTotpCode,
  groupedSecret,
  looksLikeRecoveryCode,
  mustUseTwoFactor,
  newRecoveryCodes,
  newTotpSecret,
  normaliseRecoveryCode,
  otpauthUri,
  type MfaPolicy,
} from './domain/totp.ts'

/** How long the second step of a sign-in may wait after the password was right. */
const PENDING_MINUTES = 10

export type CodeResult = { ok: true; usedRecoveryCode: boolean; recoveryCodesLeft: number } | { ok: false; message: string; throttled?: boolean }

/**
 * Two-factor sign-in for password accounts: setting up an authenticator app, checking its codes (throttled
 * like passwords: five wrong codes for an account in 15 minutes and it must wait), recovery codes, and the
 * sign-in that waits, between the password and the code, in the database against the browser's session.
 */
export function twoFactorService({ db, clock, policy }: { db: Db; clock: Clock; policy: MfaPolicy }) {
  const throttleKey = (userId: number) => `two-factor:${userId}`

  async function secretOf(userId: number) {
    return db.selectFrom('twoFactorSecrets').selectAll().where('userId', '=', userId).executeTakeFirst()
  }

  async function recoveryCodesLeft(userId: number, trx: Db = db): Promise<number> {
    const row = await trx
      .selectFrom('recoveryCodes')
      .select(eb => eb.fn.countAll<number>().as('n'))
      .where('userId', '=', userId)
      .where('usedAt', 'is', null)
      .executeTakeFirstOrThrow()
    return Number(row.n)
  }

  async function storeRecoveryCodes(trx: Db, userId: number): Promise<string[]> {
    const codes = newRecoveryCodes()
    await trx.deleteFrom('recoveryCodes').where('userId', '=', userId).execute()
    await trx
      .insertInto('recoveryCodes')
      .values(codes.map(code => ({ userId, codeHash: hashToken(code) })))
      .execute()
    return codes
  }

  const service = {
    policy,

    /** Whether the account has an app set up, and how many recovery codes are unused. */
    async status(userId: number) {
      const secret = await secretOf(userId)
      const enabled = Boolean(secret?.confirmedAt)
      return { enabled, since: secret?.confirmedAt ?? null, recoveryCodesLeft: enabled ? await recoveryCodesLeft(userId) : 0 }
    },

    /** Must this account use two-factor sign-in (CSP_HUB_REQUIRE_MFA)? */
    isRequired(user: Pick<CurrentUser, 'isSiteAdmin' | 'roles'>): boolean {
      return mustUseTwoFactor(policy, user)
    },

    /**
     * The secret being set up (a new one unless one is already waiting to be confirmed), as text and as a
     * QR code drawn on the server (SVG, so it shows without JavaScript).
     */
    async setUp(user: Pick<CurrentUser, 'id' | 'email'>) {
      let row = await secretOf(user.id)
      if (row?.confirmedAt) throw new ConflictError('Two-factor sign-in is already set up. Turn it off first to move it to a new app.')
      if (!row) {
        row = await db
          .insertInto('twoFactorSecrets')
          .values({ userId: user.id, secret: newTotpSecret() })
          .onConflict(oc => oc.column('userId').doNothing())
          .returningAll()
          .executeTakeFirst()
        row ??= (await secretOf(user.id))!
      }
      const uri = otpauthUri(row.secret, user.email)
      const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })
      return { secret: groupedSecret(row.secret), uri, qrSvg: svg.replace('<svg ', '<svg role="img" aria-labelledby="qr-code-label" focusable="false" ') }
    },

    /** The first code from the app turns two-factor sign-in on; the recovery codes are shown once. */
    async confirmSetUp(user: Pick<CurrentUser, 'id' | 'email'>, code: string, actor: Actor): Promise<string[]> {
      const row = await secretOf(user.id)
      if (!row || row.confirmedAt) throw new ConflictError('Start setting up two-factor sign-in again')
      const check = checkTotpCode(row.secret, code, clock.now(), null)
      if (!check.ok) {
        throw new ValidationError({ code: check.reason === 'format' ? 'Enter the 6-digit code from your app' : 'The code is not right: check the app shows CSP Hub and enter its current code' })
      }
      return db.transaction().execute(async trx => {
        await trx.updateTable('twoFactorSecrets').set({ confirmedAt: clock.now(), lastStep: check.step }).where('userId', '=', user.id).execute()
        const codes = await storeRecoveryCodes(trx, user.id)
        await auditLog.record(trx, actor, {
          partnershipId: null,
          action: 'update',
          entityType: 'user',
          entityId: user.id,
          summary: `Turned on two-factor sign-in for ${user.email}`,
        })
        return codes
      })
    },

    /**
     * Check a code from the app (or a recovery code) for an account that has two-factor sign-in. Wrong
     * codes are counted like wrong passwords.
     */
    async checkCode(userId: number, input: string, ip: string, actor: Actor): Promise<CodeResult> {
      const now = clock.now()
      const since = new Date(now.getTime() - DEFAULT_THROTTLE.windowMinutes * 60_000)
      const failures = await userRepository.countFailures(db, throttleKey(userId), ip, since)
      if (isThrottled({ forEmail: Number(failures.forEmail), forIp: Number(failures.forIp) })) {
        return { ok: false, throttled: true, message: 'Too many wrong codes. Wait 15 minutes, then try again.' }
      }
      const fail = async (message: string): Promise<CodeResult> => {
        await userRepository.recordAttempt(db, { emailKey: throttleKey(userId), ip, succeeded: false, attemptedAt: now })
        return { ok: false, message }
      }
      const row = await secretOf(userId)
      if (!row?.confirmedAt) return fail('Two-factor sign-in is not set up for this account')
      if (looksLikeRecoveryCode(input)) {
        const left = await db.transaction().execute(async trx => {
          const used = await trx
            .updateTable('recoveryCodes')
            .set({ usedAt: now })
            .where('userId', '=', userId)
            .where('codeHash', '=', hashToken(normaliseRecoveryCode(input)))
            .where('usedAt', 'is', null)
            .returning('id')
            .executeTakeFirst()
          if (!used) return undefined
          const remaining = await recoveryCodesLeft(userId, trx)
          await auditLog.record(trx, actor, {
            partnershipId: null,
            action: 'update',
            entityType: 'user',
            entityId: userId,
            summary: `Used a recovery code to sign in (${remaining} left)`,
          })
          await userRepository.clearFailures(trx, throttleKey(userId))
          return remaining
        })
        if (left === undefined) return fail('The recovery code is not right, or has been used')
        return { ok: true, usedRecoveryCode: true, recoveryCodesLeft: left }
      }
      const check = checkTotpCode(row.secret, input, now, row.lastStep)
      if (!check.ok) {
        return fail(
          check.reason === 'format'
            ? 'Enter the 6-digit code from your authenticator app'
            : check.reason === 'reused'
              ? 'That code has been used. Wait for the app to show a new one'
              : 'The code is not right. Check your phone’s clock is set automatically and enter the code the app shows now',
        )
      }
      // Only a later step than the last one accepted may be stored, so two requests cannot both use one code.
      const stored = await db
        .updateTable('twoFactorSecrets')
        .set({ lastStep: check.step })
        .where('userId', '=', userId)
        .where(eb => eb.or([eb('lastStep', 'is', null), eb('lastStep', '<', check.step)]))
        .executeTakeFirst()
      if (Number(stored.numUpdatedRows) !== 1) return fail('That code has been used. Wait for the app to show a new one')
      await userRepository.clearFailures(db, throttleKey(userId))
      return { ok: true, usedRecoveryCode: false, recoveryCodesLeft: await recoveryCodesLeft(userId) }
    },

    async newRecoveryCodes(user: Pick<CurrentUser, 'id' | 'email'>, actor: Actor): Promise<string[]> {
      return db.transaction().execute(async trx => {
        const codes = await storeRecoveryCodes(trx, user.id)
        await auditLog.record(trx, actor, {
          partnershipId: null,
          action: 'update',
          entityType: 'user',
          entityId: user.id,
          summary: `Made new recovery codes for ${user.email} (the old ones no longer work)`,
        })
        return codes
      })
    },

    async turnOff(user: CurrentUser, actor: Actor): Promise<void> {
      if (mustUseTwoFactor(policy, user)) throw new ConflictError('Your role needs two-factor sign-in, so it cannot be turned off.')
      await service.reset(user, actor)
    },

    /**
     * Remove an account's app and recovery codes (a lost phone): by the person, or by the site's operator
     * (`csp-hub accounts reset-two-factor`). Where the site requires it, they set up a new app at their next
     * sign-in.
     */
    async reset(user: Pick<CurrentUser, 'id' | 'email'>, actor: Actor): Promise<void> {
      await db.transaction().execute(async trx => {
        await trx.deleteFrom('twoFactorSecrets').where('userId', '=', user.id).execute()
        await trx.deleteFrom('recoveryCodes').where('userId', '=', user.id).execute()
        await auditLog.record(trx, actor, {
          partnershipId: null,
          action: 'update',
          entityType: 'user',
          entityId: user.id,
          summary: `Turned off two-factor sign-in for ${user.email}`,
        })
      })
    },

    // --- The sign-in waiting for its second step ---------------------------------------------------

    async startPending(sessionId: string, userId: number, returnTo: string): Promise<void> {
      const now = clock.now()
      const row = { userId, returnTo, createdAt: now, expiresAt: new Date(now.getTime() + PENDING_MINUTES * 60_000) }
      await db
        .insertInto('pendingSignIns')
        .values({ sessionId, ...row })
        .onConflict(oc => oc.column('sessionId').doUpdateSet(row))
        .execute()
    },

    async pending(sessionId: string | undefined) {
      if (!sessionId) return undefined
      return db
        .selectFrom('pendingSignIns')
        .select(['userId', 'returnTo'])
        .where('sessionId', '=', sessionId)
        .where('expiresAt', '>', clock.now())
        .executeTakeFirst()
    },

    async clearPending(sessionId: string): Promise<void> {
      await db.deleteFrom('pendingSignIns').where('sessionId', '=', sessionId).execute()
    },
  }
  return service
}
export type TwoFactorService = ReturnType<typeof twoFactorService>
