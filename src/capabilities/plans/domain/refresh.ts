import { financialYearDates } from '../../../core/calendar/index.ts'

import type { DraftStrategicObjective, ResolvedPriority } from './plan-draft.ts'

/**
 * "Refresh for next year": the partnership plan is a three-year plan refreshed every year. The refresh
 * is a new draft for the next plan year that carries the strategic objectives above the priorities (if the
 * plan has them), the priorities (with their risks), every objective and the unfinished (open) actions with
 * their leads and districts. It carries no quarterly updates, no
 * progress comments and no agreement: the new draft is agreed afresh. A due date that falls before the
 * new plan year is dropped (the timescale note is kept).
 */

export interface RefreshPlanDetails {
  title: string
  planYear: number
  periodStartYear: number | null
  periodEndYear: number | null
  vision: string | null
}

export interface RefreshResult {
  plan: RefreshPlanDetails
  priorities: ResolvedPriority[]
  strategicObjectives: DraftStrategicObjective[]
  carried: { priorities: number; objectives: number; actions: number }
  /** Actions left behind because they are complete or cancelled. */
  leftBehind: number
}

/** "Partnership Plan 2016/17" → "Partnership Plan 2017/18" (also 2016-17, 2016–17 and 2016-2017). */
export function nextYearTitle(title: string, planYear: number): string {
  const short = (y: number) => String((y + 1) % 100).padStart(2, '0')
  const pattern = new RegExp(`(?<!\\d)${planYear}(\\s*[/\\-–]\\s*)(${short(planYear)}|${planYear + 1})(?!\\d)`, 'g')
  return title.replace(pattern, (_match, separator: string, second: string) => {
    const next = planYear + 1
    return `${next}${separator}${second.length === 4 ? next + 1 : short(next)}`
  })
}

export function refreshPlan(plan: RefreshPlanDetails, priorities: readonly ResolvedPriority[], strategicObjectives: readonly DraftStrategicObjective[] = []): RefreshResult {
  const planYear = plan.planYear + 1
  let { periodStartYear, periodEndYear } = plan
  if (periodStartYear !== null && periodEndYear !== null && planYear > periodEndYear) {
    // A new three-year plan starts: the period moves on with the same length.
    const length = periodEndYear - periodStartYear
    periodStartYear = planYear
    periodEndYear = planYear + length
  }
  const yearStart = financialYearDates(planYear).first
  let leftBehind = 0
  let objectives = 0
  let actions = 0
  const carried = priorities.map((priority): ResolvedPriority => {
    const open = priority.actions.filter(action => action.status === 'open')
    leftBehind += priority.actions.length - open.length
    objectives += priority.objectives.length
    actions += open.length
    return {
      title: priority.title,
      strategicObjective: priority.strategicObjective ?? null,
      subThemes: [...priority.subThemes],
      headlineTarget: priority.headlineTarget,
      deliveringGroup: priority.deliveringGroup,
      resources: priority.resources,
      risks: priority.risks.map(risk => ({ ...risk })),
      progressComment: null,
      objectives: [...priority.objectives],
      actions: open.map(action => ({
        objective: action.objective,
        title: action.title,
        outcomes: [...action.outcomes],
        leadOrganisations: [...action.leadOrganisations],
        leadPeople: [...action.leadPeople],
        leadNote: action.leadNote,
        supportingPartners: [...action.supportingPartners],
        quarters: [...action.quarters],
        dueDate: action.dueDate !== null && action.dueDate < yearStart ? null : action.dueDate,
        timescaleNote: action.timescaleNote,
        dependencies: action.dependencies,
        status: 'open',
        updates: [],
        district: action.district ?? null,
      })),
    }
  })
  return {
    plan: { title: nextYearTitle(plan.title, plan.planYear), planYear, periodStartYear, periodEndYear, vision: plan.vision },
    priorities: carried,
    strategicObjectives: strategicObjectives.map(o => ({ title: o.title, description: o.description })),
    carried: { priorities: carried.length, objectives, actions },
    leftBehind,
  }
}
