import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { aPartnership, usersOfEachRole, type RoleSet } from '#test/helpers/builders'
import { page } from '#test/helpers/html'
import { createTestApp, type TestApp, type TestClient } from '#test/helpers/test-app'
import { reportSources } from '../reports/index.ts'

/**
 * Indicator tables as real plans print them, entered through the forms, a CSV file and the API: rates as
 * rates (per 1,000 or per 100,000, as the rate or a count over its denominator) and several labelled
 * baselines, one of them the one RAG is judged against; targets of every kind through the import and API.
 */
let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

interface World {
  partnershipId: number
  users: RoleSet
  coordinator: TestClient
  base: string
}

async function aWorld(): Promise<World> {
  const { partnership } = await aPartnership(t, { isPublished: true })
  const users = await usersOfEachRole(t, partnership.id)
  return { partnershipId: partnership.id, users, coordinator: await t.as(users.coordinator), base: `/partnerships/${partnership.id}/indicators` }
}

/** A rate per 1,000 households, made through the form. */
async function aRateIndicator(w: World, form: Record<string, string> = {}) {
  const res = await w.coordinator.post(`${w.base}/new`, {
    name: `Burglary rate ${Math.random().toString(36).slice(2, 7)}`,
    unit: 'rate_per_1000',
    rateOf: 'households',
    polarity: 'lower_is_better',
    frequency: 'annual',
    countedAs: 'burglaries',
    ...form,
  })
  expect(res.status, res.text).toBe(303)
  const id = Number(/\/indicators\/(\d+)$/.exec(res.headers.location!)![1])
  return { id, url: `${w.base}/${id}` }
}

