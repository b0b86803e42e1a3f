/**
 * Who an identity provider says has signed in, from the ID token's claims. An account is matched (or made)
 * by e-mail address only when the provider vouches for the address: `email_verified` is true, or the
 * provider is trusted to send only addresses it controls (a council's own Microsoft Entra ID tenant, which
 * sends no email_verified claim).
 */
export interface SignedInIdentity {
  issuer: string
  subject: string
  email: string
  name: string
}

export type IdentityResult = { ok: true; identity: SignedInIdentity } | { ok: false; reason: 'no_subject' | 'no_email' | 'unverified_email' }

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

export function identityFromClaims(issuer: string, claims: Record<string, unknown>, options: { trustEmail: boolean }): IdentityResult {
  const subject = typeof claims.sub === 'string' ? claims.sub : ''
  if (!subject) return { ok: false, reason: 'no_subject' }
  const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : ''
  if (!EMAIL.test(email)) return { ok: false, reason: 'no_email' }
  const verified = claims.email_verified === true || claims.email_verified === 'true'
  if (!verified && !options.trustEmail) return { ok: false, reason: 'unverified_email' }
  return { ok: true, identity: { issuer, subject, email, name: nameFromClaims(claims, email) } }
}

/** The person's name: `name`, else given and family names, else the address's local part. */
export function nameFromClaims(claims: Record<string, unknown>, email: string): string {
  const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '')
  const full = text(claims.name) || [text(claims.given_name), text(claims.family_name)].filter(Boolean).join(' ')
  return (full || email.split('@')[0] || email).slice(0, 200)
}

/** The part of an address after the @, lower case. */
export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).trim().toLowerCase()
}

/** Addresses anyone can have: never a way into a partnership. */
const PUBLIC_MAIL_DOMAINS = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'hotmail.co.uk',
  'live.com',
  'live.co.uk',
  'msn.com',
  'yahoo.com',
  'yahoo.co.uk',
  'icloud.com',
  'me.com',
  'aol.com',
  'btinternet.com',
  'sky.com',
  'virginmedia.com',
  'protonmail.com',
  'proton.me',
])

/** Why a domain cannot be allow-listed, or null when it can. */
export function domainProblem(input: string): string | null {
  const domain = input.trim().toLowerCase().replace(/^@/, '')
  if (!domain) return 'Enter an e-mail domain, like rochford.gov.uk'
  if (!/^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$/.test(domain)) return 'Enter a domain in the correct format, like rochford.gov.uk'
  if (PUBLIC_MAIL_DOMAINS.has(domain)) return 'Enter your organisation’s own domain: anyone can have an address at ' + domain
  return null
}

export function normaliseDomain(input: string): string {
  return input.trim().toLowerCase().replace(/^@/, '')
}
