/**
 * The arithmetic of performance indicators: computed targets, change between years, financial-year-to-
 * date comparisons, RAG, rates per 1,000 and rankings among comparator areas. Pure functions over exact
 * fractions (see exact.ts); every rounding is done once, by the rule stated on screen.
 */
import {
  addMonths,
  describeMonths,
  financialYearLabel,
  financialYearOfIndex,
  heldInYear,
  monthAt,
  MONTHS_IN,
  periodEnd,
  periodLabel,
  periodsOfYear,
  samePeriod,
  type Frequency,
  type Month,
  type MonthIndex,
  type Period,
} from '../../../core/calendar/index.ts'
import { formatNumber } from '../../../shared/format.ts'

import { compare, div, exact, mul, ratio, roundHalfAwayFromZero, sub, sum, toNumber, type Fraction } from './exact.ts'
import { decimalsOf, formatDifference, formatValue, isAdditive, roundingRule, type Polarity, type Unit } from './indicator.ts'
import { judgeByRules, ragRules, type JudgeInput, type Judgement, type NoChangeRule, type Rag } from './rag-rules.ts'
import { isRateUnit } from './rates.ts'
import { changePhrase, exactText, HUNDRED, targetFromBaseline, targetValue, type TargetSpec, type TargetValue } from './targets.ts'

// Judging one figure (the rule and its types) lives in rag-rules.ts; callers read them here too.
export type { JudgeInput, Judgement, Rag } from './rag-rules.ts'
export { TARGET_KIND_LABELS, TARGET_KINDS, targetStatement, targetValue, type TargetKind, type TargetSpec, type TargetValue } from './targets.ts'

export type { NoChangeRule } from './rag-rules.ts'
export const RAG_LABELS: Record<Rag, string> = { red: 'Red', amber: 'Amber', green: 'Green' }

export interface Actual {
  period: Period
  value: number
}

const THOUSAND = exact(1000)

// --- Change between two figures -------------------------------------------------------------------

export interface Change {
  from: number
  to: number
  /** to − from */
  difference: number
  /** Signed percentage change rounded to one decimal place; null when `from` is 0. */
  percent: number | null
  direction: 'increase' | 'decrease' | 'none'
  /** As the seeds print it: "39.1% (127 offences)". */
  text: string
}

/** The change from one figure to another, shown as the seeds show it: "39.1% (127 offences)". */
export function change(from: number, to: number, unit: Unit, noun: string): Change {
  const difference = sub(exact(to), exact(from))
  const percent = from === 0 ? null : roundHalfAwayFromZero(mul(div(difference, exact(from)), HUNDRED), 1)
  const differenceNumber = roundHalfAwayFromZero(difference, 2)
  const sign = compare(difference, exact(0))
  const percentPart = percent === null ? 'n/a' : `${formatNumber(Math.abs(percent), 1)}%`
  return {
    from,
    to,
    difference: differenceNumber,
    percent,
    direction: sign > 0 ? 'increase' : sign < 0 ? 'decrease' : 'none',
    text: `${percentPart} (${formatDifference(differenceNumber, unit, noun)})`,
  }
}

// --- Financial year to date ------------------------------------------------------------------------

export interface YearToDate {
  year: number
  /** The periods of the year from April to the latest with a figure (empty when there is none yet). */
  periods: Period[]
  /** The last month covered; null when the year has no figures yet. */
  throughMonth: MonthIndex | null
  monthsCovered: number
  /** All twelve months are covered and none is missing. */
  complete: boolean
  /** How the figures combine: summed over the months, or (for a percentage) the latest period's figure. */
  method: 'sum' | 'latest'
  current: number | null
  previous: number | null
  /** Exactly the months the current figure counts: "April to June 2024 and March 2025". */
  currentLabel: string
  previousLabel: string
  /** The months the current figure counts (for a percentage, the latest period's months). */
  heldMonths: Month[]
  /** "4 of 12 months held", "all 12 months held": how much of the year the figures hold. */
  heldText: string
  /** Fewer than all twelve months have a figure: the year is partial and never compared as if whole. */
  partial: boolean
  /** Periods in range without a figure this year, and in the same months of the year before. */
  currentMissing: Period[]
  previousMissing: Period[]
  /** Null unless both years have every figure in range. */
  change: Change | null
}

