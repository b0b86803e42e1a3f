import type { Rag } from '../document/model.ts'

import type { Quarter } from './periods.ts'

/**
 * A partnership plan as the documents read it, at the moment of generation: its priorities in order, each
 * with its strategic objectives and their actions (and the actions that sit directly under the priority),
 * each action with its leads, timescales and every quarterly update. Built by report-repository.ts from
 * the plan tables (migration 0100).
 */
export interface PlanSnapshot {
  plan: {
    id: number
    title: string
    planYear: number
    periodStartYear: number | null
    periodEndYear: number | null
    vision: string | null
    status: 'draft' | 'agreed' | 'archived'
    versionLabel: string | null
    agreedOn: string | null
    agreedBy: string | null
  }
  priorities: PrioritySnapshot[]
}

export interface PrioritySnapshot {
  id: number
  title: string
  subThemes: string[]
  headlineTarget: string | null
  resources: string | null
  progressComment: string | null
  deliveringGroup: string | null
  risks: { risk: string; mitigation: string | null }[]
  /** Actions directly under the priority, not under one of its objectives. */
  actions: ActionSnapshot[]
  objectives: ObjectiveSnapshot[]
}

export interface ObjectiveSnapshot {
  id: number
  title: string
  actions: ActionSnapshot[]
}

export interface ActionSnapshot {
  id: number
  title: string
  outcomes: string[]
  leadOrganisations: string[]
  supportingOrganisations: string[]
  /** People who lead the action, as "Name (Organisation)" where the organisation is known. */
  leadPeople: string[]
  leadNote: string | null
  quarters: number[]
  dueDate: string | null
  timescaleNote: string | null
  dependencies: string | null
  status: 'open' | 'complete' | 'cancelled'
  /** Every update, oldest first. */
  updates: UpdateSnapshot[]
}

export interface UpdateSnapshot {
  id: number
  quarter: number
  body: string
  /** Null for an update moved in from a spreadsheet without a status. */
  rag: Rag | null
  authorLabel: string
  createdAt: Date
}

/** All of a priority's actions: those directly under it first, then each objective's in order. */
export function actionsOf(priority: PrioritySnapshot): ActionSnapshot[] {
  return [...priority.actions, ...priority.objectives.flatMap(objective => objective.actions)]
}

export function allActions(snapshot: PlanSnapshot): ActionSnapshot[] {
  return snapshot.priorities.flatMap(actionsOf)
}

const byTime = (a: UpdateSnapshot, b: UpdateSnapshot) => a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id

/** The updates given for a quarter, oldest first. */
export function updatesInQuarter(action: ActionSnapshot, quarter: Quarter): UpdateSnapshot[] {
  return action.updates.filter(update => update.quarter === quarter).sort(byTime)
}

/** The RAG status of an action for a quarter: that of its latest update for the quarter, or null (no update). */
export function ragForQuarter(action: ActionSnapshot, quarter: Quarter): Rag | null {
  return updatesInQuarter(action, quarter).at(-1)?.rag ?? null
}

/** The latest update of all: the one for the latest quarter, and the latest given for that quarter. */
export function latestUpdate(action: ActionSnapshot): UpdateSnapshot | null {
  return [...action.updates].sort((a, b) => a.quarter - b.quarter || byTime(a, b)).at(-1) ?? null
}

/** The action's status now: Blue when it is complete, else its latest update's RAG, else null. */
export function currentRag(action: ActionSnapshot): Rag | null {
  if (action.status === 'complete') return 'blue'
  return latestUpdate(action)?.rag ?? null
}

export interface RagCounts {
  total: number
  red: number
  amber: number
  green: number
  blue: number
  /** Actions with no status (no update). */
  none: number
}

export function countRags(rags: readonly (Rag | null)[]): RagCounts {
  const counts: RagCounts = { total: rags.length, red: 0, amber: 0, green: 0, blue: 0, none: 0 }
  for (const rag of rags) counts[rag ?? 'none']++
  return counts
}

export function addCounts(all: readonly RagCounts[]): RagCounts {
  return all.reduce(
    (sum, c) => ({ total: sum.total + c.total, red: sum.red + c.red, amber: sum.amber + c.amber, green: sum.green + c.green, blue: sum.blue + c.blue, none: sum.none + c.none }),
    countRags([]),
  )
}

/** The words of the RAG statuses for a partnership: its own wording where it has one. */
export const DEFAULT_RAG_DEFINITIONS: Record<Rag, string> = {
  red: 'Not on track: the action will not be delivered as planned without intervention',
  amber: 'Some concerns: the action is behind or at risk, but can be brought back on track',
  green: 'On track: the action is being delivered as planned',
  blue: 'Complete: the action has been delivered',
}

export function ragDefinitions(own: Record<string, string> | null | undefined): Record<Rag, string> {
  const pick = (rag: Rag) => (typeof own?.[rag] === 'string' && own[rag].trim() ? own[rag].trim() : DEFAULT_RAG_DEFINITIONS[rag])
  return { red: pick('red'), amber: pick('amber'), green: pick('green'), blue: pick('blue') }
}
