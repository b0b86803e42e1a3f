import { compareMonths, monthsOfFinancialYear, quarterOfMonth, type Month, type Quarter } from '../../../core/calendar/index.ts'

import type { ReportStatus } from './highlight-report.ts'
import type { Reporter } from './reporters.ts'

/**
 * Which highlight reports are due, and which are missing. Every reporter of the plan owes one report a
 * month, from April to March: the report of the current month is due; a past month without a submitted
 * report is missing (or still a draft); later months are not due yet.
 */

export type MonthState = 'submitted' | 'draft' | 'due' | 'missing' | 'not_yet_due'

export const MONTH_STATE_LABELS: Record<MonthState, string> = {
  submitted: 'Submitted',
  draft: 'Draft',
  due: 'Due',
  missing: 'Missing',
  not_yet_due: 'Not due yet',
}

/** A report as the schedule sees it. */
export interface ReportRef {
  id: number
  /** Null for the community safety team. */
  groupId: number | null
  month: Month
  status: ReportStatus
}

export function monthState(status: ReportStatus | undefined, month: Month, thisMonth: Month): MonthState {
  if (status) return status
  const order = compareMonths(month, thisMonth)
  return order > 0 ? 'not_yet_due' : order === 0 ? 'due' : 'missing'
}

/** Whether the steering group is still waiting for the report (not submitted, and the month has begun). */
export function isOutstanding(state: MonthState): boolean {
  return state === 'draft' || state === 'due' || state === 'missing'
}

export function findReport<T extends ReportRef>(
  reports: readonly T[],
  groupId: number | null,
  month: Month,
): T | undefined {
  return reports.find(r => r.groupId === groupId && r.month === month)
}

export interface MonthRow<T extends ReportRef> {
  reporter: Reporter
  report: T | undefined
  state: MonthState
}

/** Every reporter's report for a month, and its state. */
export function monthRows<T extends ReportRef>(
  reporters: readonly Reporter[],
  reports: readonly T[],
  month: Month,
  thisMonth: Month,
): MonthRow<T>[] {
  return reporters.map(reporter => {
    const report = findReport(reports, reporter.groupId, month)
    return { reporter, report, state: monthState(report?.status, month, thisMonth) }
  })
}

export interface MonthCounts {
  expected: number
  submitted: number
  drafts: number
  /** No report at all (due this month, or missing for a past month). */
  notStarted: number
}

export function monthCounts(rows: readonly { state: MonthState }[]): MonthCounts {
  const count = (...states: MonthState[]) => rows.filter(r => states.includes(r.state)).length
  return {
    expected: rows.length,
    submitted: count('submitted'),
    drafts: count('draft'),
    notStarted: count('due', 'missing'),
  }
}

/** The months of the plan year that have begun by this month (all twelve once the year is over). */
export function monthsSoFar(planYear: number, thisMonth: Month): Month[] {
  return monthsOfFinancialYear(planYear).filter(month => compareMonths(month, thisMonth) <= 0)
}

/** Whether a report may be written for a month: this month or an earlier one. */
export function writeMonthProblem(month: Month, thisMonth: Month): string | null {
  return compareMonths(month, thisMonth) > 0
    ? 'You can only write a highlight report for this month or a month before it'
    : null
}

/**
 * The month a page opens on: this month while the plan year runs; for a past year, the latest month
 * anything was reported (or March); for a year not begun, April.
 */
export function defaultMonth(planYear: number, thisMonth: Month, reportMonths: readonly Month[]): Month {
  const months = monthsOfFinancialYear(planYear)
  if (months.includes(thisMonth)) return thisMonth
  if (compareMonths(thisMonth, months[0]!) < 0) return months[0]!
  const reported = reportMonths.filter(m => months.includes(m)).sort(compareMonths)
  return reported.at(-1) ?? months[11]!
}

/** The quarter a roll-up opens on: the quarter of the default month. */
export function defaultQuarter(planYear: number, thisMonth: Month, reportMonths: readonly Month[]): Quarter {
  return quarterOfMonth(defaultMonth(planYear, thisMonth, reportMonths))
}