describe('rates and labelled baselines through the forms', () => {
  it('takes a rate as printed or a count over its denominator, labels baselines, and judges RAG against the marked one', async () => {
    const w = await aWorld()
    const { url } = await aRateIndicator(w)
    await w.coordinator.post(`${url}/baselines/new`, { year: '2023/24', label: 'Local', value: '12.40', judged: 'yes' }).expect(303)
    await w.coordinator.post(`${url}/baselines/new`, { year: '2023/24', label: 'National', count: '980', denominator: '65,000' }).expect(303)
    await w.coordinator.post(`${url}/actuals/new`, { period: '2024/25', count: '770', denominator: '65,000' }).expect(303)
    // No baseline named: the target is measured from the one RAG is judged against (Local, 12.40).
    await w.coordinator.post(`${url}/targets/new`, { year: '2024/25', kind: 'percent_change', changeDirection: 'reduce', changePercent: '5' }).expect(303)

    const p = page((await w.coordinator.get(url).expect(200)).text)
    expect(p.all('[data-qa="baselines"] tbody th')).toEqual(['Local 2023/24 RAG is judged against it', 'National 2023/24'])
    expect(p.all('[data-qa="baselines"] tbody td.govuk-table__cell--numeric')).toEqual(['12.40 per 1,000', '15.08 per 1,000 980 over 65,000 households'])
    expect(p.all('[data-qa="actuals"] tbody td.govuk-table__cell--numeric')).toEqual(['11.85 per 1,000 770 over 65,000 households'])
    expect(p.all('[data-qa="target-value"]')).toEqual(['11.78 per 1,000'])
    expect(p.text('[data-qa="targets"]')).toContain('Local 2023/24')
    expect(p.text('main')).toContain('Rate per 1,000 households')

    const table = page((await w.coordinator.get(`${w.base}?year=2024/25`).expect(200)).text)
    const row = table.text('[data-qa="performance-row"]')
    expect(row).toContain('12.40 per 1,000 Local 2023/24')
    expect(row).toContain('11.85 per 1,000')
    const csv = (await w.coordinator.get(`${w.base}/performance.csv?year=2024`).expect(200)).text
    expect(csv).toContain('Local 2023/24')
    expect(csv).toContain('11.85')

    // The reports read the same rows through the indicators' public surface: the rate in words, the baseline by its label.
    const ctx = await t.services.partnerships.contextFor(
      { userId: w.users.coordinator.id, isSiteAdmin: false, roles: new Map([[w.partnershipId, 'coordinator']]) },
      w.partnershipId,
      { userId: null, label: 'test' },
    )
    const section = await reportSources({ indicators: t.services.indicators, funding: t.services.funding }).performance!(ctx, 2024)
    expect(section!.rows.map(r => [r.baselineText, r.targetText, r.currentText])).toEqual([['12.40 per 1,000 (Local 2023/24)', '11.78 per 1,000', '11.85 per 1,000']])

    // Marking National for RAG unmarks Local.
    const national = await t.db.selectFrom('indicatorBaselines').select('id').where('partnershipId', '=', w.partnershipId).where('label', '=', 'National').executeTakeFirstOrThrow()
    const edit = page((await w.coordinator.get(`${url}/baselines/${national.id}/edit`).expect(200)).text)
    expect([edit.fieldValue('value'), edit.fieldValue('count'), edit.fieldValue('denominator'), edit.fieldValue('label')]).toEqual(['', '980', '65000', 'National'])
    await w.coordinator.post(`${url}/baselines/${national.id}/edit`, { year: '2023/24', label: 'National', count: '980', denominator: '65000', judged: 'yes' }).expect(303)
    const judged = await t.db.selectFrom('indicatorBaselines').select(['label', 'judged']).where('partnershipId', '=', w.partnershipId).orderBy('label').execute()
    expect(judged).toEqual([{ label: 'Local', judged: false }, { label: 'National', judged: true }])
    expect(page((await w.coordinator.get(url).expect(200)).text).all('[data-qa="target-value"]')).toEqual(['14.33 per 1,000'])
  })

  it('says what is missing, field by field', async () => {
    const w = await aWorld()
    const noNoun = await w.coordinator.post(`${w.base}/new`, { name: 'Rate', unit: 'rate_per_100000', polarity: 'lower_is_better', frequency: 'annual' })
    expect(page(noNoun.text).errorSummary()).toEqual([{ text: 'Enter what the rate is per, like households or residents', href: '#rateOf' }])
    const { url } = await aRateIndicator(w)
    const res = await w.coordinator.post(`${url}/baselines/new`, { year: '2023/24', count: '980' })
    expect(res.status).toBe(400)
    expect(page(res.text).errorSummary()).toEqual([{ text: 'Enter the denominator the count is over, like 65,000, to work out the rate per 1,000', href: '#denominator' }])
    const wrong = await w.coordinator.post(`${url}/actuals/new`, { period: '2024/25', value: '15', count: '980', denominator: '65000' })
    expect(page(wrong.text).errorSummary()).toEqual([
      { text: 'The figure of 15.00 is not the rate the count and denominator give (15.08 per 1,000): leave it empty, or correct it', href: '#value' },
    ])
    await w.coordinator.post(`${url}/baselines/new`, { year: '2023/24', value: '12.4' }).expect(303)
    const twice = await w.coordinator.post(`${url}/baselines/new`, { year: '2023/24', value: '12.5' })
    expect(page(twice.text).errorSummary()[0]!.text).toBe('There is already a baseline for 2023/24: give it a different label, like Local or National')
  })
})

