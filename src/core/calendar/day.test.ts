import { describe, expect, it } from 'vitest'

import { ukDate } from './day.ts'

describe('days', () => {
  it('takes the UK calendar day of an instant, in summer time too', () => {
    expect(ukDate(new Date('2016-06-30T23:30:00Z'))).toBe('2016-07-01')
    expect(ukDate(new Date('2017-01-31T23:30:00Z'))).toBe('2017-01-31')
  })

  it('reads the clock in UK time, so half past midnight BST on 1 July is already Q2', () => {
    expect(ukDate(new Date('2016-06-30T23:30:00Z'))).toBe('2016-07-01')
    expect(ukDate(new Date('2016-12-31T23:30:00Z'))).toBe('2016-12-31')
  })
})
