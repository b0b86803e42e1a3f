import { Router, type Request, type Response } from 'express'
import multer from 'multer'

import { ConflictError, NotFoundError } from '../../shared/errors.ts'
import { fileName } from '../../shared/spreadsheet.ts'
import type { Capability } from '../../web/capability.ts'
import { crudPages } from '../../web/crud-routes.ts'
import { attempt, formErrors, parseForm } from '../../web/form.ts'
import { idParam, partnershipContext } from '../../web/request.ts'
import { receiveUpload } from '../../web/upload.ts'
import type { CapabilityDeps } from '../index.ts'
import { allows, requirePermission, type PartnershipContext } from '../partnerships/domain/partnership-context.ts'

import { personLabel } from './domain/directory.ts'
import { SHEET_COLUMNS } from './domain/plan-sheet.ts'
import { formatQuarters, periodLabel, planYearLabel, quarterMonths, quarterOf, QUARTERS, ukDate, type Quarter } from './domain/quarters.ts'
import { isRag, RAG_LABELS, RAGS } from './domain/rag.ts'
import { ACTION_STATUS_LABELS, ACTION_STATUSES } from './domain/schedule.ts'
import { planApi } from './plan-api.ts'
import { actionForm, objectiveForm, planForm, planStatusForm, priorityForm, ragDefinitionsForm, riskForm, updateForm, type PlanStatus } from './plan-forms.ts'
import type { ActionFilter, PlanService } from './plan-service.ts'
import { MAX_FILE_BYTES, planCsv, planXlsx, readSpreadsheetFile, SpreadsheetError, templateCsv, templateXlsx } from './plan-spreadsheet.ts'

export const PLAN_STATUS_LABELS: Record<PlanStatus, string> = { draft: 'Draft', agreed: 'Agreed', archived: 'Archived' }

/** Words and lists the plan views share. */
const labels = {
  planStatus: PLAN_STATUS_LABELS,
  actionStatus: ACTION_STATUS_LABELS,
  rag: RAG_LABELS,
}

const text = (value: unknown) => (value === null || value === undefined ? '' : String(value))

/** The three boxes of a GOV.UK date input from a 'YYYY-MM-DD' value. */
function dateBoxes(name: string, value: string | null | undefined): Record<string, string> {
  if (!value) return {}
  const [y, m, d] = value.split('-')
  return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y! }
}

/** Receive one uploaded file (multipart/form-data) into memory, within the size limit, once its CSRF token is checked. */
async function receiveFile(req: Request, res: Response): Promise<Express.Multer.File | undefined> {
  const parse = multer({ storage: multer.memoryStorage(), limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 20 } }).single('file')
  try {
    await receiveUpload(req, res, parse)
  } catch (error) {
    if (error instanceof multer.MulterError) {
      if (error.code === 'LIMIT_FILE_SIZE') throw new SpreadsheetError(`The selected file must be smaller than ${MAX_FILE_BYTES / 1024 / 1024}MB`)
      throw new SpreadsheetError('Select one file to upload')
    }
    throw error
  }
  return req.file
}

