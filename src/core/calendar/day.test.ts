import { describe, expect, it } from 'vitest'

import { addCalendarMonths, dayOfMonthOrLast, ukDate, ukDayAndTime, weekdayOf } from './day.ts'

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

describe('times of day and weekdays', () => {
  it('reads the UK day and time of an instant, in summer time and winter time', () => {
    expect(ukDayAndTime(new Date('2016-06-30T23:30:00Z'))).toEqual({ date: '2016-07-01', minutes: 30 })
    expect(ukDayAndTime(new Date('2017-01-31T07:05:00Z'))).toEqual({ date: '2017-01-31', minutes: 7 * 60 + 5 })
  })

  it('numbers the days of the week from Monday', () => {
    expect(weekdayOf('2016-04-04')).toBe(1)
    expect(weekdayOf('2016-04-10')).toBe(7)
  })

  it('takes the last day of a short month for a day it does not have', () => {
    expect(dayOfMonthOrLast(2016, 6, 31)).toBe('2016-06-30')
    expect(dayOfMonthOrLast(2017, 2, 30)).toBe('2017-02-28')
    expect(dayOfMonthOrLast(2017, 3, 15)).toBe('2017-03-15')
  })
})
