import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { readDocx } from '#test/helpers/read-documents'
import { createTestApp, type TestApp } from '#test/helpers/test-app'

import { DEMO_LOADERS, loadDemoData } from '../../demo/index.ts'

import { loadDemoReports } from './demo-reports.ts'

let t: TestApp

beforeAll(async () => {
  t = await createTestApp()
  // The reports build on the plans, indicators and funding, so they load after them.
  const position = (name: string) => DEMO_LOADERS.map(load => load.name).indexOf(name)
  for (const before of ['loadPlanDemo', 'loadIndicatorDemo', 'loadFundingDemo']) expect(position(before)).toBeLessThan(position(loadDemoReports.name))
  await loadDemoData(t.deps, t.services, { onlyIfEmpty: false })
}, 120_000)
afterAll(() => t.close())

describe('the demo reports', () => {
  it('are entered from the seeds for each demo partnership', async () => {
    const rows = await t.db
      .selectFrom('reports')
      .innerJoin('partnerships', 'partnerships.id', 'reports.partnershipId')
      .select(['partnerships.shortName', 'reports.title', 'reports.kind'])
      .orderBy('reports.id')
      .execute()
    expect(rows.map(r => `${r.kind}: ${r.title}`)).toEqual([
      'quarterly_plan_update: Partnership Plan 2016/17: 1st Quarter Update',
      'annual_scrutiny_report: Castle Point and Rochford Community Safety Partnership: annual report to the Review Committee 2016/17',
      'annual_scrutiny_report: Castle Point and Rochford Community Safety Partnership: annual report to the Review Committee 2021/22',
      'annual_scrutiny_report: Rochford District Community Safety Partnership: annual report to the Review Committee 2010/11',
      'performance_table: Achievements from Strategic Priorities 2010/11',
    ])
  })

  it('give the 2016 report to the Review Committee with the seed’s words and the plan’s priorities', async () => {
    const report = await t.db.selectFrom('reports').selectAll().where('kind', '=', 'annual_scrutiny_report').orderBy('id').executeTakeFirstOrThrow()
    const partnership = await t.db.selectFrom('partnerships').select(['id', 'name', 'shortName', 'isPublished']).where('id', '=', report.partnershipId).executeTakeFirstOrThrow()
    const ctx = { partnership, access: 'member' as const, actor: { userId: null, label: 'test' }, signedIn: true, personId: null }
    const docx = await readDocx((await t.services.reports.download(ctx, report.id, 'docx')).body)
    expect(docx.text).toContain('1.1\tThis report updates the Committee on the current priorities and joint work through the joint Castle Point and Rochford District Community Safety Partnership (CP & RDCSP).')
    expect(docx.text).toContain('The priority areas for action for 2016/17 were:')
    expect(docx.text).toContain('It is proposed that the Committee RESOLVES to note the work of the joint CP & RDCSP as outlined in the report.')
    expect(docx.text).toContain('Meeting: 6 September 2016')
  })
})
