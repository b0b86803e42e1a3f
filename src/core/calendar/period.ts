import {
  financialYearFirstMonthIndex,
  financialYearLabel,
  financialYearOfIndex,
  parseFinancialYearText,
  type FinancialYear,
} from './financial-year.ts'
import { monthAt, monthIndex, MONTH_NAMES, monthLabel, monthRangeLabel, shortMonthLabel, type MonthIndex } from './month.ts'
import { shortQuarterLabel, type Quarter } from './quarter.ts'

/**
 * Reporting periods: a month, a quarter or a financial year. An indicator is measured monthly, quarterly or
 * annually, and every figure covers one whole period of that frequency, lined up with the financial year
 * (quarters start in April, July, October and January; years in April).
 */

export const FREQUENCIES = ['monthly', 'quarterly', 'annual'] as const
export type Frequency = (typeof FREQUENCIES)[number]
export type PeriodMonths = 1 | 3 | 12

export const MONTHS_IN: Record<Frequency, PeriodMonths> = { monthly: 1, quarterly: 3, annual: 12 }
export const FREQUENCY_LABELS: Record<Frequency, string> = { monthly: 'Monthly', quarterly: 'Quarterly', annual: 'Annual' }

/** One reporting period: its first month and how many months it covers. */
export interface Period {
  start: MonthIndex
  months: PeriodMonths
}

/** The last month a period covers. */
export const periodEnd = (p: Period): MonthIndex => p.start + p.months - 1

/** The periods of a financial year at a frequency, in order. */
export function periodsOfYear(frequency: Frequency, year: FinancialYear): Period[] {
  const months = MONTHS_IN[frequency]
  const start = financialYearFirstMonthIndex(year)
  return Array.from({ length: 12 / months }, (_, i) => ({ start: start + i * months, months }))
}

/** Whether a period lines up with its frequency: quarters start in April, July, October, January; years in April. */
export function isAligned(p: Period): boolean {
  const offset = p.start - financialYearFirstMonthIndex(financialYearOfIndex(p.start))
  return offset % p.months === 0
}

/** Which quarter of its financial year a quarterly period is (1–4). */
const quarterOfPeriod = (p: Period) => ((p.start - financialYearFirstMonthIndex(financialYearOfIndex(p.start))) / 3 + 1) as Quarter

/** The stable key used in CSV files and the API: '2011-04', '2011/12 Q1' or '2011/12'. */
export function periodKey(p: Period): string {
  if (p.months === 1) return monthAt(p.start)
  const year = financialYearLabel(financialYearOfIndex(p.start))
  return p.months === 3 ? `${year} Q${quarterOfPeriod(p)}` : year
}

/** For people: 'April 2011', 'Q1 2011/12 (April to June 2011)', '2011/12'. */
export function periodLabel(p: Period): string {
  if (p.months === 1) return monthLabel(monthAt(p.start))
  if (p.months === 3) return `${shortPeriodLabel(p)} (${periodMonthsLabel(p.start, periodEnd(p))})`
  return financialYearLabel(financialYearOfIndex(p.start))
}

/** For chart axes: 'Apr 2011', 'Q1 2011/12', '2011/12'. */
export function shortPeriodLabel(p: Period): string {
  if (p.months === 1) return shortMonthLabel(monthAt(p.start))
  if (p.months === 3) return shortQuarterLabel(financialYearOfIndex(p.start), quarterOfPeriod(p))
  return financialYearLabel(financialYearOfIndex(p.start))
}

/** The months a run of periods covers, for people: 'April to June 2011'; 'January 2011 to March 2012'. */
export function periodMonthsLabel(from: MonthIndex, to: MonthIndex): string {
  return monthRangeLabel(monthAt(from), monthAt(to))
}

/** The first day of a period as stored: '2011-04-01'. */
export const periodStartDate = (p: Period) => `${monthAt(p.start)}-01`

