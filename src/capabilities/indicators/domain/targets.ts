/**
 * Targets as plans print them: a percentage change on the baseline (once, or once for each year since the
 * baseline: "−5% a year"), a change in percentage points for a percentage indicator, a figure to reach, a
 * direction only, or "to be agreed". The figure a target aims at is worked out here, over exact fractions,
 * rounded once by the rule stated on screen; a figure the plan printed is checked against it, and a target
 * that points the wrong way for its indicator is warned about (not refused).
 */
import { financialYearLabel, financialYearLongLabel } from '../../../core/calendar/index.ts'
import { formatNumber } from '../../../shared/format.ts'

import { add, compare, div, exact, mul, roundHalfAwayFromZero, sub, type Fraction } from './exact.ts'
import { decimalsOf, formatValue, roundingRule, type Polarity, type Unit } from './indicator.ts'

export const HUNDRED = exact(100)

/** 2 → '2%', 2.5 → '2.5%'. */
export const percentText = (value: number) => `${Number.isInteger(value) ? formatNumber(value) : formatNumber(value, 2).replace(/0$/, '')}%`

/** A figure in its unit without rounding it away: 2,048.2 (money in pounds and pence, to the fraction of a penny). */
export function exactText(value: Fraction, unit: Unit): string {
  const decimals = unit === 'money' ? 4 : unit === 'percentage' ? 3 : 2
  const rounded = roundHalfAwayFromZero(unit === 'money' ? div(value, HUNDRED) : value, decimals)
  const text = rounded.toLocaleString('en-GB', { maximumFractionDigits: decimals })
  return unit === 'money' ? `£${text}` : unit === 'percentage' ? `${text}%` : text
}

export const TARGET_KINDS = ['percent_change', 'point_change', 'absolute', 'direction', 'to_be_agreed'] as const
export type TargetKind = (typeof TARGET_KINDS)[number]
export const TARGET_KIND_LABELS: Record<TargetKind, string> = {
  percent_change: 'A percentage change from the baseline',
  point_change: 'A change in percentage points (for a percentage indicator)',
  absolute: 'A figure to reach',
  direction: 'A direction only (reduce or increase)',
  to_be_agreed: 'To be agreed (the plan prints TBA)',
}

export interface TargetSpec {
  kind: TargetKind
  /** Signed: −2 is a 2% reduction, 10 a 10% increase. */
  changePercent: number | null
  absoluteValue: number | null
  /** Signed percentage points: −2 is a 2 point reduction (30.5% → 28.5%). */
  changePoints?: number | null
  /** The percentage change applies once for each year from the baseline's year to the target's ("−5% a year"). */
  perYear?: boolean
}

export interface TargetValue {
  /** The figure the target is judged against, rounded by the stated rule; null for a direction or when it cannot be worked out. */
  value: number | null
  /** How the value was worked out, in words, with the rounding rule. */
  explanation: string
  /** Why it could not be worked out, if it could not. */
  problem: string | null
}

/** Where a target's baseline sits, for a rule applied once a year. */
export interface TargetYears {
  targetYear: number
  baselineYear: number | null
}

export function exactPercentTarget(baseline: Fraction, changePercent: number): Fraction {
  return div(mul(baseline, add(HUNDRED, exact(changePercent))), HUNDRED)
}

/** How many times a target's percentage applies: once, or once for each year since the baseline. */
function timesApplied(spec: TargetSpec, years: TargetYears | undefined): number {
  if (!spec.perYear || !years || years.baselineYear === null) return 1
  return years.targetYear - years.baselineYear
}

/**
 * The exact figure a percentage or percentage-point target aims at from a baseline (or the same months of
 * it): the percentage applied once, or compounded once a year; the points added. Null for other kinds.
 */
export function targetFromBaseline(spec: TargetSpec, baseline: Fraction, years?: TargetYears): Fraction | null {
  if (spec.kind === 'point_change') return add(baseline, exact(spec.changePoints ?? 0))
  if (spec.kind !== 'percent_change') return null
  let value = baseline
  for (let i = 0; i < timesApplied(spec, years); i++) value = exactPercentTarget(value, spec.changePercent ?? 0)
  return value
}

