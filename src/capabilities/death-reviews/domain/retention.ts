import { addCalendarMonths, type IsoDate } from '../../../core/calendar/index.ts'

import { closedOn, type ReviewDates } from './timescales.ts'

/**
 * How long each kind of review record is kept once the review has closed (published, or decided against),
 * and what then happens to it. The system applies these (runRetention, daily, and `csp-hub retention run`),
 * each change in the audit log.
 *
 * - A review's personal details (the name used, the circumstances, the reasons for the decision, the terms
 *   of reference and the Home Office feedback) are anonymised six years after it closed: the case reference,
 *   the dates, the panel's organisations and the action plan stay, so the figures still add up.
 * - The notes of the panel's meetings are deleted two years after the review closed.
 */
export interface RetentionRule {
  recordType: string
  action: 'anonymise' | 'delete'
  years: number
  /** What the rule keeps or removes, in words for the pages and the README. */
  description: string
}

export const REVIEW_RETENTION: RetentionRule = {
  recordType: 'death review',
  action: 'anonymise',
  years: 6,
  description:
    'The name used, the circumstances, the reasons for the decision, the terms of reference and the Home Office feedback are removed six years after the review closed (published, or decided against). The case reference, dates, panel organisations and action plan stay.',
}

export const MEETING_RETENTION: RetentionRule = {
  recordType: 'death review meeting',
  action: 'delete',
  years: 2,
  description: 'The panel’s meetings and their notes are deleted two years after the review closed.',
}

export const DEATH_REVIEW_RETENTION_RULES = [REVIEW_RETENTION, MEETING_RETENTION] as const

/** The day a rule falls due for a review, or null while the review is open. */
export function retentionDueOn(rule: RetentionRule, review: ReviewDates): IsoDate | null {
  const closed = closedOn(review)
  return closed ? addCalendarMonths(closed, rule.years * 12) : null
}

export function isRetentionDue(rule: RetentionRule, review: ReviewDates, today: IsoDate): boolean {
  const due = retentionDueOn(rule, review)
  return due !== null && due <= today
}

/** The fields anonymisation empties. */
export const ANONYMISED_FIELDS = ['namedAs', 'circumstances', 'decisionReasons', 'termsOfReference', 'homeOfficeFeedback', 'chairName'] as const