describe('a plan table through the CSV import', () => {
  const TABLE = [
    'record,period,label,value,count,denominator,judged,kind,change,per year,printed,baseline',
    'baseline,2022/23,Local,,980,"65,000",yes,,,,,',
    'baseline,2022/23,National,12.40,,,,,,,,',
    'target,2023/24,,,,,,percent,-5,yes,14.33,Local 2022/23',
    'target,2024/25,,,,,,percent,-5,yes,13.70,Local 2022/23',
    'target,2025/26,,,,,,TBA,,,,',
    'target,2026/27,,11,,,,absolute,,,,National 2022/23',
    'actual,2023/24,,14.10,,,,,,,,',
    'actual,2024/25,,,900,"65,500",,,,,,',
  ].join('\n')

  it('imports baselines, targets of every kind and rates in one file, and flags a printed figure that differs from its rule', async () => {
    const w = await aWorld()
    const { url } = await aRateIndicator(w)
    const form = page((await w.coordinator.get(`${url}/actuals/import`).expect(200)).text)
    expect(form.text('[data-qa="rate-columns"]')).toContain('as a count and its denominator')
    const res = await w.coordinator.post(`${url}/actuals/import`, { csv: TABLE }).expect(303)
    expect(res.headers.location).toBe(`${url}#actuals`)
    const p = page((await w.coordinator.get(url).expect(200)).text)
    expect(p.banner()).toBe('Imported 2 baselines, 4 targets and 2 figures: 8 new, 0 replaced, 0 unchanged')
    expect(p.all('[data-qa="baselines"] tbody th')).toEqual(['Local 2022/23 RAG is judged against it', 'National 2022/23'])
    // 15.08 less 5% is 14.33 (2023/24); again, 13.61 (2024/25): the plan printed 13.70.
    expect(p.all('[data-qa="target-value"]')).toEqual(['14.33 per 1,000', '13.61 per 1,000', '11.00 per 1,000'])
    expect(p.text('[data-qa="targets"]')).toContain('target for 2025/26 to be agreed')
    expect(p.all('[data-qa="target-printed"]')).toEqual([
      'Printed as 14.33 per 1,000, as its rule gives',
      'Differs Printed as 13.70 per 1,000, but its rule gives 13.61 per 1,000: 0.09 more than the rule',
    ])
    expect(p.all('[data-qa="actuals"] tbody td.govuk-table__cell--numeric')).toEqual(['13.74 per 1,000 900 over 65,500 households', '14.10 per 1,000'])
    const audit = await t.db.selectFrom('auditEvents').select('summary').where('partnershipId', '=', w.partnershipId).where('action', '=', 'import').executeTakeFirstOrThrow()
    expect(audit.summary).toMatch(/^Imported 2 baselines, 4 targets, 2 figures for “Burglary rate \w+” from pasted CSV: 8 new, 0 replaced, 0 unchanged$/)
    // The same file again changes nothing.
    await w.coordinator.post(`${url}/actuals/import`, { csv: TABLE }).expect(303)
    expect(page((await w.coordinator.get(url).expect(200)).text).banner()).toBe('Imported 2 baselines, 4 targets and 2 figures: 0 new, 0 replaced, 8 unchanged')
  })

  it('lists every problem by row and column, and imports nothing', async () => {
    const w = await aWorld()
    const { url } = await aRateIndicator(w)
    const bad = [
      'record,period,label,value,count,denominator,judged,kind,change,per year,printed,baseline',
      'baseline,2022/23,Local,,980,,yes,,,,,',
      'baseline,2022/23,National,12.40,,,maybe,,,,,',
      'target,2023/24,,,,,,percentage points,-2,,,',
      'target,2024/25,,,,,,sometime,,,,',
      'target,2025/26,,,,,,percent,,,,Regional 2022/23',
      'actual,2023/24,,,980,,,,,,,',
      'actual,2024/25,,14.10,,,,,,,,',
    ].join('\n')
    const res = await w.coordinator.post(`${url}/actuals/import`, { csv: bad })
    expect(res.status).toBe(400)
    const rows = page(res.text).$('[data-qa="row-errors"] tbody tr').map((_, tr) => [page(res.text).$(tr).find('td').map((__, td) => page(res.text).$(td).text().trim()).get()]).get()
    expect(rows).toEqual([
      ['2', 'denominator', 'Enter the denominator the count is over, like 65,000, to work out the rate per 1,000'],
      ['3', 'judged', 'Write yes or no: whether RAG is judged against this baseline'],
      ['4', 'kind', 'A change in percentage points is for a percentage indicator: use percent or absolute'],
      ['5', 'kind', '“sometime” is not a kind of target: write percent, points, absolute, direction or to be agreed'],
      ['6', 'change', 'Enter the change as a signed percentage, like -5 for a 5% reduction'],
      ['6', 'baseline', 'There is no baseline “Regional 2022/23”: name one by its label and year, one of Local 2022/23, National 2022/23'],
      ['7', 'denominator', 'Enter the denominator the count is over, like 65,000, to work out the rate per 1,000'],
    ])
    const counts = await Promise.all(
      (['indicatorBaselines', 'indicatorTargets', 'indicatorActuals'] as const).map(table => t.db.selectFrom(table).select('id').where('partnershipId', '=', w.partnershipId).execute()),
    )
    expect(counts.map(c => c.length)).toEqual([0, 0, 0])
  })
})

