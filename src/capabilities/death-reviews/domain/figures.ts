import { isInFinancialYear, type IsoDate } from '../../../core/calendar/index.ts'

import { countActions, type ActionPlanCounts, type ActionStatus, type Rag } from './action-plan.ts'
import { decisionDeadline, isOpen, reportDeadline, stageOf, STAGES, type Extension, type ReviewDates, type Stage } from './timescales.ts'

/**
 * The figures the scrutiny committee sees: no case, only counts. Reviews open and by stage as at a day; the
 * decisions and reports of a financial year against their timescales (days taken, on time or late, and those
 * overdue now); the action plans' actions complete.
 */
export interface FigureReview extends ReviewDates {
  extensions: readonly Extension[]
  actions: readonly { status: ActionStatus; dueOn: IsoDate | null; rag: Rag | null }[]
}

export interface TimescaleFigures {
  /** Steps done in the year. */
  done: number
  onTime: number
  late: number
  /** Average days taken by the steps done in the year; null when none. */
  averageDays: number | null
  /** Not done and past their due date, as at the day. */
  overdueNow: number
}

export interface DeathReviewFigures {
  year: number
  asAt: IsoDate
  notifiedInYear: number
  reviewsOpen: number
  byStage: Record<Stage, number>
  decisions: TimescaleFigures
  reports: TimescaleFigures & { extended: number }
  publishedInYear: number
  actions: ActionPlanCounts
}

function timescale(deadlines: { doneOn: IsoDate | null; state: string; daysTaken: number }[], year: number): TimescaleFigures {
  const done = deadlines.filter(d => d.doneOn !== null && isInFinancialYear(d.doneOn, year))
  return {
    done: done.length,
    onTime: done.filter(d => d.state === 'on_time').length,
    late: done.filter(d => d.state === 'late').length,
    averageDays: done.length ? Math.round(done.reduce((sum, d) => sum + d.daysTaken, 0) / done.length) : null,
    overdueNow: deadlines.filter(d => d.state === 'overdue').length,
  }
}

/** The figures for financial year `year`, as at `asAt` (the end of the year, or today for the year under way). */
export function deathReviewFigures(reviews: readonly FigureReview[], year: number, asAt: IsoDate): DeathReviewFigures {
  const known = reviews.filter(r => r.notifiedOn <= asAt)
  const byStage = Object.fromEntries(STAGES.map(stage => [stage, 0])) as Record<Stage, number>
  for (const review of known) byStage[stageOf(asOf(review, asAt))] += 1
  const decisions = known.map(r => decisionDeadline(asOf(r, asAt), asAt))
  const reports = known.map(r => reportDeadline(asOf(r, asAt), r.extensions.filter(e => e.agreedOn <= asAt), asAt)).filter(d => d !== null)
  return {
    year,
    asAt,
    notifiedInYear: known.filter(r => isInFinancialYear(r.notifiedOn, year)).length,
    reviewsOpen: known.filter(r => isOpen(asOf(r, asAt))).length,
    byStage,
    decisions: timescale(decisions, year),
    reports: { ...timescale(reports, year), extended: known.filter(r => r.extensions.some(e => e.agreedOn <= asAt) && isOpen(asOf(r, asAt))).length },
    publishedInYear: known.filter(r => r.publishedOn && isInFinancialYear(r.publishedOn, year)).length,
    actions: countActions(
      known.flatMap(r => r.actions),
      asAt,
    ),
  }
}

/** A review as it stood on a day: the steps after the day are not done yet. */
function asOf<T extends ReviewDates>(review: T, day: IsoDate): T {
  const by = (date: IsoDate | null) => (date && date <= day ? date : null)
  const decisionOn = by(review.decisionOn)
  return {
    ...review,
    decision: decisionOn ? review.decision : 'pending',
    decisionOn,
    reportSentOn: by(review.reportSentOn),
    homeOfficeFeedbackOn: by(review.homeOfficeFeedbackOn),
    publishedOn: by(review.publishedOn),
  }
}
