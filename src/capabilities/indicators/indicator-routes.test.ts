import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { aPartnership, aUser, usersOfEachRole, type RoleSet } from '#test/helpers/builders'
import { page } from '#test/helpers/html'
import { createTestApp, type TestApp, type TestClient } from '#test/helpers/test-app'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

interface World {
  partnershipId: number
  districtId: number
  users: RoleSet
  coordinator: TestClient
  base: string
}

async function aWorld(): Promise<World> {
  const { partnership, district } = await aPartnership(t, { isPublished: true })
  const users = await usersOfEachRole(t, partnership.id)
  return { partnershipId: partnership.id, districtId: district.id, users, coordinator: await t.as(users.coordinator), base: `/partnerships/${partnership.id}/indicators` }
}

/** An indicator made through the form, as the officer would. */
async function anIndicator(w: World, form: Record<string, string | string[]> = {}) {
  const res = await w.coordinator.post(`${w.base}/new`, {
    name: `ASB incidents ${Math.random().toString(36).slice(2, 7)}`,
    unit: 'count',
    polarity: 'lower_is_better',
    frequency: 'annual',
    countedAs: 'incidents',
    ...form,
  })
  expect(res.status, res.text).toBe(303)
  const id = Number(/\/indicators\/(\d+)$/.exec(res.headers.location!)![1])
  return { id, url: `${w.base}/${id}` }
}

describe('adding an indicator', () => {
  it('when fields are missing or wrong, then every problem is in the error summary, linked to its field', async () => {
    const w = await aWorld()
    const res = await w.coordinator.post(`${w.base}/new`, { name: '', unit: 'rate_per_1000_population', polarity: '', frequency: 'monthly', denominator: 'lots' })
    expect(res.status).toBe(400)
    const p = page(res.text)
    expect(p.title()).toMatch(/^Error: Add an indicator/)
    expect(p.errorSummary()).toEqual([
      { text: 'Enter the name of the indicator', href: '#name' },
      { text: 'Select whether lower or higher is better', href: '#polarity' },
      { text: 'The population must be a whole number greater than 0, like 83,200', href: '#denominator' },
    ])
    expect(p.inlineError('name')).toBe('Enter the name of the indicator')
    expect(p.fieldValue('denominator')).toBe('lots')
  })

  it('asks for the population of a rate', async () => {
    const w = await aWorld()
    const res = await w.coordinator.post(`${w.base}/new`, { name: 'Burglary rate', unit: 'rate_per_1000_households', polarity: 'lower_is_better', frequency: 'monthly' })
    expect(page(res.text).errorSummary()).toEqual([{ text: 'Enter the number of households for a rate per 1,000 households', href: '#denominator' }])
  })

  it('saves it, records it in the audit log and shows its page', async () => {
    const w = await aWorld()
    const { url } = await anIndicator(w, { name: 'Theft from motor vehicle', countedAs: 'offences', areaId: String(w.districtId), denominator: '83,200' })
    const res = await w.coordinator.get(url).expect(200)
    const p = page(res.text)
    expect(p.h1()).toBe('Theft from motor vehicle')
    expect(p.$('h1')).toHaveLength(1)
    expect(res.text).toContain('83,200 population')
    const audit = await t.db.selectFrom('auditEvents').select(['action', 'summary']).where('partnershipId', '=', w.partnershipId).where('entityType', '=', 'indicator').execute()
    expect(audit).toEqual([{ action: 'create', summary: 'Created indicator “Theft from motor vehicle”' }])
  })

  it('refuses the same name twice in a partnership', async () => {
    const w = await aWorld()
    await anIndicator(w, { name: 'Robbery' })
    const res = await w.coordinator.post(`${w.base}/new`, { name: 'robbery', unit: 'count', polarity: 'lower_is_better', frequency: 'annual' })
    expect(page(res.text).errorSummary()).toEqual([{ text: 'There is already an indicator with this name', href: '#name' }])
  })

  it('offers figures counted from imported police data, and asks for the crime types it counts', async () => {
    const w = await aWorld()
    const form = await w.coordinator.get(`${w.base}/new`).expect(200)
    expect(form.text).toContain('Counted from imported police data')
    const missing = await w.coordinator.post(`${w.base}/new`, { name: 'Vehicle crime', unit: 'count', polarity: 'lower_is_better', frequency: 'monthly', sourceKind: 'police_data' })
    expect(missing.status).toBe(400)
    expect(page(missing.text).errorSummary()).toEqual([{ text: 'Select the crime types the indicator counts', href: '#crimeTypes' }])
    const saved = await w.coordinator
      .post(`${w.base}/new`, { name: 'Vehicle crime', unit: 'count', polarity: 'lower_is_better', frequency: 'monthly', sourceKind: 'police_data', crimeTypes: 'Vehicle crime', areaId: String(w.districtId) })
      .expect(303)
    const row = await t.db.selectFrom('indicators').select(['sourceKind', 'policeDefinition']).where('partnershipId', '=', w.partnershipId).executeTakeFirstOrThrow()
    expect(row.sourceKind).toBe('police_data')
    expect(row.policeDefinition).toEqual({ crimeTypes: ['Vehicle crime'], areaId: w.districtId })
    expect(saved.headers.location).toMatch(new RegExp(`^${w.base}/\\d+$`))
  })

  it('will not change how often figures are recorded once there are figures', async () => {
    const w = await aWorld()
    const { id, url } = await anIndicator(w, { name: 'Criminal damage' })
    await w.coordinator.post(`${url}/actuals/new`, { period: '2011/12', value: '400' }).expect(303)
    const res = await w.coordinator.post(`${w.base}/${id}/edit`, { name: 'Criminal damage', unit: 'count', polarity: 'lower_is_better', frequency: 'monthly' })
    expect(res.status).toBe(400)
    expect(page(res.text).errorSummary()[0]).toEqual({ text: 'The indicator has figures recorded annually: delete them before changing how often figures are recorded', href: '#frequency' })
  })
})

