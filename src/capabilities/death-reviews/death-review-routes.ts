import { Router, type Request, type Response } from 'express'
import type { z } from 'zod'

import { requirePermission, type PartnershipContext } from '../../core/access/partnership-context.ts'
import { dateInputValues } from '../../shared/date-input.ts'
import type { Capability } from '../../web/capability.ts'
import { crudPages } from '../../web/crud-routes.ts'
import { attempt, parseForm } from '../../web/form.ts'
import { flash, idParam, partnershipContext } from '../../web/request.ts'
import type { DutyDirectory, RetentionSchedule } from '../statutory-duties/index.ts'

import { accessForm, actionForm, actionUpdateForm, chairForm, decisionForm, extensionForm, meetingForm, notificationForm, panelMemberForm, reportForm } from './death-review-forms.ts'
import { ACCESS_PATH, deathReviewPaths, REVIEWS_PATH } from './death-review-paths.ts'
import type { DeathReviewService } from './death-review-service.ts'
import { ACTION_STATUS_LABELS, ACTION_STATUSES, RAG_LABELS, RAGS } from './domain/action-plan.ts'
import { DEATH_REVIEW_RETENTION_RULES } from './domain/retention.ts'
import { DECISION_LABELS } from './domain/timescales.ts'

export interface DeathReviewRoutesDeps {
  deathReviews: DeathReviewService
  dutyDirectory: DutyDirectory
  retention: Pick<RetentionSchedule, 'lastRun'>
}

const VIEWS = 'death-reviews/views'
const guard = (ctx: PartnershipContext) => requirePermission(ctx, 'reviews')

/** The steps of a review, each a page of its own: its form, schema, fields and save. */
const STEPS = {
  notification: { view: 'notification-form.njk', title: 'Notification', schema: notificationForm, dates: ['notifiedOn'], save: 'saveNotification' },
  decision: { view: 'decision-form.njk', title: 'Decision', schema: decisionForm, dates: ['decisionOn', 'homeOfficeNotifiedOn'], save: 'saveDecision' },
  chair: { view: 'chair-form.njk', title: 'Chair and terms of reference', schema: chairForm, dates: ['chairAppointedOn', 'termsOfReferenceAgreedOn'], save: 'saveChair' },
  report: { view: 'report-form.njk', title: 'Report, quality assurance and publication', schema: reportForm, dates: ['reportSentOn', 'homeOfficeFeedbackOn', 'publishedOn'], save: 'saveReport' },
} as const
type StepName = keyof typeof STEPS

const STEP_FIELDS: Record<StepName, readonly string[]> = {
  notification: ['caseReference', 'notifiedBy', 'circumstances', 'namedAs', 'priorityId'],
  decision: ['decision', 'decisionReasons'],
  chair: ['chairName', 'termsOfReference'],
  report: ['homeOfficeFeedback'],
}

/** A stored record as its form shows it: text as it is, ids as strings, dates in their three boxes. */
function formValues(record: Record<string, unknown>, fields: readonly string[], dates: readonly string[]) {
  const values: Record<string, unknown> = {}
  for (const field of fields) values[field] = record[field] === null || record[field] === undefined ? '' : String(record[field])
  for (const date of dates) Object.assign(values, dateInputValues(date, record[date] as string | null))
  return values
}

