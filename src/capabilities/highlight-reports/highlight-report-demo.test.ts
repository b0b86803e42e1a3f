import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { page } from '#test/helpers/html'
import { createTestApp, type TestApp, type TestClient } from '#test/helpers/test-app'
import { loadDemoData } from '../../demo/index.ts'

/** The demo highlight reports of the Rochford 2011/12 sub-groups, as a reader of the demo sees them. */
let t: TestApp
let rochfordId: number
let planId: number
let base: string
const clients = {} as Record<'coordinator' | 'lead' | 'member', TestClient>

beforeAll(async () => {
  t = await createTestApp()
  await loadDemoData(t.deps, t.services, { onlyIfEmpty: false })
  rochfordId = (
    await t.db.selectFrom('partnerships').select('id').where('name', 'like', 'Rochford%').executeTakeFirstOrThrow()
  ).id
  planId = (
    await t.db
      .selectFrom('plans')
      .select('id')
      .where('partnershipId', '=', rochfordId)
      .where('planYear', '=', 2011)
      .executeTakeFirstOrThrow()
  ).id
  base = `/partnerships/${rochfordId}/highlight-reports`
  for (const role of ['coordinator', 'lead', 'member'] as const) {
    const user = await t.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', `${role}@csp-hub.example`)
      .executeTakeFirstOrThrow()
    clients[role] = await t.as(user)
  }
}, 120_000)
afterAll(() => t.close())

const reports = () =>
  t.db
    .selectFrom('highlightReports as r')
    .leftJoin('groups as g', 'g.id', 'r.groupId')
    .select(['r.id', 'r.month', 'r.status', 'r.submittedAt', 'r.submittedByLabel', 'g.name as groupName'])
    .where('r.partnershipId', '=', rochfordId)
    .orderBy('r.month')
    .orderBy('r.id')
    .execute()

describe('the demo highlight reports (Rochford CSP 2011/12, seed 000 section 9)', () => {
  it('has a report a month for April to June 2011 from each sub-group and the community safety team, one left as draft', async () => {
    const rows = await reports()
    expect(rows).toHaveLength(12)
    const who = (month: string) => rows.filter(r => r.month === month).map(r => r.groupName ?? 'Community Safety Team')
    expect(who('2011-04-01')).toEqual([
      'Rochford Referral Group',
      'Domestic Abuse Panel',
      'Community Safety Team',
      'Rochford District Hate Crime Panel',
    ])
    const drafts = rows.filter(r => r.status === 'draft')
    expect(drafts.map(r => [r.groupName, r.month])).toEqual([['Domestic Abuse Panel', '2011-06-01']])
    const rrgApril = rows.find(r => r.groupName === 'Rochford Referral Group' && r.month === '2011-04-01')!
    expect(rrgApril.submittedAt?.toISOString()).toBe('2011-05-06T10:00:00.000Z')
    expect(rrgApril.submittedByLabel).toBe('Chair of the Rochford Referral Group (demo data)')
    // The other demo partnership has none.
    expect(
      await t.db.selectFrom('highlightReports').select('id').where('partnershipId', '!=', rochfordId).execute(),
    ).toEqual([])
  })

  it('takes the performance against the baseline from the indicators, which have no 2011/12 figures', async () => {
    const [rrgJune] = (await reports()).filter(
      r => r.groupName === 'Rochford Referral Group' && r.month === '2011-06-01',
    )
    const p = page((await clients.member.get(`${base}/${rrgJune!.id}`).expect(200)).text)
    expect(p.h1()).toBe('Highlight report: Rochford Referral Group, June 2011')
    const row = p.all('[data-qa="figures"] tbody tr')[0]!
    expect(row).toContain('2% reduction in ASB incidents by March 2012')
    expect(row).toContain('2,090 Baseline 2010/11')
    expect(row).toContain('2,048')
    expect(row).toContain('No figures yet for 2011/12')
    expect(p.text('[data-qa="entry-progress"]')).toContain(
      'Approval was granted for the Dispersal Order to continue from 1 June 2011 for a further six months.',
    )
  })

  it('gathers the first quarter for the steering group, with the draft outstanding and the asks together', async () => {
    const p = page((await clients.member.get(`${base}/plans/${planId}/roll-up`).expect(200)).text)
    expect(p.h1()).toBe('Highlight reports to the steering group: Q1 2011/12 (April to June 2011)')
    expect(p.all('[data-qa="outstanding"] li').map(t => t.replace(/ \(see the draft\)$/, ''))).toEqual([
      'Domestic Abuse Panel, June 2011 – draft',
    ])
    expect(p.all('[data-qa="summary"] tbody tr').map(r => r.split(' ').slice(-8).join(' '))).toEqual([
      '3 of 3 0 8 0 0 0',
      '2 of 3 0 10 0 0 0',
      '3 of 3 0 11 0 0 0',
      '3 of 3 0 6 0 0 0',
    ])
    const asks = p.all('[data-qa="asks"] tbody tr')
    expect(asks).toHaveLength(6)
    expect(asks[1]).toContain(
      'Approve the continuation of the Dispersal Order from 1 June 2011 for a further six months',
    )
    expect(asks.join(' ')).not.toContain('fixed-term contract until May 2012')
  })

  it('lets the demo lead, who chairs the Domestic Abuse Panel, finish its June draft but not change another group’s report', async () => {
    const rows = await reports()
    const draft = rows.find(r => r.status === 'draft')!
    const rrg = rows.find(r => r.groupName === 'Rochford Referral Group')!
    await clients.lead.get(`${base}/${draft.id}/edit`).expect(200)
    await clients.lead.get(`${base}/${rrg.id}/edit`).expect(403)
  })
})