describe('baselines and targets', () => {
  it('works out a percentage target from its baseline and states the rounding rule: 2% off 2,090 is 2,048', async () => {
    const w = await aWorld()
    const { url } = await anIndicator(w)
    await w.coordinator.post(`${url}/baselines/new`, { year: '2010/11', value: '2,090', note: 'Police STORM database' }).expect(303)
    const baseline = await t.db.selectFrom('indicatorBaselines').select('id').where('partnershipId', '=', w.partnershipId).executeTakeFirstOrThrow()
    const form = await w.coordinator.get(`${url}/targets/new`).expect(200)
    expect(page(form.text).fieldValue('year')).toBe('2011/12') // the year after the latest baseline
    await w.coordinator.post(`${url}/targets/new`, { year: '2011/12', kind: 'percent_change', changeDirection: 'reduce', changePercent: '2', baselineId: String(baseline.id) }).expect(303)
    const res = await w.coordinator.get(url).expect(200)
    const p = page(res.text)
    expect(p.text('[data-qa="target-value"]')).toBe('2,048')
    expect(res.text).toContain('2% reduction on 2,090 is 2,048.2, rounded to the nearest whole number, halves rounded up: 2,048')
    expect(res.text).toContain('Percentage targets are worked out from their baseline and rounded to the nearest whole number, halves rounded up.')
    expect(p.text('[data-qa="targets"] tbody tr')).toContain('Reduce ASB incidents')
  })

  it('lists every problem with a target at once', async () => {
    const w = await aWorld()
    const { url } = await anIndicator(w)
    const res = await w.coordinator.post(`${url}/targets/new`, { year: '2011/13', kind: 'percent_change', changePercent: 'two' })
    expect(res.status).toBe(400)
    expect(page(res.text).errorSummary()).toEqual([
      { text: 'Enter a financial year like 2011/12', href: '#year' },
      { text: 'Select whether the target is a reduction or an increase', href: '#changeDirection' },
      { text: 'The percentage must be a number greater than 0, like 2 or 2.5', href: '#changePercent' },
    ])
  })

  it('will not delete a baseline a target is measured from', async () => {
    const w = await aWorld()
    const { url } = await anIndicator(w)
    await w.coordinator.post(`${url}/baselines/new`, { year: '2010/11', value: '179' }).expect(303)
    const baseline = await t.db.selectFrom('indicatorBaselines').select('id').where('partnershipId', '=', w.partnershipId).executeTakeFirstOrThrow()
    await w.coordinator.post(`${url}/targets/new`, { year: '2011/12', kind: 'direction', baselineId: String(baseline.id) }).expect(303)
    const res = await w.coordinator.post(`${url}/baselines/${baseline.id}/delete`)
    expect(res.status).toBe(409)
    expect(res.text).toContain('A target is measured from this baseline')
  })
})

