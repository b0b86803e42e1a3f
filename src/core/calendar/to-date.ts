import { financialYearFirstMonth, financialYearOfMonth, monthsOfFinancialYear, type FinancialYear } from './financial-year.ts'
import { addMonths, describeMonths, monthName, monthRange, monthsBetween, type Month } from './month.ts'

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

// --- Words that agree with the months they count ----------------------------------------------------

/** The months of a financial year that are held, with a label and a count that name the same months. */
export interface HeldInYear {
  financialYear: FinancialYear
  /** The months held, in order. */
  held: Month[]
  count: number
  /** All twelve months are held. */
  complete: boolean
  /** Exactly the months held: "April 2024 to March 2025"; "April to June 2024 and March 2025"; '' when none. */
  label: string
  /** "4 of 12 months held"; "all 12 months held"; "no month held". */
  countText: string
}

/** The months of `year` held, as a label and a count that agree. */
export function heldInYear(year: FinancialYear, held: Iterable<Month>): HeldInYear {
  const set = new Set(held)
  const months = monthsOfFinancialYear(year).filter(m => set.has(m))
  const complete = months.length === 12
  return {
    financialYear: year,
    held: months,
    count: months.length,
    complete,
    label: describeMonths(months),
    countText: complete ? 'all 12 months held' : months.length === 0 ? 'no month held' : `${months.length} of 12 months held`,
  }
}

/**
 * Months of one financial year named without their years, for a sentence that has already named the year:
 * ['2025-04'] → 'April'; April to June and September 2025 → 'April to June and September'.
 */
export function describeMonthsOfYear(months: readonly Month[]): string {
  const sorted = [...new Set(months)].sort()
  const runs: [Month, Month][] = []
  for (const month of sorted) {
    const last = runs.at(-1)
    if (last && monthsBetween(last[1], month) === 1) last[1] = month
    else runs.push([month, month])
  }
  const parts = runs.map(([from, to]) => (from === to ? monthName(from) : monthsBetween(from, to) === 1 ? `${monthName(from)} and ${monthName(to)}` : `${monthName(from)} to ${monthName(to)}`))
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`
}

/**
 * The latest run of consecutive months held, at most `length` long: the default period of an analysis, so that
 * it never starts on a month with no data. Null when no month is held.
 */
export function latestRunOfMonths(held: Iterable<Month>, length = 12): { from: Month; to: Month } | null {
  const set = new Set(held)
  const latest = [...set].sort().at(-1)
  if (!latest) return null
  let from = latest
  while (monthsBetween(from, latest) + 1 < length && set.has(addMonths(from, -1))) from = addMonths(from, -1)
  return { from, to: latest }
}
