import { describe, expect, it } from 'vitest'

import {
  financialYearDates,
  financialYearFirstMonth,
  financialYearLabel,
  financialYearLongLabel,
  financialYearOfDay,
  financialYearOfIndex,
  financialYearOfMonth,
  financialYearOfUtcDate,
  financialYearsLabel,
  financialYearSlug,
  isInFinancialYear,
  monthsOfFinancialYear,
  parseFinancialYearInput,
  parseFinancialYearParam,
  parseFinancialYearText,
} from './financial-year.ts'
import { monthIndex } from './month.ts'

describe('financial years', () => {
  it('names a year by its two halves, as the seeds do', () => {
    expect(financialYearLabel(2016)).toBe('2016/17')
    expect(financialYearLabel(2011)).toBe('2011/12')
    expect(financialYearLabel(1999)).toBe('1999/00')
    expect(financialYearLabel(2099)).toBe('2099/00')
    expect(financialYearLongLabel(2011)).toBe('2011/2012')
    expect(financialYearSlug(2011)).toBe('2011-12')
    expect(financialYearsLabel(2011, 2013)).toBe('2011/12 to 2013/14')
    expect(financialYearsLabel(2016, 2016)).toBe('2016/17')
    expect(financialYearsLabel(null, null)).toBeNull()
  })

  it('works out the financial year of a month from April', () => {
    expect(financialYearFirstMonth(financialYearOfMonth('2025-03'))).toBe('2024-04')
    expect(financialYearFirstMonth(financialYearOfMonth('2025-04'))).toBe('2025-04')
    expect(financialYearLabel(financialYearOfMonth('2026-01'))).toBe('2025/26')
    expect(financialYearLabel(financialYearOfMonth('1999-12'))).toBe('1999/00')
    expect(financialYearOfMonth('2012-03')).toBe(2011)
    expect(financialYearOfMonth('2011-04')).toBe(2011)
    expect(financialYearOfMonth('2011-03')).toBe(2010)
    expect(financialYearOfIndex(monthIndex(2011, 4))).toBe(2011)
    expect(financialYearOfIndex(monthIndex(2012, 3))).toBe(2011)
    expect(financialYearOfIndex(monthIndex(2012, 4))).toBe(2012)
  })

  it('runs from April to the March after, as the 2011/12 plan does', () => {
    const months = monthsOfFinancialYear(2011)
    expect(months).toHaveLength(12)
    expect(months[0]).toBe('2011-04')
    expect(months[8]).toBe('2011-12')
    expect(months[9]).toBe('2012-01')
    expect(months[11]).toBe('2012-03')
  })

  it('runs from 1 April to 31 March', () => {
    expect(financialYearDates(2021)).toEqual({ first: '2021-04-01', last: '2022-03-31' })
    expect(financialYearOfDay('2022-03-31')).toBe(2021)
    expect(financialYearOfDay('2022-04-01')).toBe(2022)
    expect(isInFinancialYear('2021-04-01', 2021)).toBe(true)
    expect(isInFinancialYear('2021-03-31', 2021)).toBe(false)
  })

  it('takes the year of an instant by its day in UTC', () => {
    expect(financialYearOfUtcDate(new Date('2022-03-31T23:30:00Z'))).toBe(2021)
    expect(financialYearOfUtcDate(new Date('2022-04-01T00:30:00Z'))).toBe(2022)
  })
})

describe('reading a financial year', () => {
  it('reads a financial year typed in a form', () => {
    expect(parseFinancialYearText('2011/12')).toBe(2011)
    expect(parseFinancialYearText('2011')).toBe(2011)
    expect(parseFinancialYearText('2011/13')).toBeNull()
  })

  it('reads a year from an address as "2021" or "2021-22", and nothing else', () => {
    expect(parseFinancialYearParam('2021')).toBe(2021)
    expect(parseFinancialYearParam('2021-22')).toBe(2021)
    expect(parseFinancialYearParam('2021-2022')).toBe(2021)
    expect(parseFinancialYearParam('2021-23')).toBeNull()
    expect(parseFinancialYearParam('projects')).toBeNull()
    expect(parseFinancialYearParam('0')).toBeNull()
    expect(parseFinancialYearParam(undefined)).toBeNull()
  })

  it('reads a year typed into a form, with a clear message when it cannot', () => {
    expect(parseFinancialYearInput('2021/22')).toEqual({ ok: true, startYear: 2021 })
    expect(parseFinancialYearInput(' 2021-22 ')).toEqual({ ok: true, startYear: 2021 })
    expect(parseFinancialYearInput('2021 to 2022')).toEqual({ ok: true, startYear: 2021 })
    expect(parseFinancialYearInput('2021')).toEqual({ ok: true, startYear: 2021 })
    expect(parseFinancialYearInput('')).toEqual({ ok: false, message: 'Enter the financial year, like 2021/22' })
    expect(parseFinancialYearInput('21/22')).toEqual({
      ok: false,
      message: 'Enter the financial year in the correct format, like 2021/22',
    })
    expect(parseFinancialYearInput('2021/23')).toEqual({
      ok: false,
      message: 'A financial year runs from April to the following March, like 2021/22',
    })
    expect(parseFinancialYearInput('1990/91')).toEqual({
      ok: false,
      message: 'The financial year must be between 1998/99 and 2100/01',
    })
  })
})