/** "2% reduction", "10% increase", "no change". */
export function changePhrase(changePercent: number): string {
  if (changePercent === 0) return 'no change'
  return `${percentText(Math.abs(changePercent))} ${changePercent < 0 ? 'reduction' : 'increase'}`
}

/** "2 percentage point reduction", "0.5 percentage point increase". */
function pointsPhrase(points: number): string {
  if (points === 0) return 'no change'
  return `${formatNumber(Math.abs(points), Number.isInteger(points) ? 0 : 1)} percentage point ${points < 0 ? 'reduction' : 'increase'}`
}

/**
 * The value of a target. A percentage target is worked out from the baseline and rounded by the unit's
 * rule (counts: nearest whole number, halves up): a 2% reduction on 2,090 is 2,048.2 → 2,048; 5% on 179
 * is 170.05 → 170; a 10% increase on 14 is 15.4 → 15. "5% a year" from a 2022/23 baseline applies 5% three
 * times for 2025/26. A percentage-point target adds its points: 2 points off 30.5% is 28.5%.
 */
export function targetValue(spec: TargetSpec, baseline: number | null, unit: Unit, years?: TargetYears): TargetValue {
  if (spec.kind === 'absolute') {
    return { value: spec.absoluteValue, explanation: `A figure set by the partnership: ${formatValue(spec.absoluteValue, unit)}`, problem: null }
  }
  if (spec.kind === 'direction') {
    return { value: null, explanation: 'A direction only: any move the right way from the baseline meets it', problem: null }
  }
  if (spec.kind === 'to_be_agreed') {
    return { value: null, explanation: 'To be agreed: the plan has not set this target yet', problem: null }
  }
  const times = timesApplied(spec, years)
  const phrase =
    spec.kind === 'point_change'
      ? pointsPhrase(spec.changePoints ?? 0)
      : spec.perYear
        ? `${changePhrase(spec.changePercent ?? 0)} a year${years?.baselineYear != null && times > 0 ? ` for ${times} ${times === 1 ? 'year' : 'years'}` : ''}`
        : changePhrase(spec.changePercent ?? 0)
  if (baseline === null) {
    return { value: null, explanation: `${capitalise(phrase)} on the baseline`, problem: 'Add a baseline to work out the target' }
  }
  if (spec.perYear && times < 1) {
    return { value: null, explanation: `${capitalise(phrase)} on the baseline`, problem: `The baseline must be for a year before ${financialYearLabel(years!.targetYear)} to apply a change a year` }
  }
  if (baseline === 0 && spec.kind === 'percent_change') {
    return {
      value: null,
      explanation: `${capitalise(phrase)} on a baseline of 0`,
      problem: 'A percentage of a baseline of 0 is 0, so this target is judged by direction only',
    }
  }
  const precise = targetFromBaseline(spec, exact(baseline), years)!
  if (spec.kind === 'point_change' && (compare(precise, exact(0)) < 0 || compare(precise, HUNDRED) > 0)) {
    return { value: null, explanation: `${capitalise(phrase)} on ${formatValue(baseline, unit)}`, problem: 'The change in points takes the target outside 0% to 100%' }
  }
  const value = roundHalfAwayFromZero(precise, decimalsOf(unit))
  const preciseText = exactText(precise, unit)
  const valueText = formatValue(value, unit)
  const worked = `${capitalise(phrase)} on ${formatValue(baseline, unit)} is ${preciseText}`
  return {
    value,
    explanation: preciseText === valueText ? worked : `${worked}, ${roundingRule(unit)}: ${valueText}`,
    problem: null,
  }
}

