import { describe, expect, it } from 'vitest'

import { financialYearLabel, financialYearOf, quarterEnd, quarterLabel, quarterMonths, quarterOrdinal, quartersText } from './periods.ts'

describe('financial years and quarters', () => {
  it('names a financial year as the seeds do', () => {
    expect(financialYearLabel(2016)).toBe('2016/17')
    expect(financialYearLabel(2021)).toBe('2021/22')
    expect(financialYearLabel(1999)).toBe('1999/00')
  })

  it('puts Q4 in the next calendar year', () => {
    expect(quarterMonths(2016, 1)).toBe('April to June 2016')
    expect(quarterMonths(2016, 4)).toBe('January to March 2017')
    expect(quarterLabel(2016, 2)).toBe('Q2 2016/17 (July to September 2016)')
    expect(quarterOrdinal(1)).toBe('1st Quarter')
    expect(quarterEnd(2016, 4)).toBe('2017-03-31')
  })

  it('writes an action’s quarters as a range when they run on', () => {
    expect(quartersText([1, 2, 3, 4])).toBe('Q1–4')
    expect(quartersText([3, 2])).toBe('Q2–3')
    expect(quartersText([1, 3])).toBe('Q1, Q3')
    expect(quartersText([2])).toBe('Q2')
    expect(quartersText([])).toBe('')
    expect(quartersText([0, 5, 2])).toBe('Q2')
  })

  it('finds the financial year of a date', () => {
    expect(financialYearOf(new Date('2016-04-01T00:00:00Z'))).toBe(2016)
    expect(financialYearOf(new Date('2017-03-31T12:00:00Z'))).toBe(2016)
    expect(financialYearOf(new Date('2026-11-25T10:00:00Z'))).toBe(2026)
  })
})
