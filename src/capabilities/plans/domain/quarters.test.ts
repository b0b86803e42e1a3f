import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { formatQuarters, parseQuarters, periodLabel, planYearLabel, positionInPlanYear, quarterDates, quarterMonths, quarterOf, ukDate } from './quarters.ts'

describe('the plan year (April to March)', () => {
  it('names a plan year by the year it starts in', () => {
    expect(planYearLabel(2016)).toBe('2016/17')
    expect(planYearLabel(2011)).toBe('2011/12')
    expect(planYearLabel(1999)).toBe('1999/00')
    expect(periodLabel(2011, 2013)).toBe('2011/12 to 2013/14')
    expect(periodLabel(null, null)).toBeNull()
  })

  it('puts 14 March 2016 (when the 2016/17 priorities were agreed) in Q4 of 2015/16', () => {
    expect(quarterOf('2016-03-14')).toEqual({ planYear: 2015, quarter: 4 })
  })

  it('puts each month in its quarter', () => {
    expect(['2016-04-01', '2016-06-30', '2016-07-01', '2016-09-30', '2016-10-01', '2016-12-31', '2017-01-01', '2017-03-31'].map(d => quarterOf(d).quarter)).toEqual([1, 1, 2, 2, 3, 3, 4, 4])
  })

  it('gives the first and last day of each quarter, Q4 in the next calendar year', () => {
    expect(quarterDates(2016, 1)).toEqual({ start: '2016-04-01', end: '2016-06-30' })
    expect(quarterDates(2016, 3)).toEqual({ start: '2016-10-01', end: '2016-12-31' })
    expect(quarterDates(2016, 4)).toEqual({ start: '2017-01-01', end: '2017-03-31' })
    expect(quarterMonths(2016, 4)).toBe('January to March 2017')
  })

  it('says where a day stands against a plan year', () => {
    expect(positionInPlanYear(2016, '2016-03-31')).toBe('before')
    expect(positionInPlanYear(2016, '2016-08-15')).toBe(2)
    expect(positionInPlanYear(2016, '2017-04-01')).toBe('after')
  })

  it('reads the clock in UK time, so half past midnight BST on 1 July is already Q2', () => {
    expect(ukDate(new Date('2016-06-30T23:30:00Z'))).toBe('2016-07-01')
    expect(ukDate(new Date('2016-12-31T23:30:00Z'))).toBe('2016-12-31')
  })

  it('places every day in the quarter whose dates contain it', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2090-12-31'), noInvalidDate: true }), date => {
        const day = date.toISOString().slice(0, 10)
        const { planYear, quarter } = quarterOf(day)
        const { start, end } = quarterDates(planYear, quarter)
        return start <= day && day <= end
      }),
    )
  })
})

describe('timescales written as quarters', () => {
  it('reads the ways the seeds write them', () => {
    expect(parseQuarters('Q1-4')).toEqual([1, 2, 3, 4])
    expect(parseQuarters('Q1 –-4')).toEqual([1, 2, 3, 4])
    expect(parseQuarters('Q1–4')).toEqual([1, 2, 3, 4])
    expect(parseQuarters('Q3')).toEqual([3])
    expect(parseQuarters('Q2 – 4')).toEqual([2, 3, 4])
    expect(parseQuarters('Q3-4.'.replace('.', ''))).toEqual([3, 4])
    expect(parseQuarters('Q1 to Q4')).toEqual([1, 2, 3, 4])
    expect(parseQuarters('Q1, Q3')).toEqual([1, 3])
    expect(parseQuarters('q1 & q3')).toEqual([1, 3])
    expect(parseQuarters('1-4')).toEqual([1, 2, 3, 4])
    expect(parseQuarters('all year')).toEqual([1, 2, 3, 4])
    expect(parseQuarters('')).toEqual([])
  })

  it('refuses what is not a timescale', () => {
    expect(parseQuarters('Q5')).toBeNull()
    expect(parseQuarters('Q4-1')).toBeNull()
    expect(parseQuarters('September')).toBeNull()
  })

  it('writes runs with a dash and gaps with commas', () => {
    expect(formatQuarters([1, 2, 3, 4])).toBe('Q1–4')
    expect(formatQuarters([3])).toBe('Q3')
    expect(formatQuarters([1, 3, 4])).toBe('Q1, Q3–4')
    expect(formatQuarters([])).toBe('')
  })

  it('reads back whatever it writes', () => {
    fc.assert(
      fc.property(fc.subarray([1, 2, 3, 4]), quarters => {
        expect(parseQuarters(formatQuarters(quarters))).toEqual(quarters)
      }),
    )
  })
})
