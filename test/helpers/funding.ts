import { aPartnership, usersOfEachRole, type RoleSet } from './builders.ts'
import { page } from './html.ts'
import type { TestApp, TestClient } from './test-app.ts'

/** Fixtures of the funding capability's route tests. */

export interface Setup {
  id: number
  base: string
  organisationId: number
  users: RoleSet
  coordinator: TestClient
}

export async function setUp(t: TestApp, options: { isPublished?: boolean } = {}): Promise<Setup> {
  const { partnership, organisation } = await aPartnership(t, { isPublished: options.isPublished ?? false })
  const users = await usersOfEachRole(t, partnership.id)
  return {
    id: partnership.id,
    base: `/partnerships/${partnership.id}/funding`,
    organisationId: organisation.id,
    users,
    coordinator: await t.as(users.coordinator),
  }
}

/** Post a form and expect it to save (303). */
export async function save(client: TestClient, url: string, form: Record<string, string>) {
  const res = await client.post(url, form)
  if (res.status !== 303) throw new Error(`${url} → ${res.status}: ${JSON.stringify(page(res.text).errorSummary())}`)
  return res
}

export const date = (name: string, day: number, month: number, year: number) => ({
  [`${name}-day`]: String(day),
  [`${name}-month`]: String(month),
  [`${name}-year`]: String(year),
})

/** The figures table of a year page: figure name → amount as shown. */
export function figures(html: string) {
  const { $ } = page(html)
  return Object.fromEntries(
    $('[data-qa="figures"] tr[data-figure]')
      .map((_, row) => [[$(row).attr('data-figure'), $(row).find('td a').contents().first().text().trim()]])
      .get() as [string, string][],
  )
}

export async function allocationIds(t: TestApp, partnershipId: number) {
  return (
    await t.db
      .selectFrom('fundingAllocations')
      .select('id')
      .where('partnershipId', '=', partnershipId)
      .orderBy('id')
      .execute()
  ).map(r => r.id)
}

/** A 2021/22 year with the seed's grant and roll-over. */
export async function year2021(s: Setup) {
  await save(s.coordinator, `${s.base}/years/new`, { startYear: '2021/22' })
  await save(s.coordinator, `${s.base}/2021-22/streams/new`, {
    name: 'PFCC grant',
    funder: 'PFCC for Essex',
    amount: '£12,337',
    status: 'confirmed',
    automaticPercent: '100',
  })
  await save(s.coordinator, `${s.base}/2021-22/roll-overs/new`, {
    amount: '10,142',
    reason: 'COVID-19 underspend from 2020/21',
  })
}
