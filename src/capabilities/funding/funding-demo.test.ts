import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { aPartnership, contextFor } from '#test/helpers/builders'
import { createTestApp, type TestApp } from '#test/helpers/test-app'
import type { DemoContext } from '../../demo/demo-context.ts'
import { DEMO_LOADERS, loadDemoData } from '../../demo/index.ts'
import { formatMoney } from '../../shared/format.ts'

import { loadFundingDemo } from './funding-demo.ts'

/** The demo funding as the whole demo loads it: after the plans, so allocations serve the real plans' priorities. */
let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
  await loadDemoData(t.deps, t.services, { onlyIfEmpty: false })
}, 120_000)
afterAll(() => t.close())

const RESOURCES_2011 = [
  'CSP allocation: anti-social behaviour £5,000',
  'CSP Problem Solving £10,000',
  'CSP allocation: domestic abuse £5,000',
  'Sanctuary Scheme £5,000',
  'Basildon Women’s Aid and Safer Places outreach £5,000',
  'Basildon Careline Service £2,000',
  'Domestic Homicide Review (DHR) £3,000',
  'CSP allocation: sexual offences £5,000',
  'Challenge 25 £3,000',
  'CSP allocation: hate related incidents £5,000',
]

async function partnershipId(name: string) {
  return (await t.db.selectFrom('partnerships').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id
}

describe('the funding demo data', () => {
  it('is loaded with the demo partnerships, after the plans', () => {
    expect(DEMO_LOADERS).toContain(loadFundingDemo)
    const order = DEMO_LOADERS.map(load => load.name)
    expect(order.indexOf(loadFundingDemo.name)).toBeGreaterThan(order.indexOf('loadPlanDemo'))
  })

  it('reproduces the 2021/22 figures of seed 004: £12,337 grant, £10,142 roll-over, £1,518 anticipated underspend', async () => {
    const id = await partnershipId('Castle Point and Rochford Community Safety Partnership')
    const ctx = {
      partnership: { id, name: 'CP&R CSP', shortName: null, isPublished: true },
      access: 'member' as const,
      actor: { userId: null, label: 'test' },
      signedIn: true,
      personId: null,
    }
    const summary = await t.services.funding.yearSummary(ctx, 2021)
    expect(summary.streams.map(s => [s.name, formatMoney(s.amountPence)])).toEqual([
      ['Police, Fire and Crime Commissioner’s grant', '£12,337'],
    ])
    expect(summary.rollOvers.map(r => formatMoney(r.amountPence))).toEqual(['£10,142'])
    expect(formatMoney(summary.figures.available.totalPence)).toBe('£22,479')
    expect(formatMoney(summary.figures.forecastUnderspend.totalPence)).toBe('£1,518')
    expect(summary.warnings).toEqual([])
    for (const allocation of summary.allocations) expect(allocation.notes).toMatch(/Illustrative/)

    const next = await t.services.funding.yearSummary(ctx, 2022)
    expect(next.figures.available.totalPence).toBe(0)
    expect(formatMoney(next.figures.notYetConfirmed.totalPence)).toBe('£12,337')

    const y2016 = await t.services.funding.yearSummary(ctx, 2016)
    expect(formatMoney(y2016.figures.available.totalPence)).toBe('£14,019')

    const projects = await t.services.funding.projects(ctx)
    expect(projects.map(p => [p.name, p.evaluation.state])).toEqual([
      ['Bar ’N’ Bus outreach', 'no_end_date'],
      ['Crucial Crew', 'overdue'],
      ['Taxi marshalling scheme, Rayleigh', 'evaluated'],
      ['Walk Online', 'evaluated'],
    ])
  })

  it('links the 2021/22 sanctuary scheme money to the 2021/22 plan’s “Protecting vulnerable people” priority', async () => {
    const id = await partnershipId('Castle Point and Rochford Community Safety Partnership')
    const rows = await sql<{ purpose: string; title: string | null; planYear: number | null }>`
      select a.purpose, p.title, pl.plan_year as "planYear" from funding_allocations a
      join funding_years y on y.id = a.funding_year_id
      left join priorities p on p.id = a.priority_id left join plans pl on pl.id = p.plan_id
      where a.partnership_id = ${id} and y.start_year = 2021 and a.kind = 'priority' order by a.id`.execute(t.db)
    expect(rows.rows).toEqual([{ purpose: 'Sanctuary scheme support for victims of high-risk domestic abuse', title: 'Protecting vulnerable people', planYear: 2021 }])
  })

  it('enters the 2011/12 resources per priority, linked to the demo’s 2011/12 plan by title', async () => {
    const id = await partnershipId('Rochford District Community Safety Partnership')
    const rows = await sql<{ purpose: string; amountPence: number; title: string | null; planYear: number | null; notes: string }>`
      select a.purpose, a.amount_pence as "amountPence", p.title, pl.plan_year as "planYear", a.notes from funding_allocations a
      left join priorities p on p.id = a.priority_id left join plans pl on pl.id = p.plan_id
      where a.partnership_id = ${id} order by a.id`.execute(t.db)
    expect(rows.rows.map(r => `${r.purpose} ${formatMoney(r.amountPence)}`)).toEqual(RESOURCES_2011)
    expect(rows.rows.every(r => r.planYear === 2011)).toBe(true)
    expect(rows.rows.some(r => /Not linked/.test(r.notes))).toBe(false)
    const byTitle = (title: string) => rows.rows.filter(r => r.title?.startsWith(title)).map(r => r.purpose)
    expect(byTitle('Reduce Anti-Social')).toEqual(['CSP allocation: anti-social behaviour', 'CSP Problem Solving'])
    expect(byTitle('Reduce Repeat')).toHaveLength(5)
    expect(byTitle('Reduce the Number of Sexual')).toEqual(['CSP allocation: sexual offences', 'Challenge 25'])
    expect(byTitle('Increase the Reporting of Hate')).toEqual(['CSP allocation: hate related incidents'])
  })

  it('loads for a partnership without the plans, leaving the allocations unlinked and saying so', async () => {
    const { partnership, organisation } = await aPartnership(t, { name: 'A partnership without plans' })
    const ctx = contextFor(partnership, 'admin')
    const demo = {
      deps: t.deps,
      services: t.services,
      partnerships: { 'rochford-2011': ctx, 'joint-2016': ctx },
      organisationId: async () => organisation.id,
    } as unknown as DemoContext
    await loadFundingDemo(demo)
    const rows = await t.db
      .selectFrom('fundingAllocations')
      .innerJoin('fundingYears', 'fundingYears.id', 'fundingAllocations.fundingYearId')
      .select(['fundingAllocations.purpose', 'fundingAllocations.amountPence', 'fundingAllocations.priorityId', 'fundingAllocations.notes', 'fundingAllocations.kind'])
      .where('fundingAllocations.partnershipId', '=', partnership.id)
      .where('fundingYears.startYear', '=', 2011)
      .orderBy('fundingAllocations.id')
      .execute()
    expect(rows.map(r => `${r.purpose} ${formatMoney(r.amountPence)}`)).toEqual(RESOURCES_2011)
    expect(rows.every(r => r.priorityId === null && /Not linked to the plan/.test(r.notes ?? ''))).toBe(true)
    const priorityAllocations = await t.db.selectFrom('fundingAllocations').select('priorityId').where('partnershipId', '=', partnership.id).where('kind', '=', 'priority').execute()
    expect(priorityAllocations.every(r => r.priorityId === null)).toBe(true)
  })
})

describe('the funding figures for the annual report', () => {
  it('state the 2021/22 money as the committee report does, with the streams and roll-over adding up to what is available', async () => {
    const id = await partnershipId('Castle Point and Rochford Community Safety Partnership')
    const publicCtx = {
      partnership: { id, name: 'CP&R CSP', shortName: null, isPublished: true },
      access: 'public' as const,
      actor: { userId: null, label: 'test' },
      signedIn: false,
      personId: null,
    }
    const summary = await t.services.funding.reportSummary(publicCtx, 2021)
    expect(summary).toMatchObject({
      financialYear: 2021,
      streams: [{ name: 'Police, Fire and Crime Commissioner’s grant', amountPence: 1_233_700 }],
      rollOverPence: 1_014_200,
      availablePence: 2_247_900,
      forecastUnderspendPence: 151_800,
    })
    expect(summary!.streams.reduce((sum, s) => sum + s.amountPence, 0) + summary!.rollOverPence).toBe(
      summary!.availablePence,
    )
    expect(summary!.spentPence + summary!.committedPence).toBe(2_096_100)
    expect(await t.services.funding.reportSummary(publicCtx, 2019)).toBeNull()
  })
})