const shiftYear = (p: Period, years: number): Period => ({ start: p.start + 12 * years, months: p.months })
const find = (actuals: Actual[], p: Period) => actuals.find(a => samePeriod(a.period, p))

/**
 * The financial year to date (April to the latest period with a figure) against the same months of the
 * year before, as the seeds' "Year to Date (April 09 – March 10)" columns.
 */
export function yearToDate(actuals: Actual[], frequency: Frequency, unit: Unit, noun: string, year: number): YearToDate {
  const ofYear = periodsOfYear(frequency, year)
  const withFigures = ofYear.filter(p => find(actuals, p))
  const method = isAdditive(unit) ? 'sum' : 'latest'
  const empty: YearToDate = {
    year,
    periods: [],
    throughMonth: null,
    monthsCovered: 0,
    complete: false,
    method,
    current: null,
    previous: null,
    currentLabel: financialYearLabel(year),
    previousLabel: financialYearLabel(year - 1),
    heldMonths: [],
    heldText: heldInYear(year, []).countText,
    partial: true,
    currentMissing: [],
    previousMissing: [],
    change: null,
  }
  const last = withFigures.at(-1)
  if (!last) return empty
  const inRange = ofYear.filter(p => p.start <= last.start)
  const throughMonth = periodEnd(last)
  const monthsCovered = inRange.length * MONTHS_IN[frequency]
  const used = method === 'sum' ? inRange : [last]
  const currentMissing = used.filter(p => !find(actuals, p))
  // Last year's figure counts the same months as this year's, so the two rest on the same months.
  const counted = used.filter(p => find(actuals, p))
  const previousMissing = counted.filter(p => !find(actuals, shiftYear(p, -1)))
  const total = (periods: Period[]) => roundHalfAwayFromZero(sum(periods.map(p => exact(find(actuals, p)!.value))), 2)
  const current = total(counted)
  const previous = previousMissing.length ? null : total(counted.map(p => shiftYear(p, -1)))
  // The labels name exactly the months the figures count: a gap in the year is never hidden inside "April to March".
  const monthsOf = (periods: Period[], shift: number) => periods.flatMap(p => Array.from({ length: p.months }, (_, i) => monthAt(p.start + i + 12 * shift)))
  const heldMonths = monthsOf(withFigures, 0)
  const countedMonths = monthsOf(counted, 0)
  const label = (shift: number) => (method === 'latest' ? periodLabel(shiftYear(last, shift)) : describeMonths(countedMonths.map(m => addMonths(m, 12 * shift))))
  const held = heldInYear(year, heldMonths)
  return {
    ...empty,
    periods: inRange,
    throughMonth,
    monthsCovered,
    complete: monthsCovered === 12 && currentMissing.length === 0,
    current,
    previous,
    currentLabel: label(0),
    previousLabel: label(-1),
    heldMonths: countedMonths,
    heldText: held.countText,
    partial: !held.complete,
    currentMissing,
    previousMissing,
    change: previous !== null && currentMissing.length === 0 ? change(previous, current, unit, noun) : null,
  }
}

/** The total of a whole financial year, or null unless every period has a figure (a percentage: the last period's). */
export function fullYear(actuals: Actual[], frequency: Frequency, unit: Unit, year: number): number | null {
  const periods = periodsOfYear(frequency, year)
  const figures = periods.map(p => find(actuals, p))
  if (figures.some(f => !f)) return null
  if (!isAdditive(unit)) return figures.at(-1)!.value
  return roundHalfAwayFromZero(sum(figures.map(f => exact(f!.value))), 2)
}

// --- RAG ---------------------------------------------------------------------------------------

/**
 * Green: the target is met or beaten. Amber: moving the right way but short of the target, or no worse
 * than the baseline by more than the partnership's tolerance. Red: moving the wrong way (worse than the
 * baseline by more than the tolerance). No change counts as the partnership's rule says (Amber unless it
 * chose Red; never Green). The rules and their legend are in rag-rules.ts.
 */
export function judge(input: JudgeInput): Judgement {
  return judgeByRules(input, ragRules({ tolerancePercent: input.tolerancePercent, ...input.noChange }))
}

// --- A target's year, assessed ---------------------------------------------------------------------

export interface Baseline {
  year: number
  value: number
}