/** A stored period back from its first day and length. */
export function periodFromStartDate(date: string, months: number): Period {
  const match = /^(\d{4})-(\d{2})-\d{2}$/.exec(date)
  if (!match || ![1, 3, 12].includes(months)) throw new RangeError(`Not a stored period: ${date} (${months} months)`)
  return { start: monthIndex(Number(match[1]), Number(match[2])), months: months as PeriodMonths }
}

export const samePeriod = (a: Period, b: Period) => a.start === b.start && a.months === b.months

// --- Reading a period people write ------------------------------------------------------------

export type ParsedPeriod = { ok: true; period: Period } | { ok: false; message: string }

const MONTH_LOOKUP = new Map(MONTH_NAMES.flatMap((name, i) => [[name.toLowerCase(), i + 1] as const, [name.slice(0, 3).toLowerCase(), i + 1] as const]))
MONTH_LOOKUP.set('sept', 9)

const EXAMPLES: Record<Frequency, string> = {
  monthly: 'Enter the month like 2011-04 or April 2011',
  quarterly: 'Enter the quarter like 2011/12 Q1',
  annual: 'Enter the financial year like 2011/12',
}

const FOLLOWING_YEARS = 'The two years of a financial year must follow each other, like 2011/12'

/** Read a period written by a person or a spreadsheet, for an indicator of the given frequency. */
export function parsePeriod(input: string, frequency: Frequency): ParsedPeriod {
  const text = input.trim().replace(/\s+/g, ' ')
  const fail = (message = EXAMPLES[frequency]): ParsedPeriod => ({ ok: false, message })
  if (!text) return fail(frequency === 'monthly' ? 'Enter the month' : frequency === 'quarterly' ? 'Enter the quarter' : 'Enter the financial year')
  const inRange = (year: number) => year >= 1990 && year <= 2100

  if (frequency === 'monthly') {
    let year: number | undefined
    let month: number | undefined
    let m: RegExpExecArray | null
    if ((m = /^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$/.exec(text))) [year, month] = [Number(m[1]), Number(m[2])]
    else if ((m = /^(?:(\d{1,2})\/)?(\d{1,2})\/(\d{4})$/.exec(text))) [year, month] = [Number(m[3]), Number(m[2])]
    else if ((m = /^([A-Za-z]+)\.?[ -](\d{4})$/.exec(text))) [year, month] = [Number(m[2]), MONTH_LOOKUP.get(m[1]!.toLowerCase())]
    if (year === undefined || month === undefined || month < 1 || month > 12) return fail()
    if (!inRange(year)) return fail('Enter a year between 1990 and 2100')
    return { ok: true, period: { start: monthIndex(year, month), months: 1 } }
  }

  if (frequency === 'quarterly') {
    let quarter: string | undefined
    let first: string | undefined
    let second: string | undefined
    let m = /^Q([1-4]) (\d{4}) ?[/-] ?(\d{2}|\d{4})$/i.exec(text)
    if (m) [quarter, first, second] = [m[1], m[2], m[3]]
    else if ((m = /^(\d{4}) ?[/-] ?(\d{2}|\d{4}) Q([1-4])$/i.exec(text))) [first, second, quarter] = [m[1], m[2], m[3]]
    if (!quarter || !first || !second) return fail()
    const year = parseFinancialYearText(`${first}/${second}`)
    if (year === null) return fail(FOLLOWING_YEARS)
    if (!inRange(year)) return fail('Enter a year between 1990 and 2100')
    return { ok: true, period: { start: financialYearFirstMonthIndex(year) + (Number(quarter) - 1) * 3, months: 3 } }
  }

  const m = /^(\d{4}) ?\/ ?(\d{2}|\d{4})$/.exec(text)
  if (!m) return fail()
  const year = parseFinancialYearText(`${m[1]}/${m[2]}`)
  if (year === null) return fail(FOLLOWING_YEARS)
  if (!inRange(year)) return fail('Enter a year between 1990 and 2100')
  return { ok: true, period: { start: financialYearFirstMonthIndex(year), months: 12 } }
}
