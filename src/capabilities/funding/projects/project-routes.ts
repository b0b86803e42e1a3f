import { Router } from 'express'

import { crudPages } from '../../../web/crud-routes.ts'
import { attempt, parseForm } from '../../../web/form.ts'
import { idParam, partnershipContext } from '../../../web/request.ts'
import { requirePermission, type PartnershipContext } from '../../../core/access/partnership-context.ts'
import { DEFAULT_EVALUATION_WEEKS } from '../domain/projects.ts'
import { dateValues } from '../funding-forms.ts'
import { labels } from '../funding-pages.ts'
import { fundingPaths } from '../funding-paths.ts'
import type { EntryService } from '../ledger/entry-service.ts'

import { evaluationForm, projectForm } from './project-forms.ts'
import type { ProjectService } from './project-service.ts'

const edits = (ctx: PartnershipContext) => requirePermission(ctx, 'edit_records')
const paths = (ctx: PartnershipContext) => fundingPaths(ctx.partnership.id)

/** Funded projects: the list, adding and changing one, its page, and recording its evaluation. */
export function projectRoutes(funding: ProjectService & Pick<EntryService, 'choices'>): Router {
  const routes = Router({ mergeParams: true })

  routes.get('/funding/projects', async (req, res) => {
    const ctx = partnershipContext(req)
    res.render('funding/projects/views/projects.njk', { projects: await funding.projects(ctx), labels })
  })

  routes.use(
    crudPages({
      path: '/funding/projects',
      noun: 'project',
      view: 'funding/projects/views/project-form.njk',
      schema: projectForm,
      guard: edits,
      load: async (ctx, id) => (await funding.project(ctx, id)).project,
      toValues: row => ({
        ...row,
        ...dateValues('startDate', row.startDate),
        ...dateValues('endDate', row.endDate),
        evaluationDueWeeks: String(row.evaluationDueWeeks),
      }),
      defaults: () => ({ evaluationDueWeeks: String(DEFAULT_EVALUATION_WEEKS) }),
      extra: async ctx => ({ organisations: (await funding.choices(ctx)).organisations }),
      save: (ctx, id, input) => funding.saveProject(ctx, id, input),
      remove: (ctx, id) => funding.deleteProject(ctx, id),
      after: (ctx, _req, saved) => (saved?.id ? paths(ctx).project(saved.id).show : paths(ctx).projects.index),
      describe: row => row.name,
    }),
  )

  routes.get('/funding/projects/:id', async (req, res) => {
    const ctx = partnershipContext(req)
    const details = await funding.project(ctx, idParam(req, 'id'))
    res.render('funding/projects/views/project.njk', { ...details, labels })
  })

  routes.get('/funding/projects/:id/evaluation', async (req, res) => {
    const ctx = partnershipContext(req)
    edits(ctx)
    const { project, evaluation } = await funding.project(ctx, idParam(req, 'id'))
    res.render('funding/projects/views/evaluation-form.njk', {
      project,
      evaluation,
      values: { ...dateValues('completedOn', project.evaluationCompletedOn), summary: project.evaluationSummary },
      cancelHref: paths(ctx).project(project.id).show,
    })
  })

  routes.post('/funding/projects/:id/evaluation', async (req, res) => {
    const ctx = partnershipContext(req)
    edits(ctx)
    const id = idParam(req, 'id')
    const { project, evaluation } = await funding.project(ctx, id)
    const form = parseForm(evaluationForm, req.body)
    const result = form.ok ? await attempt(() => funding.recordEvaluation(ctx, id, form.value)) : form
    if (!result.ok) {
      return res.status(400).render('funding/projects/views/evaluation-form.njk', {
        project,
        evaluation,
        values: req.body,
        cancelHref: paths(ctx).project(id).show,
        ...result,
      })
    }
    await req.flash('Evaluation recorded')
    res.redirect(303, paths(ctx).project(id).show)
  })

  return routes
}