describe('figures typed in', () => {
  it('reads the period for the indicator’s frequency and says how to write it when it is wrong', async () => {
    const w = await aWorld()
    const { url } = await anIndicator(w, { frequency: 'quarterly' })
    const res = await w.coordinator.post(`${url}/actuals/new`, { period: 'April 2011', value: '1.5' })
    expect(page(res.text).errorSummary()).toEqual([
      { text: 'Enter the quarter like 2011/12 Q1 or Q1 2011/12, or part of a year like April to December 2011', href: '#period' },
      { text: 'The figure must be a whole number, like 2,090', href: '#value' },
    ])
    await w.coordinator.post(`${url}/actuals/new`, { period: '2011/12 Q1', value: '520' }).expect(303)
    const again = await w.coordinator.post(`${url}/actuals/new`, { period: 'Q1 2011/12', value: '521' })
    expect(page(again.text).errorSummary()).toEqual([{ text: 'There is already a figure for Q1 2011/12 (April to June 2011): change that one instead', href: '#period' }])
  })

  it('shows the year to date against the same months of the year before, with the % change as the seeds show it, and a chart with its table', async () => {
    const w = await aWorld()
    const { url } = await anIndicator(w, { frequency: 'monthly', countedAs: 'offences' })
    const rows = ['period,value', '2010-04,100', '2010-05,90', '2010-06,95', '2010-07,120', '2011-04,60', '2011-05,55', '2011-06,50'].join('\n')
    await w.coordinator.post(`${url}/actuals/import`, { csv: rows }).expect(303)
    const res = await w.coordinator.get(url).expect(200)
    const p = page(res.text)
    expect(p.text('[data-qa="ytd-current"]')).toBe('165')
    expect(p.text('[data-qa="ytd-previous"]')).toBe('285')
    expect(p.text('[data-qa="ytd-change"]')).toBe('42.1% (120 offences)')
    expect(res.text).toContain('2011/12 so far')
    expect(p.$('figure.app-chart svg[role="img"]')).toHaveLength(1)
    expect(p.$('figure.app-chart table caption').text()).toContain('the figures')
    expect(p.$('figure.app-chart table tbody tr')).toHaveLength(12)
  })
})

describe('a part year', () => {
  it('is marked as partial, names the months its figure counts and is never compared as if whole', async () => {
    const w = await aWorld()
    const { url } = await anIndicator(w, { frequency: 'monthly', countedAs: 'offences' })
    const rows = ['period,value', '2024-04,20', '2024-05,15', '2024-06,12', '2025-03,15'].join('\n')
    await w.coordinator.post(`${url}/actuals/import`, { csv: rows }).expect(303)
    const p = page((await w.coordinator.get(url).expect(200)).text)
    const year = p.$('[data-qa="years"] tbody tr').first()
    expect(p.$(year).find('th').text().replace(/\s+/g, ' ').trim()).toBe('2024/25 Partial year: 4 of 12 months held')
    expect(p.$(year).find('td').first().text().replace(/\s+/g, ' ').trim()).toBe('62 April to June 2024 and March 2025')
    expect(p.text('[data-qa="ytd-held"]')).toContain('Partial year: 4 of 12 months held (April to June 2024 and March 2025)')
    expect(p.text('[data-qa="ytd-change"]')).toBe('–')
  })
})

describe('messages', () => {
  it('never show a validator’s own text', async () => {
    const w = await aWorld()
    const { url } = await anIndicator(w)
    const res = await w.coordinator.post(`${url}/targets/new`, { year: '2011/12', kind: 'sideways', changeDirection: 'down', changePercent: '2' })
    expect(res.status).toBe(400)
    expect(res.text).not.toMatch(/Invalid option|expected one of/)
    expect(page(res.text).errorSummary().map(e => e.text)).toContain('Select whether the target is a reduction or an increase')
  })
})

