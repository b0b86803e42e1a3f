import { financialYearLabel, formatQuarters, type IsoDate, type Quarter } from '../../core/calendar/index.ts'

import { countRags, currentRag, currentRags, ragsOf, type Rag, type RagCounts, type RagDimension } from './domain/rag.ts'
import { updateState, updateStateLabel, type UpdateState } from './domain/schedule.ts'
import type { PlanRow, StrategicObjectiveRow } from './plan-repository.ts'
import type { ActionNode, PlanTree, PriorityNode } from './plan-tree.ts'

/**
 * A plan as its pages show it on a day, and its summary: pure, so that the plan pages, the API and the
 * documents of the reports capability all read a plan the same way.
 */

/** An action with what the clock says about it: its current RAG and whether an update is due. */
export interface ActionView extends Omit<ActionNode, 'updates'> {
  /** Every update, newest first, with its RAG on each of the partnership's dimensions. */
  updates: (ActionNode['updates'][number] & { rags: (Rag | null)[] })[]
  /** The headline dimension's current RAG (the first dimension's). */
  currentRag: Rag | null
  /** The current RAG on each dimension, in the dimensions' order. */
  currentRags: (Rag | null)[]
  latestUpdate: ActionNode['updates'][number] | undefined
  state: UpdateState
  stateLabel: string
  timescale: string
}

export interface ObjectiveGroup {
  /** Null for the actions directly under the priority. */
  objective: PriorityNode['objectives'][number] | null
  actions: ActionView[]
}

export interface PriorityView extends Omit<PriorityNode, 'actions'> {
  actions: ActionView[]
  /** The strategic objective it sits under, when the plan has them. */
  strategicObjective: StrategicObjectiveRow | null
  /** The actions by objective, as the plan's table shows them (objectives without actions included). */
  groups: ObjectiveGroup[]
}

function groupByObjective(priority: Omit<PriorityView, 'groups'>, includeEmpty: boolean): ObjectiveGroup[] {
  const direct = priority.actions.filter(a => a.objectiveId === null)
  const groups: ObjectiveGroup[] = direct.length ? [{ objective: null, actions: direct }] : []
  for (const objective of priority.objectives) {
    const actions = priority.actions.filter(a => a.objectiveId === objective.id)
    if (actions.length || includeEmpty) groups.push({ objective, actions })
  }
  return groups
}

/** A priority with its actions grouped by objective. */
export function withGroups(priority: Omit<PriorityView, 'groups'>, includeEmpty: boolean): PriorityView {
  return { ...priority, groups: groupByObjective(priority, includeEmpty) }
}

/** The priorities under one strategic objective (or, for a plan without them, all of them under none). */
export interface PlanSection {
  strategicObjective: StrategicObjectiveRow | null
  priorities: PriorityView[]
}

export interface PlanView {
  plan: PlanRow
  priorities: PriorityView[]
  /** The strategic objectives above the priorities (empty for a plan without them). */
  strategicObjectives: StrategicObjectiveRow[]
  /** The priorities by strategic objective: each objective with its priorities (an objective with none included), then any priority under none. */
  sections: PlanSection[]
  /** The dimensions the partnership assesses its actions on (at least one). */
  ragDimensions: RagDimension[]
  /** The districts the plan's actions are for (empty when every action is the whole partnership's). */
  districts: { id: number; name: string }[]
  /** The day the due and overdue updates are worked out for. */
  today: IsoDate
  /** The reader may see people (a member of the partnership, not the public). */
  showsPeople: boolean
}

export interface PrioritySummary {
  id: number
  position: number
  title: string
  actions: number
  rag: RagCounts
  /** The counts of each dimension, in the dimensions' order (the first is `rag`). */
  ragByDimension: RagCounts[]
  complete: number
  cancelled: number
  /** Open actions whose update for the current quarter is due. */
  due: number
  /** Open actions whose update for an ended quarter is missing. */
  overdue: number
}

export interface PlanSummary {
  plan: { id: number; title: string; planYear: number; planYearLabel: string; status: PlanRow['status'] }
  on: IsoDate
  /** The dimensions the counts are of. */
  dimensions: RagDimension[]
  priorities: PrioritySummary[]
  totals: Omit<PrioritySummary, 'id' | 'position' | 'title'>
  /** The same counts per district of a joint partnership, then for the whole partnership; empty when no action is for a district. */
  districts: (Omit<PrioritySummary, 'id' | 'position'> & { districtId: number | null })[]
}

