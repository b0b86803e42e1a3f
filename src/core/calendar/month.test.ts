import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import {
  addMonths,
  describeMonths,
  isMonth,
  monthAt,
  monthEnd,
  monthIndexOf,
  monthLabel,
  monthOf,
  monthRange,
  monthRangeLabel,
  monthsBetween,
  shortMonthLabel,
} from './month.ts'

describe('months', () => {
  it('ranges and shifts across years', () => {
    expect(monthRange('2024-11', '2025-02')).toEqual(['2024-11', '2024-12', '2025-01', '2025-02'])
    expect(addMonths('2025-01', -13)).toBe('2023-12')
  })

  it('knows the last day of each month, leap years included', () => {
    expect(monthEnd('2011-06')).toBe('2011-06-30')
    expect(monthEnd('2012-02')).toBe('2012-02-29')
    expect(monthEnd('2011-02')).toBe('2011-02-28')
    expect(monthOf('2026-11-25')).toBe('2026-11')
  })

  it('accepts only real months, from 1990 or from the year given', () => {
    expect(['2011-06', '2012-12'].every(m => isMonth(m, 1998))).toBe(true)
    expect(['2011-13', '2011-00', '2011-6', '11-06', 'June', '', 500, null].some(m => isMonth(m, 1998))).toBe(false)
    expect(isMonth('1995-04')).toBe(true)
    expect(isMonth('1995-04', 1998)).toBe(false)
    expect(isMonth('2101-01')).toBe(false)
  })

  it('counts months from year 0 and back', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1990, max: 2100 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: -200, max: 200 }), (year, number, shift) => {
        const month = `${year}-${String(number).padStart(2, '0')}`
        expect(monthAt(monthIndexOf(month))).toBe(month)
        expect(monthsBetween(month, addMonths(month, shift))).toBe(shift)
        expect(monthRange(month, addMonths(month, Math.abs(shift)))).toHaveLength(Math.abs(shift) + 1)
      }),
    )
  })
})

describe('months in words', () => {
  it('names a month, for sentences and for chart axes', () => {
    expect(monthLabel('2011-06')).toBe('June 2011')
    expect(shortMonthLabel('2025-09')).toBe('Sep 2025')
  })

  it('names a run of months', () => {
    expect(monthRangeLabel('2024-10', '2025-09')).toBe('October 2024 to September 2025')
    expect(monthRangeLabel('2011-04', '2011-06')).toBe('April to June 2011')
    expect(monthRangeLabel('2025-05', '2025-05')).toBe('May 2025')
  })

  it('describes months in runs for a sentence', () => {
    expect(describeMonths(['2018-08', '2018-09', '2019-03'])).toBe('August and September 2018 and March 2019')
    expect(describeMonths(['2019-03', '2019-04', '2019-05', '2024-05'])).toBe('March to May 2019 and May 2024')
    expect(describeMonths([])).toBe('')
  })
})
