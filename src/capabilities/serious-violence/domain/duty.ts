import { addCalendarMonths, type IsoDate } from '../../../core/calendar/index.ts'

/**
 * The Serious Violence Duty asks the specified authorities of an area to prepare a strategic needs assessment of
 * serious violence and a strategy to prevent and reduce it, and to keep both under review. The guidance expects
 * a yearly review, so a new document's review falls due a year after its date unless another date is given.
 */
export const DOCUMENT_KINDS = ['needs_assessment', 'strategy'] as const
export type DocumentKind = (typeof DOCUMENT_KINDS)[number]
export const DOCUMENT_KIND_LABELS: Record<DocumentKind, string> = { needs_assessment: 'Strategic needs assessment', strategy: 'Strategy' }

/** The police.uk crime types that count as the evidence of serious violence. */
export const VIOLENCE_CRIME_TYPES = ['Violence and sexual offences', 'Robbery', 'Possession of weapons'] as const

export const defaultReviewDueOn = (datedOn: IsoDate) => addCalendarMonths(datedOn, 12)

export type ReviewState = 'due' | 'overdue'
export function reviewState(reviewDueOn: IsoDate, today: IsoDate): ReviewState {
  return today > reviewDueOn ? 'overdue' : 'due'
}

/** A review recorded on a day sets the next one: a year on, unless another later date is given. */
export function reviewProblems(input: { reviewedOn: IsoDate; nextReviewDueOn: IsoDate }, datedOn: IsoDate, today: IsoDate): Record<string, string> {
  const problems: Record<string, string> = {}
  if (input.reviewedOn > today) problems.reviewedOn = 'Date of the review must be today or in the past'
  else if (input.reviewedOn < datedOn) problems.reviewedOn = 'Date of the review must be the same as or after the date of the document'
  if (input.nextReviewDueOn <= input.reviewedOn) problems.nextReviewDueOn = 'The next review must be after this one'
  return problems
}
