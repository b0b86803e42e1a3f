import { Router } from 'express'

import { allows, requirePermission, type PartnershipContext } from '../../core/access/partnership-context.ts'
import { financialYearLabel, financialYearsLabel, quarterOf, ukDate } from '../../core/calendar/index.ts'
import type { Clock } from '../../shared/clock.ts'
import type { Capability } from '../../web/capability.ts'
import { crudPages } from '../../web/crud-routes.ts'
import { attempt, parseForm } from '../../web/form.ts'
import { idParam, partnershipContext } from '../../web/request.ts'

import { actionRoutes } from './actions/action-routes.ts'
import { updateRoutes } from './actions/update-routes.ts'
import { planApi } from './plan-api.ts'
import { planForm, planStatusForm, ragDefinitionsForm } from './plan-forms.ts'
import type { PlanLifecycleService } from './plan-lifecycle-service.ts'
import { dateBoxes, labels, PLAN_STATUS_LABELS, planRagChart } from './plan-pages.ts'
import { planPaths, planPathsOf, withPlanPaths } from './plan-paths.ts'
import { priorityRoutes } from './priorities/priority-routes.ts'
import { ragDimensionRoutes } from './rag-dimensions/rag-dimension-routes.ts'
import type { RagDimensionService } from './rag-dimensions/rag-dimension-service.ts'
import { spreadsheetRoutes } from './spreadsheet/spreadsheet-routes.ts'
import type { SpreadsheetService } from './spreadsheet/spreadsheet-service.ts'
import { strategicObjectiveRoutes } from './strategic-objectives/strategic-objective-routes.ts'
import type { PlanService } from './plan-service.ts'

const edits = (ctx: PartnershipContext) => requirePermission(ctx, 'edit_records')
const paths = (ctx: PartnershipContext) => planPaths(ctx.partnership.id)