export function deathReviewRoutes({ deathReviews, dutyDirectory, retention }: DeathReviewRoutesDeps): Router {
  const router = Router({ mergeParams: true })
  const paths = (req: Request) => deathReviewPaths(partnershipContext(req).partnership.id)
  const priorityItems = async (ctx: PartnershipContext) => (await dutyDirectory.priorities(ctx)).map(p => ({ value: p.id, text: p.label }))

  router.get(REVIEWS_PATH, async (req, res) => {
    const ctx = partnershipContext(req)
    const reviews = await deathReviews.list(ctx)
    const dates = (await deathReviews.statutoryDates(ctx.partnership.id)).filter(d => d.doneOn === null).sort((a, b) => a.dueOn.localeCompare(b.dueOn))
    res.render(`${VIEWS}/reviews.njk`, { reviews, dates, paths: paths(req), rules: DEATH_REVIEW_RETENTION_RULES, lastRun: await retention.lastRun() })
  })

  const renderNew = async (req: Request, res: Response, state: Record<string, unknown>, status = 200) => {
    res.status(status).render(`${VIEWS}/notification-form.njk`, { isNew: true, priorities: await priorityItems(partnershipContext(req)), paths: paths(req), cancelHref: paths(req).list, ...state })
  }
  router.get(`${REVIEWS_PATH}/new`, async (req, res) => {
    guard(partnershipContext(req))
    await renderNew(req, res, { values: {} })
  })
  router.post(`${REVIEWS_PATH}/new`, async (req, res) => {
    const ctx = partnershipContext(req)
    guard(ctx)
    const form = parseForm(notificationForm, req.body)
    const result = form.ok ? await attempt(() => deathReviews.create(ctx, form.value)) : form
    if (!result.ok) return renderNew(req, res, { values: req.body, ...result }, 400)
    await flash(req, res, 'Death review recorded. Its decision is due within one month of the notification.')
    res.redirect(303, paths(req).review(result.value.id).show)
  })

  router.get(`${REVIEWS_PATH}/:reviewId`, async (req, res) => {
    const review = await deathReviews.review(partnershipContext(req), idParam(req, 'reviewId'))
    res.render(`${VIEWS}/review.njk`, { review, paths: review.paths, listHref: paths(req).list, ragLabels: RAG_LABELS, statusLabels: ACTION_STATUS_LABELS })
  })

  for (const [name, step] of Object.entries(STEPS) as [StepName, (typeof STEPS)[StepName]][]) {
    const render = async (req: Request, res: Response, state: Record<string, unknown>, status = 200) => {
      const ctx = partnershipContext(req)
      const id = idParam(req, 'reviewId')
      const review = await deathReviews.forForm(ctx, id, step.title.toLowerCase())
      res.status(status).render(`${VIEWS}/${step.view}`, {
        isNew: false,
        review,
        priorities: name === 'notification' ? await priorityItems(ctx) : [],
        decisionItems: (['review', 'no_review'] as const).map(value => ({ value, text: DECISION_LABELS[value] })),
        paths: paths(req),
        cancelHref: paths(req).review(id).show,
        values: formValues(review, STEP_FIELDS[name], step.dates),
        ...state,
      })
    }
    router.get(`${REVIEWS_PATH}/:reviewId/${name}`, async (req, res) => {
      guard(partnershipContext(req))
      await render(req, res, {})
    })
    router.post(`${REVIEWS_PATH}/:reviewId/${name}`, async (req, res) => {
      const ctx = partnershipContext(req)
      guard(ctx)
      const id = idParam(req, 'reviewId')
      const form = parseForm(step.schema as z.ZodType, req.body)
      const save = deathReviews[step.save] as (ctx: PartnershipContext, id: number, input: unknown) => Promise<unknown>
      const result = form.ok ? await attempt(() => save(ctx, id, form.value)) : form
      if (!result.ok) return render(req, res, { values: req.body, ...result }, 400)
      await flash(req, res, `${step.title} saved`)
      res.redirect(303, paths(req).review(id).show)
    })
  }

  router.get(`${REVIEWS_PATH}/:reviewId/delete`, async (req, res) => {
    const ctx = partnershipContext(req)
    const review = await deathReviews.forForm(ctx, idParam(req, 'reviewId'), 'deletion page')
    res.render('confirm-delete.njk', {
      pageTitle: 'Delete a death review',
      noun: 'death review',
      name: review.caseReference,
      warning: 'Its panel, meetings, extensions and action plan are deleted with it. Delete a review only if it was recorded by mistake: the retention rules anonymise closed reviews in time.',
      cancelHref: paths(req).review(review.id).show,
    })
  })
  router.post(`${REVIEWS_PATH}/:reviewId/delete`, async (req, res) => {
    const review = await deathReviews.remove(partnershipContext(req), idParam(req, 'reviewId'))
    await flash(req, res, `Death review “${review.caseReference}” deleted`)
    res.redirect(303, paths(req).list)
  })

  const reviewId = (req: Request) => idParam(req, 'reviewId')
  const backToReview = (ctx: PartnershipContext, req: Request) => deathReviewPaths(ctx.partnership.id).review(reviewId(req)).show

  router.use(
    crudPages({
      path: `${REVIEWS_PATH}/:reviewId/panel`,
      noun: 'panel member',
      view: `${VIEWS}/panel-member-form.njk`,
      schema: panelMemberForm,
      guard,
      load: (ctx, id, req) => deathReviews.panelMember(ctx, reviewId(req), id),
      toValues: row => ({ organisationId: row.organisationId === null ? '' : String(row.organisationId), organisationName: row.organisationName ?? '', representedBy: row.representedBy ?? '' }),
      extra: async ctx => ({ organisations: (await dutyDirectory.organisations(ctx)).map(o => ({ value: o.id, text: o.name })) }),
      save: (ctx, id, input, req) => deathReviews.savePanelMember(ctx, reviewId(req), id, input),
      remove: (ctx, id, req) => deathReviews.deletePanelMember(ctx, reviewId(req), id),
      after: backToReview,
      describe: row => row.organisationName ?? row.representedBy ?? 'panel member',
    }),
  )
  router.use(
    crudPages({
      path: `${REVIEWS_PATH}/:reviewId/meetings`,
      noun: 'meeting',
      view: `${VIEWS}/meeting-form.njk`,
      schema: meetingForm,
      guard,
      load: (ctx, id, req) => deathReviews.meeting(ctx, reviewId(req), id),
      toValues: row => formValues(row, ['purpose', 'notes'], ['heldOn']),
      save: (ctx, id, input, req) => deathReviews.saveMeeting(ctx, reviewId(req), id, input),
      remove: (ctx, id, req) => deathReviews.deleteMeeting(ctx, reviewId(req), id),
      after: backToReview,
      describe: row => row.purpose,
    }),
  )
  router.use(
    crudPages({
      path: `${REVIEWS_PATH}/:reviewId/extensions`,
      noun: 'extension',
      view: `${VIEWS}/extension-form.njk`,
      schema: extensionForm,
      guard,
      load: (ctx, id, req) => deathReviews.extension(ctx, reviewId(req), id),
      toValues: row => formValues(row, ['reason', 'agreedWith'], ['agreedOn', 'extendedTo']),
      extra: async (ctx, req) => ({ review: await deathReviews.forForm(ctx, reviewId(req), 'extension form') }),
      save: (ctx, id, input, req) => deathReviews.saveExtension(ctx, reviewId(req), id, input),
      remove: (ctx, id, req) => deathReviews.deleteExtension(ctx, reviewId(req), id),
      after: backToReview,
      describe: row => `to ${row.extendedTo}`,
    }),
  )
  router.use(
    crudPages({
      path: `${REVIEWS_PATH}/:reviewId/actions`,
      noun: 'action',
      view: `${VIEWS}/action-form.njk`,
      schema: actionForm,
      guard,
      load: (ctx, id, req) => deathReviews.action(ctx, reviewId(req), id),
      toValues: row => formValues(row, ['recommendation', 'action', 'lead', 'status'], ['dueOn', 'completedOn']),
      defaults: () => ({ status: 'open' }),
      extra: async () => ({ statusItems: ACTION_STATUSES.map(value => ({ value, text: ACTION_STATUS_LABELS[value] })) }),
      save: (ctx, id, input, req) => deathReviews.saveAction(ctx, reviewId(req), id, input),
      remove: (ctx, id, req) => deathReviews.deleteAction(ctx, reviewId(req), id),
      after: backToReview,
      describe: row => row.action,
    }),
  )

  const renderUpdate = async (req: Request, res: Response, state: Record<string, unknown>, status = 200) => {
    const ctx = partnershipContext(req)
    const action = await deathReviews.action(ctx, reviewId(req), idParam(req, 'actionId'))
    res.status(status).render(`${VIEWS}/action-update-form.njk`, { action, ragItems: RAGS.map(value => ({ value, text: RAG_LABELS[value] })), cancelHref: backToReview(ctx, req), ...state })
  }
  router.get(`${REVIEWS_PATH}/:reviewId/actions/:actionId/updates/new`, async (req, res) => {
    guard(partnershipContext(req))
    await renderUpdate(req, res, { values: {} })
  })
  router.post(`${REVIEWS_PATH}/:reviewId/actions/:actionId/updates/new`, async (req, res) => {
    const ctx = partnershipContext(req)
    guard(ctx)
    const form = parseForm(actionUpdateForm, req.body)
    const result = form.ok ? await attempt(() => deathReviews.postActionUpdate(ctx, reviewId(req), idParam(req, 'actionId'), form.value)) : form
    if (!result.ok) return renderUpdate(req, res, { values: req.body, ...result }, 400)
    await flash(req, res, 'Update posted')
    res.redirect(303, backToReview(ctx, req))
  })

  // Who may see the reviews: the admins give and take the grant.
  router.get(ACCESS_PATH, async (req, res) => {
    const people = await deathReviews.accessList(partnershipContext(req))
    res.render(`${VIEWS}/access.njk`, { people, paths: paths(req) })
  })
  router.post(`${ACCESS_PATH}/:userId`, async (req, res) => {
    const ctx = partnershipContext(req)
    requirePermission(ctx, 'manage_partnership')
    const form = parseForm(accessForm, req.body)
    if (!form.ok) {
      res.status(400)
      return res.render(`${VIEWS}/access.njk`, { people: await deathReviews.accessList(ctx), paths: paths(req), ...form })
    }
    await deathReviews.changeAccess(ctx, idParam(req, 'userId'), form.value.change)
    await flash(req, res, form.value.change === 'give' ? 'Access to the death reviews given' : 'Access to the death reviews taken away')
    res.redirect(303, paths(req).access)
  })

  return router
}

export function deathReviewsCapability({ services }: { services: DeathReviewRoutesDeps }): Capability {
  return {
    name: 'death-reviews',
    partnershipRoutes: deathReviewRoutes(services),
    navigation: [{ text: 'Death reviews', path: REVIEWS_PATH, permission: 'reviews', order: 55 }],
  }
}
