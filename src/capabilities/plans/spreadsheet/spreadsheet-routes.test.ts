import ExcelJS from 'exceljs'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { aPartnership, aUser, contextFor } from '#test/helpers/builders'
import { page } from '#test/helpers/html'
import { aPartnershipWithPlan as planFixture, csvOf, sessionOf as sessionFor, upload as uploadAs } from '#test/helpers/plans'
import { createTestApp, type TestApp } from '#test/helpers/test-app'

import { readSpreadsheetFile } from './spreadsheet-files.ts'
import { sheetHeaders } from './domain/sheet-columns.ts'

/** The test clock says 25 November 2026: Q3 of the 2026/27 plan year. */
let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

const aPartnershipWithPlan = (options?: Parameters<typeof planFixture>[1]) => planFixture(t, options)
const sessionOf = (user: { id: number }) => sessionFor(t, user)
const upload = (user: { id: number }, url: string, content: Buffer | string, fileName: string, session?: { cookie: string; csrfToken: string }) =>
  uploadAs(t, user, url, content, fileName, session)

describe('importing an action plan', () => {
  async function emptyPlan() {
    const structure = await aPartnership(t)
    const coordinator = await aUser(t, { role: 'coordinator', partnershipId: structure.partnership.id })
    const ctx = contextFor(structure.partnership, 'coordinator')
    const plan = await t.services.plans.savePlan(ctx, null, { title: 'Imported plan 2016/17', planYear: 2016, periodStartYear: null, periodEndYear: null, vision: null, versionLabel: null })
    return { ...structure, coordinator, plan, url: `/partnerships/${structure.partnership.id}/plans/${plan.id}/import` }
  }

  it('lists every problem by row and column, and imports nothing', async () => {
    const { coordinator, plan, url, organisation, partnership } = await emptyPlan()
    const csv = csvOf([
      { Priority: 'Safeguarding', Action: 'J9 scheme', 'Lead organisations': 'Essex Polise', 'Timescale (quarters)': 'Q1-4' },
      { Priority: 'Safeguarding', Action: 'Sanctuary', 'Lead organisations': organisation.name, 'Q1 RAG': 'Purple', 'Q1 update': 'Done' },
      { Priority: 'ASB', Action: 'Taxi marshals', 'Due date': 'next spring' },
    ])
    const res = await upload(coordinator, url, csv, 'plan.csv')
    expect(res.status).toBe(400)
    const p = page(res.text)
    expect(p.errorSummary()).toEqual([{ text: 'The file has 3 problems, listed below. Nothing has been imported: correct the file and upload it again', href: '#file' }])
    // Format and names are checked in one pass, so every problem shows at once, in the file's order.
    expect(p.$('[data-qa=import-problem]').map((_, row) => p.$(row).find('td').map((_i, td) => p.$(td).text().trim()).get().join(' | ')).get()).toEqual([
      '2 | Lead organisations (column L) | There is no organisation called “Essex Polise” in the partnership. Add it under Partner organisations first, or check the spelling',
      '3 | Q1 RAG (column V) | Q1 RAG must be Red, Amber or Green (not “Purple”)',
      '4 | Due date (column Q) | Enter the due date as a real date, like 31/03/2017 (not “next spring”)',
    ])
    expect(await t.db.selectFrom('priorities').select('id').where('planId', '=', plan.id).execute()).toEqual([])
    expect(await t.db.selectFrom('actions').select('id').where('partnershipId', '=', partnership.id).execute()).toEqual([])
  })

  it('imports a valid XLSX file in one go, and records the import', async () => {
    const { coordinator, plan, url, partnership, organisation, person, group } = await emptyPlan()
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('Action plan')
    sheet.addRow(sheetHeaders())
    const row = (cells: Record<string, string | Date>) => sheet.addRow(sheetHeaders().map(h => cells[h] ?? null))
    row({ Priority: 'Safeguarding', 'Delivering group': group.name, Action: 'J9 scheme', 'Lead organisations': organisation.name, 'Lead people': person.name, 'Due date': new Date(Date.UTC(2016, 9, 31)), 'Q1 update': 'Booked', 'Q1 RAG': 'G' })
    row({ Priority: 'Safeguarding', 'Strategic objective': 'Protect the elderly', Action: 'Road shows\nin Rochford', 'Outcomes and measures': '80% more safety aware' })
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer())
    const session = await sessionOf(coordinator)
    const res = await upload(coordinator, url, buffer, 'Action plan 2016.xlsx', session)
    expect(res.status).toBe(303)
    const overview = page((await request(t.app).get(String(res.headers.location)).set('Cookie', session.cookie)).text)
    expect(overview.banner()).toBe('Imported 1 priorities, 1 objectives, 2 actions and 1 updates from Action plan 2016.xlsx')
    const actions = await t.db.selectFrom('actions').selectAll().where('partnershipId', '=', partnership.id).orderBy('position').execute()
    expect(actions.map(a => [a.title, a.dueDate])).toEqual([
      ['J9 scheme', '2016-10-31'],
      ['Road shows\nin Rochford', null],
    ])
    const audit = await t.db.selectFrom('auditEvents').selectAll().where('partnershipId', '=', partnership.id).where('action', '=', 'import').executeTakeFirstOrThrow()
    expect(audit.summary).toBe('Imported 1 priorities, 1 objectives, 2 actions and 1 updates from Action plan 2016.xlsx')
    // A plan with priorities takes no second import.
    expect((await upload(coordinator, url, buffer, 'again.xlsx')).status).toBe(409)
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

describe('export and import round-trip exactly', () => {
  it('exports a plan that imports into an empty plan and exports the same again, as XLSX and CSV', async () => {
    const source = await aPartnershipWithPlan()
    const coordinator = await aUser(t, { role: 'coordinator', partnershipId: source.partnership.id })
    const client = await t.as(coordinator)
    const base = `/partnerships/${source.partnership.id}`
    const xlsx = await client.get(`${base}/plans/${source.plan.id}/export.xlsx`).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => cb(null, Buffer.concat(chunks)))
    })
    expect(xlsx.headers['content-disposition']).toBe('attachment; filename=partnership-plan-2026-27.xlsx')
    const csv = await client.get(`${base}/plans/${source.plan.id}/export.csv`)
    expect(csv.text.startsWith('\uFEFFPriority,Sub-themes,')).toBe(true)

    for (const [file, name, status] of [
      [xlsx.body as Buffer, 'plan.xlsx', 'draft'],
      [Buffer.from(csv.text, 'utf8'), 'plan.csv', 'draft'],
    ] as const) {
      const ctx = contextFor(source.partnership, 'coordinator')
      const target = await t.services.plans.savePlan(ctx, null, { title: `Copy from ${name}`, planYear: name.endsWith('xlsx') ? 2030 : 2031, periodStartYear: null, periodEndYear: null, vision: null, versionLabel: null })
      expect(target.status).toBe(status)
      const res = await upload(coordinator, `${base}/plans/${target.id}/import`, file, name)
      expect(res.status).toBe(303)
      const again = await client.get(`${base}/plans/${target.id}/export.csv`)
      expect(again.text).toBe(csv.text)
    }
    // The XLSX reads back to the same rows as the CSV.
    const rows = await readSpreadsheetFile(xlsx.body as Buffer, 'plan.xlsx')
    const csvRows = await readSpreadsheetFile(Buffer.from(csv.text, 'utf8'), 'plan.csv')
    expect(rows).toEqual(csvRows)
  })
})
