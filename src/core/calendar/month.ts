import type { IsoDate } from './day.ts'

/**
 * A calendar month, 'YYYY-MM': the one month type of CSP Hub (police.uk publishes a file per force per
 * month; highlight reports are monthly; the database stores a month as its first day). Months compare as
 * text: '2011-06' < '2011-10' < '2012-01'.
 *
 * For arithmetic a month may also be counted from year 0 (a MonthIndex: April 2011 is 2011 × 12 + 3), as the
 * indicators' reporting periods do; monthIndexOf and monthAt convert between the two.
 */
export type Month = string

/** A month counted from year 0: April 2011 is 2011 × 12 + 3. */
export type MonthIndex = number

export const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const

const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/
const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/** A 'YYYY-MM' month from `earliestYear` (1990 unless given) to 2100. */
export function isMonth(value: unknown, earliestYear = 1990): value is Month {
  if (typeof value !== 'string') return false
  const match = MONTH_PATTERN.exec(value)
  return match !== null && Number(match[1]) >= earliestYear && Number(match[1]) <= 2100
}

export const yearOf = (month: Month) => Number(month.slice(0, 4))
/** 1 for January … 12 for December. */
export const monthNumber = (month: Month) => Number(month.slice(5, 7))

export const monthIndex = (year: number, monthNumber: number): MonthIndex => year * 12 + (monthNumber - 1)
export const monthIndexOf = (month: Month): MonthIndex => monthIndex(yearOf(month), monthNumber(month))
export function monthAt(index: MonthIndex): Month {
  return `${pad(Math.floor(index / 12), 4)}-${pad((index % 12) + 1)}`
}

export function addMonths(month: Month, count: number): Month {
  return monthAt(monthIndexOf(month) + count)
}

/** Whole months from `from` to `to` (0 when equal, negative when `to` is earlier). */
export function monthsBetween(from: Month, to: Month): number {
  return monthIndexOf(to) - monthIndexOf(from)
}

/** Every month from `from` to `to`, both included. */
export function monthRange(from: Month, to: Month): Month[] {
  const months: Month[] = []
  for (let i = monthIndexOf(from); i <= monthIndexOf(to); i++) months.push(monthAt(i))
  return months
}

export function compareMonths(a: Month, b: Month): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** The month an instant falls in, in UTC. */
export const utcMonthOf = (instant: Date): Month => instant.toISOString().slice(0, 7)

/** The month a day falls in. */
export const monthOf = (date: IsoDate): Month => date.slice(0, 7)
/** The month's first day, 'YYYY-MM-01', as the database stores a month. */
export const monthStart = (month: Month): IsoDate => `${month}-01`
/** The month's last day. */
export function monthEnd(month: Month): IsoDate {
  const lastDay = new Date(Date.UTC(yearOf(month), monthNumber(month), 0)).getUTCDate()
  return `${month}-${pad(lastDay)}`
}

// --- Words ------------------------------------------------------------------------------------

/** 'September' */
export function monthName(month: Month): string {
  return MONTH_NAMES[monthNumber(month) - 1]!
}

/** 'September 2025' */
export function monthLabel(month: Month): string {
  return `${monthName(month)} ${yearOf(month)}`
}

/** 'Sep 2025', for chart axes. */
export function shortMonthLabel(month: Month): string {
  return `${monthName(month).slice(0, 3)} ${yearOf(month)}`
}

/** A run of months: 'May 2025'; 'January to March 2025'; 'November 2024 to February 2025'. */
export function monthRangeLabel(from: Month, to: Month): string {
  if (from === to) return monthLabel(from)
  if (yearOf(from) === yearOf(to)) return `${monthName(from)} to ${monthLabel(to)}`
  return `${monthLabel(from)} to ${monthLabel(to)}`
}

/**
 * Any set of months for a sentence, collapsed into runs: ['2018-08', '2018-09', '2019-03'] →
 * 'August and September 2018 and March 2019'.
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
    return monthRangeLabel(from, to)
  })
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`
}
