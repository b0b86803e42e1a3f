import { compareMonths, monthsOfQuarter, type Month, type Quarter } from '../../../core/calendar/index.ts'

import type { EntryContent } from './highlight-report.ts'
import type { PriorityRef, Reporter } from './reporters.ts'
import { findReport, isOutstanding, monthState, type MonthState, type ReportRef } from './schedule.ts'

/**
 * The quarterly roll-up for the steering group: the quarter's highlight reports gathered priority by
 * priority, month by month, with every ask of the steering group listed together, and the reports the
 * steering group is still waiting for. Only submitted reports are gathered: a draft is still being written.
 */

export interface RollUpReport extends ReportRef {
  entries: ReadonlyMap<number, EntryContent>
  submittedAt: Date | null
}

export interface RollUpMonth {
  month: Month
  state: MonthState
  /** The report, when there is one (submitted or draft). */
  reportId: number | null
  /** What was reported on the priority, from a submitted report only. */
  entry: EntryContent | null
}

export interface RollUpPriority {
  priority: PriorityRef
  reporter: Reporter
  months: RollUpMonth[]
  /** Months of the quarter that have begun, and how many of them have a submitted report. */
  expected: number
  submitted: number
}

export interface RollUpAsk {
  priority: PriorityRef
  reporterName: string
  month: Month
  reportId: number
  text: string
}

export interface RollUpOutstanding {
  reporterName: string
  month: Month
  state: MonthState
  reportId: number | null
}

export interface RollUp {
  planYear: number
  quarter: Quarter
  months: Month[]
  priorities: RollUpPriority[]
  asks: RollUpAsk[]
  outstanding: RollUpOutstanding[]
  /** Reports owed so far this quarter (reporters × months begun), and those submitted. */
  expected: number
  submitted: number
}

export function rollUp(input: {
  planYear: number
  quarter: Quarter
  thisMonth: Month
  reporters: readonly Reporter[]
  reports: readonly RollUpReport[]
}): RollUp {
  const months = monthsOfQuarter(input.planYear, input.quarter)
  const begun = months.filter(m => compareMonths(m, input.thisMonth) <= 0)
  const priorities: RollUpPriority[] = []
  const asks: RollUpAsk[] = []
  for (const reporter of input.reporters) {
    for (const priority of reporter.priorities) {
      const cells = months.map(month => {
        const report = findReport(input.reports, reporter.groupId, month)
        const state = monthState(report?.status, month, input.thisMonth)
        const entry = report?.status === 'submitted' ? (report.entries.get(priority.id) ?? null) : null
        if (entry?.asks && report)
          asks.push({ priority, reporterName: reporter.name, month, reportId: report.id, text: entry.asks })
        return { month, state, reportId: report?.id ?? null, entry }
      })
      priorities.push({
        priority,
        reporter,
        months: cells,
        expected: begun.length,
        submitted: cells.filter(c => c.state === 'submitted').length,
      })
    }
  }
  priorities.sort((a, b) => a.priority.position - b.priority.position || a.priority.id - b.priority.id)
  asks.sort((a, b) => a.priority.position - b.priority.position || compareMonths(a.month, b.month))
  const outstanding: RollUpOutstanding[] = []
  let submitted = 0
  for (const month of begun) {
    for (const reporter of input.reporters) {
      const report = findReport(input.reports, reporter.groupId, month)
      const state = monthState(report?.status, month, input.thisMonth)
      if (state === 'submitted') submitted++
      else if (isOutstanding(state))
        outstanding.push({ reporterName: reporter.name, month, state, reportId: report?.id ?? null })
    }
  }
  return {
    planYear: input.planYear,
    quarter: input.quarter,
    months,
    priorities,
    asks,
    outstanding,
    expected: begun.length * input.reporters.length,
    submitted,
  }
}
