import { Router } from 'express'

import { attempt, parseForm } from '../../../web/form.ts'
import { partnershipContext } from '../../../web/request.ts'
import { requirePermission } from '../../../core/access/partnership-context.ts'
import { planPaths } from '../plan-paths.ts'

import { MAX_DIMENSIONS, ragDimensionsForm } from './rag-dimension-forms.ts'
import type { RagDimensionService } from './rag-dimension-service.ts'

/** The partnership's RAG dimensions: the page that sets them. */
export function ragDimensionRoutes(plans: RagDimensionService): Router {
  const routes = Router({ mergeParams: true })
  const positions = Array.from({ length: MAX_DIMENSIONS }, (_, i) => i + 1)

  routes.get('/plans/rag-dimensions', async (req, res) => {
    const ctx = partnershipContext(req)
    requirePermission(ctx, 'edit_records')
    const recorded = await plans.recordedRagDimensions(ctx)
    res.render('plans/rag-dimensions/views/rag-dimensions.njk', { positions, values: Object.fromEntries(recorded.map((d, i) => [`dimension${i + 1}`, d.name])) })
  })

  routes.post('/plans/rag-dimensions', async (req, res) => {
    const ctx = partnershipContext(req)
    requirePermission(ctx, 'edit_records')
    const form = parseForm(ragDimensionsForm, req.body)
    const result = form.ok ? await attempt(() => plans.saveRagDimensions(ctx, form.value)) : form
    if (!result.ok) return res.status(400).render('plans/rag-dimensions/views/rag-dimensions.njk', { positions, values: req.body, ...result })
    await req.flash(form.ok && form.value.length ? `Actions are now assessed on ${form.value.join(' and ')}` : 'Actions are now assessed on one RAG status')
    res.redirect(303, planPaths(ctx.partnership.id).plans.index)
  })

  return routes
}
