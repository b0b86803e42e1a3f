import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

/** A random secret for a cookie, link or API token: 256 bits, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url')
}

/** What the database stores instead of a token: a stolen table reveals no usable session or link. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}
