import { addCalendarMonths, daysBetween, type IsoDate } from '../../../core/calendar/index.ts'

/**
 * Domestic abuse related death reviews (formerly domestic homicide reviews; section 9 of the Domestic
 * Violence, Crime and Victims Act 2004) and the statutory guidance's timescales: the partnership decides
 * whether to hold a review within one month of being notified of the death, and sends the review's report to
 * the Home Office for quality assurance within six months of that decision, unless a later date has been
 * agreed (each extension with its reason). Months are calendar months (addCalendarMonths).
 */

export const DECISIONS = ['pending', 'review', 'no_review'] as const
export type Decision = (typeof DECISIONS)[number]
export const DECISION_LABELS: Record<Decision, string> = {
  pending: 'Not decided yet',
  review: 'Hold a review',
  no_review: 'Do not hold a review',
}

export const DECISION_MONTHS = 1
export const REPORT_MONTHS = 6

export const STAGES = ['awaiting_decision', 'not_held', 'under_way', 'quality_assurance', 'awaiting_publication', 'published'] as const
export type Stage = (typeof STAGES)[number]
export const STAGE_LABELS: Record<Stage, string> = {
  awaiting_decision: 'Awaiting the decision',
  not_held: 'Decided not to hold a review',
  under_way: 'Review under way',
  quality_assurance: 'With the Home Office for quality assurance',
  awaiting_publication: 'Awaiting publication',
  published: 'Published',
}

/** The dates of a review that its stage and deadlines come from. */
export interface ReviewDates {
  notifiedOn: IsoDate
  decision: Decision
  decisionOn: IsoDate | null
  reportSentOn: IsoDate | null
  homeOfficeFeedbackOn: IsoDate | null
  publishedOn: IsoDate | null
}

export interface Extension {
  agreedOn: IsoDate
  extendedTo: IsoDate
}

export function stageOf(review: ReviewDates): Stage {
  if (review.decision === 'pending') return 'awaiting_decision'
  if (review.decision === 'no_review') return 'not_held'
  if (review.publishedOn) return 'published'
  if (review.homeOfficeFeedbackOn) return 'awaiting_publication'
  if (review.reportSentOn) return 'quality_assurance'
  return 'under_way'
}

/** A review is open until it is published, or until the decision not to hold one. */
export const isOpen = (review: ReviewDates) => !['published', 'not_held'].includes(stageOf(review))

/** The day a review closed (published, or decided against), from which its retention runs; null while open. */
export function closedOn(review: ReviewDates): IsoDate | null {
  if (review.decision === 'no_review') return review.decisionOn
  return review.publishedOn
}

export const decisionDueOn = (review: Pick<ReviewDates, 'notifiedOn'>): IsoDate => addCalendarMonths(review.notifiedOn, DECISION_MONTHS)

/** Six months from the decision to hold a review. */
export function statutoryReportDueOn(review: Pick<ReviewDates, 'decision' | 'decisionOn'>): IsoDate | null {
  return review.decision === 'review' && review.decisionOn ? addCalendarMonths(review.decisionOn, REPORT_MONTHS) : null
}

/** The report's due date: six months from the decision, or the latest date agreed in an extension. */
export function reportDueOn(review: Pick<ReviewDates, 'decision' | 'decisionOn'>, extensions: readonly Extension[]): IsoDate | null {
  const statutory = statutoryReportDueOn(review)
  if (!statutory) return null
  const latest = [...extensions].sort((a, b) => a.agreedOn.localeCompare(b.agreedOn) || a.extendedTo.localeCompare(b.extendedTo)).at(-1)
  return latest ? latest.extendedTo : statutory
}

export type DeadlineState = 'on_time' | 'late' | 'due' | 'overdue'
export const DEADLINE_LABELS: Record<DeadlineState, string> = { on_time: 'Done on time', late: 'Done late', due: 'Due', overdue: 'Overdue' }

/** How a step stands against its due date, and the days it took (or has taken so far) against the days allowed. */
export interface Deadline {
  dueOn: IsoDate
  doneOn: IsoDate | null
  state: DeadlineState
  /** From the start of the timescale to the step (or to today, while not done). */
  daysTaken: number
  daysAllowed: number
  /** Days past the due date (done late, or overdue now); 0 otherwise. */
  daysLate: number
}

