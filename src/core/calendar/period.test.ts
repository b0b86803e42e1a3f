import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { financialYearLabel, financialYearOfIndex, parseFinancialYearText } from './financial-year.ts'
import { monthIndex } from './month.ts'
import {
  isAligned,
  parsePeriod,
  periodFromStartDate,
  periodKey,
  periodLabel,
  periodsOfYear,
  periodStartDate,
  shortPeriodLabel,
  type Frequency,
} from './period.ts'

describe('financial years', () => {
  it('run from April to March', () => {
    expect(financialYearOfIndex(monthIndex(2011, 4))).toBe(2011)
    expect(financialYearOfIndex(monthIndex(2012, 3))).toBe(2011)
    expect(financialYearOfIndex(monthIndex(2012, 4))).toBe(2012)
    expect(financialYearLabel(2011)).toBe('2011/12')
    expect(financialYearLabel(2099)).toBe('2099/00')
  })
})

describe('reading periods', () => {
  it.each([
    ['2011-04', 'monthly', '2011-04'],
    ['April 2011', 'monthly', '2011-04'],
    ['apr 2011', 'monthly', '2011-04'],
    ['Sept 2011', 'monthly', '2011-09'],
    ['01/04/2011', 'monthly', '2011-04'],
    ['04/2011', 'monthly', '2011-04'],
    ['2011-04-01', 'monthly', '2011-04'],
    ['2011/12 Q1', 'quarterly', '2011/12 Q1'],
    ['Q4 2011/2012', 'quarterly', '2011/12 Q4'],
    ['2011-12 Q2', 'quarterly', '2011/12 Q2'],
    ['2011/12', 'annual', '2011/12'],
    ['2011/2012', 'annual', '2011/12'],
  ] as [string, Frequency, string][])('reads “%s” as a %s period %s', (text, frequency, key) => {
    const parsed = parsePeriod(text, frequency)
    expect(parsed.ok && periodKey(parsed.period)).toBe(key)
  })

  it.each([
    ['', 'monthly', 'Enter the month'],
    ['2011-13', 'monthly', 'Enter the month like 2011-04 or April 2011'],
    ['2011/12', 'monthly', 'Enter the month like 2011-04 or April 2011'],
    ['2011-12', 'annual', 'Enter the financial year like 2011/12'],
    ['2011/13', 'annual', 'The two years of a financial year must follow each other, like 2011/12'],
    ['2011/12 Q5', 'quarterly', 'Enter the quarter like 2011/12 Q1'],
    ['1890-04', 'monthly', 'Enter a year between 1990 and 2100'],
  ] as [string, Frequency, string][])('refuses “%s” for a %s indicator', (text, frequency, message) => {
    expect(parsePeriod(text, frequency)).toEqual({ ok: false, message })
  })

  it('reads back every period it writes (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom<Frequency>('monthly', 'quarterly', 'annual'), fc.integer({ min: 1990, max: 2099 }), fc.nat(11), (frequency, year, i) => {
        const periods = periodsOfYear(frequency, year)
        const period = periods[i % periods.length]!
        expect(isAligned(period)).toBe(true)
        const parsed = parsePeriod(periodKey(period), frequency)
        expect(parsed).toEqual({ ok: true, period })
        expect(periodFromStartDate(periodStartDate(period), period.months)).toEqual(period)
      }),
    )
  })

  it('reads a financial year typed in a form', () => {
    expect(parseFinancialYearText('2011/12')).toBe(2011)
    expect(parseFinancialYearText('2011')).toBe(2011)
    expect(parseFinancialYearText('2011/13')).toBeNull()
  })
})

describe('labels', () => {
  it('names periods for people and for chart axes', () => {
    const [q1] = periodsOfYear('quarterly', 2011)
    expect(periodLabel(q1!)).toBe('Q1 2011/12 (April to June 2011)')
    expect(shortPeriodLabel(q1!)).toBe('Q1 2011/12')
    const q4 = periodsOfYear('quarterly', 2011)[3]!
    expect(periodLabel(q4)).toBe('Q4 2011/12 (January to March 2012)')
    expect(periodLabel(periodsOfYear('monthly', 2011)[0]!)).toBe('April 2011')
    expect(periodLabel(periodsOfYear('annual', 2011)[0]!)).toBe('2011/12')
  })
})
