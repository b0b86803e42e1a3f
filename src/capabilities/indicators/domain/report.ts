/**
 * Everything shown about an indicator, worked out from its records: baselines, targets with their
 * computed values and RAG, actuals (with rates), each year against the one before, and rankings among
 * comparator areas. The indicator page, the performance table and the API all read these reports.
 */
import { financialYearLabel, financialYearOfIndex, monthIndex, MONTHS_IN, periodKey, periodLabel, periodsOfYear, type Frequency, type Period } from '../../../core/calendar/index.ts'

import { formatValue, isRate, UNIT_SHORT_LABELS, type PoliceDataDefinition, type Polarity, type SourceKind, type Unit } from './indicator.ts'
import {
  assessTarget,
  fullYear,
  rankAreas,
  ratePer1000,
  targetStatement,
  yearToDate,
  type Actual,
  type Change,
  type NoChangeRule,
  type Rag,
  type Ranking,
  type TargetAssessment,
  type TargetKind,
  type TargetValue,
} from './performance.ts'
import { baselineForTarget, baselineTitle } from './baselines.ts'
import { isRateUnit, perText, rateSourceText } from './rates.ts'
import { checkPrinted, targetWarnings, type PrintedCheck } from './targets.ts'
import { partYearComparisons, type PartYearComparison } from './cumulative.ts'

export interface PriorityLink {
  id: number
  title: string
  planTitle: string
  planYear: number
}

export interface IndicatorRecord {
  id: number
  name: string
  definition: string | null
  source: string | null
  unit: Unit
  polarity: Polarity
  frequency: Frequency
  countedAs: string
  denominator: number | null
  denominatorNote: string | null
  /** What a rate is per ("households", "residents"), for a rate per 1,000 or per 100,000. */
  rateOf?: string | null
  areaId: number | null
  areaName: string | null
  priority: PriorityLink | null
  sourceKind: SourceKind
  policeDefinition: PoliceDataDefinition | null
  notes: string | null
  position: number
  /** A district's indicator: the whole partnership's indicator it is part of (joint partnerships). */
  parentIndicatorId?: number | null
}

export interface BaselineRecord {
  id: number
  year: number
  value: number
  note: string | null
  /** "Local", "National": several baselines of one year are told apart by their labels. */
  label?: string | null
  /** The baseline RAG is judged against when a target names none. */
  judged?: boolean
  /** For a rate: the count and denominator it was worked out from, or the denominator alone. */
  count?: number | null
  denominator?: number | null
}

export interface TargetRecord {
  id: number
  year: number
  kind: TargetKind
  changePercent: number | null
  absoluteValue: number | null
  /** For a 'point_change' target. */
  changePoints?: number | null
  /** A percentage change applied once for each year since the baseline. */
  perYear?: boolean
  /** The figure the plan printed for the target. */
  printedValue?: number | null
  baselineId: number | null
  statement: string | null
}

export interface ActualRecord {
  /** Null for a figure computed from police data (it cannot be edited). */
  id: number | null
  period: Period
  value: number
  note: string | null
  /** For a rate: the count and denominator it was worked out from, or the denominator alone. */
  count?: number | null
  denominator?: number | null
}

export interface ComparatorRecord {
  id: number
  year: number
  groupName: string
  areaName: string
  value: number
  denominator: number | null
}

export interface ReportInput {
  indicator: IndicatorRecord
  baselines: BaselineRecord[]
  targets: TargetRecord[]
  actuals: ActualRecord[]
  comparators: ComparatorRecord[]
  tolerancePercent: number
  /** The partnership's rule for no change (rag-rules.ts); the default when not given. */
  noChange?: NoChangeRule | undefined
  /** The name the partnership's own area goes by in a ranking. */
  ownAreaName: string
}

export interface TargetReport extends TargetRecord {
  yearLabel: string
  /** The statement as entered, or worded from the target. */
  statementText: string
  baseline: (BaselineRecord & { yearLabel: string; valueText: string; title: string }) | null
  computed: TargetValue & { valueText: string }
  /** The figure the plan printed, against the one its rule gives. */
  printed: PrintedCheck | null
  /** A target that does not fit its indicator, said plainly (it is kept as entered). */
  warnings: string[]
  assessment: TargetAssessment
}

export interface ActualReport extends ActualRecord {
  key: string
  label: string
  year: number
  valueText: string
  /** Per 1,000 of the denominator, for a count or rate indicator with one. */
  rate: number | null
  /** How a rate was entered: "980 over 65,000 households". */
  sourceText: string | null
}

