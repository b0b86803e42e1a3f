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

// --- Reading a financial year from an address (typed ones are read by readPeriod, period-text.ts) ---

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
