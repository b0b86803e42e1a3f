import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { aPartnership, contextFor, usersOfEachRole, type RoleSet } from '#test/helpers/builders'
import { page } from '#test/helpers/html'
import { createTestApp, type TestApp, type TestClient } from '#test/helpers/test-app'
import { reportSources } from '../reports/index.ts'

/**
 * The partnership's rule for no change: set on the indicators' settings page, used by every indicator RAG
 * (the indicator page, the performance table and its downloads, the reports) and stated by every legend.
 */
let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

interface World {
  partnership: { id: number; name: string; isPublished: boolean }
  users: RoleSet
  coordinator: TestClient
  admin: TestClient
  base: string
}

async function aWorld(): Promise<World> {
  const { partnership } = await aPartnership(t, { isPublished: true })
  const users = await usersOfEachRole(t, partnership.id)
  return { partnership, users, coordinator: await t.as(users.coordinator), admin: await t.as(users.admin), base: `/partnerships/${partnership.id}/indicators` }
}

/** Burglaries down from 200 to 198 (a 1% fall) against a target to reduce them, of a direction only. */
async function aSmallFall(w: World) {
  const res = await w.coordinator.post(`${w.base}/new`, { name: 'Burglary', unit: 'count', polarity: 'lower_is_better', frequency: 'annual', countedAs: 'offences' })
  const url = res.headers.location!
  await w.coordinator.post(`${url}/baselines/new`, { year: '2024/25', value: '200' }).expect(303)
  const baseline = await t.db.selectFrom('indicatorBaselines').select('id').where('partnershipId', '=', w.partnership.id).executeTakeFirstOrThrow()
  await w.coordinator.post(`${url}/targets/new`, { year: '2025/26', kind: 'direction', baselineId: String(baseline.id) }).expect(303)
  await w.coordinator.post(`${url}/actuals/new`, { period: '2025/26', value: '198' }).expect(303)
  return url
}

const ragOnPage = async (w: World, url: string) => page((await w.coordinator.get(url)).text).$('[data-qa="targets"] [data-rag]').attr('data-rag')
const ragInTable = async (w: World) => page((await w.coordinator.get(`${w.base}?year=2025`)).text).$('[data-qa="performance-row"] [data-rag]').attr('data-rag')

describe('the rule for no change', () => {
  it('is set by a partnership admin: a 1% fall within a ±2% band is no change, Red by the rule, on every page, download and report, and every legend says so', async () => {
    const w = await aWorld()
    const url = await aSmallFall(w)
    expect(await ragOnPage(w, url)).toBe('green')

    const form = page((await w.admin.get(`${w.base}/settings`).expect(200)).text)
    expect(form.h1()).toBe('RAG rules for indicators')
    expect(form.$('input[name="ragNoChange"][value="amber"]').attr('checked')).toBeDefined()
    expect(form.$('[data-qa="rag-legend"]').text()).toContain('No change from the baseline is Amber: it is not moving the right way.')

    await w.admin.post(`${w.base}/settings`, { ragNoChange: 'red', ragNoChangeBandPercent: '2', ragTolerancePercent: '0' }).expect(303)

    expect(await ragOnPage(w, url)).toBe('red')
    expect(await ragInTable(w)).toBe('red')
    const legend = 'No change (a move of no more than 2% of the baseline either way) is Red: it is not moving the right way.'
    const table = page((await w.coordinator.get(`${w.base}?year=2025`)).text)
    expect(table.$('[data-qa="performance-row"]').text()).toContain('No change from the baseline of 200 (within 2% of it): Red by the partnership’s rule')
    expect(table.$('[data-qa="rag-legend"]').text()).toContain(legend)
    expect((await w.coordinator.get(url)).text).toContain(legend)
    const csv = await request(t.app).get(`${w.base}/performance.csv?year=2025`).expect(200)
    expect(csv.text).toContain(',Red,')
    expect(csv.text).toContain(legend)

    const ctx = contextFor(w.partnership, 'admin')
    const reported = await reportSources({ indicators: t.services.indicators, funding: t.services.funding }).performance!(ctx, 2025)
    expect(reported!.rows[0]!.rag).toBe('red')
    expect(reported!.notes!.join(' ')).toContain(legend)

    const audit = await t.db.selectFrom('auditEvents').select('summary').where('partnershipId', '=', w.partnership.id).where('entityType', '=', 'partnership').execute()
    expect(audit).toEqual([{ summary: 'Changed the RAG rules from tolerance 0%, no change Amber to tolerance 0%, no change Red within ±2%' }])
  })

  it('refuses a tolerance with no change counted as Red, and a band out of range, each beside its field', async () => {
    const w = await aWorld()
    const res = await w.admin.post(`${w.base}/settings`, { ragNoChange: 'red', ragNoChangeBandPercent: '25', ragTolerancePercent: '5' })
    expect(res.status).toBe(400)
    expect(page(res.text).errorSummary()).toEqual([{ text: 'The band for no change must be a percentage between 0 and 20, like 1 or 2.5', href: '#ragNoChangeBandPercent' }])
    const clash = await w.admin.post(`${w.base}/settings`, { ragNoChange: 'red', ragNoChangeBandPercent: '', ragTolerancePercent: '5' })
    expect(clash.status).toBe(400)
    expect(page(clash.text).errorSummary()[0]!.href).toBe('#ragTolerancePercent')
    const none = await w.admin.post(`${w.base}/settings`, { ragTolerancePercent: '0' })
    expect(page(none.text).errorSummary()).toEqual([{ text: 'Select what no change from the baseline counts as', href: '#ragNoChange' }])
  })
})