export function deadline(startedOn: IsoDate, dueOn: IsoDate, doneOn: IsoDate | null, today: IsoDate): Deadline {
  const end = doneOn ?? today
  const daysLate = Math.max(0, daysBetween(dueOn, end))
  const state: DeadlineState = doneOn ? (doneOn <= dueOn ? 'on_time' : 'late') : today <= dueOn ? 'due' : 'overdue'
  return { dueOn, doneOn, state, daysTaken: Math.max(0, daysBetween(startedOn, end)), daysAllowed: daysBetween(startedOn, dueOn), daysLate }
}

/** The decision: within one month of the notification. */
export function decisionDeadline(review: ReviewDates, today: IsoDate): Deadline {
  return deadline(review.notifiedOn, decisionDueOn(review), review.decisionOn, today)
}

/** The report to the Home Office: within six months of the decision (or as extended); null when no review is held. */
export function reportDeadline(review: ReviewDates, extensions: readonly Extension[], today: IsoDate): Deadline | null {
  const dueOn = reportDueOn(review, extensions)
  if (!dueOn || !review.decisionOn) return null
  return deadline(review.decisionOn, dueOn, review.reportSentOn, today)
}

/**
 * Problems with a review's dates, by field: each step comes after the one it follows. `field` names are the
 * forms' date inputs.
 */
export function datesProblems(review: ReviewDates & { homeOfficeNotifiedOn: IsoDate | null }, today: IsoDate): Record<string, string> {
  const problems: Record<string, string> = {}
  const after = (field: string, date: IsoDate | null, earlier: IsoDate | null, message: string) => {
    if (date && earlier && date < earlier && !problems[field]) problems[field] = message
  }
  const future = (field: string, date: IsoDate | null, what: string) => {
    if (date && date > today && !problems[field]) problems[field] = `${what} must be today or in the past`
  }
  future('notifiedOn', review.notifiedOn, 'Date notified')
  future('decisionOn', review.decisionOn, 'Date of the decision')
  future('reportSentOn', review.reportSentOn, 'Date the report was sent')
  future('homeOfficeFeedbackOn', review.homeOfficeFeedbackOn, 'Date of the Home Office feedback')
  future('publishedOn', review.publishedOn, 'Date published')
  after('decisionOn', review.decisionOn, review.notifiedOn, 'Date of the decision must be the same as or after the date the partnership was notified')
  after('homeOfficeNotifiedOn', review.homeOfficeNotifiedOn, review.decisionOn, 'Date the Home Office was told must be the same as or after the decision')
  after('reportSentOn', review.reportSentOn, review.decisionOn, 'Date the report was sent must be the same as or after the decision')
  after('homeOfficeFeedbackOn', review.homeOfficeFeedbackOn, review.reportSentOn, 'Date of the Home Office feedback must be the same as or after the date the report was sent')
  after('publishedOn', review.publishedOn, review.homeOfficeFeedbackOn ?? review.reportSentOn, 'Date published must be the same as or after the Home Office feedback')
  if (review.decision !== 'review') {
    for (const [field, date] of [
      ['reportSentOn', review.reportSentOn],
      ['homeOfficeFeedbackOn', review.homeOfficeFeedbackOn],
      ['publishedOn', review.publishedOn],
    ] as const) {
      if (date && !problems[field]) problems[field] = 'Record the decision to hold a review first'
    }
  }
  if (review.homeOfficeFeedbackOn && !review.reportSentOn && !problems.homeOfficeFeedbackOn) problems.homeOfficeFeedbackOn = 'Enter the date the report was sent first'
  if (review.publishedOn && !review.reportSentOn && !problems.publishedOn) problems.publishedOn = 'Enter the date the report was sent for quality assurance first'
  return problems
}

/** An extension moves the report's due date later than it stood. */
export function extensionProblems(input: Extension, currentDueOn: IsoDate | null, today: IsoDate): Record<string, string> {
  const problems: Record<string, string> = {}
  if (!currentDueOn) problems.extendedTo = 'Record the decision to hold a review before agreeing an extension'
  else if (input.extendedTo <= currentDueOn) problems.extendedTo = `The new date must be after the date the report is due now, ${currentDueOn}`
  if (input.agreedOn > today) problems.agreedOn = 'Date agreed must be today or in the past'
  return problems
}
