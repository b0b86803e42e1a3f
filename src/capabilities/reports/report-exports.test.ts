import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { aPartnership, aUser, contextFor } from '#test/helpers/builders'
import { page } from '#test/helpers/html'
import { binary } from '#test/helpers/read-documents'
import { createTestApp, type TestApp, type TestClient } from '#test/helpers/test-app'
import { periodsOfYear } from '../../core/calendar/index.ts'
import { draftAction, draftPriority } from '../plans/index.ts'
import type { PartnershipContext } from '../../core/access/partnership-context.ts'

/**
 * The Reports section's list of every spreadsheet download of a partnership (plans, indicators, funding), and
 * each download's safety: a cell a spreadsheet would run as a formula (=, +, -, @, a tab or a carriage return
 * at the start) goes out with an apostrophe in front. The records here are typed with such text on purpose.
 */
let t: TestApp
let ctx: PartnershipContext
let member: TestClient
let exportsPage: ReturnType<typeof page>
const ids = { plan: 0, indicator: 0 }

const HOSTILE = {
  priority: '=HYPERLINK("http://evil.example","Click")',
  action: '+cmd|" /C calc"!A0',
  outcome: '-2+3',
  update: '=IMPORTXML("http://evil.example")',
  author: '@evil()',
  indicator: '=1+1 robberies',
  statement: '-5% of =SUM(A1:A9)',
  note: '@SUM(A1:A9)',
  stream: '+PFCC grant',
  allocation: '=cmd()',
  spend: '\t=2+2',
  organisation: '=Evil Partners Ltd',
}

beforeAll(async () => {
  t = await createTestApp()
  const { partnership, organisation } = await aPartnership(t, { name: 'Formula Test Partnership' })
  ctx = contextFor(partnership, 'admin')
  member = await t.as(await aUser(t, { role: 'member', partnershipId: partnership.id }))

  // A plan, with a hostile priority, action, outcome, update and author.
  const { plan } = await t.services.plans.createFromDraft(
    ctx,
    { title: 'Partnership Plan 2021/22', planYear: 2021, periodStartYear: null, periodEndYear: null, vision: null, versionLabel: null, status: 'agreed', agreedOn: '2021-03-01', agreedBy: 'Steering group' },
    [
      draftPriority(HOSTILE.priority, {
        actions: [
          draftAction(HOSTILE.action, {
            outcomes: [HOSTILE.outcome],
            quarters: [1, 2, 3, 4],
            updates: [{ quarter: 1, body: HOSTILE.update, rag: 'red', authorLabel: HOSTILE.author, postedAt: new Date('2021-07-01T09:00:00Z') }],
          }),
        ],
      }),
    ],
    'test',
  )
  ids.plan = plan.id

  // An indicator with a hostile name, target statement and figure note.
  const indicator = await t.services.indicators.save(ctx, null, {
    name: HOSTILE.indicator,
    definition: null,
    source: 'Police crime data',
    unit: 'count',
    polarity: 'lower_is_better',
    frequency: 'annual',
    countedAs: 'offences',
    areaId: null,
    denominator: null,
    denominatorNote: null,
    priorityId: null,
    notes: null,
    sourceKind: 'manual',
    policeDefinition: null,
  })
  ids.indicator = indicator.id
  const baseline = await t.services.indicators.saveBaseline(ctx, indicator.id, null, { year: 2020, value: 23, note: null })
  await t.services.indicators.saveTarget(ctx, indicator.id, null, { year: 2021, kind: 'percent_change', changePercent: -5, absoluteValue: null, baselineId: baseline.id, statement: HOSTILE.statement })
  await t.services.indicators.saveActual(ctx, indicator.id, null, { period: periodsOfYear('annual', 2020)[0]!, value: 23, note: null })
  await t.services.indicators.saveActual(ctx, indicator.id, null, { period: periodsOfYear('annual', 2021)[0]!, value: 8, note: HOSTILE.note })

  // A funding year with a hostile stream, allocation and spend entry.
  await t.services.funding.createYear(ctx, { startYear: 2021, accountableOrganisationId: organisation.id, notes: null })
  await t.services.funding.saveStream(ctx, 2021, null, { name: HOSTILE.stream, funder: 'PFCC', amountPence: 1_233_700, status: 'confirmed', automaticPercent: 100, conditions: null, notes: null, nature: 'revenue', administeredForOthers: false, areaId: null, districtShares: [] })
  const allocation = await t.services.funding.saveAllocation(ctx, 2021, null, { purpose: HOSTILE.allocation, kind: 'other', amountPence: 500_000, expectedSpendPence: null, priorityId: null, projectId: null, notes: null, nature: 'revenue', administeredStreamId: null })
  await t.services.funding.saveSpend(ctx, 2021, null, { allocationId: allocation.id, spentOn: '2021-10-01', description: HOSTILE.spend, amountPence: 250_000, status: 'paid', payee: null, reference: null })

  // An organisation with a hostile name, for the import template's list of names.
  await t.services.partnerships.saveOrganisation(ctx, null, { name: HOSTILE.organisation, shortName: null, kind: 'community_partner', authorityType: null, website: null, notes: null })

  exportsPage = page((await member.get(`/partnerships/${partnership.id}/reports/exports`).expect(200)).text)
}, 60_000)
afterAll(() => t.close())

