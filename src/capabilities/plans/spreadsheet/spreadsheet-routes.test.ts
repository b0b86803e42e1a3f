import ExcelJS from 'exceljs'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { aPartnership, aUser, contextFor } from '#test/helpers/builders'
import { page } from '#test/helpers/html'
import { aPartnershipWithPlan as planFixture, csvOf, download, sessionOf as sessionFor, upload as uploadAs } from '#test/helpers/plans'
import { createTestApp, type TestApp } from '#test/helpers/test-app'

import { columnLetter, sheetHeaders } from './domain/sheet-columns.ts'
import { readSpreadsheetFile } from './spreadsheet-files.ts'

/** The test clock says 25 November 2026: Q3 of the 2026/27 plan year. */
let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

const aPartnershipWithPlan = (options?: Parameters<typeof planFixture>[1]) => planFixture(t, options)
const sessionOf = (user: { id: number }) => sessionFor(t, user)
const upload = (user: { id: number }, url: string, content: Buffer | string, fileName: string, session?: { cookie: string; csrfToken: string }, fields?: Record<string, string>) =>
  uploadAs(t, user, url, content, fileName, session, fields)

const problemRows = (html: string) => {
  const p = page(html)
  return p.$('[data-qa=import-problem]').map((_, row) => p.$(row).find('td').map((_i, td) => p.$(td).text().trim()).get().join(' | ')).get()
}
const previewLines = (html: string, qa: string) => page(html).all(`[data-qa="${qa}-line"] td:nth-child(2)`)

/** Upload a file, see the preview, and confirm it as the preview shows it (its form's fields); returns the pages on the way. */
async function importFile(user: { id: number }, url: string, file: Buffer | string, name: string, fields: Record<string, string> = {}) {
  const session = await sessionOf(user)
  const preview = await upload(user, url, file, name, session, fields)
  if (preview.status !== 200) throw new Error(`upload → ${preview.status}: ${problemRows(preview.text).join('\n')}`)
  const form = page(preview.text).$('form[action$="/confirm"]')
  const sent = Object.fromEntries(form.find('input[type=hidden]').map((_, input) => [[page(preview.text).$(input).attr('name')!, String(page(preview.text).$(input).val())]]).get() as [string, string][])
  const confirm = () => request(t.app).post(`${url}/confirm`).set('Cookie', session.cookie).type('form').send({ ...sent, _csrf: session.csrfToken })
  return { session, preview, confirm }
}

async function emptyPlan() {
  const structure = await aPartnership(t)
  const coordinator = await aUser(t, { role: 'coordinator', partnershipId: structure.partnership.id })
  const ctx = contextFor(structure.partnership, 'coordinator')
  const plan = await t.services.plans.savePlan(ctx, null, { title: 'Imported plan 2016/17', planYear: 2016, periodStartYear: null, periodEndYear: null, vision: null, versionLabel: null })
  return { ...structure, coordinator, plan, url: `/partnerships/${structure.partnership.id}/plans/${plan.id}/import` }
}

