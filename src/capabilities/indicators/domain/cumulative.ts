/**
 * Part-year actuals: a figure counted together from April to a month of the same financial year, as plans
 * print one ("April to December 2025: 640"). It is compared with exactly the same months of the year before,
 * never with a quarter or a whole year, and its label names those months: it is never called a quarter or a
 * year. Last year's figure is a part-year figure for the same months, or else (for figures that add up) the
 * sum of last year's months or quarters that cover exactly those months.
 */
import { financialYearFirstMonthIndex, financialYearOfIndex, periodEnd, periodLabel, samePeriod, type Period } from '../../../core/calendar/index.ts'
import { formatNumber } from '../../../shared/format.ts'

import { exact, roundHalfAwayFromZero, sum } from './exact.ts'
import { formatValue, isAdditive, type Unit } from './indicator.ts'
import { change, type Actual, type Change } from './performance.ts'

export interface PartYearComparison {
  period: Period
  year: number
  /** The months counted: "April to December 2025". */
  label: string
  value: number
  valueText: string
  /** The same months of the year before, or null when they have no figure. */
  previous: { period: Period; label: string; value: number; valueText: string; /** How last year's figure was found. */ from: 'part_year' | 'months' | 'quarters' } | null
  change: Change | null
  /** "April to December 2025: 640, against 702 in April to December 2024, −8.8%". */
  text: string
}

/** April of the financial year `year` to `months` months on, counted together. */
export function partYearOf(year: number, months: number): Period {
  return { start: financialYearFirstMonthIndex(year), months, cumulative: true }
}

const signedPercent = (percent: number) => `${percent > 0 ? '+' : percent < 0 ? '−' : ''}${formatNumber(Math.abs(percent), 1)}%`

/** Last year's figure for the same months as a part-year period: its own part-year figure, or the sum of the periods that cover exactly those months. */
function sameMonthsLastYear(actuals: Actual[], period: Period, unit: Unit): PartYearComparison['previous'] {
  const before: Period = { start: period.start - 12, months: period.months, cumulative: true }
  const label = periodLabel(before)
  const own = actuals.find(a => samePeriod(a.period, before))
  if (own) return { period: before, label, value: own.value, valueText: formatValue(own.value, unit), from: 'part_year' }
  if (!isAdditive(unit)) return null
  const tile = (size: 1 | 3, from: 'months' | 'quarters') => {
    if (period.months % size !== 0) return null
    const parts = Array.from({ length: period.months / size }, (_, i) => actuals.find(a => samePeriod(a.period, { start: before.start + i * size, months: size })))
    if (parts.some(p => !p)) return null
    const value = roundHalfAwayFromZero(sum(parts.map(p => exact(p!.value))), 2)
    return { period: before, label, value, valueText: formatValue(value, unit), from }
  }
  return tile(1, 'months') ?? tile(3, 'quarters')
}

/** One part-year figure against the same months of the year before, in words that name the months. */
export function comparePartYear(actuals: Actual[], period: Period, value: number, unit: Unit, noun: string): PartYearComparison {
  if (!period.cumulative) throw new RangeError('Not a part-year period')
  const label = periodLabel(period)
  const previous = sameMonthsLastYear(actuals, period, unit)
  const changed = previous ? change(previous.value, value, unit, noun) : null
  const head = `${label}: ${formatValue(value, unit)}`
  let text: string
  if (!previous) text = `${head}. There is no figure for ${periodLabel({ ...period, start: period.start - 12 })} to compare it with`
  else if (changed!.percent === null) text = `${head}, against ${previous.valueText} in ${previous.label} (no % change from 0)`
  else text = `${head}, against ${previous.valueText} in ${previous.label}, ${signedPercent(changed!.percent)}`
  return { period, year: financialYearOfIndex(period.start), label, value, valueText: formatValue(value, unit), previous, change: changed, text }
}

/** Every part-year figure of an indicator, latest first, each against the same months of the year before. */
export function partYearComparisons(actuals: Actual[], unit: Unit, noun: string): PartYearComparison[] {
  return actuals
    .filter(a => a.period.cumulative)
    .sort((a, b) => periodEnd(b.period) - periodEnd(a.period))
    .map(a => comparePartYear(actuals, a.period, a.value, unit, noun))
}
