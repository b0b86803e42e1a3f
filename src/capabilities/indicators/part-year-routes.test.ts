import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { aPartnership, usersOfEachRole } from '#test/helpers/builders'
import { page } from '#test/helpers/html'
import { createTestApp, type TestApp, type TestClient } from '#test/helpers/test-app'

/** Part-year actuals: "April to December 2025", compared with the same months of last year, never called a quarter or a year. */
let t: TestApp
let coordinator: TestClient
let base: string
beforeAll(async () => {
  t = await createTestApp()
  const { partnership } = await aPartnership(t, { isPublished: true })
  coordinator = await t.as((await usersOfEachRole(t, partnership.id)).coordinator)
  base = `/partnerships/${partnership.id}/indicators`
})
afterAll(() => t.close())

async function anIndicator(name: string, frequency: string) {
  const res = await coordinator.post(`${base}/new`, { name, unit: 'count', polarity: 'lower_is_better', frequency, countedAs: 'offences' }).expect(303)
  return res.headers.location!
}

describe('a part-year actual', () => {
  it('is entered as its months, shown against the same months of last year, and never as a year', async () => {
    const url = await anIndicator('Violence with injury', 'annual')
    await coordinator.post(`${url}/actuals/new`, { period: 'April to December 2024', value: '702' }).expect(303)
    await coordinator.post(`${url}/actuals/import`, { csv: 'period,value\n2025/26 April to December,640' }).expect(303)
    await coordinator.post(`${url}/baselines/new`, { year: '2024/25', value: '930' }).expect(303)
    const p = page((await coordinator.get(url).expect(200)).text)
    expect(p.$('[data-qa="part-years"] li').first().text()).toBe('April to December 2025: 640, against 702 in April to December 2024, −8.8%')
    expect(p.$('[data-qa="actuals"]').text()).toContain('April to December 2025')
    // Not a year: no year-by-year row is made of it.
    expect(p.$('[data-qa="years"]')).toHaveLength(0)

    const table = page((await coordinator.get(`${base}?year=2025`).expect(200)).text)
    const row = table.$('[data-qa="performance-row"]').text().replace(/\s+/g, ' ')
    expect(row).toContain('640')
    expect(row).toContain('702')
    expect(row).toContain('A part-year figure for April to December 2025, not a quarter or the whole year')
    expect(row).not.toMatch(/Q[1-4]/)

    const csv = await coordinator.get(`${url}/actuals.csv`).expect(200)
    expect(csv.text).toContain('2025/26 April to December,640')
  })

  it('is kept apart from the quarter it overlaps: April to June is not Q1', async () => {
    const url = await anIndicator('Robbery', 'quarterly')
    await coordinator.post(`${url}/actuals/new`, { period: '2025/26 Q1', value: '30' }).expect(303)
    await coordinator.post(`${url}/actuals/new`, { period: 'April to June 2025', value: '31' }).expect(303)
    const p = page((await coordinator.get(url).expect(200)).text)
    expect(p.$('[data-qa="part-years"] li').first().text()).toBe('April to June 2025: 31. There is no figure for April to June 2024 to compare it with')
    const again = await coordinator.post(`${url}/actuals/new`, { period: 'April to June 2025', value: '32' })
    expect(again.status).toBe(400)
    expect(page(again.text).errorSummary()).toEqual([{ text: 'There is already a figure for April to June 2025: change that one instead', href: '#period' }])
  })

  it('must run from April within one financial year', async () => {
    const url = await anIndicator('Shoplifting', 'monthly')
    const res = await coordinator.post(`${url}/actuals/new`, { period: 'May to December 2025', value: '5' })
    expect(res.status).toBe(400)
    expect(page(res.text).errorSummary()).toEqual([{ text: 'A figure for part of a year runs from April, the start of the financial year, like April to December 2025', href: '#period' }])
  })
})
