import { Router } from 'express'

import { crudPages } from '../../../web/crud-routes.ts'
import { idParam } from '../../../web/request.ts'
import { requirePermission, type PartnershipContext } from '../../../core/access/partnership-context.ts'
import type { PlanLifecycleService } from '../plan-lifecycle-service.ts'
import { planPaths } from '../plan-paths.ts'

import { strategicObjectiveForm } from './strategic-objective-forms.ts'
import type { StrategicObjectiveService } from './strategic-objective-service.ts'

const edits = (ctx: PartnershipContext) => requirePermission(ctx, 'edit_records')

/** The strategic objectives above a plan's priorities: adding, changing and deleting one. */
export function strategicObjectiveRoutes(plans: StrategicObjectiveService & Pick<PlanLifecycleService, 'plan'>): Router {
  const routes = Router({ mergeParams: true })
  routes.use(
    crudPages({
      path: '/plans/:planId/strategic-objectives',
      noun: 'strategic objective',
      view: 'plans/strategic-objectives/views/strategic-objective-form.njk',
      schema: strategicObjectiveForm,
      guard: edits,
      load: (ctx, id, req) => plans.strategicObjective(ctx, idParam(req, 'planId'), id),
      toValues: row => row,
      extra: async (ctx, req) => ({ plan: await plans.plan(ctx, idParam(req, 'planId')) }),
      save: (ctx, id, input, req) => plans.saveStrategicObjective(ctx, idParam(req, 'planId'), id, input),
      remove: (ctx, id, req) => plans.deleteStrategicObjective(ctx, idParam(req, 'planId'), id),
      after: (ctx, req) => `${planPaths(ctx.partnership.id).plan(idParam(req, 'planId')).show}#strategic-objectives`,
      describe: row => row.title,
      deleteWarning: () => 'Its priorities are kept, directly under the plan.',
    }),
  )
  return routes
}
