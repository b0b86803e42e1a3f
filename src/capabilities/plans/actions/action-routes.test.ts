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

describe('My actions', () => {
  it('lists the lead’s actions with those due or overdue first', async () => {
    const { partnership, person, byTitle } = await aPartnershipWithPlan()
    // The lead also leads the family event (due in Q3, now) and taxi marshals (no update: overdue).
    for (const title of ['Family event', 'Taxi marshals']) {
      await t.db.insertInto('actionLeadPeople').values({ partnershipId: partnership.id, actionId: byTitle(title).id, personId: person.id }).execute()
    }
    const lead = await t.as(await aUser(t, { role: 'lead', partnershipId: partnership.id, personId: person.id }))
    const p = page((await lead.get(`/partnerships/${partnership.id}/my-actions`)).text)
    const due = p.$('[data-qa=due-or-overdue] [data-qa=my-action]').map((_, row) => p.$(row).find('td').first().text().trim() + ' | ' + p.$(row).find('[data-state]').text().trim()).get()
    expect(due).toEqual(['Re-introduce the J9 scheme | Q2 update overdue', 'Taxi marshals | Q2 update overdue', 'Family event | Q3 update due'])

    // Once the J9 Q2 update is in, J9 waits for Q3 (due now).
    await lead.post(`/partnerships/${partnership.id}/actions/${byTitle('Re-introduce the J9 scheme').id}/updates/new`, { quarter: '3', rag: 'green', body: 'On track' }).expect(303)
    const after = page((await lead.get(`/partnerships/${partnership.id}/my-actions`)).text)
    expect(after.all('[data-qa=due-or-overdue] [data-qa=my-action] td:first-child')).toEqual(['Taxi marshals', 'Family event'])
    expect(after.all('[data-qa=other-actions] [data-qa=my-action] td:first-child')).toEqual(['Re-introduce the J9 scheme'])
  })

  it('explains when the account is not linked to a person', async () => {
    const { partnership } = await aPartnershipWithPlan()
    const lead = await t.as(await aUser(t, { role: 'lead', partnershipId: partnership.id }))
    expect((await lead.get(`/partnerships/${partnership.id}/my-actions`)).text).toContain('Your account is not linked to one of the partnership’s people')
  })
})

describe('the plan-wide filter', () => {
  it('filters the actions by lead organisation, delivering group, quarter and RAG', async () => {
    const { partnership, plan, organisation, group } = await aPartnershipWithPlan()
    const member = await t.as(await aUser(t, { role: 'member', partnershipId: partnership.id }))
    const titles = async (query: string) => {
      const p = page((await member.get(`/partnerships/${partnership.id}/plans/${plan.id}/actions?${query}`)).text)
      return p.$('[data-qa=action-row]').map((_, row) => p.$(row).find('td').first().text().trim()).get()
    }
    expect(await titles('')).toEqual(['Family event', 'Re-introduce the J9 scheme', 'Taxi marshals', 'Street Pastors'])
    expect(await titles(`organisation=${organisation.id}`)).toEqual(['Re-introduce the J9 scheme', 'Taxi marshals'])
    expect(await titles(`group=${group.id}`)).toEqual(['Taxi marshals', 'Street Pastors'])
    expect(await titles('quarter=3&rag=red')).toEqual(['Family event'])
    expect(await titles('rag=none')).toEqual(['Taxi marshals', 'Street Pastors'])
    expect(await titles('due=yes')).toEqual(['Family event', 'Re-introduce the J9 scheme', 'Taxi marshals'])
    const filtered = page((await member.get(`/partnerships/${partnership.id}/plans/${plan.id}/actions?rag=green`)).text)
    expect(filtered.text('[data-qa=match-count]')).toMatch(/^Showing 1 action of 4\./)
  })

  it('prints as a clean table: filters, buttons and navigation are marked to be left out', async () => {
    const { partnership, plan } = await aPartnershipWithPlan()
    const coordinator = await t.as(await aUser(t, { role: 'coordinator', partnershipId: partnership.id }))
    const p = page((await coordinator.get(`/partnerships/${partnership.id}/plans/${plan.id}/actions`)).text)
    expect(p.$('form.app-filter').length).toBe(1)
    expect(p.$('table.app-plan-table').length).toBe(2)
    expect(p.$('table.app-plan-table caption').map((_, c) => p.$(c).text().trim()).get()).toEqual(['1. Safeguarding', '2. Anti-social behaviour'])
  })
})

describe('an action’s leads', () => {
  it('refuses lead organisations and people of another partnership, and an objective of another priority, keeping nothing', async () => {
    const { partnership, byTitle } = await aPartnershipWithPlan()
    const other = await aPartnershipWithPlan()
    const coordinator = await t.as(await aUser(t, { role: 'coordinator', partnershipId: partnership.id }))
    const taxi = byTitle('Taxi marshals')
    const objective = await t.db.selectFrom('objectives').select('id').where('partnershipId', '=', partnership.id).executeTakeFirstOrThrow()
    const res = await coordinator.post(`/partnerships/${partnership.id}/priorities/${taxi.priorityId}/actions/new`, {
      title: 'Borrowed leads',
      status: 'open',
      objectiveId: String(objective.id),
      leadOrganisationIds: [String(other.organisation.id)],
      supportingOrganisationIds: [String(other.organisation.id + 100000)],
      leadPersonIds: [String(other.person.id)],
    })
    expect(res.status).toBe(400)
    expect(page(res.text).errorSummary()).toEqual([
      { text: 'Select organisations from the list', href: '#leadOrganisationIds' },
      { text: 'Select organisations from the list', href: '#supportingOrganisationIds' },
      { text: 'Select people from the list', href: '#leadPersonIds' },
      { text: 'Select an objective of this priority, or none', href: '#objectiveId' },
    ])
    const titles = await t.db.selectFrom('actions').select('title').where('partnershipId', '=', partnership.id).execute()
    expect(titles.map(a => a.title)).not.toContain('Borrowed leads')
  })

  it('names the leads from the partnership’s records, and leaves people out for the public', async () => {
    const { partnership, plan, organisation, person, byTitle } = await aPartnershipWithPlan({ isPublished: true })
    const j9 = byTitle('Re-introduce the J9 scheme')
    const member = await t.as(await aUser(t, { role: 'member', partnershipId: partnership.id }))
    const forMember = page((await member.get(`/partnerships/${partnership.id}/actions/${j9.id}`)).text)
    expect(forMember.text('[data-qa=lead-people]')).toBe(`${person.name}, ${organisation.name}`)

    const forPublic = await t.anonymous().get(`/api/v1/partnerships/${partnership.id}/plans/${plan.id}`)
    const actions = (forPublic.body as { priorities: { actions: { title: string; leadOrganisations: { name: string }[]; leadPeople: unknown[] }[] }[] }).priorities[0]!.actions
    const publicJ9 = actions.find(a => a.title === j9.title)!
    expect(publicJ9.leadOrganisations.map(o => o.name)).toEqual([organisation.name])
    expect(publicJ9.leadPeople).toEqual([])
  })
})
