import { actionService } from './actions/action-service.ts'
import { updateService } from './actions/update-service.ts'
import { planAccess, type PlanDeps } from './plan-access.ts'
import { planLifecycleService } from './plan-lifecycle-service.ts'
import { priorityService } from './priorities/priority-service.ts'
import { ragDimensionService } from './rag-dimensions/rag-dimension-service.ts'
import { spreadsheetService } from './spreadsheet/spreadsheet-service.ts'
import { strategicObjectiveService } from './strategic-objectives/strategic-objective-service.ts'

export { planViewOf, summarisePlanView } from './plan-view.ts'
export type { ActionView, PlanSection, PlanSummary, PlanView, PriorityView } from './plan-view.ts'

/**
 * The plans capability's use cases, one part per sub-resource: the plans themselves (and their status),
 * priorities with their objectives and risks, actions, quarterly updates, and the spreadsheet import and
 * export. Other capabilities and the demo data call this one object; each part's routes take their part.
 */
export function planService(deps: PlanDeps) {
  const access = planAccess(deps)
  const plans = planLifecycleService(deps, access)
  const actions = actionService(deps, access)
  const dimensions = ragDimensionService(deps)
  return {
    ...plans,
    ...priorityService(deps, access),
    ...strategicObjectiveService(deps, access),
    ...dimensions,
    ...actions,
    ...updateService(deps, access, { actionView: actions.actionView, ragDefinitions: plans.ragDefinitions, ragDimensions: dimensions.ragDimensions }),
    ...spreadsheetService(deps, access),
  }
}

export type PlanService = ReturnType<typeof planService>
