import { randomBytes } from 'node:crypto'

import { Secret, TOTP } from 'otpauth'

/**
 * Two-factor sign-in with an authenticator app: time-based one-time passwords (RFC 6238) of 6 digits
 * every 30 seconds with SHA-1, which every app reads from the QR code. A code is accepted one step either
 * side of the server's clock (a phone a little fast or slow) and never twice.
 */
export const TOTP_PERIOD_SECONDS = 30
export const TOTP_DIGITS = 6
/** Steps either side of now that are still accepted: one, as RFC 6238 §5.2 recommends. */
export const ACCEPTED_DRIFT_STEPS = 1
export const RECOVERY_CODE_COUNT = 10
const ISSUER = 'CSP Hub'

/** A new shared secret: 160 random bits, as base32 (what the app stores and the user may type). */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32
}

function totpOf(secret: string, accountName = ''): TOTP {
  return new TOTP({
    issuer: ISSUER,
    label: accountName,
    algorithm: 'SHA1',
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    secret: Secret.fromBase32(secret),
  })
}

/** The otpauth:// address the QR code holds. */
export function otpauthUri(secret: string, accountName: string): string {
  return totpOf(secret, accountName).toString()
}

/** The secret in groups of four, easier to type into an app by hand. */
export function groupedSecret(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(' ') ?? secret
}

/** The 30-second step a moment falls in. */
export function stepAt(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS)
}

/** The code an app shows at a moment (for tests, and nothing else). */
export function codeAt(secret: string, at: Date): string {
  return totpOf(secret).generate({ timestamp: at.getTime() })
}

/** Digits only: people type "123 456" or paste "123-456". */
export function normaliseCode(input: string): string {
  return input.replace(/[\s-]/g, '')
}

export type CodeCheck = { ok: true; step: number } | { ok: false; reason: 'format' | 'wrong' | 'reused' }

/**
 * Is this the code of the step now, or of one step either side? A code whose step is not after the last
 * step accepted is refused, so a code seen over someone's shoulder cannot be used again.
 */
export function checkTotpCode(secret: string, input: string, now: Date, lastStep: number | null): CodeCheck {
  const code = normaliseCode(input)
  if (!new RegExp(`^\\d{${TOTP_DIGITS}}$`).test(code)) return { ok: false, reason: 'format' }
  const delta = totpOf(secret).validate({ token: code, timestamp: now.getTime(), window: ACCEPTED_DRIFT_STEPS })
  if (delta === null) return { ok: false, reason: 'wrong' }
  const step = stepAt(now) + delta
  if (lastStep !== null && step <= lastStep) return { ok: false, reason: 'reused' }
  return { ok: true, step }
}

const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'

/** Ten one-time recovery codes like "k7mq-4xht-p2wd" (about 69 bits each). */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const bytes = randomBytes(12)
    const chars = [...bytes].map(b => RECOVERY_ALPHABET[b % RECOVERY_ALPHABET.length]).join('')
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`
  })
}

/** A recovery code as typed, in the form it was made: lower case, dashes in place. */
export function normaliseRecoveryCode(input: string): string {
  const chars = input.toLowerCase().replace(/[^a-z0-9]/g, '')
  return chars.length === 12 ? `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}` : chars
}

/** Does a typed code look like a recovery code rather than an app's code? */
export function looksLikeRecoveryCode(input: string): boolean {
  return /[a-z]/i.test(input) && input.replace(/[^a-z0-9]/gi, '').length === 12
}

export type MfaPolicy = 'off' | 'admins' | 'all'

/** Must this account use two-factor sign-in with its password? Admins: site admins and partnership admins. */
export function mustUseTwoFactor(policy: MfaPolicy, user: { isSiteAdmin: boolean; roles: readonly { role: string }[] }): boolean {
  if (policy === 'all') return true
  if (policy === 'admins') return user.isSiteAdmin || user.roles.some(r => r.role === 'admin')
  return false
}