describe('importing an action plan', () => {
  it('lists every problem by row and column, and saves nothing', async () => {
    const { coordinator, plan, url, organisation, partnership } = await emptyPlan()
    const csv = csvOf([
      { Priority: 'Safeguarding', Action: 'J9 scheme', 'Lead organisations': 'Essex Polise', 'Timescale (quarters)': 'Q1-4' },
      { Priority: 'Safeguarding', Action: 'Sanctuary', 'Lead organisations': organisation.name, 'Q1 RAG': 'Purple', 'Q1 update': 'Done' },
      { Priority: 'ASB', Action: 'Taxi marshals', 'Due date': 'next spring', District: 'Atlantis' },
    ])
    const res = await upload(coordinator, url, csv, 'plan.csv')
    expect(res.status).toBe(400)
    expect(page(res.text).errorSummary()).toEqual([{ text: 'The file has 4 problems, listed below. Nothing has been saved: correct the file and upload it again', href: '#file' }])
    expect(problemRows(res.text)).toEqual([
      '2 | Lead organisations (column M) | There is no organisation called “Essex Polise” in the partnership. Add it under Partner organisations first, or check the spelling',
      '3 | Q1 RAG (column X) | Q1 RAG must be Red, Amber or Green (not “Purple”)',
      '4 | Due date (column R) | Enter the due date as a real date, like 31/03/2017 (not “next spring”)',
      '4 | District (column V) | There is no district called “Atlantis” in the partnership: write one of its districts, or leave it empty for the whole partnership',
    ])
    expect(await t.db.selectFrom('priorities').select('id').where('planId', '=', plan.id).execute()).toEqual([])
    expect(await t.db.selectFrom('actions').select('id').where('partnershipId', '=', partnership.id).execute()).toEqual([])
  })

  it('shows what a valid XLSX file will add, and saves it all only when confirmed, each record audited', async () => {
    const { coordinator, plan, url, partnership, organisation, person, group, district } = await emptyPlan()
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('Action plan')
    sheet.addRow(sheetHeaders())
    const row = (cells: Record<string, string | Date>) => sheet.addRow(sheetHeaders().map(h => cells[h] ?? null))
    row({ 'Strategic objective (above the priority)': 'Keep people safe', Priority: 'Safeguarding', 'Delivering group': group.name, Action: 'J9 scheme', 'Lead organisations': organisation.name, 'Lead people': person.name, 'Due date': new Date(Date.UTC(2016, 9, 31)), District: district.name, 'Q1 update': 'Booked', 'Q1 RAG': 'G' })
    row({ 'Strategic objective (above the priority)': 'Keep people safe', Priority: 'Safeguarding', 'Strategic objective': 'Protect the elderly', Action: 'Road shows\nin Rochford', 'Outcomes and measures': '80% more safety aware' })
    row({ 'Strategic objective (above the priority)': 'Reduce reoffending' })
    const { preview, confirm, session } = await importFile(coordinator, url, Buffer.from(await workbook.xlsx.writeBuffer()), 'Action plan 2016.xlsx')
    expect(page(preview.text).h1()).toBe('Check the changes before they are saved')
    expect(previewLines(preview.text, 'added')).toEqual([
      'Strategic objective “Keep people safe”',
      'Strategic objective “Reduce reoffending”',
      'Priority “Safeguarding”',
      'Objective “Protect the elderly” under “Safeguarding”',
      'Action “J9 scheme” under “Safeguarding”',
      'Action “Road shows in Rochford” under “Safeguarding”',
    ])
    expect(previewLines(preview.text, 'updates')).toEqual(['Q1 update of “J9 scheme” (Green): Booked'])
    expect(await t.db.selectFrom('actions').select('id').where('partnershipId', '=', partnership.id).execute()).toEqual([])

    const done = await confirm()
    expect(done.status).toBe(303)
    const overview = page((await request(t.app).get(String(done.headers.location)).set('Cookie', session.cookie)).text)
    expect(overview.banner()).toBe('Imported Action plan 2016.xlsx: 6 added, 0 changed, 0 removed and 1 update posted')
    expect(overview.all('[data-qa="strategic-objective"] > h3')).toEqual(['Strategic objective 1: Keep people safe', 'Strategic objective 2: Reduce reoffending'])
    expect(overview.all('[data-qa="no-local-priority"]')).toEqual(['No local priority of its own.'])
    const actions = await t.db.selectFrom('actions').selectAll().where('partnershipId', '=', partnership.id).orderBy('position').execute()
    expect(actions.map(a => [a.title, a.dueDate, a.districtAreaId])).toEqual([
      ['J9 scheme', '2016-10-31', district.id],
      ['Road shows\nin Rochford', null, null],
    ])
    const audit = await t.db.selectFrom('auditEvents').select(['action', 'entityType']).where('partnershipId', '=', partnership.id).orderBy('id').execute()
    expect(audit.filter(a => a.entityType === 'action').map(a => a.action)).toEqual(['create', 'create'])
    expect(audit.at(-1)).toEqual({ action: 'import', entityType: 'plan' })
    // Sent twice (a double click, the back button): the plan has changed since the preview, so nothing is saved again.
    const again = await confirm()
    expect(again.status).toBe(409)
    expect(page(again.text).text('.govuk-inset-text')).toBe('The file changes nothing: the plan already holds everything in it.')
    expect(await t.db.selectFrom('actions').select('id').where('partnershipId', '=', partnership.id).execute()).toHaveLength(2)
    expect(plan.id).toBeGreaterThan(0)
  })

  it('says what is wrong with a file that is not a spreadsheet', async () => {
    const { coordinator, url } = await emptyPlan()
    const old = await upload(coordinator, url, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'plan.xls')
    expect(page(old.text).errorSummary()[0]?.text).toBe('The selected file is an old Excel (.xls) file: save it as an Excel Workbook (.xlsx) or CSV, then upload that')
    const none = await (await t.as(coordinator)).post(url, {})
    expect(none.status).toBe(400)
    expect(page(none.text).errorSummary()).toEqual([{ text: 'Select a spreadsheet file (XLSX or CSV)', href: '#file' }])
  })

  it('is refused to a lead, before the file is read', async () => {
    const { partnership, url } = await emptyPlan()
    const lead = await aUser(t, { role: 'lead', partnershipId: partnership.id })
    expect((await upload(lead, url, csvOf([{ Priority: 'ASB', Action: 'x' }]), 'plan.csv')).status).toBe(403)
  })
})

