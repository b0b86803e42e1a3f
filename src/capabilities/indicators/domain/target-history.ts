import { formatValue, type Unit } from './indicator.ts'
import type { IndicatorReport } from './report.ts'

/**
 * An indicator's figure against its target, for each year it had one up to the year reported: the
 * like-for-like figures the RAG compared (the whole year against the target; part of a year against the
 * target to date; a percentage's latest figure). A year whose figures are missing or not yet in has no
 * actual. The performance table's charts read these (reports capability).
 */
export interface TargetHistory {
  indicatorId: number
  indicatorName: string
  /** What the figures measure, for the axis: "offences", "Per cent", "Pounds", "Per 1,000 population". */
  measure: string
  years: { year: number; label: string; actual: number | null; target: number | null; toDate: boolean; basisText: string }[]
  format: (value: number) => string
}

const MEASURES: Partial<Record<Unit, string>> = {
  percentage: 'Per cent',
  money: 'Pounds',
  rate_per_1000_population: 'Per 1,000 population',
  rate_per_1000_households: 'Per 1,000 households',
}

/** The indicator's years with a target, up to `year`; null when it has no worked-out target in `year` itself. */
export function targetHistory(report: IndicatorReport, year: number): TargetHistory | null {
  const { indicator } = report
  const targets = report.targets.filter(t => t.year <= year && t.assessment.comparedTarget !== null)
  if (!targets.some(t => t.year === year)) return null
  return {
    indicatorId: indicator.id,
    indicatorName: indicator.name,
    measure: MEASURES[indicator.unit] ?? indicator.countedAs,
    years: targets.map(t => {
      const { assessment } = t
      const judged = assessment.basis !== 'none' && assessment.basis !== 'incomplete'
      const toDate = assessment.basis === 'same_months' || assessment.basis === 'pro_rata'
      return {
        year: t.year,
        label: toDate ? `${t.yearLabel} to date` : t.yearLabel,
        actual: judged ? assessment.actual : null,
        target: assessment.comparedTarget,
        toDate,
        basisText: assessment.basisText,
      }
    }),
    format: value => formatValue(value, indicator.unit),
  }
}
