import { isQuarter, type IsoDate, type Quarter } from '../../plans/domain/quarters.ts'

/**
 * Highlight reports are monthly, within the plan year (April to March): a month is named by its key,
 * 'YYYY-MM'. Quarter 1 is April to June; quarter 4 is January to March of the next calendar year.
 */
export type MonthKey = string

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]
const pad = (n: number) => String(n).padStart(2, '0')

export function isMonthKey(value: unknown): value is MonthKey {
  if (typeof value !== 'string') return false
  const match = /^(\d{4})-(\d{2})$/.exec(value)
  if (!match) return false
  const month = Number(match[2])
  const year = Number(match[1])
  return month >= 1 && month <= 12 && year >= 1998 && year <= 2100
}

const yearOf = (month: MonthKey) => Number(month.slice(0, 4))
const numberOf = (month: MonthKey) => Number(month.slice(5, 7))

/** The month a day falls in. */
export function monthOf(date: IsoDate): MonthKey {
  return date.slice(0, 7)
}

/** The month as the database stores it: its first day. */
export function monthStart(month: MonthKey): IsoDate {
  return `${month}-01`
}

/** The last day of the month. */
export function monthEnd(month: MonthKey): IsoDate {
  const lastDay = new Date(Date.UTC(yearOf(month), numberOf(month), 0)).getUTCDate()
  return `${month}-${pad(lastDay)}`
}

/** "June 2011". */
export function monthLabel(month: MonthKey): string {
  return `${MONTH_NAMES[numberOf(month) - 1]} ${yearOf(month)}`
}

/** The plan (financial) year a month falls in: January to March belong to the year before. */
export function planYearOfMonth(month: MonthKey): number {
  return numberOf(month) >= 4 ? yearOf(month) : yearOf(month) - 1
}

export function quarterOfMonth(month: MonthKey): Quarter {
  const n = numberOf(month)
  return n <= 3 ? 4 : ((Math.floor((n - 4) / 3) + 1) as Quarter)
}

/** The twelve months of a plan year, April first. */
export function monthsOfPlanYear(planYear: number): MonthKey[] {
  return Array.from({ length: 12 }, (_, i) => {
    const n = 4 + i
    return n <= 12 ? `${planYear}-${pad(n)}` : `${planYear + 1}-${pad(n - 12)}`
  })
}

/** The three months of a quarter of a plan year. */
export function monthsOfQuarter(planYear: number, quarter: Quarter): MonthKey[] {
  return monthsOfPlanYear(planYear).slice((quarter - 1) * 3, quarter * 3)
}

/** Months compare as text: '2011-06' < '2011-10' < '2012-01'. */
export function compareMonths(a: MonthKey, b: MonthKey): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** "Q1 2011/12 (April to June 2011)". */
export function quarterLabel(planYear: number, quarter: Quarter): string {
  const [first, , last] = monthsOfQuarter(planYear, quarter)
  return `Q${quarter} ${planYear}/${pad((planYear + 1) % 100)} (${MONTH_NAMES[numberOf(first!) - 1]} to ${monthLabel(last!)})`
}

/** A quarter from a query string ('1' to '4'), or undefined. */
export function parseQuarter(value: unknown): Quarter | undefined {
  const n = typeof value === 'string' && /^[1-4]$/.test(value) ? Number(value) : NaN
  return isQuarter(n) ? n : undefined
}