export interface YearReport {
  year: number
  label: string
  current: number | null
  currentText: string
  currentLabel: string
  previous: number | null
  previousText: string
  previousLabel: string
  monthsCovered: number
  complete: boolean
  /** "4 of 12 months held": how much of the year the figures hold. */
  heldText: string
  /** Fewer than twelve months have figures: shown as a partial year, never compared as if whole. */
  partial: boolean
  missing: string[]
  change: Change | null
  /** Per 1,000 of the denominator for the whole year, when the year is complete. */
  rate: number | null
}

export interface RankingReport extends Ranking {
  year: number
  yearLabel: string
  groupName: string
  /** Why the partnership's own area is not in the ranking, if it is not. */
  ownMissing: string | null
}

export interface IndicatorReport {
  indicator: IndicatorRecord & { unitText: string }
  baselines: (BaselineRecord & { yearLabel: string; valueText: string; usedByTargets: number; title: string; sourceText: string | null })[]
  targets: TargetReport[]
  actuals: ActualReport[]
  /** Every financial year with figures, latest first, each against the same months of the year before. */
  years: YearReport[]
  rankings: RankingReport[]
  comparators: (ComparatorRecord & { yearLabel: string })[]
  /** Part-year figures ("April to December 2025"), latest first, each against the same months of the year before. */
  partYears: PartYearComparison[]
}

const byYear = <T extends { year: number }>(a: T, b: T) => a.year - b.year

