import { addDays, daysBetween } from '../../../core/calendar/index.ts'

/**
 * Funded projects are evaluated after they end: the evaluation is due a set number of weeks after the
 * end date, and is overdue from the day after that, until one is recorded.
 */

export const DEFAULT_EVALUATION_WEEKS = 12
export const MAX_EVALUATION_WEEKS = 104

export type EvaluationState =
  /** No end date yet, so no evaluation is due. */
  | 'no_end_date'
  /** The project is still running. */
  | 'running'
  /** The project has ended; the evaluation is due by the due date. */
  | 'due'
  /** The due date has passed without an evaluation. */
  | 'overdue'
  /** An evaluation has been recorded. */
  | 'evaluated'

export const EVALUATION_STATE_LABELS: Record<EvaluationState, string> = {
  no_end_date: 'Not due: no end date',
  running: 'Not due: project running',
  due: 'Evaluation due',
  overdue: 'Evaluation overdue',
  evaluated: 'Evaluated',
}

export interface EvaluationStatus {
  state: EvaluationState
  /** 'YYYY-MM-DD', or null without an end date. */
  dueOn: string | null
  /** Whole days past the due date, when overdue. */
  daysOverdue: number
}

/** The day the evaluation is due: the end date plus the number of weeks. */
export function evaluationDueOn(endDate: string, weeks: number): string {
  return addDays(endDate, weeks * 7)
}

/** Where a project's evaluation stands on a given day ('YYYY-MM-DD', in the UK). */
export function evaluationStatus(
  project: { endDate: string | null; evaluationDueWeeks: number; evaluationCompletedOn: string | null },
  today: string,
): EvaluationStatus {
  const dueOn = project.endDate ? evaluationDueOn(project.endDate, project.evaluationDueWeeks) : null
  if (project.evaluationCompletedOn) return { state: 'evaluated', dueOn, daysOverdue: 0 }
  if (!project.endDate || !dueOn) return { state: 'no_end_date', dueOn: null, daysOverdue: 0 }
  if (today <= project.endDate) return { state: 'running', dueOn, daysOverdue: 0 }
  if (today <= dueOn) return { state: 'due', dueOn, daysOverdue: 0 }
  return { state: 'overdue', dueOn, daysOverdue: daysBetween(dueOn, today) }
}
