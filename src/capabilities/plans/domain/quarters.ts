/**
 * The plan year is the financial year, April to March. Quarter 1 is April–June, Q2 July–September,
 * Q3 October–December and Q4 January–March (of the next calendar year). A plan year is named by the
 * calendar year it starts in: 2016 is "2016/17", 1 April 2016 to 31 March 2017.
 */

import { financialYearLabel, ukDate } from '../../../shared/dates.ts'

export const QUARTERS = [1, 2, 3, 4] as const
export type Quarter = (typeof QUARTERS)[number]

/** A calendar day, 'YYYY-MM-DD'. */
export type IsoDate = string

export function isQuarter(value: unknown): value is Quarter {
  return value === 1 || value === 2 || value === 3 || value === 4
}

/** "2016/17". */
export const planYearLabel = financialYearLabel

/** The calendar day in the UK for an instant (so 00:30 BST on 1 July is already Q2). */
export { ukDate }

/** "2016/17 to 2018/19", or null when no period is recorded. */
export function periodLabel(start: number | null, end: number | null): string | null {
  if (start === null || end === null) return null
  return start === end ? planYearLabel(start) : `${planYearLabel(start)} to ${planYearLabel(end)}`
}

const pad = (n: number) => String(n).padStart(2, '0')

/** The first and last day of a quarter of a plan year. */
export function quarterDates(planYear: number, quarter: Quarter): { start: IsoDate; end: IsoDate } {
  const startMonth = [4, 7, 10, 1][quarter - 1]!
  const year = quarter === 4 ? planYear + 1 : planYear
  const endMonth = startMonth + 2
  const lastDay = new Date(Date.UTC(year, endMonth, 0)).getUTCDate()
  return { start: `${year}-${pad(startMonth)}-01`, end: `${year}-${pad(endMonth)}-${pad(lastDay)}` }
}

/** "April to June 2016", "January to March 2017". */
export function quarterMonths(planYear: number, quarter: Quarter): string {
  const months = [
    ['April', 'June'],
    ['July', 'September'],
    ['October', 'December'],
    ['January', 'March'],
  ][quarter - 1]!
  return `${months[0]} to ${months[1]} ${quarter === 4 ? planYear + 1 : planYear}`
}

/** The first and last day of a plan year. */
export function planYearDates(planYear: number): { start: IsoDate; end: IsoDate } {
  return { start: `${planYear}-04-01`, end: `${planYear + 1}-03-31` }
}

/** The plan year and quarter a day falls in: 14 March 2016 is Q4 of 2015/16. */
export function quarterOf(date: IsoDate): { planYear: number; quarter: Quarter } {
  const year = Number(date.slice(0, 4))
  const month = Number(date.slice(5, 7))
  if (month <= 3) return { planYear: year - 1, quarter: 4 }
  return { planYear: year, quarter: (Math.floor((month - 4) / 3) + 1) as Quarter }
}

/**
 * Where a day stands against a plan year: 'before' it starts, 'after' it ends, or the quarter it is in.
 */
export function positionInPlanYear(planYear: number, today: IsoDate): 'before' | 'after' | Quarter {
  const { planYear: year, quarter } = quarterOf(today)
  if (year < planYear) return 'before'
  if (year > planYear) return 'after'
  return quarter
}


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
