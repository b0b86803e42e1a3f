import type { IsoDate } from './day.ts'
import { financialYearLabel, financialYearOfMonth, monthsOfFinancialYear, type FinancialYear } from './financial-year.ts'
import { monthNumber, monthOf, monthRangeLabel, type Month } from './month.ts'

/**
 * Quarters of the financial year: Q1 is April to June, Q2 July to September, Q3 October to December and Q4
 * January to March (of the next calendar year).
 */
export const QUARTERS = [1, 2, 3, 4] as const
export type Quarter = (typeof QUARTERS)[number]

export function isQuarter(value: unknown): value is Quarter {
  return value === 1 || value === 2 || value === 3 || value === 4
}

/** A quarter from a query string ('1' to '4'), or undefined. */
export function parseQuarter(value: unknown): Quarter | undefined {
  const n = typeof value === 'string' && /^[1-4]$/.test(value) ? Number(value) : NaN
  return isQuarter(n) ? n : undefined
}

/** The quarter of its financial year a month falls in. */
export function quarterOfMonth(month: Month): Quarter {
  const n = monthNumber(month)
  return n <= 3 ? 4 : ((Math.floor((n - 4) / 3) + 1) as Quarter)
}

/** The financial year (a plan's year) and quarter a day falls in: 14 March 2016 is Q4 of 2015/16. */
export function quarterOf(date: IsoDate): { planYear: FinancialYear; quarter: Quarter } {
  const month = monthOf(date)
  return { planYear: financialYearOfMonth(month), quarter: quarterOfMonth(month) }
}

/** The three months of a quarter of a financial year. */
export function monthsOfQuarter(year: FinancialYear, quarter: Quarter): Month[] {
  return monthsOfFinancialYear(year).slice((quarter - 1) * 3, quarter * 3)
}

/** The first and last day of a quarter of a financial year. */
export function quarterDates(year: FinancialYear, quarter: Quarter): { first: IsoDate; last: IsoDate } {
  const [first, , last] = monthsOfQuarter(year, quarter)
  const lastDay = new Date(Date.UTC(Number(last!.slice(0, 4)), monthNumber(last!), 0)).getUTCDate()
  return { first: `${first}-01`, last: `${last}-${String(lastDay).padStart(2, '0')}` }
}

/**
 * Where a day stands against a financial year: 'before' it starts, 'after' it ends, or the quarter it is in.
 */
export function positionInFinancialYear(year: FinancialYear, today: IsoDate): 'before' | 'after' | Quarter {
  const { planYear, quarter } = quarterOf(today)
  if (planYear < year) return 'before'
  if (planYear > year) return 'after'
  return quarter
}

// --- Words ------------------------------------------------------------------------------------

/** "April to June 2016", "January to March 2017". */
export function quarterMonthsLabel(year: FinancialYear, quarter: Quarter): string {
  const [first, , last] = monthsOfQuarter(year, quarter)
  return monthRangeLabel(first!, last!)
}

/** "Q1 2016/17 (April to June 2016)". */
export function quarterLabel(year: FinancialYear, quarter: Quarter): string {
  return `${shortQuarterLabel(year, quarter)} (${quarterMonthsLabel(year, quarter)})`
}

/** "Q1 2016/17", for chart axes. */
export function shortQuarterLabel(year: FinancialYear, quarter: Quarter): string {
  return `Q${quarter} ${financialYearLabel(year)}`
}

/** "1st Quarter", as the seeds' plan updates call them. */
export function quarterOrdinal(quarter: Quarter): string {
  return `${['1st', '2nd', '3rd', '4th'][quarter - 1]} Quarter`
}

// --- Sets of quarters: a plan action's timescale ---------------------------------------------------

/** "Q1–4", "Q3", "Q2–4", "Q1, Q3": the way the seeds write timescales. An empty list is "". */
export function formatQuarters(quarters: readonly number[]): string {
  const sorted = [...new Set(quarters)].filter(isQuarter).sort((a, b) => a - b)
  if (sorted.length === 0) return ''
  const runs: [number, number][] = []
  for (const q of sorted) {
    const last = runs.at(-1)
    if (last && q === last[1] + 1) last[1] = q
    else runs.push([q, q])
  }
  return runs.map(([a, b]) => (a === b ? `Q${a}` : `Q${a}–${b}`)).join(', ')
}

/**
 * Read a timescale written by hand: "Q1-4", "Q1–4", "Q1 - Q4", "Q1 to Q4", "Q3", "Q2-4", "Q1, Q3",
 * "Q1 & Q3", "1-4", "all year". Returns the sorted quarters, or null when it cannot be read.
 */
export function parseQuarters(text: string): Quarter[] | null {
  const cleaned = text.trim().toLowerCase()
  if (cleaned === '') return []
  if (/^(all|all year|all quarters|every quarter)$/.test(cleaned)) return [1, 2, 3, 4]
  const parts = cleaned.split(/\s*(?:,|;|&|\band\b|\/)\s*/).filter(Boolean)
  const found = new Set<Quarter>()
  for (const part of parts) {
    const match = /^q?\s*([1-4])(?:\s*(?:[-–—]+|to)\s*q?\s*([1-4]))?$/.exec(part)
    if (!match) return null
    const from = Number(match[1])
    const to = match[2] === undefined ? from : Number(match[2])
    if (to < from) return null
    for (let q = from; q <= to; q++) found.add(q as Quarter)
  }
  return [...found].sort((a, b) => a - b)
}
