import { ragStackedChart } from '../../../core/documents/chart-rag.ts'
import type { ChartInput } from '../../../core/documents/chart.ts'
import type { Block } from '../../../core/documents/model.ts'

import { priorityHeading, type StatusCounts } from './common-blocks.ts'

/**
 * The documents' charts, each drawn by the one chart definition (core/documents/chart.ts) to DOCX, PDF and
 * the print view, with its title and description as the picture's alternative text and its figures in a
 * table under it: the actions of each priority by RAG status, and each indicator with a target against that
 * target, year by year.
 */

/** The actions of each priority by their RAG status, as a stacked bar per priority; null for a plan with no actions. */
export function ragByPriorityChart(priorities: readonly (StatusCounts & { title: string })[], id: string, when: string): ChartInput | null {
  const total = priorities.reduce((sum, p) => sum + p.actions, 0)
  if (total === 0) return null
  return ragStackedChart({
    id,
    title: `Actions by RAG status, priority by priority, ${when}`,
    description: `Stacked bar chart with a bar for each of the ${priorities.length} ${priorities.length === 1 ? 'priority' : 'priorities'}, split into its actions that are red, amber, green and with no status yet, ${when}. The counts are written under each bar and in the table that follows.`,
    counted: 'Actions',
    noneLabel: 'No status yet',
    labelHeading: 'Priority',
    rows: priorities.map((p, index) => ({ label: priorityHeading(p, index), ...p.rag })),
  })
}

/** An indicator's figure against its target for each year it had one (from the indicators capability). */
export interface IndicatorTrend {
  indicatorId: number
  indicatorName: string
  measure: string
  years: { label: string; actual: number | null; target: number | null; toDate: boolean; basisText: string }[]
  format: (value: number) => string
}

export function indicatorTargetChart(trend: IndicatorTrend): ChartInput {
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

/** The charts as blocks under a heading: each is drawn with its figures in a table. */
export function chartBlocks(heading: string, charts: readonly ChartInput[]): Block[] {
  if (!charts.length) return []
  return [{ kind: 'heading', text: heading, level: 3 }, ...charts.map(chart => ({ kind: 'chart' as const, chart }))]
}
