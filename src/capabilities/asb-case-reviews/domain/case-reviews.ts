import { addCalendarMonths, daysBetween, isInFinancialYear, type IsoDate } from '../../../core/calendar/index.ts'

/**
 * ASB case reviews (the community trigger; section 104 of and schedule 4 to the Anti-social Behaviour, Crime and
 * Policing Act 2014). Someone who has complained about anti-social behaviour may ask for a case review; the
 * relevant bodies decide whether the partnership's threshold is met (by default three complaints in six months),
 * hold the review, tell the applicant the outcome and any recommendations. Each year the partnership publishes
 * the applications received, those not meeting the threshold, the reviews carried out and those that resulted
 * in recommendations; the law asks for it at intervals of no more than twelve months.
 */

export interface Threshold {
  complaints: number
  months: number
}
export const DEFAULT_THRESHOLD: Threshold = { complaints: 3, months: 6 }

const WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve']
const inWords = (n: number) => WORDS[n] ?? String(n)

/** "three complaints in six months" */
export function thresholdText(threshold: Threshold): string {
  return `${inWords(threshold.complaints)} ${threshold.complaints === 1 ? 'complaint' : 'complaints'} in ${inWords(threshold.months)} ${threshold.months === 1 ? 'month' : 'months'}`
}

export const meetsThreshold = (complaints: number, threshold: Threshold) => complaints >= threshold.complaints

export interface Application {
  receivedOn: IsoDate
  complaintsCount: number
  thresholdDecisionOn: IsoDate | null
  thresholdMet: boolean | null
  reviewOn: IsoDate | null
  outcomeOn: IsoDate | null
  recommendations: string | null
}

export const STAGES = ['awaiting_decision', 'threshold_not_met', 'awaiting_review', 'awaiting_outcome', 'closed'] as const
export type Stage = (typeof STAGES)[number]
export const STAGE_LABELS: Record<Stage, string> = {
  awaiting_decision: 'Threshold not decided yet',
  threshold_not_met: 'Threshold not met',
  awaiting_review: 'Awaiting the review',
  awaiting_outcome: 'Reviewed; applicant not told yet',
  closed: 'Outcome given',
}

export function stageOf(a: Application): Stage {
  if (a.thresholdMet === null) return 'awaiting_decision'
  if (!a.thresholdMet) return 'threshold_not_met'
  if (!a.reviewOn) return 'awaiting_review'
  if (!a.outcomeOn) return 'awaiting_outcome'
  return 'closed'
}

export const hasRecommendations = (a: Pick<Application, 'recommendations'>) => Boolean(a.recommendations?.trim())

/** The day an application closed (the outcome given, or the threshold found not met), from which retention runs. */
export function closedOn(a: Application): IsoDate | null {
  if (a.thresholdMet === false) return a.thresholdDecisionOn
  return a.outcomeOn
}

/** Days each step took: received → threshold decision → review → outcome given; null for a step not done. */
export function stepDays(a: Application): { decision: number | null; review: number | null; outcome: number | null; total: number | null } {
  const between = (from: IsoDate | null, to: IsoDate | null) => (from && to ? daysBetween(from, to) : null)
  return {
    decision: between(a.receivedOn, a.thresholdDecisionOn),
    review: a.thresholdMet ? between(a.thresholdDecisionOn, a.reviewOn) : null,
    outcome: between(a.reviewOn, a.outcomeOn),
    total: between(a.receivedOn, closedOn(a)),
  }
}

/** Each step comes after the one before it, and none is in the future. Field names are the forms' date inputs. */
export function applicationProblems(a: Application, today: IsoDate): Record<string, string> {
  const problems: Record<string, string> = {}
  const set = (field: string, message: string) => {
    if (!problems[field]) problems[field] = message
  }
  for (const [field, date, what] of [
    ['receivedOn', a.receivedOn, 'Date received'],
    ['thresholdDecisionOn', a.thresholdDecisionOn, 'Date of the decision'],
    ['reviewOn', a.reviewOn, 'Date of the review'],
    ['outcomeOn', a.outcomeOn, 'Date the applicant was told'],
  ] as const) {
    if (date && date > today) set(field, `${what} must be today or in the past`)
  }
  if (a.thresholdDecisionOn && a.thresholdDecisionOn < a.receivedOn) set('thresholdDecisionOn', 'Date of the decision must be the same as or after the date the application was received')
  if (a.reviewOn && !a.thresholdMet) set('reviewOn', 'Record that the threshold was met before recording a review')
  if (a.reviewOn && a.thresholdDecisionOn && a.reviewOn < a.thresholdDecisionOn) set('reviewOn', 'Date of the review must be the same as or after the threshold decision')
  if (a.outcomeOn && !a.reviewOn) set('outcomeOn', 'Enter the date of the review first')
  if (a.outcomeOn && a.reviewOn && a.outcomeOn < a.reviewOn) set('outcomeOn', 'Date the applicant was told must be the same as or after the review')
  return problems
}

/** The figures the law asks each area to publish, for a financial year. */
export interface YearFigures {
  year: number
  /** Applications received in the year. */
  received: number
  /** Of those decided in the year, the applications found not to meet the threshold. */
  notMeetingThreshold: number
  /** Reviews held in the year. */
  reviewsCarriedOut: number
  /** Of the reviews held in the year, those that resulted in recommendations. */
  withRecommendations: number
  /** Applications received in the year whose threshold is not decided yet (so the figures may still change). */
  undecided: number
}

export function yearFigures(applications: readonly Application[], year: number): YearFigures {
  const inYear = (date: IsoDate | null) => date !== null && isInFinancialYear(date, year)
  const reviewed = applications.filter(a => a.thresholdMet === true && inYear(a.reviewOn))
  return {
    year,
    received: applications.filter(a => inYear(a.receivedOn)).length,
    notMeetingThreshold: applications.filter(a => a.thresholdMet === false && inYear(a.thresholdDecisionOn)).length,
    reviewsCarriedOut: reviewed.length,
    withRecommendations: reviewed.filter(hasRecommendations).length,
    undecided: applications.filter(a => inYear(a.receivedOn) && a.thresholdMet === null).length,
  }
}

/** Retention: an application's applicant reference and summary are removed three years after it closed. */
export const RETENTION = {
  recordType: 'ASB case review',
  action: 'anonymise' as const,
  years: 3,
  description: 'The applicant’s reference and the summary of the complaints are removed three years after the application closed (the outcome given, or the threshold found not met). The dates, decisions and recommendations stay, so the published figures still add up.',
}

export function retentionDueOn(a: Application): IsoDate | null {
  const closed = closedOn(a)
  return closed ? addCalendarMonths(closed, RETENTION.years * 12) : null
}

/** The figures must be published again within twelve months of the last publication. */
export function nextPublicationDueOn(lastPublishedOn: IsoDate): IsoDate {
  return addCalendarMonths(lastPublishedOn, 12)
}
