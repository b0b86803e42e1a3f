/**
 * A financial year runs from 1 April to 31 March and is named by its first calendar year:
 * 2021 is "2021/22", 1 April 2021 to 31 March 2022 (as plans' planYear).
 */
import { financialYearLabel } from '../../../shared/dates.ts'

/** The years a user may enter for a new financial year. */
export const FIRST_YEAR = 1998 // the Crime and Disorder Act 1998 created CSPs
export const LAST_YEAR = 2100

const twoDigits = (year: number) => String((year + 1) % 100).padStart(2, '0')

/** 2021 → "2021/22". */
export { financialYearLabel }

/** 2021 → "2021-22", for addresses. */
export function financialYearSlug(startYear: number): string {
  return `${startYear}-${twoDigits(startYear)}`
}

/**
 * A year as it appears in an address or the API: "2021", "2021-22" (or "2021-2022"). Returns the first
 * calendar year, or null when the text is not a year or its two halves do not follow each other.
 */
export function parseYearParam(value: string | undefined): number | null {
  const match = /^(\d{1,4})(?:-(\d{2}|\d{4}))?$/.exec(value ?? '')
  if (!match) return null
  const start = Number(match[1])
  if (start < 1) return null
  const end = match[2]
  if (end !== undefined && end !== (end.length === 2 ? twoDigits(start) : String(start + 1))) return null
  return start
}

export type YearInputResult = { ok: true; startYear: number } | { ok: false; message: string }

/** What a user types for a new year: "2021/22", "2021-22", "2021 to 2022" or "2021". */
export function parseYearInput(input: string | undefined): YearInputResult {
  const text = (input ?? '').trim()
  if (text === '') return { ok: false, message: 'Enter the financial year, like 2021/22' }
  const match = /^(\d{4})(?:\s*(?:\/|-|–|to)\s*(\d{2}|\d{4}))?$/i.exec(text)
  if (!match) return { ok: false, message: 'Enter the financial year in the correct format, like 2021/22' }
  const start = Number(match[1])
  const end = match[2]
  if (end !== undefined && end !== (end.length === 2 ? twoDigits(start) : String(start + 1))) {
    return { ok: false, message: 'A financial year runs from April to the following March, like 2021/22' }
  }
  if (start < FIRST_YEAR || start > LAST_YEAR) {
    return {
      ok: false,
      message: `The financial year must be between ${financialYearLabel(FIRST_YEAR)} and ${financialYearLabel(LAST_YEAR)}`,
    }
  }
  return { ok: true, startYear: start }
}

/** The first and last days of a financial year, as 'YYYY-MM-DD'. */
export function yearBounds(startYear: number): { first: string; last: string } {
  const pad = (year: number) => String(year).padStart(4, '0')
  return { first: `${pad(startYear)}-04-01`, last: `${pad(startYear + 1)}-03-31` }
}

/** The financial year a day falls in: 2022-03-31 → 2021; 2022-04-01 → 2022. */
export function financialYearOf(date: string): number {
  const year = Number(date.slice(0, 4))
  const month = Number(date.slice(5, 7))
  return month >= 4 ? year : year - 1
}

export function isInYear(date: string, startYear: number): boolean {
  return financialYearOf(date) === startYear
}
