import { describe, expect, it } from 'vitest'

import { domainProblem, emailDomain, identityFromClaims, nameFromClaims } from './claims.ts'

const issuer = 'https://login.example.org'

describe('who signed in, from the ID token', () => {
  it('takes a verified address, in lower case, with the name', () => {
    expect(identityFromClaims(issuer, { sub: 'abc', email: 'Jo.Bloggs@Rochford.gov.uk', email_verified: true, name: 'Jo Bloggs' }, { trustEmail: false })).toEqual({
      ok: true,
      identity: { issuer, subject: 'abc', email: 'jo.bloggs@rochford.gov.uk', name: 'Jo Bloggs' },
    })
  })

  it('refuses an address the provider has not verified, unless the provider is trusted to send only its own', () => {
    const claims = { sub: 'abc', email: 'jo@rochford.gov.uk' }
    expect(identityFromClaims(issuer, { ...claims, email_verified: false }, { trustEmail: false })).toEqual({ ok: false, reason: 'unverified_email' })
    expect(identityFromClaims(issuer, claims, { trustEmail: false })).toEqual({ ok: false, reason: 'unverified_email' })
    expect(identityFromClaims(issuer, claims, { trustEmail: true }).ok).toBe(true)
  })

  it('refuses an answer without a subject or an address', () => {
    expect(identityFromClaims(issuer, { email: 'jo@example.org', email_verified: true }, { trustEmail: false })).toEqual({ ok: false, reason: 'no_subject' })
    expect(identityFromClaims(issuer, { sub: 'x', email: 'not an address', email_verified: true }, { trustEmail: true })).toEqual({ ok: false, reason: 'no_email' })
  })

  it('makes a name from given and family names, or from the address', () => {
    expect(nameFromClaims({ given_name: 'Jo', family_name: 'Bloggs' }, 'x@y.z')).toBe('Jo Bloggs')
    expect(nameFromClaims({}, 'jo.bloggs@example.org')).toBe('jo.bloggs')
  })
})

describe('e-mail domains that give a partnership’s member role', () => {
  it('takes an organisation’s own domain', () => {
    expect(domainProblem('rochford.gov.uk')).toBeNull()
    expect(domainProblem('@Essex.Police.uk')).toBeNull()
    expect(emailDomain('Jo@Essex.Police.UK')).toBe('essex.police.uk')
  })

  it('refuses a public mail service and what is not a domain', () => {
    expect(domainProblem('gmail.com')).toMatch(/anyone can have an address at gmail.com/)
    expect(domainProblem('not a domain')).toBe('Enter a domain in the correct format, like rochford.gov.uk')
    expect(domainProblem('')).toBe('Enter an e-mail domain, like rochford.gov.uk')
  })
})