describe('importing figures from a CSV file', () => {
  it('when rows are wrong, then nothing is saved and the error summary lists every bad row', async () => {
    const w = await aWorld()
    const { id, url } = await anIndicator(w, { frequency: 'monthly' })
    const csv = 'Period,Value,Note\n2011-04,170,\n2011-05,abc,\n\n2011-13,12,\n2011-04,1,duplicate\n'
    const res = await w.coordinator.post(`${url}/actuals/import`, { csv })
    expect(res.status).toBe(400)
    const p = page(res.text)
    expect(p.title()).toMatch(/^Error: Import figures/)
    expect(p.errorSummary()).toEqual([
      { text: 'Row 3, value: The figure must be a whole number, like 2,090', href: '#csv' },
      { text: 'Row 5, period: Enter the month like 2011-04 or April 2011, or part of a year like April to December 2011', href: '#csv' },
      { text: 'Row 6, period: April 2011 is also in row 2: give each period once', href: '#csv' },
    ])
    expect(p.all('[data-qa="row-errors"] tbody tr')).toHaveLength(3)
    expect(p.fieldValue('csv')).toBe(csv)
    expect(await t.db.selectFrom('indicatorActuals').select('id').where('indicatorId', '=', id).execute()).toEqual([])
  })

  it('refuses a file without the period and value columns, and an empty submission', async () => {
    const w = await aWorld()
    const { url } = await anIndicator(w)
    const res = await w.coordinator.post(`${url}/actuals/import`, { csv: 'year;figure\n2011/12;3' })
    expect(page(res.text).errorSummary()).toEqual([{ text: 'Row 1: The first row must name the columns: period and value (and note, if you like)', href: '#csv' }])
    const empty = await w.coordinator.post(`${url}/actuals/import`, { csv: '' })
    expect(page(empty.text).errorSummary()).toEqual([{ text: 'Choose a CSV file, or paste the figures into the box', href: '#file' }])
  })

  it('imports an uploaded file (with the CSRF token in the form, never in the address), replacing figures already there, and audits it once', async () => {
    const w = await aWorld()
    const { id, url } = await anIndicator(w, { frequency: 'annual' })
    await w.coordinator.post(`${url}/actuals/new`, { period: '2009/10', value: '300' }).expect(303)
    const form = await w.coordinator.get(`${url}/actuals/import`).expect(200)
    const action = page(form.text).$('form[enctype="multipart/form-data"]').attr('action')!
    expect(action).not.toContain('_csrf')
    const token = page(form.text).$('form[enctype="multipart/form-data"] input[name=_csrf]').val() as string
    expect(token).toBe(w.coordinator.csrfToken)
    const cookie = (w.coordinator.get(url) as unknown as { header: Record<string, string> }).header.Cookie!
    const res = await request(t.app)
      .post(action)
      .set('Cookie', cookie)
      .field('_csrf', token)
      .attach('file', Buffer.from('\uFEFFperiod,value\r\n2009/10,325\r\n2010/2011,198\r\n'), { filename: 'tfmv.csv', contentType: 'text/csv' })
    expect(res.status).toBe(303)
    const rows = await t.db.selectFrom('indicatorActuals').select(['periodStart', 'value']).where('indicatorId', '=', id).orderBy('periodStart').execute()
    expect(rows).toEqual([{ periodStart: '2009-04-01', value: 325 }, { periodStart: '2010-04-01', value: 198 }])
    const audit = await t.db.selectFrom('auditEvents').select('summary').where('action', '=', 'import').where('entityId', '=', String(id)).execute()
    expect(audit).toEqual([{ summary: `Imported 2 figures for “${(await t.db.selectFrom('indicators').select('name').where('id', '=', id).executeTakeFirstOrThrow()).name}” from the CSV file tfmv.csv: 1 new, 1 replaced, 0 unchanged` }])
    const download = await w.coordinator.get(`${url}/actuals.csv`).expect(200)
    expect(download.text).toBe('\uFEFFperiod,value,note\r\n2009/10,325,\r\n2010/11,198,\r\n')
  })

  it('refuses an upload without its CSRF token', async () => {
    const w = await aWorld()
    const { url } = await anIndicator(w)
    const cookie = (w.coordinator.get(url) as unknown as { header: Record<string, string> }).header.Cookie!
    const res = await request(t.app).post(`${url}/actuals/import`).set('Cookie', cookie).attach('file', Buffer.from('period,value\n2011/12,3\n'), 'x.csv')
    expect(res.status).toBe(403)
  })
})