export function buildReport(input: ReportInput): IndicatorReport {
  const { indicator, tolerancePercent } = input
  const { unit, frequency, countedAs: noun, polarity, denominator } = indicator
  const rateOfCount = (value: number) => (denominator && unit !== 'percentage' && !isRateUnit(unit) ? ratePer1000(value, denominator) : null)
  const series: Actual[] = input.actuals.map(a => ({ period: a.period, value: a.value }))

  const rateOf = indicator.rateOf ?? null
  const baselines = [...input.baselines]
    .sort((a, b) => a.year - b.year || (a.label ?? '').localeCompare(b.label ?? ''))
    .map(b => ({
      ...b,
      yearLabel: financialYearLabel(b.year),
      title: baselineTitle(b),
      valueText: formatValue(b.value, unit),
      sourceText: rateSourceText(b.count ?? null, b.denominator ?? null, rateOf),
      usedByTargets: input.targets.filter(t => baselineForTarget(input.baselines, t)?.id === b.id).length,
    }))

  const targets: TargetReport[] = [...input.targets].sort(byYear).map(t => {
    const baseline = baselineForTarget(baselines, t)
    const spec = { kind: t.kind, changePercent: t.changePercent, absoluteValue: t.absoluteValue, changePoints: t.changePoints, perYear: t.perYear }
    const assessment = assessTarget({
      unit,
      polarity,
      frequency,
      noun,
      actuals: series,
      year: t.year,
      spec,
      baseline: baseline ? { year: baseline.year, value: baseline.value } : null,
      tolerancePercent,
      noChange: input.noChange,
    })
    return {
      ...t,
      yearLabel: financialYearLabel(t.year),
      statementText: t.statement ?? targetStatement(indicator.name, polarity, spec, t.year, unit),
      baseline: baseline
        ? { id: baseline.id, year: baseline.year, value: baseline.value, note: baseline.note, label: baseline.label ?? null, yearLabel: baseline.yearLabel, valueText: baseline.valueText, title: baseline.title }
        : null,
      computed: { ...assessment.target, valueText: formatValue(assessment.target.value, unit) },
      printed: checkPrinted(t.printedValue ?? null, assessment.target, unit),
      warnings: targetWarnings(spec, assessment.target, baseline?.value ?? null, polarity, unit, baselines.length),
      assessment,
    }
  })

  const actuals: ActualReport[] = [...input.actuals]
    .sort((a, b) => a.period.start - b.period.start)
    .map(a => ({
      ...a,
      key: periodKey(a.period),
      label: periodLabel(a.period),
      year: financialYearOfIndex(a.period.start),
      valueText: formatValue(a.value, unit),
      rate: rateOfCount(a.value),
      sourceText: rateSourceText(a.count ?? null, a.denominator ?? null, rateOf),
    }))

  // A part-year figure is shown on its own (partYears), never as a year's or a quarter's.
  const yearsWithFigures = [...new Set(actuals.filter(a => !a.period.cumulative).map(a => a.year))].sort((a, b) => b - a)
  const years: YearReport[] = yearsWithFigures.map(year => {
    const ytd = yearToDate(series, frequency, unit, noun, year)
    const whole = ytd.complete ? fullYear(series, frequency, unit, year) : null
    return {
      year,
      label: financialYearLabel(year),
      current: ytd.current,
      currentText: formatValue(ytd.current, unit),
      currentLabel: ytd.currentLabel,
      previous: ytd.previous,
      previousText: formatValue(ytd.previous, unit),
      previousLabel: ytd.previousLabel,
      monthsCovered: ytd.monthsCovered,
      complete: ytd.complete,
      heldText: ytd.heldText,
      partial: ytd.method === 'sum' && ytd.partial,
      missing: ytd.currentMissing.map(periodLabel),
      change: ytd.change,
      rate: whole === null ? null : rateOfCount(whole),
    }
  })

  const groups = [...new Map(input.comparators.map(c => [`${c.year}|${c.groupName.toLowerCase()}`, { year: c.year, groupName: c.groupName }])).values()].sort(
    (a, b) => b.year - a.year || a.groupName.localeCompare(b.groupName),
  )
  const rankings: RankingReport[] = groups.flatMap(({ year, groupName }) => {
    const others = input.comparators.filter(c => c.year === year && c.groupName.toLowerCase() === groupName.toLowerCase())
    const own = fullYear(series, frequency, unit, year)
    const needsDenominator = unit !== 'percentage' && !isRateUnit(unit)
    let ownMissing: string | null = null
    if (own === null) ownMissing = `There are no figures for the whole of ${financialYearLabel(year)} for ${input.ownAreaName} yet`
    else if (needsDenominator && !denominator) ownMissing = `Add the ${isRate(unit) && unit === 'rate_per_1000_households' ? 'number of households' : 'population'} of ${input.ownAreaName} to the indicator to rank it per 1,000`
    const entries = [
      ...others.map(c => ({ name: c.areaName, value: c.value, denominator: c.denominator, isOwn: false })),
      ...(ownMissing === null ? [{ name: input.ownAreaName, value: own!, denominator, isOwn: true }] : []),
    ]
    const ranking = rankAreas(entries, unit, polarity)
    if (!ranking) return []
    return [{ ...ranking, year, yearLabel: financialYearLabel(year), groupName, ownMissing }]
  })

  return {
    indicator: { ...indicator, unitText: isRateUnit(unit) ? `Rate ${perText(unit, indicator.rateOf)}` : UNIT_SHORT_LABELS[unit] },
    baselines,
    targets,
    actuals,
    years,
    rankings,
    comparators: input.comparators.map(c => ({ ...c, yearLabel: financialYearLabel(c.year) })),
    partYears: partYearComparisons(series, unit, noun),
  }
}

// --- The performance table ------------------------------------------------------------------------

export interface PerformanceRow {
  indicatorId: number
  indicatorName: string
  /** The target as the plan words it, or the indicator's name when it has no target that year. */
  statement: string
  /** The target's wording alone: null when the indicator has no target that year. */
  targetWording: string | null
  /** The baseline the year's target is measured from: "2,090", "2010/11". */
  baselineFigure: { value: number; text: string; label: string } | null
  /** The figure the year's target aims at, worked out by its rule ("2,048"), or what it is instead ("Direction only"). */
  targetFigure: { value: number | null; text: string } | null
  lastYear: { value: number | null; text: string; label: string }
  thisYear: { value: number | null; text: string; label: string }
  change: Change | null
  rag: Rag | null
  reason: string
  /** A note for the row: no figures, missing months, a note on the indicator. */
  note: string | null
}

/**
 * One row of the partnership's performance table for a year, laid out as the seeds' "Achievements"
 * table: what was aimed at, last year, this year, the change and the RAG.
 */
