import type { ChartInput, ChartSeries } from './chart.ts'
import { RAG_COLOURS, RAG_WORDS, type Rag } from './model.ts'

/**
 * The RAG statuses as the series of a stacked bar chart: the status colours the pages and documents use
 * (with a mid grey, not the pale table fill, for no status so the part reads as a part), each with the
 * colour its count is written in. The bar's parts are outlined and named in words too (chart-bars.ts).
 */
export const RAG_CHART_COLOURS: Record<Rag | 'none', { colour: string; textColour: string }> = {
  red: { colour: `#${RAG_COLOURS.red.fill}`, textColour: `#${RAG_COLOURS.red.text}` },
  amber: { colour: `#${RAG_COLOURS.amber.fill}`, textColour: `#${RAG_COLOURS.amber.text}` },
  green: { colour: `#${RAG_COLOURS.green.fill}`, textColour: `#${RAG_COLOURS.green.text}` },
  none: { colour: '#b1b4b6', textColour: '#0b0c0c' },
}

export interface RagCountsRow {
  /** The row's name: "Priority 1: Domestic abuse", "Overall". */
  label: string
  red: number
  amber: number
  green: number
  none: number
}

/**
 * Counts by RAG status for each row (the actions of each priority, the indicators of each group) as a
 * horizontal stacked bar chart, in the order Red, Amber, Green, then no status (named by `noneLabel`).
 */
export function ragStackedChart(params: { id: string; title: string; description: string; rows: readonly RagCountsRow[]; noneLabel: string; counted: string; labelHeading: string }): ChartInput {
  const statuses: (Rag | 'none')[] = ['red', 'amber', 'green', 'none']
  const series: ChartSeries[] = statuses.map(status => ({
    name: status === 'none' ? params.noneLabel : RAG_WORDS[status],
    ...RAG_CHART_COLOURS[status],
    points: params.rows.map(row => ({ label: row.label, value: row[status] })),
  }))
  return {
    id: params.id,
    title: params.title,
    description: params.description,
    kind: 'stacked-bar',
    labelHeading: params.labelHeading,
    yLabel: params.counted,
    series,
    format: value => value.toLocaleString('en-GB', { maximumFractionDigits: 0 }),
  }
}
