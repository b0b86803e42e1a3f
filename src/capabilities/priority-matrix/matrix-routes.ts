import { Router, type Request, type Response } from 'express'

import { requirePermission } from '../../core/access/partnership-context.ts'
import { addMonths, financialYearLabel, financialYearOfMonth, monthLabel, monthOf, monthRange } from '../../core/calendar/index.ts'
import { CRIME_TYPES } from '../../shared/police-uk.ts'
import type { Capability } from '../../web/capability.ts'
import { attempt, formErrors, parseForm } from '../../web/form.ts'
import { idParam, partnershipContext } from '../../web/request.ts'
import { planPaths } from '../plans/index.ts'
import type { PoliceDataService } from '../police-data/index.ts'

import { SCORE_LABELS } from './domain/scoring.ts'
import { matrixApi } from './matrix-api.ts'
import { assessmentForm, candidateForm, parseCriteriaForm, parseScoresForm, planForm } from './matrix-forms.ts'
import { MATRICES_PATH, matrixPaths } from './matrix-paths.ts'
import type { PriorityMatrixService } from './matrix-service.ts'

const PATH = MATRICES_PATH

export interface MatrixRoutesDeps {
  priorityMatrix: PriorityMatrixService
  policeData: PoliceDataService
}

/** The priority scoring matrix pages, under the partnership's strategic assessment. */
function matrixRoutes({ priorityMatrix: priorities, policeData }: MatrixRoutesDeps): Router {
  const router = Router({ mergeParams: true })
  const paths = (req: Request) => matrixPaths(partnershipContext(req).partnership.id)

  /** Months to offer for the period: those held, or the last three years. */
  async function monthItems(req: Request) {
    const q = await policeData.query(partnershipContext(req), 'partnership', {})
    const first = q.availableMonths[0] ?? addMonths(q.to, -35)
    const last = q.availableMonths.at(-1) ?? q.to
    return { items: monthRange(first, last).map(m => ({ value: m, text: monthLabel(m) })), from: q.from, to: q.to }
  }

  router.get(PATH, async (req, res) => {
    const ctx = partnershipContext(req)
    const list = await priorities.list(ctx)
    res.render('priority-matrix/views/matrices.njk', {
      list: list.map(a => ({ ...a, period: `${monthLabel(monthOf(a.periodFrom))} to ${monthLabel(monthOf(a.periodTo))}`, planHref: a.planId ? planPaths(ctx.partnership.id).plan(a.planId).show : null })),
      paths: paths(req),
    })
  })

  const renderNew = async (req: Request, res: Response, state: Record<string, unknown>, status = 200) => {
    const months = await monthItems(req)
    res.status(status).render('priority-matrix/views/matrix-form.njk', { months: months.items, paths: paths(req), ...state })
  }

  router.get(`${PATH}/new`, async (req, res) => {
    requirePermission(partnershipContext(req), 'edit_records')
    const months = await monthItems(req)
    const nextYear = financialYearOfMonth(months.to) + 1
    await renderNew(req, res, { values: { title: `Scoring matrix ${financialYearLabel(nextYear)}`, periodFrom: months.from, periodTo: months.to } })
  })

  router.post(`${PATH}/new`, async (req, res) => {
    const ctx = partnershipContext(req)
    requirePermission(ctx, 'edit_records')
    const form = parseForm(assessmentForm, req.body)
    const result = form.ok ? await attempt(() => priorities.create(ctx, form.value)) : form
    if (!result.ok) return renderNew(req, res, { values: req.body, ...result }, 400)
    await req.flash('Scoring matrix started with the usual criteria and issues. Change them to suit, then score.')
    res.redirect(303, paths(req).matrix(result.value.id).show)
  })

  router.get(`${PATH}/:id`, async (req, res) => {
    const ctx = partnershipContext(req)
    const m = await priorities.matrix(ctx, idParam(req, 'id'))
    res.render('priority-matrix/views/matrix.njk', {
      m,
      paths: paths(req).matrix(m.assessment.id),
      planHref: m.assessment.planId ? planPaths(ctx.partnership.id).plan(m.assessment.planId).show : null,
      comparedMonths: m.comparedMonths.length,
      noDistricts: m.districts.length === 0,
    })
  })

  // Scores
  const scoreKeys = (m: Awaited<ReturnType<typeof priorities.matrix>>) =>
    m.candidates.flatMap(candidate => m.criteria.map(criterion => ({ candidateId: candidate.id, criterionId: criterion.id, label: `${criterion.name} for ${candidate.name}` })))

  const renderScores = async (req: Request, res: Response, state: Record<string, unknown>, status = 200) => {
    const ctx = partnershipContext(req)
    const m = await priorities.matrix(ctx, idParam(req, 'id'))
    const values: Record<string, string> = {}
    for (const [key, score] of m.groupScores) values[`score-${key.replace(':', '-')}`] = String(score)
    const scoreItems = [{ value: '', text: 'Not scored' }, ...[1, 2, 3, 4, 5].map(n => ({ value: String(n), text: SCORE_LABELS[n]! }))]
    res.status(status).render('priority-matrix/views/scores.njk', { m, paths: paths(req).matrix(m.assessment.id), values, scoreItems, ...state })
  }

  router.get(`${PATH}/:id/scores`, async (req, res) => {
    requirePermission(partnershipContext(req), 'edit_records')
    await renderScores(req, res, {})
  })

  router.post(`${PATH}/:id/scores`, async (req, res) => {
    const ctx = partnershipContext(req)
    requirePermission(ctx, 'edit_records')
    const id = idParam(req, 'id')
    const m = await priorities.matrix(ctx, id)
    const { scores, errors } = parseScoresForm(req.body as Record<string, unknown>, scoreKeys(m))
    const result = Object.keys(errors).length ? formErrors(errors) : await attempt(() => priorities.saveScores(ctx, id, scores))
    if (!result.ok) return renderScores(req, res, { values: req.body, ...result }, 400)
    await req.flash('Scores saved')
    res.redirect(303, paths(req).matrix(id).show)
  })

  // Criteria and weights
  const renderCriteria = async (req: Request, res: Response, state: Record<string, unknown>, status = 200) => {
    const m = await priorities.matrix(partnershipContext(req), idParam(req, 'id'))
    const values: Record<string, string> = {}
    for (const c of m.criteria) Object.assign(values, { [`name-${c.id}`]: c.name, [`weight-${c.id}`]: String(c.weight), [`description-${c.id}`]: c.description ?? '' })
    res.status(status).render('priority-matrix/views/criteria.njk', { m, paths: paths(req).matrix(m.assessment.id), values, ...state })
  }

  router.get(`${PATH}/:id/criteria`, async (req, res) => {
    requirePermission(partnershipContext(req), 'edit_records')
    await renderCriteria(req, res, {})
  })

  router.post(`${PATH}/:id/criteria`, async (req, res) => {
    const ctx = partnershipContext(req)
    requirePermission(ctx, 'edit_records')
    const id = idParam(req, 'id')
    const m = await priorities.matrix(ctx, id)
    const { criteria, added, errors } = parseCriteriaForm(req.body as Record<string, unknown>, m.criteria)
    const result = Object.keys(errors).length ? formErrors(errors) : await attempt(() => priorities.saveCriteria(ctx, id, criteria, added))
    if (!result.ok) return renderCriteria(req, res, { values: req.body, ...result }, 400)
    await req.flash('Criteria and weights saved')
    res.redirect(303, paths(req).matrix(id).show)
  })

  // Candidate issues
  const crimeTypeItems = CRIME_TYPES.map(t => ({ value: t, text: t }))
  const renderCandidate = async (req: Request, res: Response, state: Record<string, unknown>, status = 200) => {
    const m = await priorities.matrix(partnershipContext(req), idParam(req, 'id'))
    res.status(status).render('priority-matrix/views/candidate-form.njk', { m, paths: paths(req).matrix(m.assessment.id), crimeTypeItems, values: {}, ...state })
  }

  router.get(`${PATH}/:id/candidates/new`, async (req, res) => {
    requirePermission(partnershipContext(req), 'edit_records')
    await renderCandidate(req, res, {})
  })

  router.post(`${PATH}/:id/candidates/new`, async (req, res) => {
    const ctx = partnershipContext(req)
    requirePermission(ctx, 'edit_records')
    const id = idParam(req, 'id')
    await priorities.matrix(ctx, id)
    const form = parseForm(candidateForm, req.body)
    const result = form.ok ? await attempt(() => priorities.addCandidate(ctx, id, form.value)) : form
    if (!result.ok) return renderCandidate(req, res, { values: req.body, ...result }, 400)
    await req.flash(`“${result.value.name}” added`)
    res.redirect(303, paths(req).matrix(id).show)
  })

  router.get(`${PATH}/:id/candidates/:candidateId/delete`, async (req, res) => {
    const ctx = partnershipContext(req)
    const candidate = await priorities.candidate(ctx, idParam(req, 'id'), idParam(req, 'candidateId'))
    res.render('confirm-delete.njk', {
      pageTitle: 'Remove an issue',
      noun: 'issue',
      name: candidate.name,
      warning: 'Its scores are removed with it.',
      cancelHref: paths(req).matrix(idParam(req, 'id')).show,
    })
  })

  router.post(`${PATH}/:id/candidates/:candidateId/delete`, async (req, res) => {
    const ctx = partnershipContext(req)
    const removed = await priorities.removeCandidate(ctx, idParam(req, 'id'), idParam(req, 'candidateId'))
    await req.flash(`“${removed.name}” removed`)
    res.redirect(303, paths(req).matrix(idParam(req, 'id')).show)
  })

  // The agreed choice becomes a new draft plan
  const renderPlan = async (req: Request, res: Response, state: Record<string, unknown>, status = 200) => {
    const m = await priorities.matrix(partnershipContext(req), idParam(req, 'id'))
    const year = financialYearOfMonth(monthOf(m.assessment.periodTo)) + 1
    res.status(status).render('priority-matrix/views/plan-form.njk', {
      m,
      paths: paths(req).matrix(m.assessment.id),
      candidateItems: m.rows.map(r => ({ value: String(r.candidate.id), text: `${r.rank}. ${r.candidate.name}`, hint: `Score ${r.total} of ${r.maxTotal}${r.isComplete ? '' : ' (not fully scored)'}` })),
      values: { title: `Partnership plan ${financialYearLabel(year)}`, planYear: String(year), periodEndYear: String(year + 2), candidateIds: m.rows.slice(0, 5).map(r => String(r.candidate.id)) },
      ...state,
    })
  }

  router.get(`${PATH}/:id/plan`, async (req, res) => {
    requirePermission(partnershipContext(req), 'edit_records')
    await renderPlan(req, res, {})
  })

  router.post(`${PATH}/:id/plan`, async (req, res) => {
    const ctx = partnershipContext(req)
    requirePermission(ctx, 'edit_records')
    const id = idParam(req, 'id')
    const m = await priorities.matrix(ctx, id)
    const form = parseForm(planForm, req.body)
    const result = form.ok ? await attempt(() => priorities.createPlan(ctx, id, form.value, m.rows.map(r => r.candidate.id))) : form
    if (!result.ok) return renderPlan(req, res, { values: req.body, ...result }, 400)
    await req.flash(`Draft plan “${result.value.title}” created with ${form.ok ? form.value.candidateIds.length : 0} priorities`)
    res.redirect(303, planPaths(ctx.partnership.id).plan(result.value.id).show)
  })

  // Delete a matrix
  router.get(`${PATH}/:id/delete`, async (req, res) => {
    const ctx = partnershipContext(req)
    requirePermission(ctx, 'edit_records')
    const m = await priorities.matrix(ctx, idParam(req, 'id'))
    res.render('confirm-delete.njk', {
      pageTitle: 'Delete scoring matrix',
      noun: 'scoring matrix',
      name: m.assessment.title,
      warning: 'Its criteria, issues and scores are deleted with it. A plan made from it is kept.',
      cancelHref: paths(req).matrix(m.assessment.id).show,
    })
  })

  router.post(`${PATH}/:id/delete`, async (req, res) => {
    const ctx = partnershipContext(req)
    const removed = await priorities.remove(ctx, idParam(req, 'id'))
    await req.flash(`Scoring matrix “${removed.title}” deleted`)
    res.redirect(303, paths(req).list)
  })

  return router
}

/** The priority scoring matrix: its pages and its read API. */
export function priorityMatrixCapability({ services }: { services: MatrixRoutesDeps }): Capability {
  const api = matrixApi(services)
  return { name: 'priority-matrix', partnershipRoutes: matrixRoutes(services), apiPartnershipRoutes: api.routes, openapi: api.openapi }
}
