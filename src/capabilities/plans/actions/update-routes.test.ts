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

describe('posting a quarterly update', () => {
  it('lets a lead post on an action they lead, which becomes its current RAG, with the change audited', async () => {
    const { partnership, person, byTitle } = await aPartnershipWithPlan()
    const j9 = byTitle('Re-introduce the J9 scheme')
    const lead = await aUser(t, { role: 'lead', partnershipId: partnership.id, personId: person.id })
    const client = await t.as(lead)

    const form = await client.get(`/partnerships/${partnership.id}/actions/${j9.id}/updates/new`)
    expect(form.status).toBe(200)
    const p = page(form.text)
    expect(p.h1()).toBe('Post a quarterly update')
    // Q2 is overdue, so the form suggests it; Q4 has not started and is not offered.
    expect(p.$('input[name=quarter]:checked').val()).toBe('2')
    expect(p.$('input[name=quarter]').map((_, el) => p.$(el).val()).get()).toEqual(['1', '2', '3'])
    expect(p.$('form[data-qa=update-form] input[name=_csrf]').val()).toBe(client.csrfToken)

    const posted = await client.post(`/partnerships/${partnership.id}/actions/${j9.id}/updates/new`, { quarter: '2', rag: 'amber', body: 'Two of four sessions held' })
    expect(posted.status).toBe(303)
    expect(posted.headers.location).toBe(`/partnerships/${partnership.id}/actions/${j9.id}`)

    const actionPage = page((await client.get(String(posted.headers.location))).text)
    expect(actionPage.banner()).toBe('Your Q2 update has been posted')
    expect(actionPage.$('[data-qa=action-status] [data-rag]').first().attr('data-rag')).toBe('amber')
    expect(actionPage.all('[data-qa=update] td:first-child')).toEqual(['Q2 2026/27', 'Q1 2026/27'])
    expect(actionPage.text('[data-qa=update-history]')).toContain(`User`)

    const audit = await t.db.selectFrom('auditEvents').selectAll().where('partnershipId', '=', partnership.id).where('entityType', '=', 'action update').execute()
    expect(audit.map(a => [a.action, a.actorUserId])).toEqual([['create', lead.id]])
  })

  it('refuses a lead on an action they do not lead, and a member on any', async () => {
    const { partnership, person, byTitle } = await aPartnershipWithPlan()
    const lead = await t.as(await aUser(t, { role: 'lead', partnershipId: partnership.id, personId: person.id }))
    const member = await t.as(await aUser(t, { role: 'member', partnershipId: partnership.id }))
    const familyEvent = byTitle('Family event')
    const body = { quarter: '3', rag: 'green', body: 'Held' }
    expect((await lead.get(`/partnerships/${partnership.id}/actions/${familyEvent.id}/updates/new`)).status).toBe(403)
    expect((await lead.post(`/partnerships/${partnership.id}/actions/${familyEvent.id}/updates/new`, body)).status).toBe(403)
    expect((await member.post(`/partnerships/${partnership.id}/actions/${familyEvent.id}/updates/new`, body)).status).toBe(403)
    const actionPage = page((await lead.get(`/partnerships/${partnership.id}/actions/${familyEvent.id}`)).text)
    expect(actionPage.$('[data-qa=post-update]').length).toBe(0)
    expect(await t.db.selectFrom('actionUpdates').select('id').where('actionId', '=', familyEvent.id).execute()).toHaveLength(1)
  })

  it('shows every missing answer in the error summary, linked to its field, and keeps what was typed', async () => {
    const { partnership, person, byTitle } = await aPartnershipWithPlan()
    const lead = await t.as(await aUser(t, { role: 'lead', partnershipId: partnership.id, personId: person.id }))
    const url = `/partnerships/${partnership.id}/actions/${byTitle('Re-introduce the J9 scheme').id}/updates/new`
    const res = await lead.post(url, { body: '   ' })
    expect(res.status).toBe(400)
    const p = page(res.text)
    expect(p.title()).toMatch(/^Error: Post a quarterly update/)
    expect(p.errorSummary()).toEqual([
      { text: 'Select the quarter you are reporting on', href: '#quarter' },
      { text: 'Select a RAG status', href: '#rag' },
      { text: 'Enter the update: what has been done this quarter', href: '#body' },
    ])
    expect(p.inlineError('rag')).toBe('Select a RAG status')

    const future = await lead.post(url, { quarter: '4', rag: 'green', body: 'Done early' })
    expect(future.status).toBe(400)
    expect(page(future.text).errorSummary()).toEqual([{ text: 'Q4 has not started yet: choose the quarter you are reporting on', href: '#quarter' }])
    expect(page(future.text).$('#body').text()).toBe('Done early')
  })

  it('can mark the action complete, so it expects no more updates', async () => {
    const { partnership, person, byTitle } = await aPartnershipWithPlan()
    const lead = await t.as(await aUser(t, { role: 'lead', partnershipId: partnership.id, personId: person.id }))
    const j9 = byTitle('Re-introduce the J9 scheme')
    await lead.post(`/partnerships/${partnership.id}/actions/${j9.id}/updates/new`, { quarter: '3', rag: 'green', body: 'All sessions held', markComplete: 'yes' }).expect(303)
    expect((await t.db.selectFrom('actions').select('status').where('id', '=', j9.id).executeTakeFirstOrThrow()).status).toBe('complete')
  })

  it('refuses updates on a plan that is not agreed', async () => {
    const { partnership, byTitle } = await aPartnershipWithPlan({ status: 'draft' })
    const coordinator = await t.as(await aUser(t, { role: 'coordinator', partnershipId: partnership.id }))
    const url = `/partnerships/${partnership.id}/actions/${byTitle('Taxi marshals').id}/updates/new`
    expect((await coordinator.get(url)).status).toBe(409)
    const res = await coordinator.post(url, { quarter: '1', rag: 'green', body: 'x' })
    expect(res.status).toBe(409)
    expect(page(res.text).text('main')).toContain('Updates can be posted only on an agreed plan: “Partnership Plan 2026/27” is a draft.')
  })

  it('lets a lead correct an update of their action, audited with before and after', async () => {
    const { partnership, person, byTitle } = await aPartnershipWithPlan()
    const lead = await t.as(await aUser(t, { role: 'lead', partnershipId: partnership.id, personId: person.id }))
    const j9 = byTitle('Re-introduce the J9 scheme')
    const update = await t.db.selectFrom('actionUpdates').selectAll().where('actionId', '=', j9.id).executeTakeFirstOrThrow()
    await lead.post(`/partnerships/${partnership.id}/actions/${j9.id}/updates/${update.id}/edit`, { quarter: '1', rag: 'amber', body: 'Training booked for two dates' }).expect(303)
    const audit = await t.db.selectFrom('auditEvents').selectAll().where('entityType', '=', 'action update').where('entityId', '=', String(update.id)).executeTakeFirstOrThrow()
    expect([audit.action, (audit.before as { rag: string }).rag, (audit.after as { rag: string }).rag]).toEqual(['update', 'green', 'amber'])
    // Deleting is for coordinators.
    expect((await lead.post(`/partnerships/${partnership.id}/actions/${j9.id}/updates/${update.id}/delete`)).status).toBe(403)
  })
})
