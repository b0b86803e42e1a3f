import { describe, expect, it } from 'vitest'

import { isInactive, lastActivity } from './inactivity.ts'

const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000)
const account = (over: Partial<Parameters<typeof lastActivity>[0]> = {}) => ({ createdAt: day(0), lastSignedInAt: null, lastTokenUseAt: null, enabledAt: null, ...over })

describe('inactive accounts', () => {
  it('counts the latest of making, signing in, using a token and being enabled again', () => {
    expect(lastActivity(account())).toEqual(day(0))
    expect(lastActivity(account({ lastSignedInAt: day(10), lastTokenUseAt: day(40), enabledAt: day(20) }))).toEqual(day(40))
  })

  it('is inactive only once the limit has fully passed', () => {
    expect(isInactive(account({ lastSignedInAt: day(10) }), day(100), 90)).toBe(false)
    expect(isInactive(account({ lastSignedInAt: day(10) }), new Date(day(100).getTime() + 1), 90)).toBe(true)
  })

  it('when an admin enables an old account again, then it is not disabled again at once', () => {
    expect(isInactive(account({ lastSignedInAt: day(1), enabledAt: day(200) }), day(201), 90)).toBe(false)
  })
})
