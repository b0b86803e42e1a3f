import { Router } from 'express'

import { ConflictError } from '../../../shared/errors.ts'
import { fileName } from '../../../shared/spreadsheet.ts'
import { formErrors } from '../../../web/form.ts'
import { idParam, partnershipContext } from '../../../web/request.ts'
import { receiveSpreadsheetUpload } from '../../../web/upload.ts'
import { requirePermission, type PartnershipContext } from '../../../core/access/partnership-context.ts'
import type { PlanLifecycleService } from '../plan-lifecycle-service.ts'
import { planPathsOf } from '../plan-paths.ts'

import { SHEET_COLUMNS } from './domain/sheet-columns.ts'
import { MAX_FILE_BYTES, planCsv, planXlsx, readSpreadsheetFile, SpreadsheetError, templateCsv, templateXlsx } from './spreadsheet-files.ts'
import type { SpreadsheetService } from './spreadsheet-service.ts'

/** The action plan as a spreadsheet: the empty template, a plan's export, and the import into an empty draft plan. */
export function spreadsheetRoutes(plans: SpreadsheetService & Pick<PlanLifecycleService, 'plan' | 'directory'>): Router {
  const routes = Router({ mergeParams: true })

  routes.get('/plans/import-template.xlsx', async (req, res) => {
    const ctx = partnershipContext(req)
    const directory = await plans.directory(ctx)
    res.attachment('action-plan-template.xlsx').type('xlsx').send(await templateXlsx(directory, ctx.partnership.name))
  })

  routes.get('/plans/import-template.csv', async (req, res) => {
    const ctx = partnershipContext(req)
    await plans.directory(ctx)
    res.attachment('action-plan-template.csv').type('text/csv; charset=utf-8').send(templateCsv())
  })

  routes.get('/plans/:planId/export.xlsx', async (req, res) => {
    const ctx = partnershipContext(req)
    const { plan, headers, rows, sheets } = await plans.exportSheet(ctx, idParam(req, 'planId'))
    res.attachment(`${fileName(plan.title)}.xlsx`).type('xlsx').send(await planXlsx(rows, plan.title, headers, sheets))
  })

  routes.get('/plans/:planId/export.csv', async (req, res) => {
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

  routes.get('/plans/:planId/import', async (req, res) => {
    const ctx = partnershipContext(req)
    requirePermission(ctx, 'edit_records')
    res.render('plans/spreadsheet/views/import.njk', await importPage(ctx, idParam(req, 'planId')))
  })

  routes.post('/plans/:planId/import', async (req, res) => {
    const ctx = partnershipContext(req)
    requirePermission(ctx, 'edit_records')
    const planId = idParam(req, 'planId')
    const blocker = await plans.importBlocker(ctx, planId)
    if (blocker) throw new ConflictError(blocker)
    const fail = async (message: string, problems: unknown[] = []) =>
      res.status(400).render('plans/spreadsheet/views/import.njk', await importPage(ctx, planId, { ...formErrors({ file: message }), problems }))
    let rows: string[][]
    let name: string
    try {
      const file = await receiveSpreadsheetUpload(req, res, MAX_FILE_BYTES)
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
    res.redirect(303, planPathsOf(req).plan(planId).show)
  })

  return routes
}
