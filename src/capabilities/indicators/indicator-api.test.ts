import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { aPartnership, aUser } from '#test/helpers/builders'
import { createTestApp, type TestApp } from '#test/helpers/test-app'
import { DEMO_ACTOR, loadDemoData } from '../../demo/index.ts'

let t: TestApp
let rochfordId: number
let token: string

beforeAll(async () => {
  t = await createTestApp()
  await loadDemoData(t.deps, t.services, { onlyIfEmpty: false })
  const rochford = await t.db.selectFrom('partnerships').select('id').where('name', '=', 'Rochford District Community Safety Partnership').executeTakeFirstOrThrow()
  rochfordId = rochford.id
  const member = await t.db.selectFrom('users').select('id').where('email', '=', 'member@csp-hub.example').executeTakeFirstOrThrow()
  token = (await t.services.accounts.createApiToken(member.id, 'test', DEMO_ACTOR)).token
}, 120_000)
afterAll(() => t.close())

const api = (url: string) => request(t.app).get(url).set('Authorization', `Bearer ${token}`)

describe('the seed’s 2010/11 achievements table, read from the demo data through the API', () => {
  // Rochford District CSP Annual Partnership Plan 2011/2012, section 8. The % column is as CSP Hub
  // shows it: the document printed 39.0%, 65.0% and 1.0% where the figures give 39.1%, 65.2% and 1.4%.
  const SEED_TABLE = [
    ['Reduce Theft From Motor Vehicle by 10% during 2010/2011', 325, 198, '39.1% (127 offences)', 'green'],
    ['Reduce Robbery by 5% during 2010/2011', 23, 8, '65.2% (15 offences)', 'green'],
    ['Reduce Anti-Social Behaviour incidents by 5% during 2010/2011', 2120, 2090, '1.4% (30 incidents)', 'amber'],
    ['Increase the reporting rates of domestic abuse by 10% during 2010/2011', 626, 388, '38.0% (238 incidents)', 'red'],
    ['Reduce the repeat victims of Domestic Violence cases reviewed at the Multi Agency Risk Assessment Conference', null, null, null, null],
    ['Reduce the number of repeat incidents by 10% during 2010/2011', 279, 179, '35.8% (100 incidents)', 'green'],
    ['Reduce alcohol related disorder by 5% during 2010/2011 (Assault with less serious injury NI 20)', 181, 186, '2.8% (5 offences)', 'red'],
    ['All Crime', 2650, 2401, '9.4% (249 offences)', 'green'],
  ] as const

  it('reproduces every row: last year, this year, % change and RAG', async () => {
    const res = await api(`/api/v1/partnerships/${rochfordId}/performance?year=2010/11`).expect(200)
    expect(res.body.yearLabel).toBe('2010/11')
    expect(res.body.headers).toEqual({ lastYear: 'Year to date (April 2009 to March 2010)', thisYear: 'Year to date (April 2010 to March 2011)' })
    const rows = (res.body.rows as { statement: string; lastYear: { value: number | null }; thisYear: { value: number | null }; change: { text: string } | null; rag: string | null }[])
      .filter(row => SEED_TABLE.some(([statement]) => statement === row.statement))
      .map(row => [row.statement, row.lastYear.value, row.thisYear.value, row.change?.text ?? null, row.rag])
    expect(rows).toEqual(SEED_TABLE)
  })

  it('gives the direction of each change and the signed percentage', async () => {
    const res = await api(`/api/v1/partnerships/${rochfordId}/performance?year=2010`).expect(200)
    const byStatement = new Map((res.body.rows as { statement: string; change: { percent: number; difference: number; direction: string } | null }[]).map(r => [r.statement, r.change]))
    expect(byStatement.get('Reduce Theft From Motor Vehicle by 10% during 2010/2011')).toMatchObject({ percent: -39.1, difference: -127, direction: 'decrease' })
    expect(byStatement.get('Reduce alcohol related disorder by 5% during 2010/2011 (Assault with less serious injury NI 20)')).toMatchObject({ percent: 2.8, difference: 5, direction: 'increase' })
  })
})

