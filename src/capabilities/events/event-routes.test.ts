import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { aPartnership, aUser } from '#test/helpers/builders'
import { page } from '#test/helpers/html'
import { createTestApp, type TestApp, type TestClient } from '#test/helpers/test-app'

/**
 * Events and campaigns: the cost comes from a funding ledger line (never typed), the ward from the partnership's
 * areas, the actions from its plan; another partnership's event, ward or funding line is refused.
 */
let t: TestApp
let partnershipId: number
let coordinator: TestClient
let member: TestClient
let wardId: number
let spendId: number
let allocationId: number
let actionId: number
let otherSpendId: number

async function ledger(pid: number, organisationId: number) {
  const year = await t.db.insertInto('fundingYears').values({ partnershipId: pid, startYear: 2016, accountableOrganisationId: organisationId }).returning('id').executeTakeFirstOrThrow()
  const allocation = await t.db.insertInto('fundingAllocations').values({ partnershipId: pid, fundingYearId: year.id, kind: 'other', purpose: 'Crucial Crew', amountPence: 300_000 }).returning('id').executeTakeFirstOrThrow()
  const spend = await t.db.insertInto('fundingSpend').values({ partnershipId: pid, allocationId: allocation.id, spentOn: '2016-06-20', description: 'Crucial Crew coaches', amountPence: 125_000, status: 'paid' }).returning('id').executeTakeFirstOrThrow()
  await t.db.insertInto('fundingSpend').values({ partnershipId: pid, allocationId: allocation.id, spentOn: '2016-06-25', description: 'Crucial Crew packs', amountPence: 40_000, status: 'committed' }).execute()
  return { allocationId: allocation.id, spendId: spend.id }
}

beforeAll(async () => {
  t = await createTestApp()
  const p = await aPartnership(t)
  partnershipId = p.partnership.id
  wardId = (await t.db.insertInto('areas').values({ partnershipId, type: 'ward', name: 'Rayleigh Central', parentId: p.district.id }).returning('id').executeTakeFirstOrThrow()).id
  ;({ allocationId, spendId } = await ledger(partnershipId, p.organisation.id))
  const plan = await t.db.insertInto('plans').values({ partnershipId, title: 'Plan 2016/17', planYear: 2016, status: 'agreed' }).returning('id').executeTakeFirstOrThrow()
  const priority = await t.db.insertInto('priorities').values({ partnershipId, planId: plan.id, position: 1, title: 'Hidden harm' }).returning('id').executeTakeFirstOrThrow()
  actionId = (await t.db.insertInto('actions').values({ partnershipId, priorityId: priority.id, position: 1, title: 'Crucial Crew life skills event for Year 6' }).returning('id').executeTakeFirstOrThrow()).id
  coordinator = await t.as(await aUser(t, { role: 'coordinator', partnershipId }))
  member = await t.as(await aUser(t, { role: 'member', partnershipId }))
  const other = await aPartnership(t)
  otherSpendId = (await ledger(other.partnership.id, other.organisation.id)).spendId
})
afterAll(() => t.close())

describe('events and campaigns', () => {
  const base = () => `/partnerships/${partnershipId}/events`
  const crucialCrew = () => ({ title: 'Crucial Crew 2016', kind: 'event', 'startsOn-day': '21', 'startsOn-month': '6', 'startsOn-year': '2016', areaId: String(wardId), audience: 'Year 6 pupils', reach: '500', ledgerLine: `spend:${spendId}`, actionIds: [String(actionId)], feedbackQuestion: 'Teachers who found it beneficial', feedbackPercent: '85' })

  it('records an event whose cost is its funding line, shown on its page and in the list', async () => {
    const res = await coordinator.post(`${base()}/new`, crucialCrew())
    expect(res.status).toBe(303)
    const show = page((await member.get(res.headers.location!)).text)
    expect(show.text('[data-qa=event]')).toContain('£1,250 – Spend: Crucial Crew coaches (funding ledger)')
    expect(show.text('[data-qa=event]')).toContain('Rayleigh Central')
    expect(show.text('[data-qa=event]')).toContain('Crucial Crew life skills event for Year 6')
    expect(page((await member.get(base())).text).text('[data-qa=totals]')).toBe('1 event or campaign, reaching 500 people, costing £1,250.')
    const audit = await t.db.selectFrom('auditEvents').select(['action', 'entityType']).where('partnershipId', '=', partnershipId).where('entityType', '=', 'event').execute()
    expect(audit).toEqual([{ action: 'create', entityType: 'event' }])
  })

  it('takes an allocation’s cost as what has been paid or committed from it', async () => {
    const res = await coordinator.post(`${base()}/new`, { ...crucialCrew(), title: 'Crucial Crew campaign', kind: 'campaign', ledgerLine: `allocation:${allocationId}` })
    expect(page((await member.get(res.headers.location!)).text).text('[data-qa=event]')).toContain('£1,650 – Allocation: Crucial Crew')
  })

  it('refuses another partnership’s funding line, and lists every problem', async () => {
    const res = await coordinator.post(`${base()}/new`, { ...crucialCrew(), ledgerLine: `spend:${otherSpendId}` })
    expect(res.status).toBe(400)
    expect(page(res.text).errorSummary()).toEqual([{ text: 'Select a funding line from the list', href: '#ledgerLine' }])
    const empty = await coordinator.post(`${base()}/new`, { feedbackResponses: '40' })
    expect(page(empty.text).errorSummary().map(e => e.href)).toEqual(['#title', '#kind', '#startsOn-day'])
    expect((await member.post(`${base()}/new`, crucialCrew())).status).toBe(403)
  })
})
