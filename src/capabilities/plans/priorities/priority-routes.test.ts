import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { aUser } from '#test/helpers/builders'
import { page } from '#test/helpers/html'
import { aPartnershipWithPlan as planFixture } from '#test/helpers/plans'
import { createTestApp, type TestApp } from '#test/helpers/test-app'

/** The test clock says 25 November 2026: Q3 of the 2026/27 plan year. */
let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

const aPartnershipWithPlan = (options?: Parameters<typeof planFixture>[1]) => planFixture(t, options)

describe('the priority page', () => {
  it('lays the action plan out like the partnership’s own tables', async () => {
    const { partnership, actions } = await aPartnershipWithPlan()
    const member = await aUser(t, { role: 'member', partnershipId: partnership.id })
    const res = await (await t.as(member)).get(`/partnerships/${partnership.id}/priorities/${actions[0]!.priorityId}`)
    const p = page(res.text)
    expect(p.h1()).toBe('Safeguarding')
    expect(p.all('[data-qa^=priority-table] thead th')).toEqual(['Strategic objective', 'Actions', 'Outcomes / measures', 'Lead agency / officer', 'Timescales / updates'])
    const rowgroups = p.all('[data-qa^=priority-table] th[scope=rowgroup]')
    expect(rowgroups).toEqual(['Directly under the priority', 'Raise awareness of domestic abuse'])
    const j9 = p.$('[data-qa=action-row]').filter((_, row) => p.$(row).text().includes('J9')).text().replace(/\s+/g, ' ')
    expect(j9).toContain('Q1–4')
    expect(j9).toContain('Green')
    expect(j9).toContain('Q1: Training booked')
    expect(j9).toContain('Q2 update overdue')
  })
})

describe('a priority’s delivering group', () => {
  it('must be one of the partnership’s groups', async () => {
    const { partnership, plan, group } = await aPartnershipWithPlan()
    const other = await aPartnershipWithPlan()
    const coordinator = await t.as(await aUser(t, { role: 'coordinator', partnershipId: partnership.id }))
    const refused = await coordinator.post(`/partnerships/${partnership.id}/plans/${plan.id}/priorities/new`, { title: 'Hate crime', deliveringGroupId: String(other.group.id) })
    expect(refused.status).toBe(400)
    expect(page(refused.text).errorSummary()).toEqual([{ text: 'Select a group from the list', href: '#deliveringGroupId' }])

    const saved = await coordinator.post(`/partnerships/${partnership.id}/plans/${plan.id}/priorities/new`, { title: 'Hate crime', deliveringGroupId: String(group.id) })
    expect(saved.status).toBe(303)
    const priorityPage = page((await coordinator.get(String(saved.headers.location))).text)
    expect(priorityPage.h1()).toBe('Hate crime')
    expect(priorityPage.text('.govuk-summary-list')).toContain(group.name)
  })
})
