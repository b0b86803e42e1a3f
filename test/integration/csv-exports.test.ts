import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { loadDemoData } from '../../src/demo/index.ts'
import type { PartnershipContext } from '../../src/core/access/partnership-context.ts'
import { binary } from '../helpers/read-documents.ts'
import { loadGeography, loadPoliceMonths } from '../helpers/police-data.ts'
import { listRoutes } from '../helpers/routes.ts'
import { createTestApp, type TestApp, type TestClient } from '../helpers/test-app.ts'

/**
 * Every CSV download, read back with a standard CSV reader (csv-parse, RFC 4180): it must find exactly one
 * record per row the download holds — a cell with line breaks (an update of several lines, a note) is one
 * field, not several records. The row counts come from elsewhere: the Excel twin of the same download, or
 * the records themselves. A CSV route without a case here fails the first test, so a new export is covered.
 */
let t: TestApp
let coordinator: TestClient
let siteAdmin: TestClient
/** Both demo partnerships: each case runs over every one of them. */
const partnerships: { partnershipId: number; ctx: PartnershipContext }[] = []

/**
 * Records as a standard reader sees them: outside quotes, any line break (CRLF, LF or CR) ends a record, as
 * Python's csv module and spreadsheet programs read it. Blank lines (between a table and its notes) are skipped.
 */
const records = (text: string) => parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, record_delimiter: ['\r\n', '\n', '\r'] }) as string[][]

async function fetchText(url: string, client = coordinator): Promise<string> {
  const response = await client.get(url).buffer(true).parse(binary).expect(200)
  expect(String(response.headers['content-type'])).toMatch(/^text\/csv/)
  return (response.body as Buffer).toString('utf8')
}

/** The non-empty rows of the first sheet of an XLSX download. */
async function xlsxRows(url: string): Promise<number> {
  const response = await coordinator.get(url).buffer(true).parse(binary).expect(200)
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(response.body as unknown as ArrayBuffer)
  return nonEmptyRows(workbook.worksheets[0]!)
}

function nonEmptyRows(sheet: ExcelJS.Worksheet): number {
  let count = 0
  sheet.eachRow(row => {
    if ((row.values as unknown[]).some(value => value !== null && value !== undefined && value !== '')) count++
  })
  return count
}

type Case = { url: string; expected: () => Promise<number>; multiline?: boolean; asSiteAdmin?: boolean }