/** The plans pages: the list, the RAG wording, a plan's overview, its details and status, and its refresh. */
export function planRoutes(plans: PlanLifecycleService & Pick<SpreadsheetService, 'importBlocker'> & Pick<RagDimensionService, 'ragDimensions'>, clock: Clock): Router {
  const routes = Router({ mergeParams: true })

  routes.get('/plans', async (req, res) => {
    const ctx = partnershipContext(req)
    const list = await plans.list(ctx)
    const current = await plans.current(ctx)
    res.render('plans/views/plans.njk', {
      plans: list.map(plan => ({ ...plan, yearLabel: financialYearLabel(plan.planYear), period: financialYearsLabel(plan.periodStartYear, plan.periodEndYear) })),
      current,
      ragDefinitions: await plans.ragDefinitions(ctx),
      ragDimensions: await plans.ragDimensions(ctx),
      labels,
    })
  })

  routes.get('/plans/rag-definitions', async (req, res) => {
    const ctx = partnershipContext(req)
    edits(ctx)
    res.render('plans/views/rag-definitions.njk', { values: await plans.ragDefinitions(ctx) })
  })

  routes.post('/plans/rag-definitions', async (req, res) => {
    const ctx = partnershipContext(req)
    edits(ctx)
    const form = parseForm(ragDefinitionsForm, req.body)
    const result = form.ok ? await attempt(() => plans.saveRagDefinitions(ctx, form.value)) : form
    if (!result.ok) return res.status(400).render('plans/views/rag-definitions.njk', { values: req.body, ...result })
    await req.flash('The RAG statuses’ wording has been saved')
    res.redirect(303, paths(ctx).plans.index)
  })

  routes.use(
    crudPages({
      path: '/plans',
      noun: 'plan',
      view: 'plans/views/plan-form.njk',
      schema: planForm,
      guard: edits,
      load: (ctx, id) => plans.plan(ctx, id),
      toValues: row => row,
      defaults: () => {
        // The plan year that starts next (a plan is usually agreed in March, before its year begins).
        const { planYear, quarter } = quarterOf(ukDate(clock.now()))
        const year = quarter === 4 ? planYear + 1 : planYear
        return { planYear: String(year), title: `Partnership Plan ${financialYearLabel(year)}` }
      },
      save: (ctx, id, input) => plans.savePlan(ctx, id, input),
      remove: (ctx, id) => plans.deletePlan(ctx, id),
      after: (ctx, _req, saved) => (saved?.id ? paths(ctx).plan(saved.id).show : paths(ctx).plans.index),
      describe: row => row.title,
      deleteWarning: row =>
        `This deletes the plan with all its priorities, objectives, actions and quarterly updates.${row.status === 'agreed' ? ' The plan has been agreed: think twice.' : ''} The audit log keeps a record.`,
    }),
  )

  routes.get('/plans/:planId', async (req, res) => {
    const ctx = partnershipContext(req)
    const planId = idParam(req, 'planId')
    // Asked together: each wait for the database is a turn of the queue under load (npm run bench:load).
    const [planView, ragDefinitions, importBlocker] = await Promise.all([
      plans.planView(ctx, planId),
      plans.ragDefinitions(ctx),
      allows(ctx, 'edit_records') ? plans.importBlocker(ctx, planId) : null,
    ])
    const summary = plans.summariseView(planView)
    res.render('plans/views/plan.njk', {
      ...planView,
      summary,
      ragChart: planRagChart(summary),
      yearLabel: financialYearLabel(planView.plan.planYear),
      period: financialYearsLabel(planView.plan.periodStartYear, planView.plan.periodEndYear),
      ragDefinitions,
      importBlocker,
      labels,
    })
  })

  routes.get('/plans/:planId/status', async (req, res) => {
    const ctx = partnershipContext(req)
    edits(ctx)
    const plan = await plans.plan(ctx, idParam(req, 'planId'))
    const notRecorded = plan.status !== 'draft' && plan.agreedOn === null
    res.render('plans/views/plan-status.njk', { plan, values: { status: plan.status, agreedBy: plan.agreedBy, agreedOnNotRecorded: notRecorded, ...dateBoxes('agreedOn', plan.agreedOn) }, labels })
  })

  routes.post('/plans/:planId/status', async (req, res) => {
    const ctx = partnershipContext(req)
    edits(ctx)
    const plan = await plans.plan(ctx, idParam(req, 'planId'))
    const form = parseForm(planStatusForm, req.body)
    const result = form.ok ? await attempt(() => plans.setStatus(ctx, plan.id, form.value)) : form
    if (!result.ok) return res.status(400).render('plans/views/plan-status.njk', { plan, values: req.body, ...result, labels })
    await req.flash(`The plan is now ${PLAN_STATUS_LABELS[result.value.status].toLowerCase()}`)
    res.redirect(303, paths(ctx).plan(plan.id).show)
  })

  routes.get('/plans/:planId/refresh', async (req, res) => {
    const ctx = partnershipContext(req)
    const preview = await plans.refreshPreview(ctx, idParam(req, 'planId'))
    res.render('plans/views/refresh.njk', { ...preview, yearLabel: financialYearLabel(preview.plan.planYear), nextYearLabel: financialYearLabel(preview.next.planYear) })
  })

  routes.post('/plans/:planId/refresh', async (req, res) => {
    const ctx = partnershipContext(req)
    const created = await plans.refresh(ctx, idParam(req, 'planId'))
    await req.flash(`Draft plan for ${financialYearLabel(created.planYear)} created. Check it, then agree it.`)
    res.redirect(303, planPathsOf(req).plan(created.id).show)
  })

  return routes
}

/** The plans capability: plans, priorities, actions and their updates, the spreadsheet, and the read API. */
export function plansCapability({ services, deps }: { services: { plans: PlanService }; deps: { clock: Clock } }): Capability {
  const { plans } = services
  const scoped = Router({ mergeParams: true })
  scoped.use(['/plans', '/priorities', '/actions', '/my-actions'], withPlanPaths)
  // The spreadsheet's addresses (/plans/import-template.xlsx) come before /plans/:planId.
  scoped.use(spreadsheetRoutes(plans))
  scoped.use(ragDimensionRoutes(plans))
  scoped.use(planRoutes(plans, deps.clock))
  scoped.use(strategicObjectiveRoutes(plans))
  scoped.use(priorityRoutes(plans))
  scoped.use(actionRoutes(plans))
  scoped.use(updateRoutes(plans))

  const api = planApi(plans)
  return {
    name: 'plans',
    partnershipRoutes: scoped,
    uploadRoutes: ['/plans/:planId/import', '/plans/:planId/updates-import'],
    apiPartnershipRoutes: api.routes,
    openapi: api.openapi,
    navigation: [
      { text: 'Plans', path: '/plans', permission: 'view_published', order: 10 },
      { text: 'My actions', path: '/my-actions', permission: 'post_own_updates', order: 11 },
    ],
  }
}
