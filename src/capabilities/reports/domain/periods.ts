import { planYearLabel, quarterMonths, type Quarter } from '../../plans/domain/quarters.ts'

/**
 * How the documents name quarters. Plan years, quarters and their months are the plans capability's
 * (plans/domain/quarters.ts): a report is about a plan year and reads it the same way.
 */

/** "1st Quarter", as the seeds' plan updates call them. */
export function quarterOrdinal(quarter: Quarter): string {
  return `${['1st', '2nd', '3rd', '4th'][quarter - 1]} Quarter`
}

/** "Q1 2016/17 (April to June 2016)". */
export function quarterLabel(year: number, quarter: Quarter): string {
  return `Q${quarter} ${planYearLabel(year)} (${quarterMonths(year, quarter)})`
}
