import { financialYearFirstMonthIndex, financialYearLabel, financialYearOfIndex, type FinancialYear } from './financial-year.ts'
import { monthAt, monthIndex, monthIndexOf, monthName, monthLabel, monthRangeLabel, shortMonthLabel, type MonthIndex } from './month.ts'
import { readPeriod, type PeriodKind } from './period-text.ts'
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

/**
 * One reporting period: its first month and how many months it covers (1, 3 or 12). A cumulative period is
 * part of a financial year counted together from April (1 to 11 months: "April to December 2025"), as plans
 * print a part-year figure; it is not a quarter or a year.
 */
export interface Period {
  start: MonthIndex
  months: number
  cumulative?: boolean
}

/** April of `year` to the month `to` (an index), counted together. */
export function partYearPeriod(year: FinancialYear, to: MonthIndex): Period {
  const start = financialYearFirstMonthIndex(year)
  return { start, months: to - start + 1, cumulative: true }
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

/** The stable key used in CSV files and the API: '2011-04', '2011/12 Q1', '2011/12' or '2011/12 April to December'. */
export function periodKey(p: Period): string {
  if (p.cumulative) return `${financialYearLabel(financialYearOfIndex(p.start))} April to ${monthName(monthAt(periodEnd(p)))}`
  if (p.months === 1) return monthAt(p.start)
  const year = financialYearLabel(financialYearOfIndex(p.start))
  return p.months === 3 ? `${year} Q${quarterOfPeriod(p)}` : year
}

/** For people: 'April 2011', 'Q1 2011/12 (April to June 2011)', '2011/12', 'April to December 2011'. */
export function periodLabel(p: Period): string {
  if (p.cumulative) return periodMonthsLabel(p.start, periodEnd(p))
  if (p.months === 1) return monthLabel(monthAt(p.start))
  if (p.months === 3) return `${shortPeriodLabel(p)} (${periodMonthsLabel(p.start, periodEnd(p))})`
  return financialYearLabel(financialYearOfIndex(p.start))
}

/** For chart axes: 'Apr 2011', 'Q1 2011/12', '2011/12', 'Apr–Dec 2011'. */
export function shortPeriodLabel(p: Period): string {
  if (p.cumulative) return `Apr–${shortMonthLabel(monthAt(periodEnd(p)))}`
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

/** A stored period back from its first day and length (and whether it is a cumulative part of a year). */
export function periodFromStartDate(date: string, months: number, cumulative = false): Period {
  const match = /^(\d{4})-(\d{2})-\d{2}$/.exec(date)
  if (!match || (cumulative ? !(months >= 1 && months <= 11) : ![1, 3, 12].includes(months))) throw new RangeError(`Not a stored period: ${date} (${months} months)`)
  const start = monthIndex(Number(match[1]), Number(match[2]))
  return cumulative ? { start, months, cumulative: true } : { start, months }
}

export const samePeriod = (a: Period, b: Period) => a.start === b.start && a.months === b.months && Boolean(a.cumulative) === Boolean(b.cumulative)

// --- Reading a period people write ------------------------------------------------------------

export type ParsedPeriod = { ok: true; period: Period } | { ok: false; message: string }

const EXAMPLES: Record<Frequency, string> = {
  monthly: 'Enter the month like 2011-04 or April 2011',
  quarterly: 'Enter the quarter like 2011/12 Q1 or Q1 2011/12',
  annual: 'Enter the financial year like 2011/12',
}
const KINDS: Record<Frequency, PeriodKind> = { monthly: 'month', quarterly: 'quarter', annual: 'financial_year' }

/**
 * Read a period written by a person or a spreadsheet, for an indicator of the given frequency (the one reader,
 * readPeriod, underneath). With `partYear`, a cumulative figure from April is read too ("April to December 2011").
 */
export function parsePeriod(input: string, frequency: Frequency, options: { partYear?: boolean } = {}): ParsedPeriod {
  const kinds: PeriodKind[] = options.partYear ? [KINDS[frequency], 'part_year'] : [KINDS[frequency]]
  const read = readPeriod(input, kinds)
  if (!read.ok) {
    if (read.reason !== 'format') return { ok: false, message: read.message }
    return { ok: false, message: options.partYear ? `${EXAMPLES[frequency]}, or part of a year like April to December 2011` : EXAMPLES[frequency] }
  }
  const p = read.period
  if (p.kind === 'month') return { ok: true, period: { start: monthIndexOf(p.month), months: 1 } }
  if (p.kind === 'quarter') return { ok: true, period: { start: financialYearFirstMonthIndex(p.year) + (p.quarter - 1) * 3, months: 3 } }
  if (p.kind === 'financial_year') return { ok: true, period: { start: financialYearFirstMonthIndex(p.year), months: 12 } }
  return { ok: true, period: partYearPeriod(p.year, monthIndexOf(p.to)) }
}
