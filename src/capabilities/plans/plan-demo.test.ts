import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { page } from '#test/helpers/html'
import { createTestApp, type TestApp } from '#test/helpers/test-app'
import { loadDemoData } from '../../demo/index.ts'
import { hashToken, newToken } from '../../shared/tokens.ts'
import { SESSION_COOKIE } from '../../web/middleware/session.ts'

import type { PlanView } from './plan-service.ts'
import { readSpreadsheetFile } from './spreadsheet/spreadsheet-files.ts'

/** The demo plans, entered from the seeds, as the product holds them. */
let t: TestApp
let rochford: PlanView
let joint: PlanView
let joint2021: PlanView
const ids = { rochford: 0, joint: 0 }

async function userId(email: string) {
  return (await t.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id
}

beforeAll(async () => {
  t = await createTestApp()
  await loadDemoData(t.deps, t.services, { onlyIfEmpty: false })
  const partnerships = await t.db.selectFrom('partnerships').select(['id', 'name']).execute()
  ids.rochford = partnerships.find(p => p.name.startsWith('Rochford'))!.id
  ids.joint = partnerships.find(p => p.name.startsWith('Castle Point'))!.id
  const viewer = async (partnershipId: number) =>
    t.services.partnerships.contextFor({ userId: await userId('member@csp-hub.example'), isSiteAdmin: false, roles: new Map([[partnershipId, 'member']]) }, partnershipId, { userId: null, label: 'test' })
  const planOf = async (partnershipId: number, planYear: number) => {
    const ctx = await viewer(partnershipId)
    const plan = (await t.services.plans.list(ctx)).find(p => p.planYear === planYear)
    return t.services.plans.planView(ctx, plan!.id, '2026-11-25')
  }
  rochford = await planOf(ids.rochford, 2011)
  joint = await planOf(ids.joint, 2016)
  joint2021 = await planOf(ids.joint, 2021)
}, 120_000)
afterAll(() => t.close())

describe('the Rochford Annual Partnership Plan 2011/2012 (seed 000, Appendix 1)', () => {
  it('has the four strategic priorities with every key milestone', () => {
    expect(rochford.plan).toMatchObject({ title: 'Annual Partnership Plan 2011/2012', planYear: 2011, periodStartYear: 2011, periodEndYear: 2013, status: 'agreed' })
    expect(rochford.priorities.map(p => [p.title, p.actions.length])).toEqual([
      ['Reduce Anti-Social Behaviour by 2% by 2012', 8],
      ['Reduce Repeat Incidents of Domestic Abuse by 5% by 2012', 10],
      ['Reduce the Number of Sexual Offences by 2% by March 2012', 11],
      ['Increase the Reporting of Hate Related Incidents by 10% and Reduce the Number of Repeats by 10% by 2012', 6],
    ])
    expect(rochford.priorities.flatMap(p => p.actions).every(a => a.outcomes.length > 0)).toBe(true)
  })

  it('holds the delivering groups, resources, key risks and progress comment', () => {
    const [asb, da, sexual, hate] = rochford.priorities
    expect([asb, da, sexual, hate].map(p => p!.deliveringGroup?.name ?? null)).toEqual(['Rochford Referral Group', 'Domestic Abuse Panel', null, 'Rochford District Hate Crime Panel'])
    expect(asb!.resources).toBe('£5K CSP allocation\n£10K CSP problem solving')
    expect(asb!.headlineTarget).toContain('2,048')
    expect(da!.risks.map(r => r.risk)).toEqual(['Schools not engaging/resistance to awareness training', 'Identifying future funding schemes for Sanctuary and Careline', 'Allocated funding for outreach work exceeds 5K'])
    expect(da!.risks[0]!.mitigation).toBe('Domestic Abuse Reduction Officer can manage some of the issues.')
    expect(da!.progressComment).toMatch(/^Domestic Abuse Reduction Officer post is a fixed term contract until May 2012/)
    expect(hate!.risks).toHaveLength(3)
  })

  it('records the leads by role, and the Amber status of every milestone', () => {
    const [asb, da] = rochford.priorities
    expect(asb!.actions[0]!.leadPeople.map(p => p.name)).toEqual(['Anti-Social Behaviour Officer', 'Community Safety Co-ordinator'])
    expect(da!.actions.every(a => a.leadPeople.some(p => p.name === 'Domestic Abuse Reduction Officer'))).toBe(true)
    expect(rochford.priorities.flatMap(p => p.actions).every(a => a.currentRag === 'amber')).toBe(true)
  })
})

describe('the Castle Point and Rochford Partnership Plan 2016/17 (seed 001, Appendix A)', () => {
  it('has the three priorities agreed at the partnership meeting of 14 March 2016, with their sub-themes', () => {
    expect(joint.plan).toMatchObject({ planYear: 2016, agreedOn: '2016-03-14', agreedBy: 'Partnership meeting', versionLabel: 'Version 2 – July 2016 (1st quarter update)' })
    expect(joint.priorities.map(p => [p.title, p.subThemes])).toEqual([
      ['Safeguarding Vulnerable People from Harm', ['Domestic Abuse', 'Hidden Harm', 'Vulnerable groups']],
      ['Anti-Social Behaviour', []],
      ['Acquisitive Crime', ['Burglary', 'Vehicle Crime', 'Crime Prevention', 'Reducing reoffending']],
    ])
    expect(joint.priorities.map(p => [p.objectives.length, p.actions.length])).toEqual([
      [6, 22],
      [5, 15],
      [4, 12],
    ])
  })

  it('holds its first quarter updates, and the second quarter’s where given, without inventing RAG statuses', () => {
    const updates = joint.priorities.flatMap(p => p.actions.flatMap(a => a.updates))
    expect(updates.filter(u => u.quarter === 1)).toHaveLength(25)
    expect(updates.filter(u => u.quarter === 2)).toHaveLength(3)
    expect(updates.every(u => u.rag === null)).toBe(true)
    const taxi = joint.priorities[1]!.actions.find(a => a.title.startsWith('Continue to support taxi Marshalls'))!
    expect(taxi.updates[0]!.body).toContain('June – scheme closed.')
  })

  it('records dependencies and timescales as written', () => {
    const riskAvert = joint.priorities[0]!.actions.find(a => a.title.startsWith('Promote the Risk Avert'))!
    expect(riskAvert).toMatchObject({ quarters: [3, 4], dependencies: 'Dependencies on education.' })
    const dhr = joint.priorities[0]!.actions.find(a => a.title.startsWith('Complete existing DHR'))!
    expect(dhr).toMatchObject({ quarters: [2], dueDate: '2016-09-30', timescaleNote: 'Sept 16' })
  })
})

describe('the Castle Point and Rochford priorities for 2021/22 (seed 004, paragraph 3.2)', () => {
  it('are the three priority areas the Review Committee report names, with no actions (the report gives none)', () => {
    expect(joint2021.plan).toMatchObject({ title: 'Partnership Plan 2021/22', planYear: 2021, status: 'agreed', agreedOn: null, agreedBy: null })
    expect(joint2021.priorities.map(p => [p.title, p.actions.length])).toEqual([
      ['Protecting vulnerable people', 0],
      ['Anti-Social Behaviour', 0],
      ['Violence (including knife crime)', 0],
    ])
  })
})

describe('the demo lead', () => {
  it('leads the actions their roles lead in the seeds, and sees them on My actions', async () => {
    const lead = await t.as({ id: await userId('lead@csp-hub.example') })
    const mine = async (partnershipId: number) => {
      const p = page((await lead.get(`/partnerships/${partnershipId}/my-actions`)).text)
      return p.$('[data-qa=my-action]').map((_, row) => p.$(row).find('td').first().text().trim()).get()
    }
    const jointActions = await mine(ids.joint)
    expect(jointActions).toEqual([expect.stringMatching(/^Crime Prevention Tactical Advisor \(CPTA\) will visit/)])
    expect(await mine(ids.rochford)).toHaveLength(10)
  })
})

describe('the demo plans round-trip through the spreadsheet', () => {
  it('exports, imports into an empty plan and exports the same again (the record IDs aside)', async () => {
    for (const partnershipId of [ids.rochford, ids.joint]) {
      const coordinatorId = await userId('coordinator@csp-hub.example')
      const client = await t.as({ id: coordinatorId })
      const [plan] = await t.db.selectFrom('plans').select('id').where('partnershipId', '=', partnershipId).orderBy('id').execute()
      const csv = await client.get(`/partnerships/${partnershipId}/plans/${plan!.id}/export.csv`)
      // A year of the past, so that every quarter's updates may be posted.
      const created = await client.post(`/partnerships/${partnershipId}/plans/new`, { title: 'Copy', planYear: '2005' })
      const copyId = Number(String(created.headers.location).split('/').at(-1))
      const token = newToken()
      const csrf = newToken()
      const now = t.clock.now()
      await t.services.sessions.create({ id: hashToken(token), userId: coordinatorId, csrfToken: csrf, createdAt: now, lastSeenAt: now, expiresAt: new Date(now.getTime() + 3_600_000) })
      const res = await request(t.app)
        .post(`/partnerships/${partnershipId}/plans/${copyId}/import`)
        .set('Cookie', `${SESSION_COOKIE}=${token}`)
        .field('_csrf', csrf)
        .attach('file', Buffer.from(csv.text, 'utf8'), 'plan.csv')
      // The preview carries the rows to the confirmation in its form.
      expect(res.status, page(res.text).all('[data-qa=import-problem]').join('\n')).toBe(200)
      const preview = page(res.text)
      const fields = Object.fromEntries(['fingerprint', 'rows', 'fileName'].map(name => [name, String(preview.$(`form[action$="/confirm"] input[name=${name}]`).val())]))
      await request(t.app).post(`/partnerships/${partnershipId}/plans/${copyId}/import/confirm`).set('Cookie', `${SESSION_COOKIE}=${token}`).type('form').send({ ...fields, _csrf: csrf }).expect(303)
      const withoutIds = async (text: string) => (await readSpreadsheetFile(Buffer.from(text, 'utf8'), 'plan.csv')).map(row => row.slice(0, -1))
      const again = await client.get(`/partnerships/${partnershipId}/plans/${copyId}/export.csv`)
      expect(await withoutIds(again.text)).toEqual(await withoutIds(csv.text))
    }
  })
})

describe('the draft 2017/18 joint plan (illustrative: the 2016/17 plan refreshed for next year)', () => {
  it('holds the priorities and unfinished actions of 2016/17, without updates, hidden from the public', async () => {
    const actor = { userId: null, label: 'test' }
    const ctx = await t.services.partnerships.contextFor({ userId: await userId('coordinator@csp-hub.example'), isSiteAdmin: false, roles: new Map([[ids.joint, 'coordinator']]) }, ids.joint, actor)
    const draft = (await t.services.plans.list(ctx)).find(p => p.planYear === 2017)!
    expect(draft).toMatchObject({ status: 'draft', title: 'Partnership Plan 2017/18' })
    const view = await t.services.plans.planView(ctx, draft.id, '2026-11-25')
    expect(view.priorities.map(p => p.title)).toEqual(joint.priorities.map(p => p.title))
    const actions = view.priorities.flatMap(p => p.actions)
    expect(actions.length).toBeGreaterThan(0)
    expect(actions.every(a => a.updates.length === 0 && a.latestUpdate === undefined)).toBe(true)
    const visitor = await t.services.partnerships.contextFor(null, ids.joint, actor)
    const visible = (await t.services.plans.list(visitor)).map(p => p.planYear)
    expect(visible).toContain(2016)
    expect(visible).not.toContain(2017)
  })
})

describe('reloading the demo data', () => {
  it('replaces the demo partnerships with their plans (deleting a partnership deletes its plans)', async () => {
    await loadDemoData(t.deps, t.services, { onlyIfEmpty: false })
    const plans = await t.db.selectFrom('plans').innerJoin('partnerships', 'partnerships.id', 'plans.partnershipId').select(['partnerships.name', 'plans.title']).orderBy('plans.id').execute()
    expect(plans.map(p => p.title)).toEqual(['Annual Partnership Plan 2011/2012', 'Partnership Plan 2016/17', 'Partnership Plan 2017/18', 'Partnership Plan 2021/22'])
  })
})