/** Each CSV route's downloads in the demo, and where the number of rows each should hold comes from. */
const CASES: Record<string, (p: (typeof partnerships)[number]) => Promise<Case[]>> = {
  'GET /partnerships/:partnershipId/plans/:planId/export.csv': async ({ partnershipId, ctx }) =>
    (await t.services.plans.list(ctx)).map(plan => {
      const url = `/partnerships/${partnershipId}/plans/${plan.id}/export.csv`
      return { url, expected: () => xlsxRows(url.replace('.csv', '.xlsx')), multiline: true }
    }),
  'GET /partnerships/:partnershipId/plans/import-template.csv': async ({ partnershipId }) => {
    const url = `/partnerships/${partnershipId}/plans/import-template.csv`
    return [{ url, expected: () => xlsxRows(url.replace('.csv', '.xlsx')) }]
  },
  // The blank template (for those who give access) holds its header row only; the lists that help fill it in
  // are in the Excel twin.
  'GET /partnerships/:partnershipId/team/import-template.csv': async ({ partnershipId }) => [
    { url: `/partnerships/${partnershipId}/team/import-template.csv`, expected: async () => 1, asSiteAdmin: true },
  ],
  // The ASB case review figures the law asks for: a header and the year's one row, for any year.
  'GET /partnerships/:partnershipId/asb-case-reviews/figures/:year/download.csv': async ({ partnershipId }) =>
    [2021, 2025].map(year => ({ url: `/partnerships/${partnershipId}/asb-case-reviews/figures/${year}/download.csv`, expected: async () => 2 })),
  'GET /partnerships/:partnershipId/indicators/performance.csv': async ({ partnershipId, ctx }) =>
    (await t.services.indicators.performance(ctx)).years.map(year => {
      const url = `/partnerships/${partnershipId}/indicators/performance.csv?year=${year}`
      return { url, expected: () => xlsxRows(url.replace('.csv', '.xlsx')) }
    }),
  'GET /partnerships/:partnershipId/indicators/:indicatorId/actuals.csv': async ({ partnershipId, ctx }) =>
    (await t.services.indicators.performance(ctx)).reports
      .filter(report => report.actuals.length > 0)
      .map(report => ({ url: `/partnerships/${partnershipId}/indicators/${report.indicator.id}/actuals.csv`, expected: async () => 1 + report.actuals.length })),
  'GET /partnerships/:partnershipId/funding/:year/export.csv': async ({ partnershipId, ctx }) =>
    Promise.all(
      (await t.services.funding.overview(ctx)).years.map(async year => {
        const { ledger } = await t.services.funding.exportYear(ctx, year.startYear)
        return { url: `/partnerships/${partnershipId}/funding/${year.slug}/export.csv`, expected: async () => 1 + ledger.rows.length + (ledger.notes?.length ?? 0) }
      }),
    ),
  'GET /partnerships/:partnershipId/strategic-assessment/download.csv': async ({ partnershipId, ctx }) => {
    const { tables } = await t.services.policeData.downloadTables(ctx, 'partnership', { from: '2025-01', to: '2025-01' })
    return tables.map(table => {
      const url = `/partnerships/${partnershipId}/strategic-assessment/download.csv?table=${table.key}&area=partnership&from=2025-01&to=2025-01`
      return { url, expected: () => xlsxSheetFor(url) }
    })
  },
  'GET /partnerships/:partnershipId/police-data/imports/:id/skipped.csv': async ({ partnershipId }) => {
    const job = await t.db
      .insertInto('policeImportJobs')
      .values({
        partnershipId,
        status: 'succeeded',
        files: JSON.stringify([{ name: '2025-01-essex-street.csv', size: 10 }]),
        totalBytes: 10,
        outcome: JSON.stringify([
          {
            name: '2025-01-essex-street.csv',
            status: 'imported',
            force: 'essex',
            month: '2025-01',
            rows: 1,
            skipped: 2,
            skippedRows: [
              { file: '2025-01-essex-street.csv', line: 4, column: 'Month', message: 'Month must be YYYY-MM', row: ['x', 'Jan\n2025', 'Essex, "Police"'] },
              { file: '2025-01-essex-street.csv', line: 9, column: 'Crime type', message: 'Unknown crime type', row: ['y', '2025-01', 'Shoplifting\r\nand more'] },
            ],
          },
        ]),
        message: 'imported',
        createdByLabel: 'test',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return [{ url: `/partnerships/${partnershipId}/police-data/imports/${job.id}/skipped.csv`, expected: async () => 3, multiline: true, asSiteAdmin: true }]
  },
}

beforeAll(async () => {
  t = await createTestApp()
  await loadGeography(t)
  await loadPoliceMonths(t, ['2025-01'])
  await loadDemoData(t.deps, t.services, { onlyIfEmpty: false })
  const user = await t.db.selectFrom('users').select('id').where('email', '=', 'coordinator@csp-hub.example').executeTakeFirstOrThrow()
  coordinator = await t.as(user)
  siteAdmin = await t.as(await t.db.selectFrom('users').select('id').where('email', '=', 'site-admin@csp-hub.example').executeTakeFirstOrThrow())
  for (const row of await t.db.selectFrom('partnerships').select(['id']).orderBy('id').execute()) {
    const ctx = await t.services.partnerships.contextFor({ userId: user.id, isSiteAdmin: false, roles: new Map([[row.id, 'coordinator']]) }, row.id, { userId: user.id, label: 'test' })
    partnerships.push({ partnershipId: row.id, ctx })
  }
}, 180_000)
afterAll(() => t?.close())

describe('every CSV download read back with a standard CSV reader', () => {
  it('has a case for every CSV route of the app', () => {
    const csvRoutes = listRoutes(t.app)
      .filter(route => route.method === 'GET' && route.path.endsWith('.csv'))
      .map(route => `${route.method} ${route.path}`)
    expect(csvRoutes.sort()).toEqual(Object.keys(CASES).sort())
  })

  for (const route of Object.keys(CASES)) {
    it(`gives one record per row: ${route}`, async () => {
      const cases = (await Promise.all(partnerships.map(p => CASES[route]!(p)))).flat()
      expect(cases.length, 'at least one download of this kind in the demo').toBeGreaterThan(0)
      let sawLineBreak = false
      for (const item of cases) {
        const read = records(await fetchText(item.url, item.asSiteAdmin ? siteAdmin : coordinator))
        expect(read.length, `${item.url}: records read`).toBe(await item.expected())
        // Every record has the header's fields, apart from the notes under the table (one field each).
        const width = read[0]!.length
        for (const record of read) expect([width, 1], `${item.url}: fields of ${JSON.stringify(record)}`).toContain(record.length)
        if (read.some(record => record.some(field => /[\r\n]/.test(field)))) sawLineBreak = true
      }
      // Where the records hold text of several lines, at least one such field was read back whole.
      if (cases.some(item => item.multiline)) expect(sawLineBreak, 'a field holding a line break, read back whole').toBe(true)
    })
  }
})

/** The rows of one table's sheet in the police data workbook: the sheet whose header row is the CSV's. */
async function xlsxSheetFor(csvUrl: string): Promise<number> {
  const response = await coordinator.get(csvUrl.replace('download.csv', 'download.xlsx')).buffer(true).parse(binary).expect(200)
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(response.body as unknown as ArrayBuffer)
  const header = records(await fetchText(csvUrl))[0]
  const sheet = workbook.worksheets.find(s => JSON.stringify((s.getRow(1).values as unknown[]).slice(1).map(String)) === JSON.stringify(header))
  expect(sheet, `a sheet of the workbook with the header ${JSON.stringify(header)}`).toBeDefined()
  return nonEmptyRows(sheet!)
}