export interface ActionFilter {
  organisationId?: number | null
  groupId?: number | null
  quarter?: Quarter | null
  rag?: Rag | 'none' | null
  /** Only actions whose update is due or overdue. */
  dueOnly?: boolean
  /** Only the actions of a district, or ('whole') those of the whole partnership. */
  district?: number | 'whole' | null
}

/**
 * A plan as its pages show it on a day: each action with its current RAG, latest update and whether an
 * update is due, grouped by objective. People are left out when the reader may not see them. Pure: the
 * plan pages and the documents of the reports capability both read a plan through this.
 */
export function planViewOf(tree: PlanTree, { on, showsPeople }: { on: IsoDate; showsPeople: boolean }): PlanView {
  const expectsUpdates = tree.plan.status === 'agreed'
  const dimensions = tree.ragDimensions
  const strategicObjective = new Map(tree.strategicObjectives.map(o => [o.id, o]))
  const districts = new Map<number, { id: number; name: string }>()
  const priorities = tree.priorities.map(priority => {
    const actions = priority.actions.map(action => {
      const state = updateState(action, action.updates.map(u => u.quarter), { planYear: tree.plan.planYear, expectsUpdates }, on)
      if (action.district) districts.set(action.district.id, action.district)
      const updates = action.updates.map(u => ({ ...u, rags: ragsOf(u, dimensions) }))
      return {
        ...action,
        leadPeople: showsPeople ? action.leadPeople : [],
        updates: showsPeople ? updates : updates.map(u => ({ ...u, authorLabel: '', authorUserId: null })),
        currentRag: currentRag(action.updates),
        currentRags: currentRags(action.updates, dimensions),
        latestUpdate: updates[0],
        state,
        stateLabel: updateStateLabel(state),
        timescale: formatQuarters(action.quarters),
      }
    })
    const view = { ...priority, actions, strategicObjective: priority.strategicObjectiveId === null ? null : (strategicObjective.get(priority.strategicObjectiveId) ?? null) }
    return { ...view, groups: groupByObjective(view, true) }
  })
  const sections: PlanSection[] = tree.strategicObjectives.map(o => ({ strategicObjective: o, priorities: priorities.filter(p => p.strategicObjectiveId === o.id) }))
  const loose = priorities.filter(p => p.strategicObjective === null)
  if (loose.length || sections.length === 0) sections.push({ strategicObjective: null, priorities: loose })
  return {
    plan: tree.plan,
    today: on,
    showsPeople,
    priorities,
    strategicObjectives: tree.strategicObjectives,
    sections,
    ragDimensions: dimensions,
    districts: [...districts.values()].sort((a, b) => a.name.localeCompare(b.name)),
  }
}

type Counts = Omit<PrioritySummary, 'id' | 'position' | 'title'>

/** Actions counted by current RAG (on each dimension), complete, cancelled, and updates due or overdue. */
function countActions(actions: readonly ActionView[], dimensions: readonly RagDimension[]): Counts {
  return {
    actions: actions.length,
    rag: countRags(actions.map(a => a.currentRag)),
    ragByDimension: dimensions.map((_, i) => countRags(actions.map(a => a.currentRags[i] ?? null))),
    complete: actions.filter(a => a.status === 'complete').length,
    cancelled: actions.filter(a => a.status === 'cancelled').length,
    due: actions.filter(a => a.state.kind === 'due').length,
    overdue: actions.filter(a => a.state.kind === 'overdue').length,
  }
}

/** Per priority, per district and in all: actions counted by current RAG on each dimension, complete, cancelled, and updates due or overdue. */
export function summarisePlanView(planView: PlanView): PlanSummary {
  const dimensions = planView.ragDimensions
  const all = planView.priorities.flatMap(p => p.actions)
  const { plan } = planView
  return {
    plan: { id: plan.id, title: plan.title, planYear: plan.planYear, planYearLabel: financialYearLabel(plan.planYear), status: plan.status },
    on: planView.today,
    dimensions,
    priorities: planView.priorities.map(priority => ({ id: priority.id, position: priority.position, title: priority.title, ...countActions(priority.actions, dimensions) })),
    totals: countActions(all, dimensions),
    districts: planView.districts.length
      ? [
          ...planView.districts.map(d => ({ districtId: d.id, title: d.name, ...countActions(all.filter(a => a.district?.id === d.id), dimensions) })),
          { districtId: null, title: 'Whole partnership', ...countActions(all.filter(a => a.district === null), dimensions) },
        ]
      : [],
  }
}