describe('the 2011/12 indicators of Appendix 1, through the API', () => {
  it('have their baselines and computed targets: 2,090 → 2,048; 179 → 170; 38 → 37; 14 → 15', async () => {
    const res = await api(`/api/v1/partnerships/${rochfordId}/indicators`).expect(200)
    const target2011 = (name: string) => {
      const indicator = (res.body.indicators as { name: string; targets: { year: number; targetValue: number | null; targetExplanation: string; baselineId: number | null }[]; baselines: { id: number; value: number }[] }[]).find(i => i.name === name)!
      const target = indicator.targets.find(x => x.year === 2011)!
      return [indicator.baselines.find(b => b.id === target.baselineId)?.value ?? null, target.targetValue, target.targetExplanation]
    }
    expect(target2011('Anti-social behaviour incidents')).toEqual([2090, 2048, '2% reduction on 2,090 is 2,048.2, rounded to the nearest whole number, halves rounded up: 2,048'])
    expect(target2011('Repeat incidents of domestic violence')).toEqual([179, 170, '5% reduction on 179 is 170.05, rounded to the nearest whole number, halves rounded up: 170'])
    expect(target2011('Sexual offences').slice(0, 2)).toEqual([38, 37])
    expect(target2011('Racial incidents reported').slice(0, 2)).toEqual([14, 15])
    expect(target2011('Families supported by Basildon Women’s Aid').slice(0, 2)).toEqual([38, null])
  })

  it('shows the 2011/12 table with last year’s figures and nothing yet for this year', async () => {
    const res = await api(`/api/v1/partnerships/${rochfordId}/performance?year=2011`).expect(200)
    const asb = res.body.rows.find((r: { statement: string }) => r.statement === '2% reduction in ASB incidents by March 2012')
    expect(asb).toMatchObject({ lastYear: { value: 2090, label: '2010/11' }, thisYear: { value: null }, rag: null, ragReason: 'No figures yet' })
  })
})

describe('one indicator through the API', () => {
  it('gives everything worked out, including the rate per 1,000', async () => {
    const list = await api(`/api/v1/partnerships/${rochfordId}/indicators`).expect(200)
    const allCrime = list.body.indicators.find((i: { name: string }) => i.name === 'All crime')
    const res = await api(`/api/v1/indicators/${allCrime.id}`).expect(200)
    expect(res.body).toMatchObject({ name: 'All crime', unit: 'count', polarity: 'lower_is_better', denominator: 83200, area: { name: 'Rochford District' } })
    expect(res.body.years[0]).toMatchObject({ yearLabel: '2010/11', current: 2401, previous: 2650, ratePer1000: 28.9, change: { text: '9.4% (249 offences)' } })
    expect(res.body.targets[0]).toMatchObject({ kind: 'direction', rag: 'green', ragReason: 'Moving the right way from the baseline of 2,650' })
  })

  it('answers 404 for an indicator of a partnership the caller may not see', async () => {
    const other = await aPartnership(t, { isPublished: false })
    const hidden = await t.db
      .insertInto('indicators')
      .values({ partnershipId: other.partnership.id, name: 'Hidden', unit: 'count', polarity: 'lower_is_better', frequency: 'monthly' })
      .returning('id')
      .executeTakeFirstOrThrow()
    await api(`/api/v1/indicators/${hidden.id}`).expect(404)
    await request(t.app).get(`/api/v1/indicators/${hidden.id}`).expect(404)
    await api('/api/v1/indicators/99999999').expect(404)
  })
})

