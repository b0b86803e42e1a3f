import type { IsoDate } from '../../../core/calendar/index.ts'

/**
 * A review's action plan, tracked as the partnership plan's actions are: each action has a lead, a due date and
 * a status (open, complete, cancelled), and updates with a RAG status; the action's RAG is its latest update's.
 */
export const RAGS = ['red', 'amber', 'green'] as const
export type Rag = (typeof RAGS)[number]
export const RAG_LABELS: Record<Rag, string> = { red: 'Red', amber: 'Amber', green: 'Green' }

export const ACTION_STATUSES = ['open', 'complete', 'cancelled'] as const
export type ActionStatus = (typeof ACTION_STATUSES)[number]
export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = { open: 'Open', complete: 'Complete', cancelled: 'Cancelled' }

export interface ActionUpdate {
  id: number
  rag: Rag
  createdAt: Date
}

/** The latest update's RAG, or null before the first update. */
export function currentRag(updates: readonly ActionUpdate[]): Rag | null {
  const latest = [...updates].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id)[0]
  return latest?.rag ?? null
}

export interface ActionPlanCounts {
  actions: number
  complete: number
  cancelled: number
  /** Open actions past their due date. */
  overdue: number
  rag: Record<Rag | 'none', number>
}

export function countActions(actions: readonly { status: ActionStatus; dueOn: IsoDate | null; rag: Rag | null }[], today: IsoDate): ActionPlanCounts {
  const rag = { red: 0, amber: 0, green: 0, none: 0 }
  for (const action of actions) if (action.status === 'open') rag[action.rag ?? 'none'] += 1
  return {
    actions: actions.length,
    complete: actions.filter(a => a.status === 'complete').length,
    cancelled: actions.filter(a => a.status === 'cancelled').length,
    overdue: actions.filter(a => a.status === 'open' && a.dueOn !== null && a.dueOn < today).length,
    rag,
  }
}
