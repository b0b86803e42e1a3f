import { ragStackedChart } from '../../../core/documents/chart-rag.ts'
import type { ChartInput } from '../../../core/documents/chart.ts'
import { actualAgainstTargetChart, type TargetTrend } from '../../../core/documents/chart-target.ts'
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
export type IndicatorTrend = TargetTrend

export function indicatorTargetChart(trend: IndicatorTrend): ChartInput {
  return actualAgainstTargetChart(trend)
}

/** The charts as blocks under a heading: each is drawn with its figures in a table. */
export function chartBlocks(heading: string, charts: readonly ChartInput[]): Block[] {
  if (!charts.length) return []
  return [{ kind: 'heading', text: heading, level: 3 }, ...charts.map(chart => ({ kind: 'chart' as const, chart }))]
}
