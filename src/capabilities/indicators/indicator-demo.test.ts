import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { aPartnership, contextFor } from '#test/helpers/builders'
import { createTestApp, type TestApp } from '#test/helpers/test-app'
import type { DemoContext } from '../../demo/demo-context.ts'
import { DEMO_LOADERS, loadDemoData } from '../../demo/index.ts'

import { loadIndicatorDemo } from './indicator-demo.ts'

/** The demo indicators as the whole demo loads them: after the plans, so they serve the real 2011/12 plan's priorities. */
let t: TestApp
let rochfordId: number
beforeAll(async () => {
  t = await createTestApp()
  await loadDemoData(t.deps, t.services, { onlyIfEmpty: false })
  rochfordId = (await t.db.selectFrom('partnerships').select('id').where('name', '=', 'Rochford District Community Safety Partnership').executeTakeFirstOrThrow()).id
}, 120_000)
afterAll(() => t.close())

const PLAN_2011_PRIORITIES = [
  'Reduce Anti-Social Behaviour by 2% by 2012',
  'Reduce Repeat Incidents of Domestic Abuse by 5% by 2012',
  'Reduce the Number of Sexual Offences by 2% by March 2012',
  'Increase the Reporting of Hate Related Incidents by 10% and Reduce the Number of Repeats by 10% by 2012',
]

describe('the demo indicators', () => {
  it('are loaded after the plans, which they build on', () => {
    const order = DEMO_LOADERS.map(load => load.name)
    expect(order.indexOf('loadPlanDemo')).toBeGreaterThanOrEqual(0)
    expect(order.indexOf(loadIndicatorDemo.name)).toBeGreaterThan(order.indexOf('loadPlanDemo'))
  })

  it('link to the priorities of the demo’s own 2011/12 plan, found by their titles', async () => {
    const linked = await t.db
      .selectFrom('indicators')
      .innerJoin('priorities', 'priorities.id', 'indicators.priorityId')
      .innerJoin('plans', 'plans.id', 'priorities.planId')
      .select(['indicators.name', 'priorities.title', 'plans.title as planTitle', 'plans.planYear', 'priorities.partnershipId'])
      .where('indicators.partnershipId', '=', rochfordId)
      .orderBy('indicators.id')
      .execute()
    expect(linked.every(row => row.planTitle === 'Annual Partnership Plan 2011/2012' && row.planYear === 2011 && row.partnershipId === rochfordId)).toBe(true)
    expect(linked.map(row => [row.name, row.title])).toEqual([
      ['Anti-social behaviour incidents', PLAN_2011_PRIORITIES[0]],
      ['Repeat incidents of domestic violence', PLAN_2011_PRIORITIES[1]],
      ['Families supported by Basildon Women’s Aid', PLAN_2011_PRIORITIES[1]],
      ['Sexual offences', PLAN_2011_PRIORITIES[2]],
      ['ECC test purchases for alcohol sales', PLAN_2011_PRIORITIES[2]],
      ['Racial incidents reported', PLAN_2011_PRIORITIES[3]],
      ['Repeat hate incidents', PLAN_2011_PRIORITIES[3]],
    ])
    expect((await t.db.selectFrom('indicators').select('id').where('partnershipId', '=', rochfordId).execute()).length).toBe(15)
  })

  it('group the 2011/12 performance table by the plan’s four priorities', async () => {
    const res = await request(t.app).get(`/api/v1/partnerships/${rochfordId}/performance?year=2011/12`).expect(200)
    const groups = [...new Set(res.body.rows.map((r: { group: string }) => r.group))]
    expect(groups).toEqual(PLAN_2011_PRIORITIES) // every 2011/12 indicator serves one of the plan's four priorities
    const byStatement = Object.fromEntries(res.body.rows.map((r: { statement: string; group: string }) => [r.statement, r.group]))
    expect(byStatement['2% reduction in ASB incidents by March 2012']).toBe(PLAN_2011_PRIORITIES[0])
    expect(byStatement['5% reduction in the number of repeat incidents reported by March 2012']).toBe(PLAN_2011_PRIORITIES[1])
    expect(byStatement['10% Increase in reported hate crime incidents by March 2012']).toBe(PLAN_2011_PRIORITIES[3])
  })

  it('load for a partnership without the 2011/12 plan, leaving the priority links empty', async () => {
    const { partnership } = await aPartnership(t, { name: 'A partnership without plans' })
    const ctx = contextFor(partnership, 'admin')
    const demo = { deps: t.deps, services: t.services, partnerships: { 'rochford-2011': ctx, 'joint-2016': ctx } } as unknown as DemoContext
    await loadIndicatorDemo(demo)
    const rows = await t.db.selectFrom('indicators').select(['priorityId']).where('partnershipId', '=', partnership.id).execute()
    expect(rows).toHaveLength(15)
    expect(rows.every(row => row.priorityId === null)).toBe(true)
  })
})
