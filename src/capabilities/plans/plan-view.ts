import { financialYearLabel, formatQuarters, type IsoDate, type Quarter } from '../../core/calendar/index.ts'
import { countRags, currentRag, type Rag, type RagCounts } from './domain/rag.ts'
import { updateState, updateStateLabel, type UpdateState } from './domain/schedule.ts'
import type { PlanRow } from './plan-repository.ts'
import type { ActionNode, PlanTree, PriorityNode } from './plan-tree.ts'

/**
 * A plan as its pages show it on a day, and its summary: pure, so that the plan pages, the API and the
 * documents of the reports capability all read a plan the same way.
 */

/** An action with what the clock says about it: its current RAG and whether an update is due. */
export interface ActionView extends ActionNode {
  currentRag: Rag | null
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

export interface PlanView {
  plan: PlanRow
  priorities: PriorityView[]
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
  priorities: PrioritySummary[]
  totals: Omit<PrioritySummary, 'id' | 'position' | 'title'>
}

export interface ActionFilter {
  organisationId?: number | null
  groupId?: number | null
  quarter?: Quarter | null
  rag?: Rag | 'none' | null
  /** Only actions whose update is due or overdue. */
  dueOnly?: boolean
}

/**
 * A plan as its pages show it on a day: each action with its current RAG, latest update and whether an
 * update is due, grouped by objective. People are left out when the reader may not see them. Pure: the
 * plan pages and the documents of the reports capability both read a plan through this.
 */
export function planViewOf(tree: PlanTree, { on, showsPeople }: { on: IsoDate; showsPeople: boolean }): PlanView {
  const expectsUpdates = tree.plan.status === 'agreed'
  return {
    plan: tree.plan,
    today: on,
    showsPeople,
    priorities: tree.priorities.map(priority => {
      const actions = priority.actions.map(action => {
        const state = updateState(action, action.updates.map(u => u.quarter), { planYear: tree.plan.planYear, expectsUpdates }, on)
        return {
          ...action,
          leadPeople: showsPeople ? action.leadPeople : [],
          updates: showsPeople ? action.updates : action.updates.map(u => ({ ...u, authorLabel: '', authorUserId: null })),
          currentRag: currentRag(action.updates),
          latestUpdate: action.updates[0],
          state,
          stateLabel: updateStateLabel(state),
          timescale: formatQuarters(action.quarters),
        }
      })
      return { ...priority, actions, groups: groupByObjective({ ...priority, actions }, true) }
    }),
  }
}

/** Per priority and in all: actions counted by current RAG, complete, cancelled, and updates due or overdue. */
export function summarisePlanView(planView: PlanView): PlanSummary {
  const summaries = planView.priorities.map(priority => {
    const actions = priority.actions
    return {
      id: priority.id,
      position: priority.position,
      title: priority.title,
      actions: actions.length,
      rag: countRags(actions.map(a => a.currentRag)),
      complete: actions.filter(a => a.status === 'complete').length,
      cancelled: actions.filter(a => a.status === 'cancelled').length,
      due: actions.filter(a => a.state.kind === 'due').length,
      overdue: actions.filter(a => a.state.kind === 'overdue').length,
    }
  })
  const sum = (pick: (p: PrioritySummary) => number) => summaries.reduce((total, p) => total + pick(p), 0)
  const { plan } = planView
  return {
    plan: { id: plan.id, title: plan.title, planYear: plan.planYear, planYearLabel: financialYearLabel(plan.planYear), status: plan.status },
    on: planView.today,
    priorities: summaries,
    totals: {
      actions: sum(p => p.actions),
      rag: { red: sum(p => p.rag.red), amber: sum(p => p.rag.amber), green: sum(p => p.rag.green), none: sum(p => p.rag.none) },
      complete: sum(p => p.complete),
      cancelled: sum(p => p.cancelled),
      due: sum(p => p.due),
      overdue: sum(p => p.overdue),
    },
  }
}