/** "Reduce theft from motor vehicle by 10% during 2010/2011", as the seeds word their priorities. */
export function targetStatement(name: string, polarity: Polarity, spec: TargetSpec, year: number, unit: Unit): string {
  const what = /^[A-Z][a-z]/.test(name) ? name.charAt(0).toLowerCase() + name.slice(1) : name
  const during = `during ${financialYearLongLabel(year)}`
  if (spec.kind === 'absolute') {
    return `${name}: ${polarity === 'lower_is_better' ? 'no more than' : 'at least'} ${formatValue(spec.absoluteValue, unit)} ${during}`
  }
  if (spec.kind === 'direction') return `${polarity === 'lower_is_better' ? 'Reduce' : 'Increase'} ${what} ${during}`
  if (spec.kind === 'to_be_agreed') return `${name}: target for ${financialYearLabel(year)} to be agreed`
  if (spec.kind === 'point_change') {
    const points = spec.changePoints ?? 0
    return `${points < 0 ? 'Reduce' : 'Increase'} ${what} by ${formatNumber(Math.abs(points), Number.isInteger(points) ? 0 : 1)} percentage ${Math.abs(points) === 1 ? 'point' : 'points'} ${during}`
  }
  const changePercent = spec.changePercent ?? 0
  return `${changePercent < 0 ? 'Reduce' : 'Increase'} ${what} by ${percentText(Math.abs(changePercent))}${spec.perYear ? ' a year' : ''} ${during}`
}

// --- Checks a printed plan needs ---------------------------------------------------------------------

export interface PrintedCheck {
  printed: number
  printedText: string
  /** The printed figure differs from the one its rule gives. */
  differs: boolean
  /** "Printed as 860; by its rule it is 857, 3 more than the rule gives". */
  text: string
}

/** A figure the plan printed for a target, against the figure its rule gives: both are kept, and a difference is shown. */
export function checkPrinted(printed: number | null, computed: TargetValue, unit: Unit): PrintedCheck | null {
  if (printed === null) return null
  const printedText = formatValue(printed, unit)
  if (computed.value === null) return { printed, printedText, differs: false, text: `Printed as ${printedText}` }
  const difference = roundHalfAwayFromZero(sub(exact(printed), exact(computed.value)), 2)
  if (difference === 0) return { printed, printedText, differs: false, text: `Printed as ${printedText}, as its rule gives` }
  const size = unit === 'percentage' ? formatNumber(Math.abs(difference), 1) : formatValue(Math.abs(difference), unit === 'money' ? 'money' : 'count')
  const points = unit === 'percentage' ? ` percentage ${Math.abs(difference) === 1 ? 'point' : 'points'}` : ''
  return {
    printed,
    printedText,
    differs: true,
    text: `Printed as ${printedText}, but its rule gives ${formatValue(computed.value, unit)}: ${size}${points} ${difference > 0 ? 'more' : 'less'} than the rule`,
  }
}

/**
 * Warnings (never refusals) about a target that does not fit its indicator: a figure on the wrong side of the
 * baseline for the indicator's direction, a change the wrong way, or a percentage target without a baseline.
 */
export function targetWarnings(spec: TargetSpec, computed: TargetValue, baseline: number | null, polarity: Polarity, unit: Unit, baselinesHeld = 0): string[] {
  const warnings: string[] = []
  const lowerIsBetter = polarity === 'lower_is_better'
  const better = lowerIsBetter ? 'lower' : 'higher'
  const signed = spec.kind === 'percent_change' ? (spec.changePercent ?? 0) : spec.kind === 'point_change' ? (spec.changePoints ?? 0) : 0
  if (signed !== 0 && (signed > 0) === lowerIsBetter) {
    warnings.push(`This target is ${signed > 0 ? 'an increase' : 'a reduction'}, but ${better} is better for this indicator: check it is meant`)
  } else if (computed.value !== null && baseline !== null && compare(exact(computed.value), exact(baseline)) === (lowerIsBetter ? 1 : -1)) {
    warnings.push(`The target of ${formatValue(computed.value, unit)} is ${lowerIsBetter ? 'above' : 'below'} the baseline of ${formatValue(baseline, unit)}, but ${better} is better for this indicator: check it is meant`)
  }
  if ((spec.kind === 'percent_change' || spec.kind === 'point_change') && baseline === null) {
    const kind = spec.kind === 'percent_change' ? 'a % change' : 'a change in percentage points'
    warnings.push(
      baselinesHeld === 0
        ? `This target is ${kind}, but the indicator has no baseline yet: add one to work out the figure`
        : `This target is ${kind}, but no baseline is chosen for it: choose the baseline it is measured from to work out the figure`,
    )
  }
  return warnings
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
