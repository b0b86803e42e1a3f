import type { ChartInput } from './chart.ts'

/**
 * A measure's actual figure beside its target, year by year, as horizontal bars with each figure written at
 * its bar: the indicators' pages and the reports' documents draw each indicator with a target so.
 */

/** An indicator's figure against its target for each year it had one (from the indicators capability). */
export interface TargetTrend {
  indicatorId: number
  indicatorName: string
  measure: string
  years: { label: string; actual: number | null; target: number | null; toDate: boolean; basisText: string }[]
  format: (value: number) => string
}

export function actualAgainstTargetChart(trend: TargetTrend): ChartInput {
  const first = trend.years[0]!
  const last = trend.years.at(-1)!
  const span = trend.years.length === 1 ? `for ${first.label}` : `for each year from ${first.label.replace(/ to date$/, '')} to ${last.label.replace(/ to date$/, '')}`
  const toDate = trend.years.filter(y => y.toDate)
  const missing = trend.years.filter(y => y.actual === null)
  const notes = [
    ...toDate.map(y => `${y.label} sets the months so far against the target for the same months.`),
    ...(missing.length ? [`No figure to set against the target for ${missing.map(y => y.label).join(', ')}.`] : []),
  ]
  return {
    id: `indicator-${trend.indicatorId}-against-target`,
    title: `${trend.indicatorName}: actual against target`,
    description: `Bar chart of ${trend.indicatorName} (${trend.measure.toLowerCase()}): the actual figure beside the target ${span}.${notes.length ? ` ${notes.join(' ')}` : ''}`,
    kind: 'grouped-bar',
    labelHeading: 'Year',
    yLabel: trend.measure.charAt(0).toUpperCase() + trend.measure.slice(1),
    format: trend.format,
    series: [
      { name: 'Actual', colour: '#1d70b8', points: trend.years.map(y => ({ label: y.label, value: y.actual })) },
      { name: 'Target', colour: '#505a5f', points: trend.years.map(y => ({ label: y.label, value: y.target })) },
    ],
  }
}