export interface TargetAssessment extends Judgement {
  year: number
  target: TargetValue
  /** What was compared: the whole year, the year to date (against the same months of the baseline year, or pro rata), or the latest figure. */
  basis: 'none' | 'full_year' | 'same_months' | 'pro_rata' | 'latest' | 'incomplete'
  basisText: string
  /** The like-for-like figures the RAG compares (rounded for showing). */
  actual: number | null
  comparedTarget: number | null
  comparedBaseline: number | null
}

export interface AssessInput {
  unit: Unit
  polarity: Polarity
  frequency: Frequency
  noun: string
  actuals: Actual[]
  year: number
  spec: TargetSpec
  baseline: Baseline | null
  tolerancePercent: number
  noChange?: NoChangeRule | undefined
}

/**
 * Judge a target for its financial year. A whole year is compared with the target as set. Part of a year
 * (monthly or quarterly figures) is compared with the target to date: the target applied to the same
 * months of the baseline year when they are recorded, otherwise the baseline and target pro rata by
 * months. A percentage indicator is judged on its latest figure.
 */
export function assessTarget(input: AssessInput): TargetAssessment {
  const { unit, polarity, frequency, noun, actuals, year, spec, baseline, tolerancePercent, noChange } = input
  const years = { targetYear: year, baselineYear: baseline?.year ?? null }
  const target = targetValue(spec, baseline?.value ?? null, unit, years)
  const ytd = yearToDate(actuals, frequency, unit, noun, year)
  const base = { year, target, actual: ytd.current, comparedTarget: target.value, comparedBaseline: baseline?.value ?? null }
  const judged = (actual: Fraction | number | null, t: Fraction | null | number, b: Fraction | null | number) =>
    judge({ polarity, unit, actual, target: t, baseline: b, tolerancePercent, noChange })

  if (ytd.current === null) return { ...base, ...judged(null, null, null), basis: 'none', basisText: `No figures yet for ${financialYearLabel(year)}` }
  if (spec.kind === 'to_be_agreed') return { ...base, rag: null, reason: 'Target to be agreed', basis: 'none', basisText: `The target for ${financialYearLabel(year)} is to be agreed` }
  if (ytd.currentMissing.length) {
    return {
      ...base,
      rag: null,
      reason: `Figures missing for ${ytd.currentMissing.map(periodLabel).join(', ')}`,
      basis: 'incomplete',
      basisText: `Figures missing for ${ytd.currentMissing.map(periodLabel).join(', ')}`,
    }
  }
  if (ytd.method === 'latest') {
    return { ...base, ...judged(ytd.current, target.value, baseline?.value ?? null), basis: 'latest', basisText: `Latest figure: ${ytd.currentLabel}` }
  }
  if (ytd.complete) {
    return { ...base, ...judged(ytd.current, target.value, baseline?.value ?? null), basis: 'full_year', basisText: `The whole year ${financialYearLabel(year)}` }
  }

  // Part of the year: compare like with like.
  const months = ytd.monthsCovered
  const sofar = `Year to date, ${ytd.currentLabel} (${months} of 12 months)`
  const baselinePeriods = baseline ? ytd.periods.map(p => shiftYear(p, baseline.year - year)) : []
  const sameMonths = baseline !== null && baselinePeriods.every(p => find(actuals, p)) && financialYearOfIndex(baselinePeriods[0]!.start) === baseline.year
  const baselineToDate: Fraction | null = !baseline
    ? null
    : sameMonths
      ? sum(baselinePeriods.map(p => exact(find(actuals, p)!.value)))
      : mul(exact(baseline.value), ratio(months, 12))
  let targetToDate: Fraction | null = null
  let how = ''
  if (spec.kind === 'percent_change' && target.value !== null && baselineToDate) {
    targetToDate = exact(roundHalfAwayFromZero(targetFromBaseline(spec, baselineToDate, years)!, decimalsOf(unit)))
    const rule = `${changePhrase(spec.changePercent ?? 0)}${spec.perYear ? ` a year for ${year - baseline!.year} years` : ''}`
    how = sameMonths
      ? `the ${rule} applied to the same months of ${financialYearLabel(baseline!.year)} (${exactText(baselineToDate, unit)})`
      : `the ${rule} applied to ${months}/12 of the baseline (${exactText(baselineToDate, unit)})`
  } else if (spec.kind === 'absolute' && spec.absoluteValue !== null) {
    const share = sameMonths && baseline!.value !== 0 ? div(baselineToDate!, exact(baseline!.value)) : ratio(months, 12)
    targetToDate = exact(roundHalfAwayFromZero(mul(exact(spec.absoluteValue), share), decimalsOf(unit)))
    how = sameMonths
      ? `${formatValue(spec.absoluteValue, unit)} in the proportion the same months of ${financialYearLabel(baseline!.year)} bore to that whole year`
      : `${months}/12 of ${formatValue(spec.absoluteValue, unit)}`
  }
  const result = judged(ytd.current, targetToDate, baselineToDate)
  const showRounded = (f: Fraction | null) => (f === null ? null : roundHalfAwayFromZero(f, decimalsOf(unit)))
  return {
    ...base,
    ...result,
    basis: sameMonths ? 'same_months' : 'pro_rata',
    basisText: targetToDate
      ? `${sofar}: target to date ${formatValue(toNumber(targetToDate), unit)}, ${how}, ${roundingRule(unit)}`
      : baselineToDate
        ? `${sofar}, against the baseline to date of ${exactText(baselineToDate, unit)}`
        : sofar,
    comparedTarget: showRounded(targetToDate),
    comparedBaseline: showRounded(baselineToDate),
  }
}