describe('the Excel round trip: export, edit, import back into the same plan', () => {
  it('lists what is added and changed, saves it when confirmed, and exports the plan as changed', async () => {
    const source = await aPartnershipWithPlan()
    const coordinator = await aUser(t, { role: 'coordinator', partnershipId: source.partnership.id })
    const client = await t.as(coordinator)
    const base = `/partnerships/${source.partnership.id}/plans/${source.plan.id}`
    const exported = await download(client, `${base}/export.xlsx`)
    expect(exported.headers['content-disposition']).toBe('attachment; filename=partnership-plan-2026-27.xlsx')

    // Unchanged, the export changes nothing.
    const unchanged = await importFile(coordinator, `${base}/import`, exported.body, 'unchanged.xlsx')
    expect(page(unchanged.preview.text).text('.govuk-inset-text')).toBe('The file changes nothing: the plan already holds everything in it.')

    // Edited in Excel: a title, a new action, a Q3 update.
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(exported.body as unknown as ArrayBuffer)
    const sheet = workbook.getWorksheet('Action plan')!
    const headers = (sheet.getRow(1).values as string[]).slice(1)
    const col = (header: string) => headers.indexOf(header) + 1
    expect(sheet.getColumn(col('Record IDs (do not change)')).hidden).toBe(true)
    const rowOf = (title: string) => sheet.getRows(2, sheet.rowCount - 1)!.find(r => r.getCell(col('Action')).value === title)!
    rowOf('Taxi marshals').getCell(col('Action')).value = 'Taxi marshals in Rayleigh'
    rowOf('Family event').getCell(col('Q3 update')).value = 'Held on 4 November'
    rowOf('Family event').getCell(col('Q3 RAG')).value = 'Green'
    const added = sheet.addRow([])
    added.getCell(col('Priority')).value = 'Anti-social behaviour'
    added.getCell(col('Action')).value = 'Street Pastors in Hockley'
    const edited = Buffer.from(await workbook.xlsx.writeBuffer())

    const { preview, confirm } = await importFile(coordinator, `${base}/import`, edited, 'edited.xlsx')
    expect(previewLines(preview.text, 'added')).toEqual(['Action “Street Pastors in Hockley” under “Anti-social behaviour”'])
    expect(previewLines(preview.text, 'changed')).toEqual(['Action “Taxi marshals in Rayleigh”: Action'])
    expect(previewLines(preview.text, 'updates')).toEqual(['Q3 update of “Family event” (Green): Held on 4 November'])
    expect((await confirm()).status).toBe(303)

    const again = await readSpreadsheetFile((await download(client, `${base}/export.xlsx`)).body, 'again.xlsx')
    const action = again[0]!.indexOf('Action')
    expect(again.slice(1).map(r => r[action])).toEqual(['Family event', 'Re-introduce the J9 scheme', 'Taxi marshals in Rayleigh', 'Street Pastors', 'Street Pastors in Hockley'])
    const update = await t.db.selectFrom('actionUpdates').selectAll().where('actionId', '=', source.byTitle('Family event').id).where('quarter', '=', 3).executeTakeFirstOrThrow()
    expect(update).toMatchObject({ body: 'Held on 4 November', rag: 'green', authorUserId: coordinator.id })
    expect(update.authorLabel).toMatch(/imported from edited\.xlsx$/)
    const audit = await t.db.selectFrom('auditEvents').select(['action', 'entityType', 'summary']).where('partnershipId', '=', source.partnership.id).where('actorUserId', '=', coordinator.id).execute()
    expect(audit.map(a => `${a.action} ${a.entityType}`).sort()).toEqual(['create action', 'create action update', 'import plan', 'update action'])
  })

  it('removes what the file leaves out only when asked', async () => {
    const source = await aPartnershipWithPlan()
    const coordinator = await aUser(t, { role: 'coordinator', partnershipId: source.partnership.id })
    const base = `/partnerships/${source.partnership.id}/plans/${source.plan.id}`
    const csv = (await (await t.as(coordinator)).get(`${base}/export.csv`)).text
    const withoutStreetPastors = csv
      .split('\r\n')
      .filter(line => !line.includes('Street Pastors'))
      .join('\r\n')
    const kept = await importFile(coordinator, `${base}/import`, withoutStreetPastors, 'plan.csv')
    expect(page(kept.preview.text).all('[data-qa="kept"] li')).toEqual(['1 action is not in the file: kept'])
    const removed = await importFile(coordinator, `${base}/import`, withoutStreetPastors, 'plan.csv', { removeMissing: 'yes' })
    expect(previewLines(removed.preview.text, 'removed')).toEqual(['Action “Street Pastors” under “Anti-social behaviour”, with its updates'])
    expect((await removed.confirm()).status).toBe(303)
    expect(await t.db.selectFrom('actions').select('id').where('id', '=', source.byTitle('Street Pastors').id).execute()).toEqual([])
  })

  it('saves nothing when the plan changed after the preview, and shows the changes again', async () => {
    const source = await aPartnershipWithPlan()
    const coordinator = await aUser(t, { role: 'coordinator', partnershipId: source.partnership.id })
    const base = `/partnerships/${source.partnership.id}/plans/${source.plan.id}`
    const csv = (await (await t.as(coordinator)).get(`${base}/export.csv`)).text.replace('Taxi marshals', 'Taxi marshals everywhere')
    const { confirm } = await importFile(coordinator, `${base}/import`, csv, 'plan.csv')
    const ctx = contextFor(source.partnership, 'coordinator')
    const taxi = await t.services.plans.action(ctx, source.byTitle('Taxi marshals').id)
    await t.services.plans.saveAction(ctx, taxi.priority.id, taxi.action.id, {
      ...taxi.action,
      title: 'Taxi marshals at night',
      outcomes: [],
      quarters: [],
    } as never)
    const stale = await confirm()
    expect(stale.status).toBe(409)
    expect(page(stale.text).text('[data-qa="changed-since"]')).toContain('nothing has been saved')
    expect((await t.db.selectFrom('actions').select('title').where('id', '=', source.byTitle('Taxi marshals').id).executeTakeFirstOrThrow()).title).toBe('Taxi marshals at night')
  })
})