/** The downloads the page lists: [the row's name, the link's words, the address]. */
function listed(): [string, string, string][] {
  return exportsPage
    .$('table[data-qa^="exports-"] tbody tr')
    .map((_, row) => {
      const name = exportsPage.$(row).find('th').text().trim()
      return exportsPage
        .$(row)
        .find('a')
        .map((__, a) => [[name, exportsPage.$(a).contents().first().text().trim(), exportsPage.$(a).attr('href')!]])
        .get()
    })
    .get() as [string, string, string][]
}

/** A cell a spreadsheet would run: it starts with = + - @, a tab or a carriage return, and is not a plain number. */
const runnable = (text: string) => /^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text)

describe('the Reports section’s exports', () => {
  it('lists every spreadsheet download of the partnership: plans, performance tables, indicator figures and funding years', () => {
    const base = `/partnerships/${ctx.partnership.id}`
    expect(exportsPage.h1()).toBe('Exports')
    expect(listed()).toEqual([
      ['Partnership Plan 2021/22 (2021/22)', 'CSV', `${base}/plans/${ids.plan}/export.csv`],
      ['Partnership Plan 2021/22 (2021/22)', 'Excel (XLSX)', `${base}/plans/${ids.plan}/export.xlsx`],
      ['Performance table 2021/22', 'CSV', `${base}/indicators/performance.csv?year=2021`],
      ['Performance table 2021/22', 'Excel (XLSX)', `${base}/indicators/performance.xlsx?year=2021`],
      ['Performance table 2020/21', 'CSV', `${base}/indicators/performance.csv?year=2020`],
      ['Performance table 2020/21', 'Excel (XLSX)', `${base}/indicators/performance.xlsx?year=2020`],
      [`${HOSTILE.indicator}: figures`, 'CSV', `${base}/indicators/${ids.indicator}/actuals.csv`],
      ['Funding 2021/22', 'CSV', `${base}/funding/2021-22/export.csv`],
      ['Funding 2021/22', 'Excel (XLSX)', `${base}/funding/2021-22/export.xlsx`],
    ])
  })

  it('is linked from the Reports page', async () => {
    const reports = page((await member.get(`/partnerships/${ctx.partnership.id}/reports`).expect(200)).text)
    expect(reports.$('[data-qa="exports-link"]').attr('href')).toBe(`/partnerships/${ctx.partnership.id}/reports/exports`)
  })

  it('says so when the partnership has nothing to export yet', async () => {
    const { partnership } = await aPartnership(t)
    const someone = await t.as(await aUser(t, { role: 'member', partnershipId: partnership.id }))
    const empty = page((await someone.get(`/partnerships/${partnership.id}/reports/exports`).expect(200)).text)
    expect(empty.all('[data-qa$="-empty"]')).toEqual(['There are no plans yet.', 'There are no indicator figures or targets yet.', 'There are no funding years yet.'])
  })

  it('gives CSV files in which no cell would run as a formula, with the hostile text kept after an apostrophe', async () => {
    const csvLinks = listed().filter(([, format]) => format === 'CSV')
    expect(csvLinks).toHaveLength(5)
    const seen = new Set<string>()
    for (const [name, , href] of csvLinks) {
      const res = await member.get(href).expect(200)
      expect(res.headers['content-type'], href).toMatch(/^text\/csv/)
      expect(res.headers['content-disposition'], href).toMatch(/^attachment; filename=.+\.csv"?$/)
      const rows = parse(res.text.replace(/^\uFEFF/, ''), { relax_column_count: true }) as string[][]
      expect(rows.length, name).toBeGreaterThan(1)
      for (const cell of rows.flat()) {
        expect(runnable(cell), `${href}: ${cell}`).toBe(false)
        for (const text of Object.values(HOSTILE)) if (cell.includes(text)) seen.add(text)
      }
    }
    // The plan's current RAG column comes after the template's, as the plan page shows it, then the record IDs that bring an edited file back into the plan.
    const plan = parse((await member.get(csvLinks[0]![2]).expect(200)).text.replace(/^\uFEFF/, ''), { relax_column_count: true }) as string[][]
    expect(plan[0]!.slice(-2)).toEqual(['Current RAG', 'Record IDs (do not change)'])
    expect(plan[1]![plan[0]!.indexOf('Current RAG')]).toBe('Red')
    expect(plan[1]![plan[0]!.indexOf('Priority')]).toBe(`'${HOSTILE.priority}`)
    expect(plan[1]![plan[0]!.indexOf('Q1 update')]).toBe(`'${HOSTILE.update}`)
    // Every hostile text that a CSV holds was found in one (the update's author is in the XLSX only, the organisation in the template).
    expect([...seen].sort()).toEqual(Object.values(HOSTILE).filter(text => text !== HOSTILE.author && text !== HOSTILE.organisation).sort())
  })

  it('gives XLSX workbooks with no formulas, the hostile text kept as text after an apostrophe', async () => {
    const xlsxLinks = listed().filter(([, format]) => format === 'Excel (XLSX)')
    expect(xlsxLinks).toHaveLength(4)
    const sheets: Record<string, string[]> = {}
    for (const [, , href] of xlsxLinks) {
      const res = await member.get(href).buffer(true).parse(binary).expect(200)
      expect(res.headers['content-type'], href).toMatch(/spreadsheetml/)
      const workbook = new ExcelJS.Workbook()
      await workbook.xlsx.load(res.body as never)
      for (const sheet of workbook.worksheets) {
        sheets[`${href} ${sheet.name}`] = []
        sheet.eachRow(row =>
          row.eachCell(cell => {
            expect(cell.formula, `${href} ${sheet.name} ${cell.address}`).toBeUndefined()
            if (typeof cell.value === 'string') {
              expect(runnable(cell.value), `${href} ${sheet.name} ${cell.address}: ${cell.value}`).toBe(false)
              sheets[`${href} ${sheet.name}`]!.push(cell.value)
            }
          }),
        )
      }
    }
    const plan = Object.entries(sheets).filter(([key]) => key.includes('/plans/'))
    expect(plan.map(([key]) => key.split(' ').slice(1).join(' '))).toEqual(['Action plan', 'How to fill it in', 'Names you can use', 'Priorities', 'Updates'])
    const updates = plan.find(([key]) => key.endsWith('Updates'))![1]
    expect(updates).toEqual(expect.arrayContaining([`'${HOSTILE.update}`, `'${HOSTILE.author}`, 'Red', '2021-07-01']))
  })

  it('neutralises the plan import templates too (the Excel one lists the partnership’s names)', async () => {
    const coordinator = await t.as(await aUser(t, { role: 'coordinator', partnershipId: ctx.partnership.id }))
    const base = `/partnerships/${ctx.partnership.id}/plans`
    const csv = await coordinator.get(`${base}/import-template.csv`).expect(200)
    expect((parse(csv.text.replace(/^\uFEFF/, '')) as string[][]).flat().some(runnable)).toBe(false)
    const xlsx = await coordinator.get(`${base}/import-template.xlsx`).buffer(true).parse(binary).expect(200)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(xlsx.body as never)
    const names: unknown[] = []
    workbook.getWorksheet('Names you can use')!.eachRow(row => row.eachCell(cell => names.push(cell.value)))
    expect(names).toContain(`'${HOSTILE.organisation}`)
    expect(names.some(value => typeof value === 'string' && runnable(value))).toBe(false)
  })
})