describe('the performance table', () => {
  it('lays out each indicator with a target like the seed’s achievements table, with captions and header scopes', async () => {
    const w = await aWorld()
    const { url } = await anIndicator(w, { name: 'Theft from motor vehicle', countedAs: 'offences' })
    await w.coordinator.post(`${url}/baselines/new`, { year: '2009/10', value: '325' }).expect(303)
    const baseline = await t.db.selectFrom('indicatorBaselines').select('id').where('partnershipId', '=', w.partnershipId).executeTakeFirstOrThrow()
    await w.coordinator
      .post(`${url}/targets/new`, { year: '2010/11', kind: 'percent_change', changeDirection: 'reduce', changePercent: '10', baselineId: String(baseline.id), statement: 'Reduce Theft From Motor Vehicle by 10% during 2010/2011' })
      .expect(303)
    await w.coordinator.post(`${url}/actuals/import`, { csv: 'period,value\n2009/10,325\n2010/11,198' }).expect(303)
    const res = await t.anonymous().get(`${w.base}?year=2010/11`).expect(200)
    const p = page(res.text)
    expect(p.h1()).toBe('Performance 2010/11')
    expect(p.text('[data-qa="performance-table"] caption')).toBe('Achievements against the 2010/11 targets')
    expect(p.all('[data-qa="performance-table"] thead th')).toEqual([
      'Indicator',
      '2010/11 target',
      'Baseline',
      'Target figure',
      'Year to date (April 2009 to March 2010)',
      'Year to date (April 2010 to March 2011)',
      '% change',
      'RAG',
    ])
    expect(p.$('[data-qa="performance-table"] thead th').toArray().every(th => p.$(th).attr('scope') === 'col')).toBe(true)
    const row = p.$('[data-qa="performance-row"]').first()
    expect(p.$(row).find('th[scope="row"]').text().trim()).toBe('Theft from motor vehicle')
    expect(p.$(row).find('td').map((_, td) => p.$(td).text().replace(/\s+/g, ' ').trim()).get()).toEqual([
      'Reduce Theft From Motor Vehicle by 10% during 2010/2011',
      '325 2009/10',
      '293',
      '325',
      '198',
      '39.1% (127 offences) Decrease',
      'Green Target of 293 beaten',
    ])
    expect(p.$(row).find('[data-rag="green"]')).toHaveLength(1)
    // The pictures: RAG spread and the indicator against its target, each named and with a table of the same figures.
    const spread = p.$('figure#performance-rag-chart')
    expect(spread.find('svg[role=img] > title').text()).toBe('Indicators by RAG status, 2010/11')
    expect(spread.find('svg > desc').text()).toMatch(/^Stacked bar chart with a bar for the indicators in the table/)
    expect(spread.find('tbody tr').first().find('th, td').map((_, c) => p.$(c).text().trim()).get()).toEqual(['All indicators', '0', '0', '1', '0'])
    expect(spread.find('svg text').map((_, e) => p.$(e).text()).get()).toContain('Green 1 (1 in all)')
    const against = p.$('figure[id$="-against-target"]')
    expect(against).toHaveLength(1)
    expect(against.find('svg > title').text()).toBe('Theft from motor vehicle: actual against target')
    expect(against.find('tbody tr').map((_, r) => [p.$(r).find('th, td').map((_, c) => p.$(c).text().trim()).get()]).get()).toEqual([['2010/11', '198', '293']])
    expect(against.find('svg text').map((_, e) => p.$(e).text()).get()).toEqual(expect.arrayContaining(['Actual: 198', 'Target: 293']))
    const csv = await t.anonymous().get(`${w.base}/performance.csv?year=2010`).expect(200)
    expect(csv.text).toContain('Theft from motor vehicle,Reduce Theft From Motor Vehicle by 10% during 2010/2011,325,2009/10,293,,325,198,-39.1,-127,39.1% (127 offences),Green,Target of 293 beaten')
  })

  it('keeps a partnership that is not published away from visitors and from other partnerships’ users', async () => {
    const { partnership } = await aPartnership(t, { isPublished: false })
    const outsider = await aUser(t, { role: 'admin', partnershipId: (await aPartnership(t)).partnership.id })
    expect((await t.anonymous().get(`/partnerships/${partnership.id}/indicators`)).status).toBe(404)
    expect((await (await t.as(outsider)).get(`/partnerships/${partnership.id}/indicators`)).status).toBe(404)
  })
})

