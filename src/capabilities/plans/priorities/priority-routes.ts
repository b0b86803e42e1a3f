import { Router, type Request } from 'express'

import { requirePermission, type PartnershipContext } from '../../../core/access/partnership-context.ts'
import { financialYearLabel } from '../../../core/calendar/index.ts'
import { NotFoundError } from '../../../shared/errors.ts'
import { crudPages } from '../../../web/crud-routes.ts'
import { idParam, partnershipContext } from '../../../web/request.ts'
import type { PlanLifecycleService } from '../plan-lifecycle-service.ts'
import { labels } from '../plan-pages.ts'
import { planPaths } from '../plan-paths.ts'

import { objectiveForm, priorityForm, riskForm } from './priority-forms.ts'
import type { PriorityService } from './priority-service.ts'

const edits = (ctx: PartnershipContext) => requirePermission(ctx, 'edit_records')
const paths = (ctx: PartnershipContext) => planPaths(ctx.partnership.id)

/** A plan's priorities: adding, changing and deleting one, its page, and its strategic objectives and key risks. */
export function priorityRoutes(plans: PriorityService & Pick<PlanLifecycleService, 'planView' | 'directory'>): Router {
  const routes = Router({ mergeParams: true })

  routes.use(
    crudPages({
      path: '/plans/:planId/priorities',
      noun: 'priority',
      view: 'plans/priorities/views/priority-form.njk',
      schema: priorityForm,
      guard: edits,
      load: async (ctx, id, req) => {
        const { priority, plan } = await plans.priority(ctx, id)
        if (plan.id !== idParam(req, 'planId')) throw new NotFoundError('Priority')
        return { ...priority, plan }
      },
      toValues: row => ({ ...row, subThemes: row.subThemes.join('\n') }),
      defaults: (_ctx, req) => ({ strategicObjectiveId: typeof req.query.strategicObjectiveId === 'string' ? req.query.strategicObjectiveId : '' }),
      extra: async (ctx, req, record) => {
        const planView = await plans.planView(ctx, idParam(req, 'planId'))
        const count = planView.priorities.length + (record ? 0 : 1)
        const directory = await plans.directory(ctx)
        return {
          plan: planView.plan,
          strategicObjectives: planView.strategicObjectives.map(o => ({ value: o.id, text: o.title })),
          groups: directory.groups.map(g => ({ value: g.id, text: g.name })),
          positions: Array.from({ length: count }, (_, i) => ({ value: i + 1, text: String(i + 1) })),
          defaultPosition: record ? record.position : count,
        }
      },
      save: (ctx, id, input, req) => plans.savePriority(ctx, idParam(req, 'planId'), id, input),
      remove: (ctx, id) => plans.deletePriority(ctx, id),
      after: (ctx, req, saved) => (saved?.id ? paths(ctx).priority(saved.id).show : paths(ctx).plan(idParam(req, 'planId')).show),
      describe: row => row.title,
      deleteWarning: () => 'This deletes the priority with its objectives, risks, actions and their quarterly updates.',
    }),
  )

  routes.get('/priorities/:priorityId', async (req, res) => {
    const ctx = partnershipContext(req)
    const page = await plans.priorityView(ctx, idParam(req, 'priorityId'))
    res.render('plans/priorities/views/priority.njk', { ...page, yearLabel: financialYearLabel(page.plan.planYear), labels })
  })

  const priorityOf = async (ctx: PartnershipContext, req: Request) => plans.priority(ctx, idParam(req, 'priorityId'))

  routes.use(
    crudPages({
      path: '/priorities/:priorityId/objectives',
      noun: 'objective',
      view: 'plans/priorities/views/objective-form.njk',
      schema: objectiveForm,
      guard: edits,
      load: (ctx, id, req) => plans.objective(ctx, idParam(req, 'priorityId'), id),
      toValues: row => row,
      extra: priorityOf,
      save: (ctx, id, input, req) => plans.saveObjective(ctx, idParam(req, 'priorityId'), id, input),
      remove: (ctx, id, req) => plans.deleteObjective(ctx, idParam(req, 'priorityId'), id),
      after: (ctx, req) => paths(ctx).priority(idParam(req, 'priorityId')).show,
      describe: row => row.title,
      deleteWarning: () => 'This deletes the objective with its actions and their quarterly updates.',
    }),
  )

  routes.use(
    crudPages({
      path: '/priorities/:priorityId/risks',
      noun: 'risk',
      view: 'plans/priorities/views/risk-form.njk',
      schema: riskForm,
      guard: edits,
      load: (ctx, id, req) => plans.risk(ctx, idParam(req, 'priorityId'), id),
      toValues: row => row,
      extra: priorityOf,
      save: (ctx, id, input, req) => plans.saveRisk(ctx, idParam(req, 'priorityId'), id, input),
      remove: (ctx, id, req) => plans.deleteRisk(ctx, idParam(req, 'priorityId'), id),
      after: (ctx, req) => paths(ctx).priority(idParam(req, 'priorityId')).risks,
      describe: row => row.risk,
    }),
  )

  return routes
}
