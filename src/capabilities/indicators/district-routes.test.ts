import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { aPartnership, usersOfEachRole } from '#test/helpers/builders'
import { page } from '#test/helpers/html'
import { createTestApp, type TestApp, type TestClient } from '#test/helpers/test-app'

/** Joint partnerships: an indicator per district under the whole partnership's, summed where the measure allows it. */
let t: TestApp
let coordinator: TestClient
let base: string
let districts: { id: number; name: string }[]
beforeAll(async () => {
  t = await createTestApp()
  const { partnership, district } = await aPartnership(t, { isPublished: true })
  const second = await t.db.insertInto('areas').values({ partnershipId: partnership.id, type: 'district', name: 'Maldon', code: 'E07000074' }).returning(['id', 'name']).executeTakeFirstOrThrow()
  districts = [{ id: district.id, name: district.name }, second]
  coordinator = await t.as((await usersOfEachRole(t, partnership.id)).coordinator)
  base = `/partnerships/${partnership.id}/indicators`
})
afterAll(() => t.close())

async function anIndicator(form: Record<string, string>) {
  const res = await coordinator.post(`${base}/new`, { polarity: 'lower_is_better', frequency: 'quarterly', countedAs: 'offences', unit: 'count', ...form })
  expect(res.status, res.text).toBe(303)
  return { url: res.headers.location!, id: Number(/(\d+)$/.exec(res.headers.location!)![1]) }
}

async function figures(url: string, baseline: string, q1: string) {
  await coordinator.post(`${url}/baselines/new`, { year: '2024/25', value: baseline }).expect(303)
  await coordinator.post(`${url}/actuals/new`, { period: '2025/26 Q1', value: q1 }).expect(303)
}

describe('a joint partnership’s indicator', () => {
  it('shows each district’s baseline and figure, and for a count their sum, saying it is the sum', async () => {
    const whole = await anIndicator({ name: 'Burglary, whole partnership' })
    const a = await anIndicator({ name: 'Burglary, first district', areaId: String(districts[0]!.id), parentIndicatorId: String(whole.id) })
    const b = await anIndicator({ name: 'Burglary, Maldon', areaId: String(districts[1]!.id), parentIndicatorId: String(whole.id) })
    await figures(a.url, '100', '30')
    await figures(b.url, '50', '10')
    const p = page((await coordinator.get(whole.url).expect(200)).text)
    expect(p.$('[data-qa="districts"] thead').text()).toContain('Baseline 2024/25')
    const total = p.$('[data-qa="districts-total"]').text().replace(/\s+/g, ' ').trim()
    expect(total).toBe('Whole partnership 150 Sum of the 2 districts’ figures 40 Sum of the 2 districts’ figures')
    expect(p.$('[data-qa="districts"] tbody tr')).toHaveLength(3)
    const district = page((await coordinator.get(b.url).expect(200)).text)
    expect(district.$('[data-qa="district-of"]').text()).toContain('Burglary, whole partnership')
  })

  it('does not sum a percentage, and says it cannot be summed', async () => {
    const whole = await anIndicator({ name: 'Feeling safe, whole partnership', unit: 'percentage', polarity: 'higher_is_better', frequency: 'annual' })
    const a = await anIndicator({ name: 'Feeling safe, Maldon', unit: 'percentage', polarity: 'higher_is_better', frequency: 'annual', areaId: String(districts[1]!.id), parentIndicatorId: String(whole.id) })
    await coordinator.post(`${a.url}/baselines/new`, { year: '2024/25', value: '71.5' }).expect(303)
    const p = page((await coordinator.get(whole.url).expect(200)).text)
    expect(p.$('[data-qa="districts-total"]').text()).toContain('Cannot be summed: a percentage is not the sum of the districts’ percentages')
    expect(p.$('[data-qa="districts"] tbody').text()).toContain('71.5%')
  })

  it('asks for the district, and for the whole partnership’s unit and frequency', async () => {
    const whole = await anIndicator({ name: 'Robbery, whole partnership' })
    const noArea = await coordinator.post(`${base}/new`, { name: 'Robbery, somewhere', unit: 'count', polarity: 'lower_is_better', frequency: 'quarterly', parentIndicatorId: String(whole.id) })
    expect(page(noArea.text).errorSummary()).toEqual([{ text: 'Select the district this indicator is for', href: '#areaId' }])
    const monthly = await coordinator.post(`${base}/new`, { name: 'Robbery, Maldon', unit: 'count', polarity: 'lower_is_better', frequency: 'monthly', areaId: String(districts[1]!.id), parentIndicatorId: String(whole.id) })
    expect(page(monthly.text).errorSummary()).toEqual([{ text: 'A district’s indicator is measured as the whole partnership’s: count, quarterly', href: '#parentIndicatorId' }])
  })
})
