import { describe, expect, it } from 'vitest'

import { auditSnapshot, changedFields } from './audit-entry.ts'

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

describe('changedFields', () => {
  it('lists only the fields that changed, ignoring timestamps', () => {
    expect(
      changedFields(
        { name: 'Old', kind: 'community_partner', updatedAt: '2026-01-01' },
        { name: 'New', kind: 'community_partner', updatedAt: '2026-02-01' },
      ),
    ).toEqual([{ field: 'name', before: 'Old', after: 'New' }])
  })

  it('shows every field of a created record as a change from nothing', () => {
    expect(changedFields(null, { name: 'Essex Police' })).toEqual([{ field: 'name', before: null, after: 'Essex Police' }])
  })
})
