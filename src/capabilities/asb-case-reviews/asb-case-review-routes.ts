import { Router, type Request, type Response } from 'express'
import type { z } from 'zod'

import { allows, requirePermission, type PartnershipContext } from '../../core/access/partnership-context.ts'
import { dateInputValues } from '../../shared/date-input.ts'
import { fileName, toCsv } from '../../shared/spreadsheet.ts'
import type { Capability } from '../../web/capability.ts'
import { attempt, parseForm } from '../../web/form.ts'
import { flash, idParam, partnershipContext } from '../../web/request.ts'
import type { DutyDirectory } from '../statutory-duties/index.ts'

import { applicationForm, publishForm, reviewForm, settingsForm, thresholdForm } from './asb-case-review-forms.ts'
import { asbCaseReviewPaths, CASE_REVIEWS_PATH } from './asb-case-review-paths.ts'
import type { ApplicationRow } from './asb-case-review-repository.ts'
import type { AsbCaseReviewService } from './asb-case-review-service.ts'

export interface AsbCaseReviewRoutesDeps {
  asbCaseReviews: AsbCaseReviewService
  dutyDirectory: DutyDirectory
}

const VIEWS = 'asb-case-reviews/views'
const PATH = CASE_REVIEWS_PATH

const text = (value: unknown) => (value === null || value === undefined ? '' : String(value))

/** An application as its forms show it. */
function formValues(row: ApplicationRow): Record<string, unknown> {
  return {
    reference: row.reference,
    receivedByOrganisationId: text(row.receivedByOrganisationId),
    receivedByName: text(row.receivedByName),
    applicantReference: text(row.applicantReference),
    complaintsCount: text(row.complaintsCount),
    summary: text(row.summary),
    priorityId: text(row.priorityId),
    thresholdMet: row.thresholdMet === null ? '' : row.thresholdMet ? 'yes' : 'no',
    thresholdReason: text(row.thresholdReason),
    outcome: text(row.outcome),
    recommendations: text(row.recommendations),
    ...dateInputValues('receivedOn', row.receivedOn),
    ...dateInputValues('thresholdDecisionOn', row.thresholdDecisionOn),
    ...dateInputValues('reviewOn', row.reviewOn),
    ...dateInputValues('outcomeOn', row.outcomeOn),
  }
}

