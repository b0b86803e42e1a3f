import { describe, expect, it } from 'vitest'

import {
  financialYearLabel,
  financialYearOf,
  financialYearSlug,
  isInYear,
  parseYearInput,
  parseYearParam,
  yearBounds,
} from './financial-year.ts'

describe('financial years', () => {
  it('names a year by its two halves', () => {
    expect(financialYearLabel(2021)).toBe('2021/22')
    expect(financialYearLabel(1999)).toBe('1999/00')
    expect(financialYearSlug(2011)).toBe('2011-12')
  })

  it('runs from 1 April to 31 March', () => {
    expect(yearBounds(2021)).toEqual({ first: '2021-04-01', last: '2022-03-31' })
    expect(financialYearOf('2022-03-31')).toBe(2021)
    expect(financialYearOf('2022-04-01')).toBe(2022)
    expect(isInYear('2021-04-01', 2021)).toBe(true)
    expect(isInYear('2021-03-31', 2021)).toBe(false)
  })

  it('reads a year from an address as "2021" or "2021-22", and nothing else', () => {
    expect(parseYearParam('2021')).toBe(2021)
    expect(parseYearParam('2021-22')).toBe(2021)
    expect(parseYearParam('2021-2022')).toBe(2021)
    expect(parseYearParam('2021-23')).toBeNull()
    expect(parseYearParam('projects')).toBeNull()
    expect(parseYearParam('0')).toBeNull()
    expect(parseYearParam(undefined)).toBeNull()
  })

  it('reads a year typed into a form, with a clear message when it cannot', () => {
    expect(parseYearInput('2021/22')).toEqual({ ok: true, startYear: 2021 })
    expect(parseYearInput(' 2021-22 ')).toEqual({ ok: true, startYear: 2021 })
    expect(parseYearInput('2021 to 2022')).toEqual({ ok: true, startYear: 2021 })
    expect(parseYearInput('2021')).toEqual({ ok: true, startYear: 2021 })
    expect(parseYearInput('')).toEqual({ ok: false, message: 'Enter the financial year, like 2021/22' })
    expect(parseYearInput('21/22')).toEqual({
      ok: false,
      message: 'Enter the financial year in the correct format, like 2021/22',
    })
    expect(parseYearInput('2021/23')).toEqual({
      ok: false,
      message: 'A financial year runs from April to the following March, like 2021/22',
    })
    expect(parseYearInput('1990/91')).toEqual({
      ok: false,
      message: 'The financial year must be between 1998/99 and 2100/01',
    })
  })
})
