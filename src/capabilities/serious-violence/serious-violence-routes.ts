import { Router, type Request, type Response } from 'express'

import { requirePermission, type PartnershipContext } from '../../core/access/partnership-context.ts'
import { addMonths, monthLabel, ukDate, utcMonthOf } from '../../core/calendar/index.ts'
import type { Clock } from '../../shared/clock.ts'
import { dateInputValues } from '../../shared/date-input.ts'
import type { Capability } from '../../web/capability.ts'
import { crudPages } from '../../web/crud-routes.ts'
import { attempt, parseForm } from '../../web/form.ts'
import { flash, idParam, partnershipContext } from '../../web/request.ts'

import { defaultReviewDueOn, DOCUMENT_KIND_LABELS, DOCUMENT_KINDS } from './domain/duty.ts'
import { documentForm, reviewForm } from './serious-violence-forms.ts'
import { seriousViolencePaths, type SeriousViolenceService } from './serious-violence-service.ts'

const PATH = '/serious-violence'
const VIEWS = 'serious-violence/views'
const text = (value: unknown) => (value === null || value === undefined ? '' : String(value))

export function seriousViolenceRoutes({ seriousViolence: service, clock }: { seriousViolence: SeriousViolenceService; clock: Clock }): Router {
  const router = Router({ mergeParams: true })
  const paths = (req: Request) => seriousViolencePaths(partnershipContext(req).partnership.id)
  /** The months of the last six years, latest first, for the evidence period. */
  const months = () => {
    const latest = utcMonthOf(clock.now())
    return Array.from({ length: 72 }, (_, i) => addMonths(latest, -i)).map(m => ({ value: m, text: monthLabel(m) }))
  }

  router.get(PATH, async (req, res) => {
    res.render(`${VIEWS}/documents.njk`, { documents: await service.list(partnershipContext(req)), paths: paths(req) })
  })

  router.use(
    crudPages({
      path: PATH,
      noun: 'document',
      view: `${VIEWS}/document-form.njk`,
      schema: documentForm,
      guard: (ctx: PartnershipContext) => requirePermission(ctx, 'edit_records'),
      load: (ctx, id) => service.document(ctx, id),
      toValues: d => ({
        kind: d.kind,
        title: d.title,
        summary: text(d.summary),
        link: text(d.link),
        periodFrom: text(d.periodFrom),
        periodTo: text(d.periodTo),
        priorityAssessmentId: text(d.priorityAssessmentId),
        priorityIds: d.priorityIds.map(String),
        actionIds: d.actionIds.map(String),
        ...dateInputValues('datedOn', d.datedOn),
        ...dateInputValues('reviewDueOn', d.reviewDueOn),
      }),
      defaults: () => ({ kind: 'needs_assessment' }),
      extra: async ctx => ({ ...(await service.choices(ctx)), months: months(), kinds: DOCUMENT_KINDS.map(value => ({ value, text: DOCUMENT_KIND_LABELS[value] })) }),
      save: (ctx, id, input) => service.save(ctx, id, input),
      remove: (ctx, id) => service.remove(ctx, id),
      after: (ctx, _req, saved) => (saved?.id ? seriousViolencePaths(ctx.partnership.id).document(saved.id).show : seriousViolencePaths(ctx.partnership.id).list),
      describe: d => d.title,
    }),
  )

  router.get(`${PATH}/:id`, async (req, res) => {
    const document = await service.document(partnershipContext(req), idParam(req, 'id'))
    res.render(`${VIEWS}/document.njk`, { d: document, paths: paths(req) })
  })

  const renderReview = async (req: Request, res: Response, state: Record<string, unknown>, status = 200) => {
    const document = await service.document(partnershipContext(req), idParam(req, 'id'))
    res.status(status).render(`${VIEWS}/review-form.njk`, { d: document, cancelHref: document.paths.show, ...state })
  }
  router.get(`${PATH}/:id/review`, async (req, res) => {
    requirePermission(partnershipContext(req), 'edit_records')
    const today = ukDate(clock.now())
    await renderReview(req, res, { values: { ...dateInputValues('reviewedOn', today), ...dateInputValues('nextReviewDueOn', defaultReviewDueOn(today)) } })
  })
  router.post(`${PATH}/:id/review`, async (req, res) => {
    const ctx = partnershipContext(req)
    requirePermission(ctx, 'edit_records')
    const id = idParam(req, 'id')
    await service.document(ctx, id)
    const form = parseForm(reviewForm, req.body)
    const result = form.ok ? await attempt(() => service.recordReview(ctx, id, form.value)) : form
    if (!result.ok) return renderReview(req, res, { values: req.body, ...result }, 400)
    await flash(req, res, 'Review recorded')
    res.redirect(303, paths(req).document(id).show)
  })

  return router
}

export function seriousViolenceCapability({ services, deps }: { services: { seriousViolence: SeriousViolenceService }; deps: { clock: Clock } }): Capability {
  return {
    name: 'serious-violence',
    partnershipRoutes: seriousViolenceRoutes({ seriousViolence: services.seriousViolence, clock: deps.clock }),
    navigation: [{ text: 'Serious violence', path: PATH, permission: 'view', order: 58 }],
  }
}
