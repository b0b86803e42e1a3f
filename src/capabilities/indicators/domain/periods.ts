/**
 * Reporting periods. Community safety partnerships count in financial years (April to March): 2011/12
 * runs from April 2011 to March 2012, its Q1 is April to June 2011. An indicator is measured monthly,
 * quarterly or annually, and every actual covers one whole period of that frequency.
 */

import { financialYearLabel } from '../../../shared/dates.ts'

export const FREQUENCIES = ['monthly', 'quarterly', 'annual'] as const
export type Frequency = (typeof FREQUENCIES)[number]
export type PeriodMonths = 1 | 3 | 12

export const MONTHS_IN: Record<Frequency, PeriodMonths> = { monthly: 1, quarterly: 3, annual: 12 }
export const FREQUENCY_LABELS: Record<Frequency, string> = { monthly: 'Monthly', quarterly: 'Quarterly', annual: 'Annual' }

/** A month counted from year 0: April 2011 is 2011 × 12 + 3. */
export type MonthIndex = number

/** One reporting period: its first month and how many months it covers. */
export interface Period {
  start: MonthIndex
  months: PeriodMonths
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

export const monthIndex = (year: number, month: number): MonthIndex => year * 12 + (month - 1)
export const calendarYearOf = (m: MonthIndex) => Math.floor(m / 12)
export const calendarMonthOf = (m: MonthIndex) => (m % 12) + 1
export const monthName = (m: MonthIndex) => MONTH_NAMES[m % 12]!

/** The financial year a month falls in, by its first calendar year: March 2012 → 2011 (2011/12). */
export const financialYearOf = (m: MonthIndex) => (calendarMonthOf(m) >= 4 ? calendarYearOf(m) : calendarYearOf(m) - 1)
export const financialYearStart = (year: number): MonthIndex => monthIndex(year, 4)
/** The financial year of a date ('YYYY-MM-DD' or a Date). */
export function financialYearOfDate(date: Date): number {
  return financialYearOf(monthIndex(date.getUTCFullYear(), date.getUTCMonth() + 1))
}

/** 2011 → '2011/12'. */
export { financialYearLabel }
/** 2011 → '2011/2012', as the seeds write it in headings. */
export const financialYearLongLabel = (year: number) => `${year}/${year + 1}`

/** The last month a period covers. */
export const periodEnd = (p: Period): MonthIndex => p.start + p.months - 1

/** The periods of a financial year at a frequency, in order. */
export function periodsOfYear(frequency: Frequency, year: number): Period[] {
  const months = MONTHS_IN[frequency]
  const start = financialYearStart(year)
  return Array.from({ length: 12 / months }, (_, i) => ({ start: start + i * months, months }))
}

/** Whether a period lines up with its frequency: quarters start in April, July, October, January; years in April. */
export function isAligned(p: Period): boolean {
  const offset = p.start - financialYearStart(financialYearOf(p.start))
  return offset % p.months === 0
}

/** Which quarter of its financial year a quarterly period is (1–4). */
const quarterOf = (p: Period) => (p.start - financialYearStart(financialYearOf(p.start))) / 3 + 1

/** The stable key used in CSV files and the API: '2011-04', '2011/12 Q1' or '2011/12'. */
export function periodKey(p: Period): string {
  if (p.months === 1) return `${calendarYearOf(p.start)}-${String(calendarMonthOf(p.start)).padStart(2, '0')}`
  const year = financialYearLabel(financialYearOf(p.start))
  return p.months === 3 ? `${year} Q${quarterOf(p)}` : year
}

/** 'April 2011' to 'June 2011' → 'April to June 2011'; across years 'January 2011 to March 2012'. */
export function monthRangeLabel(from: MonthIndex, to: MonthIndex): string {
  if (from === to) return `${monthName(from)} ${calendarYearOf(from)}`
  if (calendarYearOf(from) === calendarYearOf(to)) return `${monthName(from)} to ${monthName(to)} ${calendarYearOf(to)}`
  return `${monthName(from)} ${calendarYearOf(from)} to ${monthName(to)} ${calendarYearOf(to)}`
}

/** For people: 'April 2011', 'Q1 2011/12 (April to June 2011)', '2011/12'. */
export function periodLabel(p: Period): string {
  if (p.months === 1) return `${monthName(p.start)} ${calendarYearOf(p.start)}`
  if (p.months === 3) return `Q${quarterOf(p)} ${financialYearLabel(financialYearOf(p.start))} (${monthRangeLabel(p.start, periodEnd(p))})`
  return financialYearLabel(financialYearOf(p.start))
}

/** For chart axes: 'Apr 2011', 'Q1 2011/12', '2011/12'. */
export function shortPeriodLabel(p: Period): string {
  if (p.months === 1) return `${monthName(p.start).slice(0, 3)} ${calendarYearOf(p.start)}`
  if (p.months === 3) return `Q${quarterOf(p)} ${financialYearLabel(financialYearOf(p.start))}`
  return financialYearLabel(financialYearOf(p.start))
}

/** The first day of a period as stored: '2011-04-01'. */
export const periodStartDate = (p: Period) => `${periodKey({ start: p.start, months: 1 })}-01`

/** A stored period back from its first day and length. */
export function periodFromStartDate(date: string, months: number): Period {
  const match = /^(\d{4})-(\d{2})-\d{2}$/.exec(date)
  if (!match || ![1, 3, 12].includes(months)) throw new RangeError(`Not a stored period: ${date} (${months} months)`)
  return { start: monthIndex(Number(match[1]), Number(match[2])), months: months as PeriodMonths }
}

export const samePeriod = (a: Period, b: Period) => a.start === b.start && a.months === b.months

export type ParsedPeriod = { ok: true; period: Period } | { ok: false; message: string }

const MONTH_LOOKUP = new Map(MONTH_NAMES.flatMap((name, i) => [[name.toLowerCase(), i + 1] as const, [name.slice(0, 3).toLowerCase(), i + 1] as const]))
MONTH_LOOKUP.set('sept', 9)

const EXAMPLES: Record<Frequency, string> = {
  monthly: 'Enter the month like 2011-04 or April 2011',
  quarterly: 'Enter the quarter like 2011/12 Q1',
  annual: 'Enter the financial year like 2011/12',
}

/** A financial year written '2011/12' or '2011/2012' (the second year must follow the first). */
function parseFinancialYear(first: string, second: string): number | null {
  const year = Number(first)
  const next = Number(second)
  const expected = second.length === 2 ? (year + 1) % 100 : year + 1
  return next === expected ? year : null
}

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
    const year = parseFinancialYear(first, second)
    if (year === null) return fail('The two years of a financial year must follow each other, like 2011/12')
    if (!inRange(year)) return fail('Enter a year between 1990 and 2100')
    return { ok: true, period: { start: financialYearStart(year) + (Number(quarter) - 1) * 3, months: 3 } }
  }

  const m = /^(\d{4}) ?\/ ?(\d{2}|\d{4})$/.exec(text)
  if (!m) return fail()
  const year = parseFinancialYear(m[1]!, m[2]!)
  if (year === null) return fail('The two years of a financial year must follow each other, like 2011/12')
  if (!inRange(year)) return fail('Enter a year between 1990 and 2100')
  return { ok: true, period: { start: financialYearStart(year), months: 12 } }
}

/** A financial year typed as '2011/12' or '2011', for year fields in forms and URLs. */
export function parseFinancialYearText(input: string): number | null {
  const text = input.trim()
  if (/^\d{4}$/.test(text)) return Number(text)
  const m = /^(\d{4}) ?\/ ?(\d{2}|\d{4})$/.exec(text)
  return m ? parseFinancialYear(m[1]!, m[2]!) : null
}
