/**
 * Calendar months as 'YYYY-MM' strings (police.uk publishes one file per force per month), with the
 * arithmetic the analyses need: ranges, shifts, financial years (April to March) and plain-English labels.
 */

export type Month = string

const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']
const SHORT_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

export function isMonth(value: unknown): value is Month {
  if (typeof value !== 'string') return false
  const match = MONTH_PATTERN.exec(value)
  return match !== null && Number(match[1]) >= 1990 && Number(match[1]) <= 2100
}

/** Month index since year 0, so months can be compared and subtracted. */
function index(month: Month): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1
}

function fromIndex(value: number): Month {
  const year = Math.floor(value / 12)
  const month = (value % 12) + 1
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`
}

export function addMonths(month: Month, count: number): Month {
  return fromIndex(index(month) + count)
}

/** Whole months from `from` to `to` (0 when equal, negative when `to` is earlier). */
export function monthsBetween(from: Month, to: Month): number {
  return index(to) - index(from)
}

/** Every month from `from` to `to`, both included. */
export function monthRange(from: Month, to: Month): Month[] {
  const months: Month[] = []
  for (let i = index(from); i <= index(to); i++) months.push(fromIndex(i))
  return months
}

export const monthNumber = (month: Month) => Number(month.slice(5, 7))
export const yearOf = (month: Month) => Number(month.slice(0, 4))

/** 'YYYY-MM-01', the first day of the month, as the database stores it. */
export const monthToDate = (month: Month) => `${month}-01`
export const dateToMonth = (date: string) => date.slice(0, 7)

/** 'September 2025' */
export function monthLabel(month: Month): string {
  return `${MONTH_NAMES[monthNumber(month) - 1]} ${yearOf(month)}`
}

/** 'Sep 2025', for chart axes. */
export function shortMonthLabel(month: Month): string {
  return `${SHORT_NAMES[monthNumber(month) - 1]} ${yearOf(month)}`
}

/** 'September' */
export function monthName(month: Month): string {
  return MONTH_NAMES[monthNumber(month) - 1]!
}

/** 'January to March 2025', 'November 2024 to February 2025', 'May 2025'. */
export function periodLabel(from: Month, to: Month): string {
  if (from === to) return monthLabel(from)
  if (yearOf(from) === yearOf(to)) return `${monthName(from)} to ${monthLabel(to)}`
  return `${monthLabel(from)} to ${monthLabel(to)}`
}

/** The first month (April) of the financial year the month falls in. */
export function financialYearStart(month: Month): Month {
  const year = monthNumber(month) >= 4 ? yearOf(month) : yearOf(month) - 1
  return `${year}-04`
}

/** '2025/26' for any month from April 2025 to March 2026. */
export function financialYearLabel(month: Month): string {
  const start = yearOf(financialYearStart(month))
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`
}

/**
 * Collapse a list of months into runs for a sentence: ['2018-08', '2018-09', '2019-03'] →
 * 'August and September 2018, March 2019'.
 */
export function describeMonths(months: readonly Month[]): string {
  if (months.length === 0) return ''
  const sorted = [...new Set(months)].sort()
  const runs: [Month, Month][] = []
  for (const month of sorted) {
    const last = runs.at(-1)
    if (last && monthsBetween(last[1], month) === 1) last[1] = month
    else runs.push([month, month])
  }
  const parts = runs.map(([from, to]) => {
    if (from === to) return monthLabel(from)
    if (monthsBetween(from, to) === 1 && yearOf(from) === yearOf(to)) return `${monthName(from)} and ${monthLabel(to)}`
    return periodLabel(from, to)
  })
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`
}
