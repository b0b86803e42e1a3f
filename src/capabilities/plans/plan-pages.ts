import { renderChart, type Chart } from '../../core/documents/chart.ts'
import { ragStackedChart } from '../../core/documents/chart-rag.ts'

import { RAG_LABELS } from './domain/rag.ts'
import { ACTION_STATUS_LABELS } from './domain/schedule.ts'
import type { PlanStatus } from './plan-forms.ts'
import type { PlanSummary } from './plan-view.ts'

/** Words and helpers the pages of plans, priorities and actions share. */

export const PLAN_STATUS_LABELS: Record<PlanStatus, string> = { draft: 'Draft', agreed: 'Agreed', archived: 'Archived' }

/** Words and lists the plan views share. */
export const labels = {
  planStatus: PLAN_STATUS_LABELS,
  actionStatus: ACTION_STATUS_LABELS,
  rag: RAG_LABELS,
}

export const text = (value: unknown) => (value === null || value === undefined ? '' : String(value))

/** The three boxes of a GOV.UK date input from a 'YYYY-MM-DD' value. */
export function dateBoxes(name: string, value: string | null | undefined): Record<string, string> {
  if (!value) return {}
  const [y, m, d] = value.split('-')
  return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y! }
}

/** The plan overview's picture: the actions of each priority by current RAG status (null for a plan with no actions). */
export function planRagChart(summary: PlanSummary): Chart | null {
  if (summary.totals.actions === 0) return null
  const dimension = summary.dimensions.length > 1 ? ` (“${summary.dimensions[0]!.name}”)` : ''
  return renderChart(
    ragStackedChart({
      id: 'plan-rag-chart',
      title: `Actions of each priority by current RAG status${dimension}`,
      description: `Stacked bar chart with a bar for each of the ${summary.priorities.length} ${summary.priorities.length === 1 ? 'priority' : 'priorities'}, split into its actions that are red, amber, green and with no status yet. The counts are written under each bar.`,
      counted: 'Actions',
      noneLabel: 'No status yet',
      labelHeading: 'Priority',
      rows: summary.priorities.map((p, i) => ({ label: `Priority ${i + 1}: ${p.title}`, ...p.rag })),
    }),
  )
}
