import { describe, expect, it } from 'vitest'

import {
  isMonthKey,
  monthEnd,
  monthLabel,
  monthOf,
  monthsOfPlanYear,
  monthsOfQuarter,
  parseQuarter,
  planYearOfMonth,
  quarterLabel,
  quarterOfMonth,
} from './months.ts'

describe('months of the plan year', () => {
  it('runs from April to the March after, as the 2011/12 plan does', () => {
    const months = monthsOfPlanYear(2011)
    expect(months).toHaveLength(12)
    expect(months[0]).toBe('2011-04')
    expect(months[8]).toBe('2011-12')
    expect(months[9]).toBe('2012-01')
    expect(months[11]).toBe('2012-03')
  })

  it('puts January to March in the plan year that began the April before', () => {
    expect(planYearOfMonth('2012-03')).toBe(2011)
    expect(planYearOfMonth('2011-04')).toBe(2011)
    expect(planYearOfMonth('2011-03')).toBe(2010)
  })

  it('splits the year into quarters of three months', () => {
    expect(monthsOfQuarter(2011, 1)).toEqual(['2011-04', '2011-05', '2011-06'])
    expect(monthsOfQuarter(2011, 4)).toEqual(['2012-01', '2012-02', '2012-03'])
    expect(['2011-04', '2011-06', '2011-07', '2011-12', '2012-01', '2012-03'].map(quarterOfMonth)).toEqual([
      1, 1, 2, 3, 4, 4,
    ])
  })

  it('names months and quarters in words', () => {
    expect(monthLabel('2011-06')).toBe('June 2011')
    expect(quarterLabel(2011, 1)).toBe('Q1 2011/12 (April to June 2011)')
    expect(quarterLabel(2011, 4)).toBe('Q4 2011/12 (January to March 2012)')
    expect(quarterLabel(1999, 4)).toBe('Q4 1999/00 (January to March 2000)')
  })

  it('knows the last day of each month, leap years included', () => {
    expect(monthEnd('2011-06')).toBe('2011-06-30')
    expect(monthEnd('2012-02')).toBe('2012-02-29')
    expect(monthEnd('2011-02')).toBe('2011-02-28')
    expect(monthOf('2026-11-25')).toBe('2026-11')
  })

  it('accepts only real months and quarters from addresses', () => {
    expect(['2011-06', '2012-12'].every(isMonthKey)).toBe(true)
    expect(['2011-13', '2011-00', '2011-6', '11-06', 'June', '', 500, null].some(isMonthKey)).toBe(false)
    expect(parseQuarter('3')).toBe(3)
    expect([parseQuarter('0'), parseQuarter('5'), parseQuarter('1.5'), parseQuarter(undefined)]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ])
  })
})
