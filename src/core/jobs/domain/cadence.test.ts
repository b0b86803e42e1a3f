import { describe, expect, it } from 'vitest'

import { describeCadence, latestSlot, nextSlotAfter } from './cadence.ts'
import { retryDelayMs } from './back-off.ts'

const at = (date: string, time: string) => ({ date, minutes: Number(time.slice(0, 2)) * 60 + Number(time.slice(3)) })

describe('schedules', () => {
  it('runs a daily job from its time of day, and counts the hours before it as the day before', () => {
    const daily = { every: 'day', at: '07:00' } as const
    expect(latestSlot(daily, at('2016-04-04', '06:59'))).toBe('2016-04-03')
    expect(latestSlot(daily, at('2016-04-04', '07:00'))).toBe('2016-04-04')
  })

  it('runs a weekly job on its weekday (4 April 2016 was a Monday)', () => {
    const monday = { every: 'week', weekday: 1, at: '08:00' } as const
    expect(latestSlot(monday, at('2016-04-04', '07:59'))).toBe('2016-03-28')
    expect(latestSlot(monday, at('2016-04-04', '08:00'))).toBe('2016-04-04')
    expect(latestSlot(monday, at('2016-04-10', '23:00'))).toBe('2016-04-04')
    expect(latestSlot(monday, at('2016-04-11', '09:00'))).toBe('2016-04-11')
  })

  it('runs a monthly job on its day, or on the last day of a shorter month', () => {
    const monthly = { every: 'month', day: 15, at: '03:00' } as const
    expect(latestSlot(monthly, at('2016-04-15', '02:00'))).toBe('2016-03-15')
    expect(latestSlot(monthly, at('2016-04-15', '03:00'))).toBe('2016-04-15')
    expect(latestSlot(monthly, at('2017-01-10', '12:00'))).toBe('2016-12-15')
    expect(latestSlot({ every: 'month', day: 31, at: '00:00' }, at('2016-06-30', '00:00'))).toBe('2016-06-30')
  })

  it('says when a schedule runs next', () => {
    const monday = { every: 'week', weekday: 1, at: '08:00' } as const
    expect(nextSlotAfter(monday, '2016-04-04', at('2016-04-06', '10:00'))).toBe('2016-04-11')
    expect(nextSlotAfter({ every: 'day', at: '07:00' }, '2016-04-05', at('2016-04-06', '06:00'))).toBe('2016-04-06')
  })

  it('describes a schedule in words', () => {
    expect(describeCadence({ every: 'week', weekday: 1, at: '08:00' })).toBe('every Monday at 08:00')
    expect(describeCadence({ every: 'month', day: 15, at: '03:00' })).toBe('on day 15 of every month at 03:00')
  })
})

describe('back-off', () => {
  it('doubles the wait after each failure, up to the limit', () => {
    const backOff = { baseMs: 60_000, maxMs: 10 * 60_000 }
    expect([1, 2, 3, 4, 5].map(n => retryDelayMs(n, backOff) / 60_000)).toEqual([1, 2, 4, 8, 10])
  })
})
