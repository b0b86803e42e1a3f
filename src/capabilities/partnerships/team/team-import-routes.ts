import { Router } from 'express'

import { readSpreadsheetRows, SpreadsheetFileError } from '../../../shared/spreadsheet-file.ts'
import { fileName, toCsv, toXlsx, type Table } from '../../../shared/spreadsheet.ts'
import { formErrors, parseForm } from '../../../web/form.ts'
import { partnershipContext } from '../../../web/request.ts'
import { receiveSpreadsheetUpload } from '../../../web/upload.ts'
import { ROLE_LABELS } from '../../../core/access/roles.ts'
import { requirePermission, type PartnershipContext } from '../../../core/access/partnership-context.ts'
import type { PartnershipService } from '../partnership-service.ts'

import { TEAM_SHEET_COLUMNS } from './domain/team-sheet.ts'
import { importConfirmForm } from './team-forms.ts'
import { showUndelivered, teamUrl } from './team-routes.ts'
import type { TeamService } from './team-service.ts'

const VIEWS = 'partnerships/team/views'
const MAX_FILE_BYTES = 2 * 1024 * 1024
const SHEET_NAME = 'People'

/**
 * Giving access from a spreadsheet: upload (XLSX or CSV), a preview of what will happen, then the change
 * in one transaction and the invitations. The preview carries the rows to the confirmation, where they are
 * checked again.
 */
export function teamImportRoutes({ team, partnerships }: { team: TeamService; partnerships: PartnershipService }): Router {
  const scoped = Router({ mergeParams: true })
  const admins = (ctx: PartnershipContext) => requirePermission(ctx, 'manage_partnership')
  const importPage = (ctx: PartnershipContext, extra: Record<string, unknown> = {}) => ({
    columns: TEAM_SHEET_COLUMNS,
    base: teamUrl(ctx),
    ...extra,
  })

  scoped.get('/team/import', (req, res) => {
    const ctx = partnershipContext(req)
    admins(ctx)
    res.render(`${VIEWS}/import.njk`, importPage(ctx))
  })

  scoped.post('/team/import', async (req, res) => {
    const ctx = partnershipContext(req)
    admins(ctx)
    const fail = (message: string, problems: unknown[] = []) => res.status(400).render(`${VIEWS}/import.njk`, importPage(ctx, { ...formErrors({ file: message }), problems }))
    let rows: string[][]
    let name: string
    try {
      const file = await receiveSpreadsheetUpload(req, res, MAX_FILE_BYTES)
      if (!file) return fail('Select a spreadsheet file (XLSX or CSV)')
      name = file.originalname.replace(/[^\w .()-]/g, '_').slice(0, 100) || 'the spreadsheet'
      rows = await readSpreadsheetRows(file.buffer, file.originalname, { sheetName: SHEET_NAME })
    } catch (error) {
      if (error instanceof SpreadsheetFileError) return fail(error.message)
      throw error
    }
    const preview = await team.previewImport(ctx, rows)
    if (!preview.ok) {
      const n = preview.problems.length
      return fail(`The file has ${n} ${n === 1 ? 'problem' : 'problems'}, listed below. Nobody has been given access: correct the file and upload it again`, preview.problems)
    }
    res.render(`${VIEWS}/import-preview.njk`, { entries: preview.entries, rows: JSON.stringify(rows), fileName: name, roleLabels: ROLE_LABELS, base: teamUrl(ctx), values: {} })
  })

  scoped.post('/team/import/confirm', async (req, res) => {
    const ctx = partnershipContext(req)
    admins(ctx)
    const form = parseForm(importConfirmForm, req.body)
    if (!form.ok) return res.status(400).render(`${VIEWS}/import.njk`, importPage(ctx, formErrors({ file: 'Upload the file again' })))
    const result = await team.importTeam(ctx, form.value.rows, form.value.message)
    if (!result.ok) {
      const n = result.problems.length
      return res.status(400).render(`${VIEWS}/import.njk`, importPage(ctx, { ...formErrors({ file: `The file has ${n} ${n === 1 ? 'problem' : 'problems'} now, listed below. Nobody has been given access: correct the file and upload it again` }), problems: result.problems }))
    }
    const undelivered = result.results.flatMap(r => (r.delivery.sent ? [] : [{ email: r.user.email, name: r.user.name, delivery: r.delivery }]))
    const n = result.results.length
    if (undelivered.length) return showUndelivered(res, ctx, undelivered)
    await req.flash(`${n} ${n === 1 ? 'person has' : 'people have'} been given access and sent an invitation`)
    res.redirect(303, teamUrl(ctx))
  })

  async function templateTables(ctx: PartnershipContext): Promise<Table[]> {
    const { organisations, people } = await partnerships.structure(ctx)
    const free = people.filter(p => p.userId === null)
    const longest = Math.max(organisations.length, free.length)
    return [
      { name: SHEET_NAME, headers: TEAM_SHEET_COLUMNS.map(c => c.header), rows: [] },
      { name: 'How to fill it in', headers: ['Column', 'What to write'], rows: TEAM_SHEET_COLUMNS.map(c => [c.header + (c.required ? ' (required)' : ''), c.description]) },
      {
        name: 'Names you can use',
        headers: ['Organisations', 'Person records with no account'],
        rows: Array.from({ length: longest }, (_, i) => [organisations[i]?.name ?? '', free[i]?.name ?? '']),
        notes: [`The organisations and person records of ${ctx.partnership.name} on the day the template was downloaded.`],
      },
    ]
  }

  scoped.get('/team/import-template.xlsx', async (req, res) => {
    const ctx = partnershipContext(req)
    admins(ctx)
    const buffer = await toXlsx(await templateTables(ctx), { title: 'Give access: template' })
    res.attachment(`${fileName(ctx.partnership.shortName ?? ctx.partnership.name, 'give-access-template')}.xlsx`).type('xlsx').send(buffer)
  })

  scoped.get('/team/import-template.csv', (req, res) => {
    const ctx = partnershipContext(req)
    admins(ctx)
    res.attachment(`${fileName(ctx.partnership.shortName ?? ctx.partnership.name, 'give-access-template')}.csv`).type('csv').send(toCsv({ name: SHEET_NAME, headers: TEAM_SHEET_COLUMNS.map(c => c.header), rows: [] }))
  })

  return scoped
}