describe('the RAG tolerance', () => {
  async function alcoholDisorder(w: World) {
    const { url } = await anIndicator(w, { name: 'Assault with less serious injury', countedAs: 'offences' })
    await w.coordinator.post(`${url}/baselines/new`, { year: '2009/10', value: '181' }).expect(303)
    const baseline = await t.db.selectFrom('indicatorBaselines').select('id').where('partnershipId', '=', w.partnershipId).executeTakeFirstOrThrow()
    await w.coordinator.post(`${url}/targets/new`, { year: '2010/11', kind: 'percent_change', changeDirection: 'reduce', changePercent: '5', baselineId: String(baseline.id) }).expect(303)
    await w.coordinator.post(`${url}/actuals/import`, { csv: 'period,value\n2009/10,181\n2010/11,186' }).expect(303)
    return url
  }

  it('can be changed only by a partnership admin, and turns a small worsening from Red to Amber', async () => {
    const w = await aWorld()
    const url = await alcoholDisorder(w)
    const rag = async () => page((await w.coordinator.get(url)).text).$('[data-qa="targets"] [data-rag]').attr('data-rag')
    expect(await rag()).toBe('red')
    expect((await w.coordinator.get(`${w.base}/settings`)).status).toBe(403)
    expect((await w.coordinator.post(`${w.base}/settings`, { ragTolerancePercent: '5' })).status).toBe(403)
    const admin = await t.as(w.users.admin)
    const bad = await admin.post(`${w.base}/settings`, { ragTolerancePercent: '75', ragNoChange: 'amber' })
    expect(page(bad.text).errorSummary()).toEqual([{ text: 'The tolerance must be a percentage between 0 and 50, like 2.5', href: '#ragTolerancePercent' }])
    await admin.post(`${w.base}/settings`, { ragTolerancePercent: '5', ragNoChange: 'amber' }).expect(303)
    expect(await rag()).toBe('amber')
    const audit = await t.db.selectFrom('auditEvents').select('summary').where('partnershipId', '=', w.partnershipId).where('entityType', '=', 'partnership').execute()
    expect(audit).toEqual([{ summary: 'Changed the RAG rules from tolerance 0%, no change Amber to tolerance 5%, no change Amber' }])
  })
})

describe('comparator areas', () => {
  it('ranks the partnership among them per 1,000 population', async () => {
    const w = await aWorld()
    const { url } = await anIndicator(w, { name: 'Theft from motor vehicle', countedAs: 'offences', denominator: '83,200' })
    await w.coordinator.post(`${url}/actuals/new`, { period: '2010/11', value: '198' }).expect(303)
    const missing = await w.coordinator.post(`${url}/comparators/new`, { year: '2010/11', groupName: 'Essex CSPs', areaName: 'Castle Point', value: '450' })
    expect(page(missing.text).errorSummary()).toEqual([{ text: 'Enter the area’s population, to compare figures per 1,000', href: '#denominator' }])
    await w.coordinator.post(`${url}/comparators/new`, { year: '2010/11', groupName: 'Essex CSPs', areaName: 'Castle Point', value: '450', denominator: '88,000' }).expect(303)
    await w.coordinator.post(`${url}/comparators/new`, { year: '2010/11', groupName: 'Essex CSPs', areaName: 'Maldon', value: '250', denominator: '62,000' }).expect(303)
    const p = page((await w.coordinator.get(url)).text)
    expect(p.text('[data-qa="ranking"] caption')).toBe('Essex CSPs, 2010/11: Ranked 1st (lowest) of 3')
    const { name } = await t.db.selectFrom('partnerships').select('name').where('id', '=', w.partnershipId).executeTakeFirstOrThrow()
    expect(p.all('[data-qa="ranking"] tbody tr')).toEqual([`1 ${name} This partnership 198 2.4`, '2 Maldon 250 4.0', '3 Castle Point 450 5.1'])
  })
})