describe('importing actuals through the API', () => {
  async function setUp() {
    const { partnership } = await aPartnership(t)
    const coordinator = await aUser(t, { role: 'coordinator', partnershipId: partnership.id })
    const member = await aUser(t, { role: 'member', partnershipId: partnership.id })
    const indicator = await t.db
      .insertInto('indicators')
      .values({ partnershipId: partnership.id, name: 'ASB incidents', unit: 'count', polarity: 'lower_is_better', frequency: 'monthly' })
      .returning('id')
      .executeTakeFirstOrThrow()
    const tokenOf = async (userId: number) => (await t.services.accounts.createApiToken(userId, 'import', DEMO_ACTOR)).token
    return { partnership, indicator, coordinatorToken: await tokenOf(coordinator.id), memberToken: await tokenOf(member.id) }
  }
  const post = (id: number, bearer: string, body: unknown) => request(t.app).post(`/api/v1/indicators/${id}/actuals`).set('Authorization', `Bearer ${bearer}`).send(body as object)

  it('saves every row with a coordinator’s token, without a CSRF token, and replaces a period already recorded', async () => {
    const { indicator, coordinatorToken } = await setUp()
    const first = await post(indicator.id, coordinatorToken, { actuals: [{ period: '2011-04', value: 170 }, { period: 'May 2011', value: '165', note: 'From STORM' }] })
    expect(first.status).toBe(200)
    expect(first.body).toEqual({ imported: 2, created: 2, updated: 0, unchanged: 0 })
    const second = await post(indicator.id, coordinatorToken, { actuals: [{ period: '2011-04', value: 171 }, { period: '2011-05', value: 165, note: 'From STORM' }] })
    expect(second.body).toEqual({ imported: 2, created: 0, updated: 1, unchanged: 1 })
    const rows = await t.db.selectFrom('indicatorActuals').select(['periodStart', 'value']).where('indicatorId', '=', indicator.id).orderBy('periodStart').execute()
    expect(rows).toEqual([{ periodStart: '2011-04-01', value: 171 }, { periodStart: '2011-05-01', value: 165 }])
    const audit = await t.db.selectFrom('auditEvents').select(['action', 'summary']).where('entityType', '=', 'indicator').where('entityId', '=', String(indicator.id)).orderBy('id').execute()
    expect(audit.map(a => a.summary)).toEqual([
      'Imported 2 figures for “ASB incidents” from the API: 2 new, 0 replaced, 0 unchanged',
      'Imported 2 figures for “ASB incidents” from the API: 0 new, 1 replaced, 1 unchanged',
    ])
  })

  it('saves nothing when any row is wrong, and lists every problem by row', async () => {
    const { indicator, coordinatorToken } = await setUp()
    const res = await post(indicator.id, coordinatorToken, {
      actuals: [{ period: '2011-04', value: 170 }, { period: '2011/12', value: 12.5 }, { period: '2011-04', value: 3 }, { value: -1 }],
    })
    expect(res.status).toBe(400)
    expect(res.body.errors).toEqual([
      { row: 2, column: 'period', message: 'Enter the month like 2011-04 or April 2011, or part of a year like April to December 2011' },
      { row: 2, column: 'value', message: 'The figure must be a whole number, like 2,090' },
      { row: 3, column: 'period', message: 'April 2011 is also in row 1: give each period once' },
      { row: 4, column: 'period', message: 'Enter the period' },
      { row: 4, column: 'value', message: 'The figure must be 0 or more' },
    ])
    expect(await t.db.selectFrom('indicatorActuals').select('id').where('indicatorId', '=', indicator.id).execute()).toEqual([])
  })

  it('refuses a member’s token (403), a missing token (401) and a malformed body (400)', async () => {
    const { indicator, memberToken, coordinatorToken } = await setUp()
    expect((await post(indicator.id, memberToken, { actuals: [{ period: '2011-04', value: 1 }] })).status).toBe(403)
    expect((await request(t.app).post(`/api/v1/indicators/${indicator.id}/actuals`).send({ actuals: [] })).status).toBe(403) // no token, no CSRF
    expect((await post(indicator.id, 'csp_not-a-token', { actuals: [] })).status).toBe(401)
    const malformed = await post(indicator.id, coordinatorToken, { figures: [] })
    expect(malformed.status).toBe(400)
    expect(malformed.body.message).toMatch(/list of actuals/)
  })

  it('answers 404 to a coordinator of another partnership', async () => {
    const { indicator } = await setUp()
    const { coordinatorToken } = await setUp()
    expect((await post(indicator.id, coordinatorToken, { actuals: [{ period: '2011-04', value: 1 }] })).status).toBe(404)
  })
})

describe('the OpenAPI document', () => {
  it('describes the indicator endpoints', async () => {
    const res = await request(t.app).get('/api/v1/openapi.json').expect(200)
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/partnerships/{partnershipId}/indicators',
        '/api/v1/partnerships/{partnershipId}/performance',
        '/api/v1/indicators/{indicatorId}',
        '/api/v1/indicators/{indicatorId}/actuals',
      ]),
    )
    expect(res.body.components.schemas.Indicator).toBeDefined()
  })
})
