import { describe, expect, it } from 'vitest'

import { auditSnapshot } from './audit-entry.ts'

describe('auditSnapshot', () => {
  it('leaves out secrets and writes dates as ISO strings', () => {
    const snapshot = auditSnapshot({
      email: 'a@example.org',
      passwordHash: '$argon2id$…',
      tokenHash: 'abc',
      createdAt: new Date('2026-01-02T03:04:05Z'),
    })
    expect(snapshot).toEqual({ email: 'a@example.org', createdAt: '2026-01-02T03:04:05.000Z' })
  })
})
