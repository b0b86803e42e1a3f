import { Router } from 'express'

import { fileName } from '../../../shared/spreadsheet.ts'
import { formErrors, parseForm } from '../../../web/form.ts'
import { idParam, partnershipContext } from '../../../web/request.ts'
import { receiveSpreadsheetUpload } from '../../../web/upload.ts'
import { requirePermission, type PartnershipContext } from '../../../core/access/partnership-context.ts'
import type { PlanLifecycleService } from '../plan-lifecycle-service.ts'
import { planPaths } from '../plan-paths.ts'

import { sheetHeaders } from './domain/sheet-columns.ts'
import { planWorkbook } from './plan-workbook.ts'
import type { ImportKind, ImportPreview, SheetImportFile } from './sheet-import-service.ts'
import { importConfirmForm } from './spreadsheet-forms.ts'
import { MAX_FILE_BYTES, planCsv, readSpreadsheetFile, SpreadsheetError } from './spreadsheet-files.ts'
import type { SpreadsheetService } from './spreadsheet-service.ts'

/** The pages of each kind of import: a coordinator's into the plan, a lead's quarterly updates. */
const PAGES: Record<ImportKind, { upload: string; preview: string; permission: 'edit_records' | 'post_own_updates' }> = {
  plan: { upload: 'plans/spreadsheet/views/import.njk', preview: 'plans/spreadsheet/views/import-preview.njk', permission: 'edit_records' },
  updates: { upload: 'plans/spreadsheet/views/updates-import.njk', preview: 'plans/spreadsheet/views/import-preview.njk', permission: 'post_own_updates' },
}

/**
 * The action plan as a spreadsheet: the empty template, a plan's export, and the imports into an existing
 * plan — a coordinator's changes to the plan, and a lead's quarterly updates — each read, shown, then
 * confirmed.
 */
