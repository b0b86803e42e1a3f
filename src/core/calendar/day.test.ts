import { describe, expect, it } from 'vitest'

import { addCalendarMonths, ukDate } from './day.ts'

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

describe('addCalendarMonths', () => {
  it('keeps the day of the month, or the last day of a shorter month', () => {
    expect(addCalendarMonths('2024-03-15', 1)).toBe('2024-04-15')
    expect(addCalendarMonths('2023-01-31', 1)).toBe('2023-02-28')
    expect(addCalendarMonths('2024-01-31', 1)).toBe('2024-02-29')
    expect(addCalendarMonths('2024-08-31', 6)).toBe('2025-02-28')
    expect(addCalendarMonths('2024-11-30', 3)).toBe('2025-02-28')
    expect(addCalendarMonths('2024-05-10', -6)).toBe('2023-11-10')
    expect(addCalendarMonths('2100-01-29', 1)).toBe('2100-02-28')
  })
})
