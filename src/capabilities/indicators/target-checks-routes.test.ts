import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { aPartnership, usersOfEachRole } from '#test/helpers/builders'
import { page } from '#test/helpers/html'
import { createTestApp, type TestApp, type TestClient } from '#test/helpers/test-app'

/** A target that does not fit its indicator is saved, and the page the form leads to says so at once, at the top. */
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

async function anIndicator(name: string) {
  const res = await coordinator.post(`${base}/new`, { name, unit: 'count', polarity: 'lower_is_better', frequency: 'annual', countedAs: 'offences' }).expect(303)
  return res.headers.location!
}

/** Save the target through the form and follow where it leads, as the officer's browser does. */
async function saveTarget(url: string, form: Record<string, string>) {
  const saved = await coordinator.post(`${url}/targets/new`, form)
  expect(saved.status, saved.text).toBe(303)
  const next = await coordinator.get(saved.headers.location!.replace(/#.*$/, '')).expect(200)
  return page(next.text)
}

describe('a target that contradicts its indicator', () => {
  it('when a target is above the baseline of a lower-is-better measure, then it is saved and the next page warns at the top', async () => {
    const url = await anIndicator('Burglary')
    await coordinator.post(`${url}/baselines/new`, { year: '2024/25', value: '1,000' }).expect(303)
    const baseline = await t.db.selectFrom('indicatorBaselines').select('id').where('value', '=', 1000).orderBy('id', 'desc').executeTakeFirstOrThrow()
    const p = await saveTarget(url, { year: '2025/26', kind: 'absolute', absoluteValue: '1,100', baselineId: String(baseline.id) })
    expect(p.$('[data-qa="target-checks"]').text().replace(/\s+/g, ' ')).toContain(
      '2025/26: The target of 1,100 is above the baseline of 1,000, but lower is better for this indicator: check it is meant',
    )
    // The warning comes before the figures, straight after the heading.
    expect(p.$('h1').nextAll('[data-qa="target-checks"]')).toHaveLength(1)
    expect(await t.db.selectFrom('indicatorTargets').select('absoluteValue').where('baselineId', '=', baseline.id).execute()).toEqual([{ absoluteValue: 1100 }])
  })

  it('when a % target is entered before any baseline, then it is saved and the next page says a baseline is needed to work out the figure', async () => {
    const url = await anIndicator('Criminal damage')
    const p = await saveTarget(url, { year: '2025/26', kind: 'percent_change', changeDirection: 'reduce', changePercent: '5' })
    expect(p.$('[data-qa="target-checks"]').text().replace(/\s+/g, ' ')).toContain(
      '2025/26: This target is a % change, but the indicator has no baseline yet: add one to work out the figure',
    )
  })

  it('when a target fits, then there is no warning', async () => {
    const url = await anIndicator('Robbery')
    await coordinator.post(`${url}/baselines/new`, { year: '2024/25', value: '300' }).expect(303)
    const baseline = await t.db.selectFrom('indicatorBaselines').select('id').where('value', '=', 300).orderBy('id', 'desc').executeTakeFirstOrThrow()
    const p = await saveTarget(url, { year: '2025/26', kind: 'percent_change', changeDirection: 'reduce', changePercent: '5', baselineId: String(baseline.id) })
    expect(p.$('[data-qa="target-checks"]')).toHaveLength(0)
  })
})
