import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { contextFor } from '../../../test/helpers/builders.ts'
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.ts'
import { loadDemoData, type DemoContext } from '../../demo/index.ts'

import { loadIndicatorDemo } from './indicator-demo.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
  await loadDemoData(t.deps, t.services, { onlyIfEmpty: false })
}, 120_000)
afterAll(() => t.close())

describe('the demo indicators', () => {
  it('load without the 2011/12 plan, leaving the priority links empty', async () => {
    const linked = await t.db.selectFrom('indicators').select('id').where('priorityId', 'is not', null).execute()
    expect(linked).toEqual([])
    expect((await t.db.selectFrom('indicators').select('id').execute()).length).toBe(15)
  })

  it('link to the 2011/12 plan’s priorities, found by their titles, when the plan is loaded first', async () => {
    const rochford = await t.db.selectFrom('partnerships').selectAll().where('name', '=', 'Rochford District Community Safety Partnership').executeTakeFirstOrThrow()
    await t.db.deleteFrom('indicators').where('partnershipId', '=', rochford.id).execute()
    const plan = await t.db
      .insertInto('plans')
      .values({ partnershipId: rochford.id, title: 'Annual Partnership Plan 2011/2012', planYear: 2011, periodStartYear: 2011, periodEndYear: 2013 })
      .returning('id')
      .executeTakeFirstOrThrow()
    const titles = [
      'Reduce Anti-Social Behaviour by 2% by 2012',
      'Reduce Repeat Incidents of Domestic Abuse by 5% by 2012',
      'Reduce the Number of Sexual Offences by 2% by March 2012',
      'Increase the Reporting of Hate Related Incidents by 10% and Reduce the Number of Repeats by 10% by 2012',
    ]
    for (const [i, title] of titles.entries()) await t.db.insertInto('priorities').values({ partnershipId: rochford.id, planId: plan.id, position: i + 1, title }).execute()
    const ctx = contextFor(rochford, 'admin')
    const demo = { deps: t.deps, services: t.services, partnerships: { 'rochford-2011': ctx, 'joint-2016': ctx } } as unknown as DemoContext
    await loadIndicatorDemo(demo)

    const res = await request(t.app).get(`/api/v1/partnerships/${rochford.id}/performance?year=2011/12`).expect(200)
    const groups = [...new Set(res.body.rows.map((r: { group: string }) => r.group))]
    expect(groups).toEqual(titles) // every 2011/12 indicator serves one of the plan's four priorities
    const byStatement = Object.fromEntries(res.body.rows.map((r: { statement: string; group: string }) => [r.statement, r.group]))
    expect(byStatement['2% reduction in ASB incidents by March 2012']).toBe(titles[0])
    expect(byStatement['5% reduction in the number of repeat incidents reported by March 2012']).toBe(titles[1])
    expect(byStatement['10% Increase in reported hate crime incidents by March 2012']).toBe(titles[3])
  })
})
