import { financialYearFirstMonth, financialYearOfMonth, type FinancialYear } from './financial-year.ts'
import { addMonths, monthRange, type Month } from './month.ts'

/**
 * What "to date" means, when some months are not held (police.uk has gaps; figures come in late).
 *
 * The financial year to date runs from April to a last month, both included. Of those months:
 * - the months held so far are what a figure "to date" counts — every month of the year held up to then;
 * - the months missing so far are the others, and a figure to date must say it leaves them out;
 * - a comparison with the year before can only use the comparable months: those held this year whose
 *   month a year earlier is held too. It rests on those months alone and must name them.
 */
export interface YearToDateMonths {
  financialYear: FinancialYear
  /** April of the year. */
  from: Month
  to: Month
  /** Every month from April to `to`. */
  months: Month[]
  /** The months of `months` held: what a figure "to date" counts. */
  heldSoFar: Month[]
  /** The months of `months` not held. */
  missingSoFar: Month[]
  /** The months held both this year and a year earlier: the only ones a comparison with last year may use. */
  comparable: Month[]
  /** The same months a year earlier that are not held. */
  missingLastYear: Month[]
}

/** Every month of the financial year to date: April of the year `to` falls in, to `to`. */
export function monthsToDate(to: Month): Month[] {
  return monthRange(financialYearFirstMonth(financialYearOfMonth(to)), to)
}

/** The months of the financial year to date that are held: the months a figure "to date" counts. */
export function monthsHeldSoFar(to: Month, held: ReadonlySet<Month>): Month[] {
  return monthsToDate(to).filter(m => held.has(m))
}

/** The months of the year to date held both this year and in the same month a year earlier. */
export function comparableMonthsToDate(to: Month, held: ReadonlySet<Month>): Month[] {
  return monthsToDate(to).filter(m => held.has(m) && held.has(addMonths(m, -12)))
}

/** The year to date up to `to`, with the months held, missing and comparable. */
export function yearToDateMonths(to: Month, held: ReadonlySet<Month>): YearToDateMonths {
  const months = monthsToDate(to)
  return {
    financialYear: financialYearOfMonth(to),
    from: months[0]!,
    to,
    months,
    heldSoFar: monthsHeldSoFar(to, held),
    missingSoFar: months.filter(m => !held.has(m)),
    comparable: comparableMonthsToDate(to, held),
    missingLastYear: months.map(m => addMonths(m, -12)).filter(m => !held.has(m)),
  }
}
