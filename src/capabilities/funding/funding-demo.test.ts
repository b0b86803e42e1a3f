import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { DEMO_LOADERS, loadDemoData, type DemoContext } from '../../demo/index.ts'
import { formatMoney } from '../../shared/format.ts'
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.ts'

import { loadFundingDemo } from './funding-demo.ts'

/** Stands in for the plans capability's loader: the 2011/12 plan with the four priorities of seed 000. */
async function load2011Plan(demo: DemoContext) {
  const ctx = demo.partnerships['rochford-2011']
  const db = demo.deps.database.db
  const plan = await db
    .insertInto('plans')
    .values({
      partnershipId: ctx.partnership.id,
      title: 'Annual Partnership Plan 2011/2012',
      planYear: 2011,
      periodStartYear: 2011,
      periodEndYear: 2013,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const titles = [
    'Reduce Anti-Social Behaviour by 2% by 2012',
    'Reduce Repeat Incidents of Domestic Abuse by 5% by 2012',
    'Reduce the Number of Sexual Offences by 2% by March 2012',
    'Increase the Reporting of Hate Related Incidents by 10% and Reduce the Number of Repeats by 10% by 2012',
  ]
  for (const [position, title] of titles.entries()) {
    await db
      .insertInto('priorities')
      .values({ partnershipId: ctx.partnership.id, planId: plan.id, position: position + 1, title, subThemes: '[]' })
      .execute()
  }
}

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

async function partnershipId(name: string) {
  return (await t.db.selectFrom('partnerships').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id
}

describe('the funding demo data', () => {
  it('is loaded with the demo partnerships', () => {
    expect(DEMO_LOADERS).toContain(loadFundingDemo)
  })

  it('reproduces the 2021/22 figures of seed 004: £12,337 grant, £10,142 roll-over, £1,518 anticipated underspend', async () => {
    await loadDemoData(t.deps, t.services, { onlyIfEmpty: false })
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

  it('enters the 2011/12 resources per priority, unlinked when the 2011 plan is not loaded', async () => {
    await loadDemoData(t.deps, t.services, { onlyIfEmpty: false })
    const id = await partnershipId('Rochford District Community Safety Partnership')
    const rows = await t.db
      .selectFrom('fundingAllocations')
      .select(['purpose', 'amountPence', 'priorityId', 'notes'])
      .where('partnershipId', '=', id)
      .orderBy('id')
      .execute()
    expect(rows.map(r => `${r.purpose} ${formatMoney(r.amountPence)}`)).toEqual([
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
    ])
    expect(rows.every(r => r.priorityId === null)).toBe(true)
    expect(rows[0]?.notes).toMatch(/Not linked to the plan/)
  })

  it('links the 2011/12 resources to the plan’s priorities by title when the plan has been loaded first', async () => {
    DEMO_LOADERS.unshift(load2011Plan)
    try {
      await loadDemoData(t.deps, t.services, { onlyIfEmpty: false })
    } finally {
      DEMO_LOADERS.splice(DEMO_LOADERS.indexOf(load2011Plan), 1)
    }
    const id = await partnershipId('Rochford District Community Safety Partnership')
    const rows = await sql<{ purpose: string; title: string | null }>`
      select a.purpose, p.title from funding_allocations a left join priorities p on p.id = a.priority_id
      where a.partnership_id = ${id} order by a.id`.execute(t.db)
    const byTitle = (title: string) => rows.rows.filter(r => r.title?.startsWith(title)).map(r => r.purpose)
    expect(byTitle('Reduce Anti-Social')).toEqual(['CSP allocation: anti-social behaviour', 'CSP Problem Solving'])
    expect(byTitle('Reduce Repeat')).toHaveLength(5)
    expect(byTitle('Reduce the Number of Sexual')).toEqual(['CSP allocation: sexual offences', 'Challenge 25'])
    expect(byTitle('Increase the Reporting of Hate')).toEqual(['CSP allocation: hate related incidents'])
  })
})

describe('the funding figures for the annual report', () => {
  it('state the 2021/22 money as the committee report does, with the streams and roll-over adding up to what is available', async () => {
    await loadDemoData(t.deps, t.services, { onlyIfEmpty: false })
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