export function asbCaseReviewRoutes({ asbCaseReviews: service, dutyDirectory }: AsbCaseReviewRoutesDeps): Router {
  const router = Router({ mergeParams: true })
  const paths = (req: Request) => asbCaseReviewPaths(partnershipContext(req).partnership.id)

  // The log of applications for the partnership's members; the published yearly figures for everyone.
  router.get(PATH, async (req, res) => {
    const ctx = partnershipContext(req)
    const [log, years] = await Promise.all([allows(ctx, 'view') ? service.list(ctx) : null, service.figureYears(ctx)])
    res.render(`${VIEWS}/applications.njk`, { log, years, paths: paths(req) })
  })

  // Settings: the partnership's threshold.
  const renderSettings = async (req: Request, res: Response, state: Record<string, unknown>, status = 200) => res.status(status).render(`${VIEWS}/settings.njk`, { paths: paths(req), ...state })
  router.get(`${PATH}/settings`, async (req, res) => {
    const ctx = partnershipContext(req)
    requirePermission(ctx, 'edit_records')
    const threshold = await service.threshold(ctx)
    await renderSettings(req, res, { values: { thresholdComplaints: String(threshold.complaints), thresholdMonths: String(threshold.months) } })
  })
  router.post(`${PATH}/settings`, async (req, res) => {
    const ctx = partnershipContext(req)
    requirePermission(ctx, 'edit_records')
    const form = parseForm(settingsForm, req.body)
    const result = form.ok ? await attempt(() => service.saveThresholdSettings(ctx, form.value)) : form
    if (!result.ok) return renderSettings(req, res, { values: req.body, ...result }, 400)
    await flash(req, res, 'Threshold saved')
    res.redirect(303, paths(req).list)
  })

  // The yearly figures: public once published.
  router.get(`${PATH}/figures`, async (req, res) => {
    res.render(`${VIEWS}/figure-years.njk`, { years: await service.figureYears(partnershipContext(req)), paths: paths(req) })
  })
  const yearParam = (req: Request) => idParam(req, 'year')
  router.get(`${PATH}/figures/:year`, async (req, res) => {
    res.render(`${VIEWS}/figures.njk`, { f: await service.figures(partnershipContext(req), yearParam(req)), paths: paths(req) })
  })
  router.get(`${PATH}/figures/:year/download.csv`, async (req, res) => {
    const ctx = partnershipContext(req)
    const f = await service.figures(ctx, yearParam(req))
    const csv = toCsv({
      name: 'ASB case reviews',
      headers: ['Financial year', 'Applications received', 'Applications not meeting the threshold', 'Case reviews carried out', 'Case reviews resulting in recommendations', 'Figures as at', 'Partial year'],
      rows: [[f.label, f.received, f.notMeetingThreshold, f.reviewsCarriedOut, f.withRecommendations, f.asAt, f.isPartial ? 'yes' : 'no']],
    })
    res.set('Content-Type', 'text/csv; charset=utf-8')
    res.attachment(`${fileName(ctx.partnership.shortName ?? ctx.partnership.name, `ASB case reviews ${f.label}`)}.csv`)
    res.send(csv)
  })
  router.post(`${PATH}/figures/:year/publish`, async (req, res) => {
    const ctx = partnershipContext(req)
    requirePermission(ctx, 'edit_records')
    const form = parseForm(publishForm, req.body)
    const publish = form.ok ? form.value.publish === 'yes' : true
    await service.setPublished(ctx, yearParam(req), publish)
    await flash(req, res, publish ? 'The figures are published: anyone can see this page' : 'The figures are no longer published')
    res.redirect(303, paths(req).figures(yearParam(req)))
  })

  // Applications.
  const choices = async (req: Request) => {
    const ctx = partnershipContext(req)
    const [organisations, priorities] = await Promise.all([dutyDirectory.organisations(ctx), dutyDirectory.priorities(ctx)])
    return { organisations: organisations.map(o => ({ value: o.id, text: o.name })), priorities: priorities.map(p => ({ value: p.id, text: p.label })) }
  }
  const renderApplication = async (req: Request, res: Response, state: Record<string, unknown>, status = 200) =>
    res.status(status).render(`${VIEWS}/application-form.njk`, { ...(await choices(req)), threshold: await service.threshold(partnershipContext(req)), paths: paths(req), ...state })

  router.get(`${PATH}/new`, async (req, res) => {
    requirePermission(partnershipContext(req), 'edit_records')
    await renderApplication(req, res, { isNew: true, values: {}, cancelHref: paths(req).list })
  })
  router.post(`${PATH}/new`, async (req, res) => {
    const ctx = partnershipContext(req)
    requirePermission(ctx, 'edit_records')
    const form = parseForm(applicationForm, req.body)
    const result = form.ok ? await attempt(() => service.create(ctx, form.value)) : form
    if (!result.ok) return renderApplication(req, res, { isNew: true, values: req.body, cancelHref: paths(req).list, ...result }, 400)
    await flash(req, res, `Application ${result.value.reference} added`)
    res.redirect(303, paths(req).application(result.value.id).show)
  })

  router.get(`${PATH}/:id`, async (req, res) => {
    const application = await service.application(partnershipContext(req), idParam(req, 'id'))
    res.render(`${VIEWS}/application.njk`, { a: application, paths: paths(req), own: paths(req).application(application.id) })
  })

  const STEPS = {
    edit: { schema: applicationForm, view: 'application-form.njk', save: service.saveApplication, done: 'Application saved' },
    threshold: { schema: thresholdForm, view: 'threshold-form.njk', save: service.saveThreshold, done: 'Threshold decision saved' },
    review: { schema: reviewForm, view: 'review-form.njk', save: service.saveReview, done: 'Review and outcome saved' },
  } as const
  for (const [name, step] of Object.entries(STEPS)) {
    const render = async (req: Request, res: Response, state: Record<string, unknown>, status = 200) => {
      const ctx = partnershipContext(req)
      const a = await service.application(ctx, idParam(req, 'id'))
      res.status(status).render(`${VIEWS}/${step.view}`, { ...(await choices(req)), a, isNew: false, threshold: a.threshold, paths: paths(req), cancelHref: paths(req).application(a.id).show, values: formValues(a), ...state })
    }
    router.get(`${PATH}/:id/${name}`, async (req, res) => {
      requirePermission(partnershipContext(req), 'edit_records')
      await render(req, res, {})
    })
    router.post(`${PATH}/:id/${name}`, async (req, res) => {
      const ctx = partnershipContext(req)
      requirePermission(ctx, 'edit_records')
      const id = idParam(req, 'id')
      await service.application(ctx, id)
      const form = parseForm(step.schema as z.ZodType, req.body)
      const save = step.save as (ctx: PartnershipContext, id: number, input: unknown) => Promise<unknown>
      const result = form.ok ? await attempt(() => save(ctx, id, form.value)) : form
      if (!result.ok) return render(req, res, { values: req.body, ...result }, 400)
      await flash(req, res, step.done)
      res.redirect(303, paths(req).application(id).show)
    })
  }

  router.get(`${PATH}/:id/delete`, async (req, res) => {
    const ctx = partnershipContext(req)
    requirePermission(ctx, 'edit_records')
    const a = await service.application(ctx, idParam(req, 'id'))
    res.render('confirm-delete.njk', { pageTitle: 'Delete an ASB case review application', noun: 'application', name: a.reference, warning: 'It will no longer count in the yearly figures.', cancelHref: paths(req).application(a.id).show })
  })
  router.post(`${PATH}/:id/delete`, async (req, res) => {
    const row = await service.remove(partnershipContext(req), idParam(req, 'id'))
    await flash(req, res, `Application “${row.reference}” deleted`)
    res.redirect(303, paths(req).list)
  })

  return router
}

export function asbCaseReviewsCapability({ services }: { services: AsbCaseReviewRoutesDeps }): Capability {
  return {
    name: 'asb-case-reviews',
    partnershipRoutes: asbCaseReviewRoutes(services),
    navigation: [{ text: 'ASB case reviews', path: CASE_REVIEWS_PATH, permission: 'view_published', order: 56 }],
  }
}