describe('a plan table through the API', () => {
  it('takes labelled baselines with rates, targets of every kind and counts over denominators, all or nothing', async () => {
    const w = await aWorld()
    const { id } = await aRateIndicator(w)
    const { token } = await t.services.accounts.createApiToken(w.users.coordinator.id, 'test', { userId: w.users.coordinator.id, label: 'test' })
    const post = (path: string, body: object) => request(t.app).post(`/api/v1/indicators/${id}/${path}`).set('Authorization', `Bearer ${token}`).send(body)

    const wrong = await post('targets', { targets: [{ year: '2024/25', kind: 'percent', change: '-5', baseline: 'Local 2023/24' }, { year: '2025/26', kind: 'points', change: -2 }] }).expect(400)
    expect(wrong.body.errors).toEqual([
      { row: 1, column: 'baseline', message: 'There is no baseline “Local 2023/24”: name one by its label and year, and add it first' },
      { row: 2, column: 'kind', message: 'A change in percentage points is for a percentage indicator: use percent or absolute' },
    ])
    const badBaselines = await post('baselines', { baselines: [{ year: '2023/24', label: 'Local', value: 12.4 }, { year: '2023/24', label: 'local', count: 980 }] }).expect(400)
    expect(badBaselines.body.errors).toEqual([
      { row: 2, column: 'denominator', message: 'Enter the denominator the count is over, like 65,000, to work out the rate per 1,000' },
      { row: 2, column: 'label', message: 'The Local 2023/24 baseline is also in row 1: give each year and label once' },
    ])
    expect(await t.db.selectFrom('indicatorBaselines').select('id').where('partnershipId', '=', w.partnershipId).execute()).toEqual([])

    await post('baselines', {
      baselines: [
        { year: '2023/24', label: 'Local', value: 12.4, denominator: 65000, judged: true },
        { year: '2023/24', label: 'National', count: 980, denominator: 65000 },
      ],
    }).expect(200)
    const ok = await post('targets', {
      targets: [
        { year: '2024/25', kind: 'percent', change: -5, printed: 11.8 },
        { year: '2025/26', kind: 'to be agreed' },
        { year: '2026/27', kind: 'percent', change: '-2%', perYear: true, baseline: 'National 2023/24' },
      ],
    }).expect(200)
    expect(ok.body).toEqual({ imported: 3, created: 3, updated: 0, unchanged: 0 })
    await post('actuals', { actuals: [{ period: '2024/25', count: 770, denominator: 65000 }] }).expect(200)

    const indicator = (await request(t.app).get(`/api/v1/indicators/${id}`).set('Authorization', `Bearer ${token}`).expect(200)).body
    expect(indicator.unit).toBe('rate_per_1000')
    expect(indicator.rateOf).toBe('households')
    expect(indicator.baselines.map((b: { title: string; value: number; count: number | null; denominator: number | null; judged: boolean }) => [b.title, b.value, b.count, b.denominator, b.judged])).toEqual([
      ['Local 2023/24', 12.4, null, 65000, true],
      ['National 2023/24', 15.08, 980, 65000, false],
    ])
    expect(indicator.targets.map((x: { yearLabel: string; kind: string; targetValue: number | null; printedDiffers: boolean }) => [x.yearLabel, x.kind, x.targetValue, x.printedDiffers])).toEqual([
      ['2024/25', 'percent_change', 11.78, true],
      ['2025/26', 'to_be_agreed', null, false],
      ['2026/27', 'percent_change', 14.19, false],
    ])
    expect(indicator.actuals.map((a: { value: number; valueText: string; count: number }) => [a.value, a.valueText, a.count])).toEqual([[11.85, '11.85 per 1,000', 770]])
    // 11.85 is short of the target of 11.78, but better than the Local baseline of 12.40.
    expect(indicator.targets[0].rag).toBe('amber')
  })
})
