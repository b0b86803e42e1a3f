import { describe, expect, it } from 'vitest'

import { accessTo, can, type Viewer } from './roles.ts'

const viewer = (roles: [number, 'admin' | 'coordinator' | 'lead' | 'member'][], isSiteAdmin = false): Viewer => ({
  userId: 1,
  isSiteAdmin,
  roles: new Map(roles),
})

describe('accessTo', () => {
  it('gives a user their own role in their partnership', () => {
    expect(accessTo(viewer([[1, 'lead']]), { id: 1, isPublished: false })).toBe('lead')
  })

  it('hides an unpublished partnership of which the user holds no role', () => {
    expect(accessTo(viewer([[1, 'admin']]), { id: 2, isPublished: false })).toBeNull()
    expect(accessTo(null, { id: 2, isPublished: false })).toBeNull()
  })

  it('shows a published partnership to anyone, as the public sees it', () => {
    expect(accessTo(null, { id: 2, isPublished: true })).toBe('public')
    expect(accessTo(viewer([[1, 'coordinator']]), { id: 2, isPublished: true })).toBe('public')
  })

  it('makes a site admin an admin of every partnership', () => {
    expect(accessTo(viewer([], true), { id: 9, isPublished: false })).toBe('admin')
  })
})

describe('can', () => {
  it.each([
    ['public', 'view', false],
    ['public', 'view_published', true],
    ['member', 'view', true],
    ['member', 'post_own_updates', false],
    ['lead', 'post_own_updates', true],
    ['lead', 'edit_records', false],
    ['coordinator', 'edit_records', true],
    ['coordinator', 'view_audit', true],
    ['coordinator', 'manage_partnership', false],
    ['admin', 'manage_partnership', true],
  ] as const)('%s may %s: %s', (access, permission, expected) => {
    expect(can(access, permission)).toBe(expected)
  })
})
