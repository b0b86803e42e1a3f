import { RAG_LABELS } from './domain/rag.ts'
import { ACTION_STATUS_LABELS } from './domain/schedule.ts'
import type { PlanStatus } from './plan-forms.ts'

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