export function plansCapability({ services, deps }: CapabilityDeps): Capability {
  const plans: PlanService = services.plans
  const scoped = Router({ mergeParams: true })
  const base = (ctx: PartnershipContext) => `/partnerships/${ctx.partnership.id}`
  const planUrl = (ctx: PartnershipContext, planId: number) => `${base(ctx)}/plans/${planId}`
  const priorityUrl = (ctx: PartnershipContext, priorityId: number) => `${base(ctx)}/priorities/${priorityId}`
  const actionUrl = (ctx: PartnershipContext, actionId: number) => `${base(ctx)}/actions/${actionId}`
  const edits = (ctx: PartnershipContext) => requirePermission(ctx, 'edit_records')

  // --- Plans ------------------------------------------------------------------------------------

  scoped.get('/plans', async (req, res) => {
    const ctx = partnershipContext(req)
    const list = await plans.list(ctx)
    const current = await plans.current(ctx)
    res.render('plans/views/plans.njk', {
      plans: list.map(plan => ({ ...plan, yearLabel: planYearLabel(plan.planYear), period: periodLabel(plan.periodStartYear, plan.periodEndYear) })),
      current,
      ragDefinitions: await plans.ragDefinitions(ctx),
      labels,
    })
  })

  scoped.get('/plans/rag-definitions', async (req, res) => {
    const ctx = partnershipContext(req)
    edits(ctx)
    res.render('plans/views/rag-definitions.njk', { values: await plans.ragDefinitions(ctx) })
  })

  scoped.post('/plans/rag-definitions', async (req, res) => {
    const ctx = partnershipContext(req)
    edits(ctx)
    const form = parseForm(ragDefinitionsForm, req.body)
    const result = form.ok ? await attempt(() => plans.saveRagDefinitions(ctx, form.value)) : form
    if (!result.ok) return res.status(400).render('plans/views/rag-definitions.njk', { values: req.body, ...result })
    await req.flash('The RAG statuses’ wording has been saved')
    res.redirect(303, `${base(ctx)}/plans`)
  })

  scoped.get('/plans/import-template.xlsx', async (req, res) => {
    const ctx = partnershipContext(req)
    const directory = await plans.directory(ctx)
    res.attachment('action-plan-template.xlsx').type('xlsx').send(await templateXlsx(directory, ctx.partnership.name))
  })

  scoped.get('/plans/import-template.csv', async (req, res) => {
    const ctx = partnershipContext(req)
    await plans.directory(ctx)
    res.attachment('action-plan-template.csv').type('text/csv; charset=utf-8').send(templateCsv())
  })

  scoped.use(
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
        const { planYear, quarter } = quarterOf(ukDate(deps.clock.now()))
        const year = quarter === 4 ? planYear + 1 : planYear
        return { planYear: String(year), title: `Partnership Plan ${planYearLabel(year)}` }
      },
      save: (ctx, id, input) => plans.savePlan(ctx, id, input),
      remove: (ctx, id) => plans.deletePlan(ctx, id),
      after: (ctx, _req, saved) => (saved?.id ? planUrl(ctx, saved.id) : `${base(ctx)}/plans`),
      describe: row => row.title,
      deleteWarning: row =>
        `This deletes the plan with all its priorities, objectives, actions and quarterly updates.${row.status === 'agreed' ? ' The plan has been agreed: think twice.' : ''} The audit log keeps a record.`,
    }),
  )

  scoped.get('/plans/:planId', async (req, res) => {
    const ctx = partnershipContext(req)
    const planView = await plans.planView(ctx, idParam(req, 'planId'))
    res.render('plans/views/plan.njk', {
      ...planView,
      summary: plans.summariseView(planView),
      yearLabel: planYearLabel(planView.plan.planYear),
      period: periodLabel(planView.plan.periodStartYear, planView.plan.periodEndYear),
      ragDefinitions: await plans.ragDefinitions(ctx),
      importBlocker: allows(ctx, 'edit_records') ? await plans.importBlocker(ctx, planView.plan.id) : null,
      labels,
    })
  })

  scoped.get('/plans/:planId/status', async (req, res) => {
    const ctx = partnershipContext(req)
    edits(ctx)
    const plan = await plans.plan(ctx, idParam(req, 'planId'))
    res.render('plans/views/plan-status.njk', { plan, values: { status: plan.status, agreedBy: plan.agreedBy, ...dateBoxes('agreedOn', plan.agreedOn) }, labels })
  })

  scoped.post('/plans/:planId/status', async (req, res) => {
    const ctx = partnershipContext(req)
    edits(ctx)
    const plan = await plans.plan(ctx, idParam(req, 'planId'))
    const form = parseForm(planStatusForm, req.body)
    const result = form.ok ? await attempt(() => plans.setStatus(ctx, plan.id, form.value)) : form
    if (!result.ok) return res.status(400).render('plans/views/plan-status.njk', { plan, values: req.body, ...result, labels })
    await req.flash(`The plan is now ${PLAN_STATUS_LABELS[result.value.status].toLowerCase()}`)
    res.redirect(303, planUrl(ctx, plan.id))
  })

  scoped.get('/plans/:planId/actions', async (req, res) => {
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
    }
    const filtered = await plans.filteredView(ctx, planId, filter)
    res.render('plans/views/plan-actions.njk', {
      ...filtered,
      filter,
      isFiltered: Boolean(filter.organisationId || filter.groupId || filter.quarter || filter.rag || filter.dueOnly),
      yearLabel: planYearLabel(filtered.plan.planYear),
      options: {
        organisations: filtered.organisations.map(o => ({ value: o.id, text: o.name })),
        groups: filtered.groups.map(g => ({ value: g.id, text: g.name })),
        quarters: QUARTERS.map(n => ({ value: n, text: `Q${n}` })),
        rags: [...RAGS.map(r => ({ value: r, text: RAG_LABELS[r] })), { value: 'none', text: 'No status yet' }],
      },
      labels,
    })
  })

  scoped.get('/plans/:planId/export.xlsx', async (req, res) => {
    const ctx = partnershipContext(req)
    const { plan, headers, rows, sheets } = await plans.exportSheet(ctx, idParam(req, 'planId'))
    res.attachment(`${fileName(plan.title)}.xlsx`).type('xlsx').send(await planXlsx(rows, plan.title, headers, sheets))
  })

  scoped.get('/plans/:planId/export.csv', async (req, res) => {
    const ctx = partnershipContext(req)
    const { plan, headers, rows } = await plans.exportSheet(ctx, idParam(req, 'planId'))
    res.attachment(`${fileName(plan.title)}.csv`).type('text/csv; charset=utf-8').send(planCsv(rows, headers))
  })

  // Import: the file comes as multipart/form-data, with the CSRF token in the form's action.
  const importPage = async (ctx: PartnershipContext, planId: number, extra: Record<string, unknown> = {}) => ({
    plan: await plans.plan(ctx, planId),
    blocker: await plans.importBlocker(ctx, planId),
    columns: SHEET_COLUMNS,
    ...extra,
  })

  scoped.get('/plans/:planId/import', async (req, res) => {
    const ctx = partnershipContext(req)
    edits(ctx)
    res.render('plans/views/import.njk', await importPage(ctx, idParam(req, 'planId')))
  })

  scoped.post('/plans/:planId/import', async (req, res) => {
    const ctx = partnershipContext(req)
    edits(ctx)
    const planId = idParam(req, 'planId')
    const blocker = await plans.importBlocker(ctx, planId)
    if (blocker) throw new ConflictError(blocker)
    const fail = async (message: string, problems: unknown[] = []) =>
      res.status(400).render('plans/views/import.njk', await importPage(ctx, planId, { ...formErrors({ file: message }), problems }))
    let rows: string[][]
    let name: string
    try {
      const file = await receiveFile(req, res)
      if (!file) return fail('Select a spreadsheet file (XLSX or CSV)')
      name = file.originalname.replace(/[^\w .()-]/g, '_').slice(0, 100) || 'the spreadsheet'
      rows = await readSpreadsheetFile(file.buffer, file.originalname)
    } catch (error) {
      if (error instanceof SpreadsheetError) return fail(error.message)
      throw error
    }
    req.log.info({ planId, rows: rows.length, file: name }, 'Importing an action plan spreadsheet')
    const result = await plans.importSheet(ctx, planId, rows, name)
    if (!result.ok) {
      const n = result.problems.length
      return fail(`The file has ${n} ${n === 1 ? 'problem' : 'problems'}, listed below. Nothing has been imported: correct the file and upload it again`, result.problems)
    }
    const { counts } = result
    await req.flash(`Imported ${counts.priorities} priorities, ${counts.objectives} objectives, ${counts.actions} actions and ${counts.updates} updates from ${name}`)
    res.redirect(303, planUrl(ctx, planId))
  })

  scoped.get('/plans/:planId/refresh', async (req, res) => {
    const ctx = partnershipContext(req)
    const preview = await plans.refreshPreview(ctx, idParam(req, 'planId'))
    res.render('plans/views/refresh.njk', { ...preview, yearLabel: planYearLabel(preview.plan.planYear), nextYearLabel: planYearLabel(preview.next.planYear) })
  })

  scoped.post('/plans/:planId/refresh', async (req, res) => {
    const ctx = partnershipContext(req)
    const created = await plans.refresh(ctx, idParam(req, 'planId'))
    await req.flash(`Draft plan for ${planYearLabel(created.planYear)} created. Check it, then agree it.`)
    res.redirect(303, planUrl(ctx, created.id))
  })

  // --- Priorities -------------------------------------------------------------------------------

  scoped.use(
    crudPages({
      path: '/plans/:planId/priorities',
      noun: 'priority',
      view: 'plans/views/priority-form.njk',
      schema: priorityForm,
      guard: edits,
      load: async (ctx, id, req) => {
        const { priority, plan } = await plans.priority(ctx, id)
        if (plan.id !== idParam(req, 'planId')) throw new NotFoundError('Priority')
        return { ...priority, plan }
      },
      toValues: row => ({ ...row, subThemes: row.subThemes.join('\n') }),
      extra: async (ctx, req, record) => {
        const planView = await plans.planView(ctx, idParam(req, 'planId'))
        const count = planView.priorities.length + (record ? 0 : 1)
        const directory = await plans.directory(ctx)
        return {
          plan: planView.plan,
          groups: directory.groups.map(g => ({ value: g.id, text: g.name })),
          positions: Array.from({ length: count }, (_, i) => ({ value: i + 1, text: String(i + 1) })),
          defaultPosition: record ? record.position : count,
        }
      },
      save: (ctx, id, input, req) => plans.savePriority(ctx, idParam(req, 'planId'), id, input),
      remove: (ctx, id) => plans.deletePriority(ctx, id),
      after: (ctx, req, saved) => (saved?.id ? priorityUrl(ctx, saved.id) : planUrl(ctx, idParam(req, 'planId'))),
      describe: row => row.title,
      deleteWarning: () => 'This deletes the priority with its objectives, risks, actions and their quarterly updates.',
    }),
  )

  scoped.get('/priorities/:priorityId', async (req, res) => {
    const ctx = partnershipContext(req)
    const page = await plans.priorityView(ctx, idParam(req, 'priorityId'))
    res.render('plans/views/priority.njk', { ...page, yearLabel: planYearLabel(page.plan.planYear), labels })
  })

  const priorityOf = async (ctx: PartnershipContext, req: Request) => plans.priority(ctx, idParam(req, 'priorityId'))

  scoped.use(
    crudPages({
      path: '/priorities/:priorityId/objectives',
      noun: 'objective',
      view: 'plans/views/objective-form.njk',
      schema: objectiveForm,
      guard: edits,
      load: (ctx, id, req) => plans.objective(ctx, idParam(req, 'priorityId'), id),
      toValues: row => row,
      extra: priorityOf,
      save: (ctx, id, input, req) => plans.saveObjective(ctx, idParam(req, 'priorityId'), id, input),
      remove: (ctx, id, req) => plans.deleteObjective(ctx, idParam(req, 'priorityId'), id),
      after: (ctx, req) => priorityUrl(ctx, idParam(req, 'priorityId')),
      describe: row => row.title,
      deleteWarning: () => 'This deletes the objective with its actions and their quarterly updates.',
    }),
  )

  scoped.use(
    crudPages({
      path: '/priorities/:priorityId/risks',
      noun: 'risk',
      view: 'plans/views/risk-form.njk',
      schema: riskForm,
      guard: edits,
      load: (ctx, id, req) => plans.risk(ctx, idParam(req, 'priorityId'), id),
      toValues: row => row,
      extra: priorityOf,
      save: (ctx, id, input, req) => plans.saveRisk(ctx, idParam(req, 'priorityId'), id, input),
      remove: (ctx, id, req) => plans.deleteRisk(ctx, idParam(req, 'priorityId'), id),
      after: (ctx, req) => `${priorityUrl(ctx, idParam(req, 'priorityId'))}#risks`,
      describe: row => row.risk,
    }),
  )

  // --- Actions ----------------------------------------------------------------------------------

  scoped.use(
    crudPages({
      path: '/priorities/:priorityId/actions',
      noun: 'action',
      view: 'plans/views/action-form.njk',
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
        const { priority, plan } = await priorityOf(ctx, req)
        const page = await plans.priorityView(ctx, priority.id)
        const directory = await plans.directory(ctx)
        return {
          plan,
          priority,
          objectives: page.priority.objectives.map(o => ({ value: o.id, text: o.title })),
          organisations: directory.organisations.map(o => ({ value: String(o.id), text: o.name })),
          people: directory.people.map(p => ({ value: String(p.id), text: personLabel(directory, p, true) })),
          yearLabel: planYearLabel(plan.planYear),
          quarters: QUARTERS.map(q => ({ value: String(q), text: `Q${q}`, hint: quarterMonths(plan.planYear, q) })),
          statuses: ACTION_STATUSES.map(s => ({ value: s, text: ACTION_STATUS_LABELS[s] })),
        }
      },
      save: (ctx, id, input, req) => plans.saveAction(ctx, idParam(req, 'priorityId'), id, input),
      remove: (ctx, id) => plans.deleteAction(ctx, id),
      after: (ctx, req, saved) => (saved?.id ? actionUrl(ctx, saved.id) : priorityUrl(ctx, idParam(req, 'priorityId'))),
      describe: row => row.title,
      deleteWarning: () => 'This deletes the action with its quarterly updates.',
    }),
  )

  scoped.get('/actions/:actionId', async (req, res) => {
    const ctx = partnershipContext(req)
    const page = await plans.actionView(ctx, idParam(req, 'actionId'))
    res.render('plans/views/action.njk', {
      ...page,
      yearLabel: planYearLabel(page.plan.planYear),
      timescale: formatQuarters(page.action.quarters),
      ragDefinitions: await plans.ragDefinitions(ctx),
      labels,
    })
  })

  // --- Quarterly updates ------------------------------------------------------------------------

  async function updateFormPage(ctx: PartnershipContext, actionId: number, state: Record<string, unknown>) {
    const page = await plans.updatePage(ctx, actionId)
    return {
      ...page,
      yearLabel: planYearLabel(page.plan.planYear),
      quarterItems: page.openQuarters.map((q: Quarter) => ({ value: String(q), text: `Q${q}`, hint: quarterMonths(page.plan.planYear, q) })),
      ragItems: RAGS.map(r => ({ value: r, text: RAG_LABELS[r], hint: page.ragDefinitions[r] })),
      ...state,
    }
  }

  scoped.get('/actions/:actionId/updates/new', async (req, res) => {
    const ctx = partnershipContext(req)
    requirePermission(ctx, 'post_own_updates')
    const actionId = idParam(req, 'actionId')
    const page = await updateFormPage(ctx, actionId, {})
    if (page.plan.status !== 'agreed') throw new ConflictError(`Updates can be posted only on an agreed plan: “${page.plan.title}” is ${page.plan.status === 'draft' ? 'a draft' : 'archived'}.`)
    res.render('plans/views/update-form.njk', { ...page, isNew: true, values: { quarter: String(page.suggestedQuarter) } })
  })

  scoped.post('/actions/:actionId/updates/new', async (req, res) => {
    const ctx = partnershipContext(req)
    requirePermission(ctx, 'post_own_updates')
    const actionId = idParam(req, 'actionId')
    await plans.updatePage(ctx, actionId)
    const form = parseForm(updateForm, req.body)
    const result = form.ok ? await attempt(() => plans.postUpdate(ctx, actionId, form.value)) : form
    if (!result.ok) return res.status(400).render('plans/views/update-form.njk', await updateFormPage(ctx, actionId, { isNew: true, values: req.body, ...result }))
    await req.flash(`Your Q${result.value.quarter} update has been posted`)
    res.redirect(303, actionUrl(ctx, actionId))
  })

  scoped.get('/actions/:actionId/updates/:updateId/edit', async (req, res) => {
    const ctx = partnershipContext(req)
    const actionId = idParam(req, 'actionId')
    const update = await plans.update(ctx, actionId, idParam(req, 'updateId'))
    res.render('plans/views/update-form.njk', await updateFormPage(ctx, actionId, { isNew: false, update, values: { ...update, quarter: String(update.quarter) } }))
  })

  scoped.post('/actions/:actionId/updates/:updateId/edit', async (req, res) => {
    const ctx = partnershipContext(req)
    const actionId = idParam(req, 'actionId')
    const update = await plans.update(ctx, actionId, idParam(req, 'updateId'))
    const form = parseForm(updateForm, req.body)
    const result = form.ok ? await attempt(() => plans.editUpdate(ctx, actionId, update.id, form.value)) : form
    if (!result.ok) return res.status(400).render('plans/views/update-form.njk', await updateFormPage(ctx, actionId, { isNew: false, update, values: req.body, ...result }))
    await req.flash(`The Q${result.value.quarter} update has been changed`)
    res.redirect(303, actionUrl(ctx, actionId))
  })

  scoped.get('/actions/:actionId/updates/:updateId/delete', async (req, res) => {
    const ctx = partnershipContext(req)
    edits(ctx)
    const actionId = idParam(req, 'actionId')
    const update = await plans.update(ctx, actionId, idParam(req, 'updateId'))
    res.render('confirm-delete.njk', {
      pageTitle: 'Delete update',
      noun: 'update',
      name: `Q${update.quarter}: ${update.body.slice(0, 120)}${update.body.length > 120 ? '…' : ''}`,
      warning: 'The audit log keeps a record of the update.',
      cancelHref: actionUrl(ctx, actionId),
    })
  })

  scoped.post('/actions/:actionId/updates/:updateId/delete', async (req, res) => {
    const ctx = partnershipContext(req)
    const actionId = idParam(req, 'actionId')
    await plans.deleteUpdate(ctx, actionId, idParam(req, 'updateId'))
    await req.flash('Update deleted')
    res.redirect(303, actionUrl(ctx, actionId))
  })

  // --- My actions -------------------------------------------------------------------------------

  scoped.get('/my-actions', async (req, res) => {
    const ctx = partnershipContext(req)
    const mine = await plans.myActions(ctx)
    res.render('plans/views/my-actions.njk', { ...mine, labels, yearLabel: planYearLabel })
  })

  const api = planApi(services)
  return {
    name: 'plans',
    partnershipRoutes: scoped,
    uploadRoutes: ['/plans/:planId/import'],
    apiPartnershipRoutes: api.routes,
    openapi: api.openapi,
    navigation: [
      { text: 'Plans', path: '/plans', permission: 'view_published', order: 10 },
      { text: 'My actions', path: '/my-actions', permission: 'post_own_updates', order: 11 },
    ],
  }
}
