import { positionInFinancialYear, quarterOf, QUARTERS, type IsoDate, type Quarter } from '../../../core/calendar/index.ts'

/**
 * When an action expects a quarterly update, and whether one is due or overdue.
 *
 * An action reports in the quarters of its timescale ("Q1–4", "Q3"). With no quarters but a due date,
 * it reports from Q1 up to the quarter of its due date. With neither, it reports every quarter.
 *
 * The update for a quarter is *due* while that quarter runs and *overdue* once it has ended without an
 * update for that quarter or a later one. Only open actions of an agreed plan expect updates.
 *
 * Once the plan year is over, its last updates are still chased for one more quarter (the year-end
 * report is written from them, in April to June). After that the plan is history: an update it lacks is
 * no longer overdue, so a plan whose quarters are long past can be imported, or agreed for the record,
 * without every action turning "overdue".
 */

export type ActionStatus = 'open' | 'complete' | 'cancelled'
export const ACTION_STATUSES = ['open', 'complete', 'cancelled'] as const
export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = { open: 'Open', complete: 'Complete', cancelled: 'Cancelled' }

export interface Schedulable {
  quarters: readonly number[]
  dueDate: IsoDate | null
  status: ActionStatus
}

export function scheduledQuarters(action: Pick<Schedulable, 'quarters' | 'dueDate'>, planYear: number): Quarter[] {
  const listed = QUARTERS.filter(q => action.quarters.includes(q))
  if (listed.length > 0) return listed
  if (action.dueDate) {
    const due = quarterOf(action.dueDate)
    if (due.planYear < planYear) return [1]
    if (due.planYear > planYear) return [...QUARTERS]
    return QUARTERS.filter(q => q <= due.quarter)
  }
  return [...QUARTERS]
}

export type UpdateState =
  /** No update is expected: the action is finished, or the plan is not agreed. */
  | { kind: 'not_expected' }
  /** The plan year has not started yet. */
  | { kind: 'not_started' }
  /** The plan year and the quarter after it are over: the plan is history. */
  | { kind: 'closed' }
  /** An update for this quarter may be posted now, and none has been. */
  | { kind: 'due'; quarter: Quarter }
  /** This quarter has ended without an update for it (or a later one). */
  | { kind: 'overdue'; quarter: Quarter }
  | { kind: 'up_to_date' }

export function updateState(
  action: Schedulable,
  updateQuarters: readonly number[],
  plan: { planYear: number; expectsUpdates: boolean },
  today: IsoDate,
): UpdateState {
  if (!plan.expectsUpdates || action.status !== 'open') return { kind: 'not_expected' }
  const position = positionInFinancialYear(plan.planYear, today)
  if (position === 'before') return { kind: 'not_started' }
  if (position === 'after' && isHistory(plan.planYear, today)) return { kind: 'closed' }
  const current = position === 'after' ? 5 : position
  const scheduled = scheduledQuarters(action, plan.planYear)
  const latest = Math.max(0, ...updateQuarters)
  const lastEnded = scheduled.filter(q => q < current).at(-1)
  if (lastEnded !== undefined && latest < lastEnded) return { kind: 'overdue', quarter: lastEnded }
  if (current <= 4 && scheduled.includes(current as Quarter) && latest < current) return { kind: 'due', quarter: current as Quarter }
  return { kind: 'up_to_date' }
}

/** Whether the plan year and the quarter after it (its year-end reporting) are over. */
export function isHistory(planYear: number, today: IsoDate): boolean {
  const next = positionInFinancialYear(planYear + 1, today)
  return next === 'after' || (next !== 'before' && next > 1)
}

export function isDueOrOverdue(state: UpdateState): state is Extract<UpdateState, { kind: 'due' | 'overdue' }> {
  return state.kind === 'due' || state.kind === 'overdue'
}

/** Words for an update state, e.g. "Q2 update overdue". */
export function updateStateLabel(state: UpdateState): string {
  switch (state.kind) {
    case 'due':
      return `Q${state.quarter} update due`
    case 'overdue':
      return `Q${state.quarter} update overdue`
    case 'up_to_date':
      return 'Up to date'
    case 'not_started':
      return 'Plan year not started'
    case 'closed':
      return 'Plan year over'
    case 'not_expected':
      return 'No update expected'
  }
}

/**
 * The quarter the update form suggests: the overdue or due quarter, otherwise the current quarter of the
 * plan year (Q4 once it has ended, Q1 before it starts).
 */
export function suggestedQuarter(state: UpdateState, planYear: number, today: IsoDate): Quarter {
  if (state.kind === 'due' || state.kind === 'overdue') return state.quarter
  const position = positionInFinancialYear(planYear, today)
  return position === 'before' ? 1 : position === 'after' ? 4 : position
}

/** Why an update for this quarter cannot be posted today, or null when it can. */
export function quarterProblem(planYear: number, quarter: Quarter, today: IsoDate): string | null {
  const position = positionInFinancialYear(planYear, today)
  if (position === 'before' || (position !== 'after' && quarter > position)) {
    return `Q${quarter} has not started yet: choose the quarter you are reporting on`
  }
  return null
}