describe('targets as real plans print them', () => {
  it('holds a baseline year and several target years by “5% a year”, keeps a printed figure and flags one that differs from its rule', async () => {
    const w = await aWorld()
    const { url } = await anIndicator(w)
    await w.coordinator.post(`${url}/baselines/new`, { year: '2022/23', value: '1,000' }).expect(303)
    const baseline = await t.db.selectFrom('indicatorBaselines').select('id').where('partnershipId', '=', w.partnershipId).executeTakeFirstOrThrow()
    const yearly = { kind: 'percent_change', changeDirection: 'reduce', changePercent: '5', perYear: 'yes', baselineId: String(baseline.id) }
    await w.coordinator.post(`${url}/targets/new`, { ...yearly, year: '2023/24', printedValue: '950' }).expect(303)
    await w.coordinator.post(`${url}/targets/new`, { ...yearly, year: '2024-25', printedValue: '903' }).expect(303)
    await w.coordinator.post(`${url}/targets/new`, { ...yearly, year: '2025/2026', printedValue: '860' }).expect(303)
    const p = page((await w.coordinator.get(url).expect(200)).text)
    expect(p.all('[data-qa="target-value"]')).toEqual(['950', '903', '857'])
    expect(p.all('[data-qa="target-printed"]')).toEqual([
      'Printed as 950, as its rule gives',
      'Printed as 903, as its rule gives',
      'Differs Printed as 860, but its rule gives 857: 3 more than the rule',
    ])
    expect(p.text('[data-qa="targets"]')).toContain('5% reduction a year for 3 years on 1,000 is 857.38')
    const stored = await t.db.selectFrom('indicatorTargets').select(['year', 'perYear', 'printedValue']).where('partnershipId', '=', w.partnershipId).orderBy('year').execute()
    expect(stored.map(s => [s.year, s.perYear, Number(s.printedValue)])).toEqual([[2023, true, 950], [2024, true, 903], [2025, true, 860]])
    const target = await t.db.selectFrom('indicatorTargets').select('id').where('partnershipId', '=', w.partnershipId).where('year', '=', 2025).executeTakeFirstOrThrow()
    const edit = page((await w.coordinator.get(`${url}/targets/${target.id}/edit`).expect(200)).text)
    expect(edit.fieldValue('printedValue')).toBe('860')
    expect(edit.fieldValue('changePercent')).toBe('5')
  })

  it('takes a change in percentage points for a percentage indicator, and warns (without refusing) about a target the wrong way', async () => {
    const w = await aWorld()
    const { url } = await anIndicator(w, { unit: 'percentage', polarity: 'lower_is_better', countedAs: '' })
    await w.coordinator.post(`${url}/baselines/new`, { year: '2024/25', value: '30.5' }).expect(303)
    const baseline = await t.db.selectFrom('indicatorBaselines').select('id').where('partnershipId', '=', w.partnershipId).executeTakeFirstOrThrow()
    await w.coordinator.post(`${url}/targets/new`, { year: '2025/26', kind: 'point_change', changeDirection: 'reduce', changePoints: '2', baselineId: String(baseline.id) }).expect(303)
    await w.coordinator.post(`${url}/targets/new`, { year: '2026/27', kind: 'point_change', changeDirection: 'increase', changePoints: '1', baselineId: String(baseline.id) }).expect(303)
    const p = page((await w.coordinator.get(url).expect(200)).text)
    expect(p.all('[data-qa="target-value"]')).toEqual(['28.5%', '31.5%'])
    expect(p.text('[data-qa="targets"]')).toContain('Reduce')
    expect(p.text('[data-qa="targets"]')).toContain('by 2 percentage points during 2025/2026')
    expect(p.all('[data-qa="target-warning"]')).toEqual(['Check This target is an increase, but lower is better for this indicator: check it is meant'])
  })

  it('refuses points on a count, with every problem in the error summary linked to its field', async () => {
    const w = await aWorld()
    const { url } = await anIndicator(w)
    const res = await w.coordinator.post(`${url}/targets/new`, { year: '2025/26', kind: 'point_change', changePoints: 'lots', printedValue: 'about 40' })
    expect(res.status).toBe(400)
    expect(page(res.text).errorSummary()).toEqual([
      { text: 'Select whether the target is a reduction or an increase', href: '#changeDirection' },
      { text: 'A change in percentage points is for a percentage indicator: choose a percentage change or a figure to reach', href: '#kind' },
      { text: 'The change in points must be a number greater than 0, like 2 or 0.5', href: '#changePoints' },
      expect.objectContaining({ href: '#printedValue' }),
    ])
  })

  it('holds a target to be agreed as a state, shown as such and given no RAG', async () => {
    const w = await aWorld()
    const { url } = await anIndicator(w)
    await w.coordinator.post(`${url}/actuals/new`, { period: '2025/26', value: '40' }).expect(303)
    await w.coordinator.post(`${url}/targets/new`, { year: '2025/26', kind: 'to_be_agreed' }).expect(303)
    const p = page((await w.coordinator.get(url).expect(200)).text)
    expect(p.text('[data-qa="targets"] tbody tr')).toContain('target for 2025/26 to be agreed')
    expect(p.text('[data-qa="targets"] tbody tr')).toContain('No RAG yet')
    expect(p.text('[data-qa="targets"] tbody tr')).toContain('The target for 2025/26 is to be agreed')
  })
})
