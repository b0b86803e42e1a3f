import type { IsoDate } from './day.ts'
import { monthIndexOf, monthAt, monthNumber, yearOf, type Month, type MonthIndex } from './month.ts'

/**
 * A financial year runs from 1 April to 31 March and is named by the calendar year it starts in: 2016 is
 * "2016/17", 1 April 2016 to 31 March 2017. It is the partnership's plan year, the year of its funding and
 * the year its indicators are counted in.
 */
export type FinancialYear = number

/** The years a user may enter for a financial year. */
export const FIRST_FINANCIAL_YEAR = 1998 // the Crime and Disorder Act 1998 created CSPs
const LAST_FINANCIAL_YEAR = 2100

const twoDigits = (year: FinancialYear) => String((year + 1) % 100).padStart(2, '0')

/** 2016 → "2016/17"; 1999 → "1999/00". */
export function financialYearLabel(year: FinancialYear): string {
  return `${year}/${twoDigits(year)}`
}

/** 2011 → '2011/2012', as the seeds write it in headings. */
export const financialYearLongLabel = (year: FinancialYear) => `${year}/${year + 1}`

/** 2021 → "2021-22", for addresses. */
export function financialYearSlug(year: FinancialYear): string {
  return `${year}-${twoDigits(year)}`
}

/** "2016/17 to 2018/19" for a run of financial years (a three-year plan); null when none is recorded. */
export function financialYearsLabel(first: FinancialYear | null, last: FinancialYear | null): string | null {
  if (first === null || last === null) return null
  return first === last ? financialYearLabel(first) : `${financialYearLabel(first)} to ${financialYearLabel(last)}`
}

/** The financial year a month falls in: January to March belong to the year before. */
export function financialYearOfMonth(month: Month): FinancialYear {
  return monthNumber(month) >= 4 ? yearOf(month) : yearOf(month) - 1
}

/** The financial year a month counted from year 0 falls in (see MonthIndex). */
export const financialYearOfIndex = (index: MonthIndex): FinancialYear => financialYearOfMonth(monthAt(index))

/** The financial year a day falls in: 2022-03-31 → 2021; 2022-04-01 → 2022. */
export function financialYearOfDay(date: IsoDate): FinancialYear {
  return financialYearOfMonth(date.slice(0, 7))
}

/**
 * The financial year of an instant's day in UTC (not the UK day: at 00:30 BST on 1 April it is still the
 * year before). For "this year" where an hour either side of midnight does not matter.
 */
export function financialYearOfUtcDate(instant: Date): FinancialYear {
  return instant.getUTCMonth() + 1 >= 4 ? instant.getUTCFullYear() : instant.getUTCFullYear() - 1
}

export function isInFinancialYear(date: IsoDate, year: FinancialYear): boolean {
  return financialYearOfDay(date) === year
}

/** April of the financial year, 'YYYY-04'. */
export const financialYearFirstMonth = (year: FinancialYear): Month => `${String(year).padStart(4, '0')}-04`
/** April of the financial year, counted from year 0. */
export const financialYearFirstMonthIndex = (year: FinancialYear): MonthIndex => monthIndexOf(financialYearFirstMonth(year))

/** The twelve months of a financial year, April first. */
export function monthsOfFinancialYear(year: FinancialYear): Month[] {
  const first = financialYearFirstMonthIndex(year)
  return Array.from({ length: 12 }, (_, i) => monthAt(first + i))
}

/** The first and last days of a financial year, as 'YYYY-MM-DD'. */
export function financialYearDates(year: FinancialYear): { first: IsoDate; last: IsoDate } {
  const pad = (y: number) => String(y).padStart(4, '0')
  return { first: `${pad(year)}-04-01`, last: `${pad(year + 1)}-03-31` }
}

// --- Reading a financial year people write -------------------------------------------------------

/** A financial year written '2011/12' or '2011/2012' (the second year must follow the first). */
function followingYears(first: string, second: string): FinancialYear | null {
  const year = Number(first)
  const next = Number(second)
  const expected = second.length === 2 ? (year + 1) % 100 : year + 1
  return next === expected ? year : null
}

/** A financial year typed as '2011/12' (or '2011/2012') or '2011', for year fields in forms and URLs. */
export function parseFinancialYearText(input: string): FinancialYear | null {
  const text = input.trim()
  if (/^\d{4}$/.test(text)) return Number(text)
  const m = /^(\d{4}) ?\/ ?(\d{2}|\d{4})$/.exec(text)
  return m ? followingYears(m[1]!, m[2]!) : null
}

/**
 * A year as it appears in an address or the API: "2021", "2021-22" (or "2021-2022"). Returns the first
 * calendar year, or null when the text is not a year or its two halves do not follow each other.
 */
export function parseFinancialYearParam(value: string | undefined): FinancialYear | null {
  const match = /^(\d{1,4})(?:-(\d{2}|\d{4}))?$/.exec(value ?? '')
  if (!match) return null
  const start = Number(match[1])
  if (start < 1) return null
  const end = match[2]
  if (end !== undefined && end !== (end.length === 2 ? twoDigits(start) : String(start + 1))) return null
  return start
}

export type FinancialYearInput = { ok: true; startYear: FinancialYear } | { ok: false; message: string }

/** What a user types for a new financial year: "2021/22", "2021-22", "2021 to 2022" or "2021", with the error to show. */
export function parseFinancialYearInput(input: string | undefined): FinancialYearInput {
  const text = (input ?? '').trim()
  if (text === '') return { ok: false, message: 'Enter the financial year, like 2021/22' }
  const match = /^(\d{4})(?:\s*(?:\/|-|–|to)\s*(\d{2}|\d{4}))?$/i.exec(text)
  if (!match) return { ok: false, message: 'Enter the financial year in the correct format, like 2021/22' }
  const start = Number(match[1])
  const end = match[2]
  if (end !== undefined && end !== (end.length === 2 ? twoDigits(start) : String(start + 1))) {
    return { ok: false, message: 'A financial year runs from April to the following March, like 2021/22' }
  }
  if (start < FIRST_FINANCIAL_YEAR || start > LAST_FINANCIAL_YEAR) {
    return {
      ok: false,
      message: `The financial year must be between ${financialYearLabel(FIRST_FINANCIAL_YEAR)} and ${financialYearLabel(LAST_FINANCIAL_YEAR)}`,
    }
  }
  return { ok: true, startYear: start }
}
