import { describe, expect, it } from 'vitest'

import {
  checkTotpCode,
  codeAt,
  groupedSecret,
  looksLikeRecoveryCode,
  mustUseTwoFactor,
  newRecoveryCodes,
  newTotpSecret,
  normaliseRecoveryCode,
  otpauthUri,
  stepAt,
} from './totp.ts'

const now = new Date('2026-11-25T10:00:10Z')
const seconds = (s: number) => new Date(now.getTime() + s * 1000)

describe('checking a code from an authenticator app', () => {
  const secret = newTotpSecret()

  it('accepts the code of the current 30-second step', () => {
    expect(checkTotpCode(secret, codeAt(secret, now), now, null)).toEqual({ ok: true, step: stepAt(now) })
  })

  it('accepts a code typed with a space or a dash in it', () => {
    const code = codeAt(secret, now)
    expect(checkTotpCode(secret, `${code.slice(0, 3)} ${code.slice(3)}`, now, null).ok).toBe(true)
    expect(checkTotpCode(secret, `${code.slice(0, 3)}-${code.slice(3)}`, now, null).ok).toBe(true)
  })

  it('when the phone is one step slow or fast, then the code is still accepted', () => {
    expect(checkTotpCode(secret, codeAt(secret, seconds(-30)), now, null)).toEqual({ ok: true, step: stepAt(now) - 1 })
    expect(checkTotpCode(secret, codeAt(secret, seconds(30)), now, null)).toEqual({ ok: true, step: stepAt(now) + 1 })
  })

  it('when the phone is two steps out, then the code is refused', () => {
    expect(checkTotpCode(secret, codeAt(secret, seconds(-60)), now, null)).toEqual({ ok: false, reason: 'wrong' })
    expect(checkTotpCode(secret, codeAt(secret, seconds(60)), now, null)).toEqual({ ok: false, reason: 'wrong' })
  })

  it('refuses a code already used, and an older one, but accepts the next step’s', () => {
    const used = stepAt(now)
    expect(checkTotpCode(secret, codeAt(secret, now), now, used)).toEqual({ ok: false, reason: 'reused' })
    expect(checkTotpCode(secret, codeAt(secret, seconds(-30)), now, used)).toEqual({ ok: false, reason: 'reused' })
    expect(checkTotpCode(secret, codeAt(secret, seconds(30)), seconds(30), used).ok).toBe(true)
  })

  it('refuses what is not six digits, and another secret’s code', () => {
    expect(checkTotpCode(secret, '12345', now, null)).toEqual({ ok: false, reason: 'format' })
    expect(checkTotpCode(secret, 'abcdef', now, null)).toEqual({ ok: false, reason: 'format' })
    const other = newTotpSecret()
    const code = codeAt(other, now)
    // (One in a million: the other secret's code could be this one's too.)
    if (code !== codeAt(secret, now)) expect(checkTotpCode(secret, code, now, null)).toEqual({ ok: false, reason: 'wrong' })
  })

  it('matches the RFC 6238 test vector for SHA-1 (59 seconds after the epoch)', () => {
    // The RFC's secret is the ASCII "12345678901234567890"; its 8-digit code is 94287082, so 6 digits: 287082.
    const rfcSecret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'
    expect(codeAt(rfcSecret, new Date(59_000))).toBe('287082')
  })
})

describe('setting up an app', () => {
  it('gives a base32 secret of 160 bits, in groups of four for typing, and an otpauth address for the QR code', () => {
    const secret = newTotpSecret()
    expect(secret).toMatch(/^[A-Z2-7]{32}$/)
    expect(groupedSecret(secret).split(' ')).toHaveLength(8)
    const uri = otpauthUri(secret, 'officer@example.org')
    expect(uri).toMatch(/^otpauth:\/\/totp\/CSP%20Hub:officer%40example\.org\?/)
    expect(uri).toContain(`secret=${secret}`)
    expect(uri).toContain('period=30')
  })
})

describe('recovery codes', () => {
  it('makes ten different codes, recognised however they are typed', () => {
    const codes = newRecoveryCodes()
    expect(new Set(codes).size).toBe(10)
    for (const code of codes) {
      expect(code).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/)
      expect(normaliseRecoveryCode(code.toUpperCase().replace(/-/g, ' '))).toBe(code)
    }
    expect(codes.some(looksLikeRecoveryCode)).toBe(true)
    expect(looksLikeRecoveryCode('123456')).toBe(false)
  })
})

describe('who must use two-factor sign-in', () => {
  const member = { isSiteAdmin: false, roles: [{ role: 'member' }] }
  const admin = { isSiteAdmin: false, roles: [{ role: 'member' }, { role: 'admin' }] }
  const siteAdmin = { isSiteAdmin: true, roles: [] }
  it.each([
    ['off', member, false],
    ['off', siteAdmin, false],
    ['admins', member, false],
    ['admins', admin, true],
    ['admins', siteAdmin, true],
    ['all', member, true],
  ] as const)('%s: %o → %s', (policy, user, expected) => {
    expect(mustUseTwoFactor(policy, user)).toBe(expected)
  })
})
