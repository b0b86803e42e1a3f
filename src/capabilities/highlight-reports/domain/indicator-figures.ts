import { monthIndexOf, periodEnd, type Month } from '../../../core/calendar/index.ts'
import {
  buildReport,
  performanceRow,
  type IndicatorReport,
  type NoChangeRule,
  type PerformanceRow,
} from '../../indicators/index.ts'


/**
 * Performance against the baseline, as a highlight report shows it: each indicator of the priority with
 * its baseline, target, year-to-date figures against the same months of last year, % change and RAG,
 * worked out by the indicators' own rules (the same as the indicator page and the performance table)
 * from the figures recorded for periods that had ended by the end of the report's month. Nothing is
 * re-keyed or computed here: the figures come from the indicator's records.
 */
export interface IndicatorFigures extends PerformanceRow {
  /** The baseline the year's target is measured from: "2,090" and "Baseline 2010/11". */
  baseline: { text: string; label: string } | null
  /** The year's target as a figure ("2,048"), when it has one. */
  targetText: string | null
  /** The figures come from police data (the page and document then carry the Open Government Licence attribution). */
  fromPoliceData: boolean
}

export function figuresAsAt(
  report: IndicatorReport,
  planYear: number,
  asAt: Month,
  tolerancePercent: number,
  noChange?: NoChangeRule,
): IndicatorFigures {
  const lastMonth = monthIndexOf(asAt)
  const asItWas = buildReport({
    indicator: report.indicator,
    baselines: report.baselines.map(({ id, year, value, note }) => ({ id, year, value, note })),
    targets: report.targets.map(({ id, year, kind, changePercent, absoluteValue, changePoints, perYear, printedValue, baselineId, statement }) => ({
      id,
      year,
      kind,
      changePercent,
      absoluteValue,
      changePoints,
      perYear,
      printedValue,
      baselineId,
      statement,
    })),
    actuals: report.actuals
      .filter(a => periodEnd(a.period) <= lastMonth)
      .map(({ id, period, value, note }) => ({ id, period, value, note })),
    comparators: [],
    tolerancePercent,
    noChange,
    ownAreaName: '',
  })
  const target = asItWas.targets.find(t => t.year === planYear)
  return {
    ...performanceRow(asItWas, planYear),
    baseline: target?.baseline
      ? { text: target.baseline.valueText, label: `Baseline ${target.baseline.title}` }
      : null,
    targetText: target && target.computed.value !== null ? target.computed.valueText : null,
    fromPoliceData: report.indicator.sourceKind === 'police_data',
  }
}
