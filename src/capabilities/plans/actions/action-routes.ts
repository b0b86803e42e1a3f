import { Router } from 'express'

import { NotFoundError } from '../../../shared/errors.ts'
import { crudPages } from '../../../web/crud-routes.ts'
import { idParam, partnershipContext } from '../../../web/request.ts'
import { requirePermission, type PartnershipContext } from '../../../core/access/partnership-context.ts'
import { personLabel } from '../domain/directory.ts'
import { financialYearLabel, formatQuarters, quarterMonthsLabel, QUARTERS } from '../../../core/calendar/index.ts'
import { isRag, RAG_LABELS, RAGS } from '../domain/rag.ts'
import { ACTION_STATUS_LABELS, ACTION_STATUSES } from '../domain/schedule.ts'
import type { PlanLifecycleService } from '../plan-lifecycle-service.ts'
import { dateBoxes, labels, text } from '../plan-pages.ts'
import { planPaths } from '../plan-paths.ts'
import type { ActionFilter } from '../plan-view.ts'
import type { PriorityService } from '../priorities/priority-service.ts'

import { actionForm } from './action-forms.ts'
import type { ActionService } from './action-service.ts'

const edits = (ctx: PartnershipContext) => requirePermission(ctx, 'edit_records')
const paths = (ctx: PartnershipContext) => planPaths(ctx.partnership.id)

/** Actions: adding, changing and deleting one, its page, the plan-wide list with its filters, and My actions. */
export function actionRoutes(plans: ActionService & Pick<PriorityService, 'priority' | 'priorityView'> & Pick<PlanLifecycleService, 'directory' | 'ragDefinitions'>): Router {
  const routes = Router({ mergeParams: true })

  routes.use(
    crudPages({
      path: '/priorities/:priorityId/actions',
      noun: 'action',
      view: 'plans/actions/views/action-form.njk',
      schema: actionForm,
      guard: edits,
      load: async (ctx, id, req) => {
        const found = await plans.action(ctx, id)
        if (found.priority.id !== idParam(req, 'priorityId')) throw new NotFoundError('Action')
        return found.action
      },
      toValues: row => ({
        ...row,
        outcomes: (row.outcomes as unknown as string[]).join('\n'),
        quarters: (row.quarters as unknown as number[]).map(String),
        ...dateBoxes('dueDate', row.dueDate),
      }),
      defaults: (_ctx, req) => ({ status: 'open', objectiveId: text(req.query.objectiveId) }),
      extra: async (ctx, req) => {
        const { priority, plan } = await plans.priority(ctx, idParam(req, 'priorityId'))
        const page = await plans.priorityView(ctx, priority.id)
        const directory = await plans.directory(ctx)
        return {
          plan,
          priority,
          objectives: page.priority.objectives.map(o => ({ value: o.id, text: o.title })),
          organisations: directory.organisations.map(o => ({ value: String(o.id), text: o.name })),
          people: directory.people.map(p => ({ value: String(p.id), text: personLabel(directory, p, true) })),
          districts: (directory.districts ?? []).length > 1 ? directory.districts!.map(d => ({ value: d.id, text: d.name })) : [],
          yearLabel: financialYearLabel(plan.planYear),
          quarters: QUARTERS.map(q => ({ value: String(q), text: `Q${q}`, hint: quarterMonthsLabel(plan.planYear, q) })),
          statuses: ACTION_STATUSES.map(s => ({ value: s, text: ACTION_STATUS_LABELS[s] })),
        }
      },
      save: (ctx, id, input, req) => plans.saveAction(ctx, idParam(req, 'priorityId'), id, input),
      remove: (ctx, id) => plans.deleteAction(ctx, id),
      after: (ctx, req, saved) => (saved?.id ? paths(ctx).action(saved.id).show : paths(ctx).priority(idParam(req, 'priorityId')).show),
      describe: row => row.title,
      deleteWarning: () => 'This deletes the action with its quarterly updates.',
    }),
  )

  routes.get('/actions/:actionId', async (req, res) => {
    const ctx = partnershipContext(req)
    const page = await plans.actionView(ctx, idParam(req, 'actionId'))
    res.render('plans/actions/views/action.njk', {
      ...page,
      yearLabel: financialYearLabel(page.plan.planYear),
      timescale: formatQuarters(page.action.quarters),
      ragDefinitions: await plans.ragDefinitions(ctx),
      labels,
    })
  })

  routes.get('/plans/:planId/actions', async (req, res) => {
    const ctx = partnershipContext(req)
    const planId = idParam(req, 'planId')
    const q = req.query
    const id = (value: unknown) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : null)
    const filter: ActionFilter = {
      organisationId: id(q.organisation),
      groupId: id(q.group),
      quarter: QUARTERS.find(n => String(n) === q.quarter) ?? null,
      rag: q.rag === 'none' || isRag(q.rag) ? q.rag : null,
      dueOnly: q.due === 'yes',
      district: q.district === 'whole' ? 'whole' : id(q.district),
    }
    const filtered = await plans.filteredView(ctx, planId, filter)
    res.render('plans/actions/views/plan-actions.njk', {
      ...filtered,
      filter,
      isFiltered: Boolean(filter.organisationId || filter.groupId || filter.quarter || filter.rag || filter.dueOnly || filter.district),
      yearLabel: financialYearLabel(filtered.plan.planYear),
      options: {
        organisations: filtered.organisations.map(o => ({ value: o.id, text: o.name })),
        groups: filtered.groups.map(g => ({ value: g.id, text: g.name })),
        quarters: QUARTERS.map(n => ({ value: n, text: `Q${n}` })),
        rags: [...RAGS.map(r => ({ value: r, text: RAG_LABELS[r] })), { value: 'none', text: 'No status yet' }],
        districts: filtered.districtOptions.length ? [...filtered.districtOptions.map(d => ({ value: d.id, text: `${d.name} only` })), { value: 'whole', text: 'The whole partnership' }] : [],
      },
      labels,
    })
  })

  routes.get('/my-actions', async (req, res) => {
    const ctx = partnershipContext(req)
    const mine = await plans.myActions(ctx)
    res.render('plans/actions/views/my-actions.njk', { ...mine, labels, yearLabel: financialYearLabel })
  })

  return routes
}
