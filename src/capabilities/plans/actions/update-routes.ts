import { Router } from 'express'

import { ConflictError } from '../../../shared/errors.ts'
import { attempt, parseForm } from '../../../web/form.ts'
import { idParam, partnershipContext } from '../../../web/request.ts'
import { requirePermission, type PartnershipContext } from '../../../core/access/partnership-context.ts'
import { financialYearLabel, quarterMonthsLabel, type Quarter } from '../../../core/calendar/index.ts'
import { otherRagsOf, RAG_LABELS, RAGS } from '../domain/rag.ts'
import { planPaths } from '../plan-paths.ts'

import { updateForm } from './action-forms.ts'
import type { UpdateService } from './update-service.ts'

const paths = (ctx: PartnershipContext) => planPaths(ctx.partnership.id)

/** An action's quarterly updates: posting one, correcting one, and deleting one after a confirmation page. */
export function updateRoutes(plans: UpdateService): Router {
  const routes = Router({ mergeParams: true })

  async function updateFormPage(ctx: PartnershipContext, actionId: number, state: Record<string, unknown>) {
    const page = await plans.updatePage(ctx, actionId)
    return {
      ...page,
      yearLabel: financialYearLabel(page.plan.planYear),
      quarterItems: page.openQuarters.map((q: Quarter) => ({ value: String(q), text: `Q${q}`, hint: quarterMonthsLabel(page.plan.planYear, q) })),
      ragItems: RAGS.map(r => ({ value: r, text: RAG_LABELS[r], hint: page.ragDefinitions[r] })),
      /** A radio group per dimension: `rag` for the headline, `rag-{id}` for the others. */
      ragFields: page.ragDimensions.map((d, i) => ({ name: i === 0 ? 'rag' : `rag-${d.id}`, legend: page.ragDimensions.length > 1 ? `RAG status: ${d.name}` : 'RAG status', description: d.description ?? null })),
      ...state,
    }
  }

  routes.get('/actions/:actionId/updates/new', async (req, res) => {
    const ctx = partnershipContext(req)
    requirePermission(ctx, 'post_own_updates')
    const actionId = idParam(req, 'actionId')
    const page = await updateFormPage(ctx, actionId, {})
    if (page.plan.status !== 'agreed') throw new ConflictError(`Updates can be posted only on an agreed plan: “${page.plan.title}” is ${page.plan.status === 'draft' ? 'a draft' : 'archived'}.`)
    res.render('plans/actions/views/update-form.njk', { ...page, isNew: true, values: { quarter: String(page.suggestedQuarter) } })
  })

  routes.post('/actions/:actionId/updates/new', async (req, res) => {
    const ctx = partnershipContext(req)
    requirePermission(ctx, 'post_own_updates')
    const actionId = idParam(req, 'actionId')
    await plans.updatePage(ctx, actionId)
    const form = parseForm(updateForm, req.body)
    const result = form.ok ? await attempt(() => plans.postUpdate(ctx, actionId, form.value)) : form
    if (!result.ok) return res.status(400).render('plans/actions/views/update-form.njk', await updateFormPage(ctx, actionId, { isNew: true, values: req.body, ...result }))
    await req.flash(`Your Q${result.value.quarter} update has been posted`)
    res.redirect(303, paths(ctx).action(actionId).show)
  })

  routes.get('/actions/:actionId/updates/:updateId/edit', async (req, res) => {
    const ctx = partnershipContext(req)
    const actionId = idParam(req, 'actionId')
    const update = await plans.update(ctx, actionId, idParam(req, 'updateId'))
    const others = Object.fromEntries(Object.entries(otherRagsOf(update.otherRags)).map(([id, rag]) => [`rag-${id}`, rag]))
    res.render('plans/actions/views/update-form.njk', await updateFormPage(ctx, actionId, { isNew: false, update, values: { ...update, ...others, quarter: String(update.quarter) } }))
  })

  routes.post('/actions/:actionId/updates/:updateId/edit', async (req, res) => {
    const ctx = partnershipContext(req)
    const actionId = idParam(req, 'actionId')
    const update = await plans.update(ctx, actionId, idParam(req, 'updateId'))
    const form = parseForm(updateForm, req.body)
    const result = form.ok ? await attempt(() => plans.editUpdate(ctx, actionId, update.id, form.value)) : form
    if (!result.ok) return res.status(400).render('plans/actions/views/update-form.njk', await updateFormPage(ctx, actionId, { isNew: false, update, values: req.body, ...result }))
    await req.flash(`The Q${result.value.quarter} update has been changed`)
    res.redirect(303, paths(ctx).action(actionId).show)
  })

  routes.get('/actions/:actionId/updates/:updateId/delete', async (req, res) => {
    const ctx = partnershipContext(req)
    requirePermission(ctx, 'edit_records')
    const actionId = idParam(req, 'actionId')
    const update = await plans.update(ctx, actionId, idParam(req, 'updateId'))
    res.render('confirm-delete.njk', {
      pageTitle: 'Delete update',
      noun: 'update',
      name: `Q${update.quarter}: ${update.body.slice(0, 120)}${update.body.length > 120 ? '…' : ''}`,
      warning: 'The audit log keeps a record of the update.',
      cancelHref: paths(ctx).action(actionId).show,
    })
  })

  routes.post('/actions/:actionId/updates/:updateId/delete', async (req, res) => {
    const ctx = partnershipContext(req)
    const actionId = idParam(req, 'actionId')
    await plans.deleteUpdate(ctx, actionId, idParam(req, 'updateId'))
    await req.flash('Update deleted')
    res.redirect(303, paths(ctx).action(actionId).show)
  })

  return routes
}