describe('drop-down lists in the template and the export', () => {
  it('offer RAG, status, groups, districts, organisations and people from a sheet of names', async () => {
    const source = await aPartnershipWithPlan()
    const coordinator = await aUser(t, { role: 'coordinator', partnershipId: source.partnership.id })
    const client = await t.as(coordinator)
    for (const url of [`/partnerships/${source.partnership.id}/plans/import-template.xlsx`, `/partnerships/${source.partnership.id}/plans/${source.plan.id}/export.xlsx`]) {
      const workbook = new ExcelJS.Workbook()
      await workbook.xlsx.load((await download(client, url)).body as unknown as ArrayBuffer)
      const sheet = workbook.getWorksheet('Action plan')!
      const headers = (sheet.getRow(1).values as string[]).slice(1)
      const validation = (header: string) => sheet.getCell(3, headers.indexOf(header) + 1).dataValidation
      const names = workbook.getWorksheet('Names you can use')!
      const listOf = (formula: string) => {
        const [, letter, last] = /\$([A-Z])\$2:\$[A-Z]\$(\d+)$/.exec(formula)!
        return Array.from({ length: Number(last) - 1 }, (_, i) => String(names.getCell(`${letter}${i + 2}`).value))
      }
      for (const [header, expected, style] of [
        ['Q1 RAG', ['Red', 'Amber', 'Green'], 'stop'],
        ['Q4 RAG', ['Red', 'Amber', 'Green'], 'stop'],
        ['Status', ['Open', 'Complete', 'Cancelled'], 'stop'],
        ['Delivering group', [source.group.name], 'stop'],
        ['District', [source.district.name], 'stop'],
        ['Lead organisations', [source.organisation.name], 'warning'],
        ['Supporting partners', [source.organisation.name], 'warning'],
        ['Lead people', [source.person.name, 'Licensing Officer'].sort(), 'warning'],
      ] as const) {
        const v = validation(header)
        expect(v?.type, `${header} in ${url}`).toBe('list')
        expect(v!.errorStyle ?? 'stop').toBe(style)
        expect(listOf(v!.formulae![0] as string)).toEqual(expected)
      }
    }
  })
})