export function performanceRow(report: IndicatorReport, year: number): PerformanceRow {
  const { indicator } = report
  const { unit, frequency, countedAs: noun } = indicator
  const series: Actual[] = report.actuals.map(a => ({ period: a.period, value: a.value }))
  const ytd = yearToDate(series, frequency, unit, noun, year)
  const target = report.targets.find(t => t.year === year)
  let lastYear: PerformanceRow['lastYear']
  let thisYear: PerformanceRow['thisYear']
  let note: string | null = null
  const partYear = ytd.current === null ? report.partYears.find(p => p.year === year) : undefined
  if (partYear) {
    // Only a part-year figure this year: shown as the months it counts, against the same months of last year.
    lastYear = { value: partYear.previous?.value ?? null, text: partYear.previous?.valueText ?? '', label: partYear.previous?.label ?? periodLabel({ ...partYear.period, start: partYear.period.start - 12 }) }
    thisYear = { value: partYear.value, text: partYear.valueText, label: partYear.label }
    note = `A part-year figure for ${partYear.label}, not a quarter or the whole year: the year’s target is judged when the year’s figures are in`
  } else if (ytd.current === null) {
    // Nothing yet this year: last year's whole figure, or else the target's baseline when it is last year's.
    const whole = fullYear(series, frequency, unit, year - 1)
    const baseline = whole === null && target?.baseline?.year === year - 1 ? target.baseline : null
    const value = whole ?? baseline?.value ?? null
    lastYear = { value, text: formatValue(value, unit), label: baseline ? `Baseline ${baseline.title}` : financialYearLabel(year - 1) }
    thisYear = { value: null, text: '', label: financialYearLabel(year) }
    note = report.actuals.length || baseline ? `No figures yet for ${financialYearLabel(year)}` : 'No figures recorded'
  } else {
    lastYear = { value: ytd.previous, text: formatValue(ytd.previous, unit), label: ytd.previousLabel }
    thisYear = { value: ytd.current, text: formatValue(ytd.current, unit), label: ytd.currentLabel }
    if (ytd.currentMissing.length) note = `Figures missing for ${ytd.currentMissing.map(periodLabel).join(', ')}`
    else if (ytd.previousMissing.length) note = `No figures for the same months of ${financialYearLabel(year - 1)}`
  }
  return {
    indicatorId: indicator.id,
    indicatorName: indicator.name,
    statement: target?.statementText ?? indicator.name,
    targetWording: target?.statementText ?? null,
    baselineFigure: target?.baseline ? { value: target.baseline.value, text: target.baseline.valueText, label: target.baseline.title } : null,
    targetFigure: target ? { value: target.computed.value, text: targetFigureText(target) } : null,
    lastYear,
    thisYear,
    change: partYear ? partYear.change : ytd.current !== null && ytd.currentMissing.length === 0 ? ytd.change : null,
    rag: target?.assessment.rag ?? null,
    reason: partYear && target?.assessment.rag === null ? `Not judged yet: ${partYear.label} is part of the year` : target ? target.assessment.reason : `No target for ${financialYearLabel(year)}`,
    note: note ?? (indicator.notes && !report.actuals.length ? indicator.notes : null),
  }
}

/** Whether an indicator belongs in a year's performance table: it has a target or a figure that year. */
export function isInYear(report: IndicatorReport, year: number): boolean {
  return report.targets.some(t => t.year === year) || report.actuals.some(a => a.year === year)
}

/**
 * Monthly counts (from police data) as the indicator's periods: months as they are, or added up into
 * quarters and years, keeping only periods whose every month is present.
 */
export function monthlyCountsToActuals(months: { month: string; count: number }[], frequency: Frequency): ActualRecord[] {
  const byMonth = new Map<number, number>()
  for (const { month, count } of months) {
    const m = /^(\d{4})-(\d{2})$/.exec(month)
    if (m) byMonth.set(monthIndex(Number(m[1]), Number(m[2])), count)
  }
  const years = [...new Set([...byMonth.keys()].map(financialYearOfIndex))].sort((a, b) => a - b)
  return years.flatMap(year =>
    periodsOfYear(frequency, year).flatMap(period => {
      const covered = Array.from({ length: MONTHS_IN[frequency] }, (_, i) => byMonth.get(period.start + i))
      if (covered.some(v => v === undefined)) return []
      return [{ id: null, period, value: covered.reduce<number>((a, b) => a + b!, 0), note: null }]
    }),
  )
}

/** A target's figure for a table cell: the figure, or what the target is instead of one. */
function targetFigureText(target: TargetReport): string {
  if (target.printed?.differs) return `${target.computed.valueText} (the plan printed ${target.printed.printedText}, which differs from its rule)`
  if (target.computed.value !== null) return target.computed.valueText
  if (target.kind === 'to_be_agreed') return 'To be agreed'
  if (target.kind === 'direction') return 'Direction only'
  return target.computed.problem ?? ''
}
