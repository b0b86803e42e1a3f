import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import {
  formatQuarters,
  monthsOfQuarter,
  parseQuarter,
  parseQuarters,
  positionInFinancialYear,
  quarterDates,
  quarterLabel,
  quarterMonthsLabel,
  quarterOf,
  quarterOfMonth,
  quarterOrdinal,
} from './quarter.ts'

describe('quarters of the financial year', () => {
  it('puts 14 March 2016 (when the 2016/17 priorities were agreed) in Q4 of 2015/16', () => {
    expect(quarterOf('2016-03-14')).toEqual({ planYear: 2015, quarter: 4 })
  })

  it('puts each month in its quarter', () => {
    expect(['2016-04-01', '2016-06-30', '2016-07-01', '2016-09-30', '2016-10-01', '2016-12-31', '2017-01-01', '2017-03-31'].map(d => quarterOf(d).quarter)).toEqual([1, 1, 2, 2, 3, 3, 4, 4])
    expect(['2011-04', '2011-06', '2011-07', '2011-12', '2012-01', '2012-03'].map(quarterOfMonth)).toEqual([1, 1, 2, 3, 4, 4])
  })

  it('splits the year into quarters of three months', () => {
    expect(monthsOfQuarter(2011, 1)).toEqual(['2011-04', '2011-05', '2011-06'])
    expect(monthsOfQuarter(2011, 4)).toEqual(['2012-01', '2012-02', '2012-03'])
  })

  it('gives the first and last day of each quarter, Q4 in the next calendar year', () => {
    expect(quarterDates(2016, 1)).toEqual({ first: '2016-04-01', last: '2016-06-30' })
    expect(quarterDates(2016, 3)).toEqual({ first: '2016-10-01', last: '2016-12-31' })
    expect(quarterDates(2016, 4)).toEqual({ first: '2017-01-01', last: '2017-03-31' })
    expect(quarterMonthsLabel(2016, 4)).toBe('January to March 2017')
  })

  it('says where a day stands against a financial year', () => {
    expect(positionInFinancialYear(2016, '2016-03-31')).toBe('before')
    expect(positionInFinancialYear(2016, '2016-08-15')).toBe(2)
    expect(positionInFinancialYear(2016, '2017-04-01')).toBe('after')
  })

  it('places every day in the quarter whose dates contain it', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2090-12-31'), noInvalidDate: true }), date => {
        const day = date.toISOString().slice(0, 10)
        const { planYear, quarter } = quarterOf(day)
        const { first, last } = quarterDates(planYear, quarter)
        return first <= day && day <= last
      }),
    )
  })

  it('names a quarter with its year and months, Q4 in the next calendar year', () => {
    expect(quarterLabel(2011, 1)).toBe('Q1 2011/12 (April to June 2011)')
    expect(quarterLabel(2011, 4)).toBe('Q4 2011/12 (January to March 2012)')
    expect(quarterLabel(1999, 4)).toBe('Q4 1999/00 (January to March 2000)')
    expect(quarterLabel(2016, 2)).toBe('Q2 2016/17 (July to September 2016)')
    expect(quarterLabel(2016, 4)).toBe('Q4 2016/17 (January to March 2017)')
    expect(quarterOrdinal(1)).toBe('1st Quarter')
  })

  it('accepts only real quarters from addresses', () => {
    expect(parseQuarter('3')).toBe(3)
    expect([parseQuarter('0'), parseQuarter('5'), parseQuarter('1.5'), parseQuarter(undefined)]).toEqual([undefined, undefined, undefined, undefined])
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