describe('leads’ quarterly updates returned as the plan’s spreadsheet', () => {
  it('posts the updates of the actions a lead leads as theirs, and refuses the others by row and column', async () => {
    const source = await aPartnershipWithPlan()
    const lead = await aUser(t, { role: 'lead', partnershipId: source.partnership.id, personId: source.person.id })
    const client = await t.as(lead)
    const base = `/partnerships/${source.partnership.id}/plans/${source.plan.id}`
    const myActions = page((await client.get(`/partnerships/${source.partnership.id}/my-actions`).expect(200)).text)
    expect(myActions.$('[data-qa="updates-by-spreadsheet"] a').attr('href')).toBe(`${base}/updates-import`)

    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load((await download(client, `${base}/export.xlsx`)).body as unknown as ArrayBuffer)
    const sheet = workbook.getWorksheet('Action plan')!
    const headers = (sheet.getRow(1).values as string[]).slice(1)
    const col = (header: string) => headers.indexOf(header) + 1
    const rowOf = (title: string) => sheet.getRows(2, sheet.rowCount - 1)!.find(r => r.getCell(col('Action')).value === title)!
    rowOf('Re-introduce the J9 scheme').getCell(col('Q3 update')).value = 'Twelve partners trained'
    rowOf('Re-introduce the J9 scheme').getCell(col('Q3 RAG')).value = 'Amber'
    rowOf('Family event').getCell(col('Q3 update')).value = 'Written by someone who does not lead it'
    const refused = await upload(lead, `${base}/updates-import`, Buffer.from(await workbook.xlsx.writeBuffer()), 'my updates.xlsx')
    expect(refused.status).toBe(400)
    const familyRow = rowOf('Family event').number
    expect(problemRows(refused.text)).toEqual([`${familyRow} | Q3 update (column ${columnLetter(col('Q3 update') - 1)}) | You do not lead “Family event”, so you cannot post its Q3 update: leave it as it was`])

    rowOf('Family event').getCell(col('Q3 update')).value = null
    const { preview, confirm } = await importFile(lead, `${base}/updates-import`, Buffer.from(await workbook.xlsx.writeBuffer()), 'my updates.xlsx')
    expect(page(preview.text).h1()).toBe('Check your updates before they are posted')
    expect(previewLines(preview.text, 'updates')).toEqual(['Q3 update of “Re-introduce the J9 scheme” (Amber): Twelve partners trained'])
    expect((await confirm()).status).toBe(303)
    const posted = await t.db.selectFrom('actionUpdates').selectAll().where('actionId', '=', source.byTitle('Re-introduce the J9 scheme').id).where('quarter', '=', 3).executeTakeFirstOrThrow()
    expect(posted).toMatchObject({ body: 'Twelve partners trained', rag: 'amber', authorUserId: lead.id })
    const audit = await t.db.selectFrom('auditEvents').select(['actorUserId', 'entityType', 'action']).where('partnershipId', '=', source.partnership.id).where('entityType', '=', 'action update').where('action', '=', 'create').where('entityId', '=', String(posted.id)).executeTakeFirstOrThrow()
    expect(audit.actorUserId).toBe(lead.id)
  })

  it('is refused to a member, who leads nothing', async () => {
    const source = await aPartnershipWithPlan()
    const member = await aUser(t, { role: 'member', partnershipId: source.partnership.id })
    expect((await (await t.as(member)).get(`/partnerships/${source.partnership.id}/plans/${source.plan.id}/updates-import`)).status).toBe(403)
  })
})