// --- Rates and rankings ------------------------------------------------------------------------------

/** A figure per 1,000 of its denominator, to one decimal place: 2,401 crimes in 83,200 residents → 28.9. */
export function ratePer1000(value: number, denominator: number): number | null {
  if (!(denominator > 0)) return null
  return roundHalfAwayFromZero(div(mul(exact(value), THOUSAND), exact(denominator)), 1)
}

export interface RankEntry {
  name: string
  value: number
  /** Population (or households) for a rate; not used for a percentage. */
  denominator: number | null
  isOwn: boolean
}

export interface RankedRow extends RankEntry {
  position: number
  /** What is compared: per 1,000 for counts and money, the figure itself for a percentage. */
  compared: number
  comparedText: string
}

export interface Ranking {
  rows: RankedRow[]
  own: RankedRow | null
  of: number
  /** "Ranked 1st (lowest) of 12". */
  text: string
}

export function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13
  const suffix = teen ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th'
  return `${n}${suffix}`
}

/**
 * Rank areas by their figure per 1,000 population (a percentage by itself), best first: for a lower-is-
 * better indicator the lowest is 1st. Equal figures share a place ("joint 2nd"). Entries without a
 * denominator cannot be ranked by rate and are left out.
 */
export function rankAreas(entries: RankEntry[], unit: Unit, polarity: Polarity): Ranking | null {
  // A percentage, or a rate held as the rate (per 1,000 or 100,000), is compared as it is.
  const byRate = unit !== 'percentage' && !isRateUnit(unit)
  const usable = entries.filter(e => !byRate || (e.denominator !== null && e.denominator > 0))
  if (!usable.length) return null
  const key = (e: RankEntry) => (byRate ? div(mul(exact(e.value), THOUSAND), exact(e.denominator!)) : exact(e.value))
  const keyed = usable.map(e => ({ entry: e, key: key(e) }))
  const direction = polarity === 'lower_is_better' ? 1 : -1
  keyed.sort((a, b) => direction * compare(a.key, b.key) || a.entry.name.localeCompare(b.entry.name))
  const rows: RankedRow[] = keyed.map(({ entry, key: k }) => {
    const position = 1 + keyed.filter(other => direction * compare(other.key, k) < 0).length
    const compared = roundHalfAwayFromZero(k, isRateUnit(unit) ? 2 : 1)
    return { ...entry, position, compared, comparedText: byRate ? `${formatNumber(compared, 1)} per 1,000` : isRateUnit(unit) ? formatValue(compared, unit) : `${formatNumber(compared, 1)}%` }
  })
  const own = rows.find(r => r.isOwn) ?? null
  const best = polarity === 'lower_is_better' ? 'lowest' : 'highest'
  let text = ''
  if (own) {
    const joint = rows.filter(r => r.position === own.position).length > 1 ? 'joint ' : ''
    text =
      own.position === 1
        ? `Ranked ${joint}1st (${best}) of ${rows.length}`
        : `Ranked ${joint}${ordinal(own.position)} of ${rows.length} (1st is the ${best})`
  }
  return { rows, own, of: rows.length, text }
}