export function spreadsheetRoutes(plans: SpreadsheetService & Pick<PlanLifecycleService, 'plan'>): Router {
  const routes = Router({ mergeParams: true })
  const paths = (ctx: PartnershipContext) => planPaths(ctx.partnership.id)

  routes.get('/plans/import-template.xlsx', async (req, res) => {
    const ctx = partnershipContext(req)
    const { columns, directory } = await plans.templateData(ctx)
    const body = await planWorkbook({ title: 'Action plan template', columns, headers: sheetHeaders(columns), rows: [], directory, partnershipName: ctx.partnership.name })
    res.attachment('action-plan-template.xlsx').type('xlsx').send(body)
  })

  routes.get('/plans/import-template.csv', async (req, res) => {
    const { columns } = await plans.templateData(partnershipContext(req))
    res.attachment('action-plan-template.csv').type('text/csv; charset=utf-8').send(planCsv([], sheetHeaders(columns)))
  })

  routes.get('/plans/:planId/export.xlsx', async (req, res) => {
    const ctx = partnershipContext(req)
    const { plan, columns, headers, rows, sheets, directory } = await plans.exportSheet(ctx, idParam(req, 'planId'))
    const body = await planWorkbook({ title: plan.title, columns, headers, rows, directory, partnershipName: ctx.partnership.name, sheets })
    res.attachment(`${fileName(plan.title)}.xlsx`).type('xlsx').send(body)
  })

  routes.get('/plans/:planId/export.csv', async (req, res) => {
    const ctx = partnershipContext(req)
    const { plan, headers, rows } = await plans.exportSheet(ctx, idParam(req, 'planId'))
    res.attachment(`${fileName(plan.title)}.csv`).type('text/csv; charset=utf-8').send(planCsv(rows, headers))
  })

  for (const kind of ['plan', 'updates'] as const) {
    const base = kind === 'plan' ? '/plans/:planId/import' : '/plans/:planId/updates-import'
    const pages = PAGES[kind]
    const uploadPath = (ctx: PartnershipContext, planId: number) => (kind === 'plan' ? paths(ctx).plan(planId).import : paths(ctx).plan(planId).updatesImport)
    const confirmPath = (ctx: PartnershipContext, planId: number) => (kind === 'plan' ? paths(ctx).plan(planId).importConfirm : paths(ctx).plan(planId).updatesImportConfirm)

    const uploadPage = async (ctx: PartnershipContext, planId: number, extra: Record<string, unknown> = {}) => ({
      plan: await plans.plan(ctx, planId),
      blocker: kind === 'plan' ? await plans.importBlocker(ctx, planId) : null,
      columns: (await plans.templateData(ctx)).columns,
      values: {},
      ...extra,
    })
    /** The preview carries the rows it was made from to the confirmation, where they are checked again. */
    const previewPage = async (ctx: PartnershipContext, planId: number, file: SheetImportFile, preview: Extract<ImportPreview, { ok: true }>, extra: Record<string, unknown> = {}) => ({
      plan: await plans.plan(ctx, planId),
      kind,
      ...preview,
      rows: JSON.stringify(file.rows),
      action: confirmPath(ctx, planId),
      uploadHref: uploadPath(ctx, planId),
      ...extra,
    })
    const problemsPage = async (ctx: PartnershipContext, planId: number, problems: unknown[]) =>
      uploadPage(ctx, planId, { ...formErrors({ file: 'The plan has changed since the file was read, and the file no longer fits it: correct the file and upload it again' }), problems })

    routes.get(base, async (req, res) => {
      const ctx = partnershipContext(req)
      requirePermission(ctx, pages.permission)
      res.render(pages.upload, await uploadPage(ctx, idParam(req, 'planId')))
    })

    // The file comes as multipart/form-data; its CSRF token is checked from the parsed form (receiveSpreadsheetUpload).
    routes.post(base, async (req, res) => {
      const ctx = partnershipContext(req)
      requirePermission(ctx, pages.permission)
      const planId = idParam(req, 'planId')
      await plans.plan(ctx, planId)
      const fail = async (message: string, problems: unknown[] = [], values: Record<string, unknown> = {}) =>
        res.status(400).render(pages.upload, await uploadPage(ctx, planId, { ...formErrors({ file: message }), problems, values }))
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
      req.log.info({ planId, rows: rows.length, file: name, kind }, 'Reading an action plan spreadsheet for its preview')
      const file: SheetImportFile = { rows, fileName: name, removeMissing: (req.body as Record<string, unknown> | undefined)?.removeMissing === 'yes' }
      const result = await plans.previewImport(ctx, planId, kind, file)
      if (!result.ok) {
        const n = result.problems.length
        return fail(`The file has ${n} ${n === 1 ? 'problem' : 'problems'}, listed below. Nothing has been saved: correct the file and upload it again`, result.problems, { removeMissing: file.removeMissing })
      }
      res.render(pages.preview, await previewPage(ctx, planId, file, result))
    })

    routes.post(`${base}/confirm`, async (req, res) => {
      const ctx = partnershipContext(req)
      requirePermission(ctx, pages.permission)
      const planId = idParam(req, 'planId')
      await plans.plan(ctx, planId)
      const form = parseForm(importConfirmForm, req.body)
      if (!form.ok) return res.status(400).render(pages.upload, await uploadPage(ctx, planId, formErrors({ file: 'Upload the file again' })))
      const { fingerprint, ...file } = form.value
      req.log.info({ planId, rows: file.rows.length, file: file.fileName, kind }, 'Importing an action plan spreadsheet')
      const result = await plans.confirmImport(ctx, planId, kind, file, fingerprint)
      if (!result.ok) {
        if (!result.preview.ok) return res.status(409).render(pages.upload, await problemsPage(ctx, planId, result.preview.problems))
        return res.status(409).render(pages.preview, await previewPage(ctx, planId, file, result.preview, { changedSince: true }))
      }
      const { applied } = result
      await req.flash(
        kind === 'plan'
          ? `Imported ${result.fileName}: ${applied.added} added, ${applied.changed} changed, ${applied.removed} removed and ${applied.updates} ${applied.updates === 1 ? 'update' : 'updates'} posted`
          : `${applied.updates} quarterly ${applied.updates === 1 ? 'update' : 'updates'} posted from ${result.fileName}`,
      )
      res.redirect(303, kind === 'plan' ? paths(ctx).plan(planId).show : paths(ctx).myActions)
    })
  }

  return routes
}
