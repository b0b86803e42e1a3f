import { addDays, daysBetween, financialYearLabel, quarterDates, QUARTERS, type IsoDate, type Quarter } from '../../../core/calendar/index.ts'

/**
 * The statutory calendar of a partnership: the duties that frame its year and the day each is due, worked
 * out from rules for each financial year, then changed by the coordinator where the partnership's own
 * dates differ (a row of its own replaces the rule's date), with dates of its own added (a domestic abuse
 * related death review's deadlines, say).
 */

/** Where a duty is done, as a section of the partnership's pages. */
export type DutyPlace = 'assessment' | 'plans' | 'reports' | 'funding' | 'calendar'

export interface DutyRule {
  key: string
  /** "Strategic assessment 2016/17". */
  title: (year: number, quarter?: Quarter) => string
  /** Why it is a duty, in a line. */
  basis: string
  every: 'year' | 'quarter'
  due: (year: number, quarter: Quarter) => IsoDate
  place: DutyPlace
}

const lastDayOfMonthAfter = (date: IsoDate): IsoDate => {
  const [y, m] = date.split('-').map(Number) as [number, number]
  return new Date(Date.UTC(y, m + 1, 0)).toISOString().slice(0, 10)
}

export const DUTIES: readonly DutyRule[] = [
  {
    key: 'strategic-assessment',
    title: year => `Strategic assessment for ${financialYearLabel(year + 1)}`,
    basis: 'Crime and Disorder (Formulation and Implementation of Strategy) Regulations 2007: a strategic assessment each year, to inform the plan',
    every: 'year',
    due: year => `${year + 1}-01-31`,
    place: 'assessment',
  },
  {
    key: 'plan-refresh',
    title: year => `Partnership plan refreshed for ${financialYearLabel(year + 1)}`,
    basis: 'The partnership plan is revised each year in the light of the strategic assessment',
    every: 'year',
    due: year => `${year + 1}-03-31`,
    place: 'plans',
  },
  {
    key: 'plan-to-pcc',
    title: year => `Plan for ${financialYearLabel(year)} sent to the Police and Crime Commissioner`,
    basis: 'Police Reform and Social Responsibility Act 2011: the partnership sends its plan to the PCC',
    every: 'year',
    due: year => `${year}-04-30`,
    place: 'plans',
  },
  {
    key: 'scrutiny-meeting',
    title: year => `Crime and disorder scrutiny committee meeting, ${financialYearLabel(year)}`,
    basis: 'Police and Justice Act 2006: the crime and disorder committee meets to scrutinise the partnership at least once a year',
    every: 'year',
    due: year => `${year + 1}-03-31`,
    place: 'reports',
  },
  {
    key: 'quarterly-updates',
    title: (year, quarter) => `Quarterly updates on the plan's actions, Q${quarter} ${financialYearLabel(year)}`,
    basis: 'The plan’s actions are reported on each quarter',
    every: 'quarter',
    due: (year, quarter) => quarterDates(year, quarter).last,
    place: 'plans',
  },
  {
    key: 'asb-case-review-figures',
    title: year => `ASB case review (community trigger) figures for ${financialYearLabel(year - 1)} published`,
    basis: 'Anti-social Behaviour, Crime and Policing Act 2014: the number of case reviews and their outcomes are published at least every 12 months',
    every: 'year',
    due: year => `${year}-07-31`,
    place: 'calendar',
  },
  {
    key: 'serious-violence-strategy-review',
    title: year => `Serious Violence Duty strategy reviewed, ${financialYearLabel(year)}`,
    basis: 'Police, Crime, Sentencing and Courts Act 2022: the serious violence strategy is kept under review, at least once a year',
    every: 'year',
    due: year => `${year + 1}-01-31`,
    place: 'calendar',
  },
  {
    key: 'pcc-grant-return',
    title: (year, quarter) => `PCC grant return, Q${quarter} ${financialYearLabel(year)}`,
    basis: 'The Police and Crime Commissioner’s grant agreement asks for a return each quarter',
    every: 'quarter',
    due: (year, quarter) => lastDayOfMonthAfter(quarterDates(year, quarter).last),
    place: 'funding',
  },
]

export const OWN_DATE = 'own'

export function dutyRule(key: string): DutyRule | undefined {
  return DUTIES.find(duty => duty.key === key)
}

/** A duty's period: '2016' for a yearly duty, '2016Q2' for a quarterly one. */
export interface RuleDate {
  duty: string
  period: string
  title: string
  basis: string
  dueOn: IsoDate
  place: DutyPlace
}

export function ruleDates(year: number): RuleDate[] {
  return DUTIES.flatMap(duty =>
    (duty.every === 'year' ? [null] : QUARTERS).map(quarter => ({
      duty: duty.key,
      period: quarter === null ? String(year) : `${year}Q${quarter}`,
      title: duty.title(year, quarter ?? 1),
      basis: duty.basis,
      dueOn: duty.due(year, quarter ?? 1),
      place: duty.place,
    })),
  )
}

export type DateState = 'done' | 'overdue' | 'due_soon' | 'upcoming'
export const DATE_STATE_LABELS: Record<DateState, string> = { done: 'Done', overdue: 'Overdue', due_soon: 'Due soon', upcoming: 'Coming up' }
/** A date within this many days is "due soon". */
export const DUE_SOON_DAYS = 30

export function dateState(dueOn: IsoDate, doneOn: IsoDate | null, today: IsoDate): DateState {
  if (doneOn) return 'done'
  if (dueOn < today) return 'overdue'
  return daysBetween(today, dueOn) <= DUE_SOON_DAYS ? 'due_soon' : 'upcoming'
}

/** The window the calendar shows and its feed publishes: its own dates from a year back, and up to a year ahead. */
export function calendarWindow(today: IsoDate): { from: IsoDate; to: IsoDate } {
  return { from: addDays(today, -366), to: addDays(today, 366) }
}
