import { describe, expect, it } from 'vitest'

import { changedFields } from './field-changes.ts'

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
