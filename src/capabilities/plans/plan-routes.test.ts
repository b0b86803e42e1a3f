import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { aPartnership, aUser, contextFor } from '#test/helpers/builders'
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

describe('the plan overview', () => {
  it('counts each priority’s actions by current RAG, with the updates due and overdue today', async () => {
    const { partnership, plan } = await aPartnershipWithPlan()
    const member = await aUser(t, { role: 'member', partnershipId: partnership.id })
    const res = await (await t.as(member)).get(`/partnerships/${partnership.id}/plans/${plan.id}`)
    expect(res.status).toBe(200)
    const p = page(res.text)
    expect(p.h1()).toBe('Partnership Plan 2026/27')
    const rows = p.$('[data-qa=priority-summary]')
      .map((_, row) => ({
        title: p.$(row).find('th').text().trim(),
        cells: ['red', 'amber', 'green', 'none', 'due', 'overdue'].map(k => p.$(row).find(`[data-qa=${k}]`).text().trim()),
      }))
      .get()
    // Safeguarding: J9 is green with a Q1 update only, so its Q2 update is overdue; the family event is red,
    // timed for Q3 and due now. ASB: taxi marshals has no update at all (Q2 overdue); Street Pastors is complete.
    expect(rows).toEqual([
      { title: '1. Safeguarding', cells: ['1', '0', '1', '0', '1', '1'] },
      { title: '2. Anti-social behaviour', cells: ['0', '0', '0', '2', '0', '1'] },
    ])
  })

  it('draws the actions of each priority by RAG status as a picture with its title, description and figures, which agree with the table', async () => {
    const { partnership, plan } = await aPartnershipWithPlan()
    const member = await aUser(t, { role: 'member', partnershipId: partnership.id })
    const p = page((await (await t.as(member)).get(`/partnerships/${partnership.id}/plans/${plan.id}`).expect(200)).text)
    const figure = p.$('figure#plan-rag-chart')
    expect(figure.find('svg[role=img]').attr('aria-labelledby')).toBe('plan-rag-chart-title plan-rag-chart-desc')
    expect(figure.find('svg title#plan-rag-chart-title').text()).toBe('Actions of each priority by current RAG status')
    expect(figure.find('svg desc#plan-rag-chart-desc').text()).toMatch(/^Stacked bar chart with a bar for each of the 2 priorities/)
    // Not by colour alone: the counts are written under each bar.
    expect(figure.find('svg text').map((_, e) => p.$(e).text()).get()).toContain('Red 1, Green 1 (2 in all)')
    const figures = figure.find('table tbody tr').map((_, row) => [p.$(row).find('th, td').map((_, c) => p.$(c).text().trim()).get()]).get()
    const table = p.$('[data-qa=priority-summary]').map((_, row) => [['red', 'amber', 'green', 'none'].map(k => p.$(row).find(`[data-qa=${k}]`).text().trim())]).get()
    expect(figures.map((cells: string[]) => cells.slice(1))).toEqual(table)
    expect(figures.map((cells: string[]) => cells[0])).toEqual(['Priority 1: Safeguarding', 'Priority 2: Anti-social behaviour'])
  })

  it('shows the summary to other capabilities through the service', async () => {
    const { partnership, plan } = await aPartnershipWithPlan()
    const ctx = contextFor(partnership, 'member')
    const summary = await t.services.plans.summary(ctx, plan.id)
    expect(summary.totals).toMatchObject({ actions: 4, rag: { red: 1, amber: 0, green: 1, none: 2 }, complete: 1, due: 1, overdue: 2 })
    expect((await t.services.plans.current(ctx, '2026-11-25'))?.id).toBe(plan.id)
    expect(await t.services.plans.current(ctx, '2020-01-01')).toBeUndefined()
  })

  it('hides a draft plan from the public, and people from the public on a published one', async () => {
    const agreed = await aPartnershipWithPlan({ isPublished: true })
    const res = await t.anonymous().get(`/partnerships/${agreed.partnership.id}/actions/${agreed.byTitle('Re-introduce the J9 scheme').id}`)
    expect(res.status).toBe(200)
    expect(page(res.text).$('[data-qa=lead-people]').length).toBe(0)
    expect(res.text).not.toContain(agreed.person.name)

    const draft = await aPartnershipWithPlan({ isPublished: true, status: 'draft' })
    expect((await t.anonymous().get(`/partnerships/${draft.partnership.id}/plans/${draft.plan.id}`)).status).toBe(404)
    expect((await t.anonymous().get(`/partnerships/${draft.partnership.id}/plans`)).text).not.toContain('Partnership Plan 2026/27')
  })
})

describe('entering and changing a plan', () => {
  it('lets a coordinator start a plan, add a priority, an objective and an action, and agree it', async () => {
    const { partnership, organisation, person } = await aPartnership(t)
    const coordinator = await t.as(await aUser(t, { role: 'coordinator', partnershipId: partnership.id }))
    const base = `/partnerships/${partnership.id}`
    const created = await coordinator.post(`${base}/plans/new`, { title: 'Partnership Plan 2026/27', planYear: '2026', periodStartYear: '2026', periodEndYear: '2028' })
    expect(created.status).toBe(303)
    const planUrl = created.headers.location as string
    const planId = Number(planUrl.split('/').at(-1))

    const dup = await coordinator.post(`${base}/plans/new`, { title: 'Another', planYear: '2026' })
    expect(page(dup.text).errorSummary()).toEqual([{ text: 'There is already a plan for 2026/27', href: '#planYear' }])
    const outside = await coordinator.post(`${base}/plans/new`, { title: 'Another', planYear: '2031', periodStartYear: '2026', periodEndYear: '2028' })
    expect(page(outside.text).errorSummary()).toEqual([{ text: 'The plan year must fall within the period, 2026/27 to 2028/29', href: '#planYear' }])

    const priority = await coordinator.post(`${base}/plans/${planId}/priorities/new`, { title: 'Anti-social behaviour', subThemes: 'Night time economy\r\nYouth nuisance', headlineTarget: 'Reduce ASB by 2%' })
    expect(priority.status).toBe(303)
    const priorityId = Number(String(priority.headers.location).split('/').at(-1))
    await coordinator.post(`${base}/priorities/${priorityId}/objectives/new`, { title: 'Keep the night time economy safe' }).expect(303)
    const objective = await t.db.selectFrom('objectives').select('id').where('priorityId', '=', priorityId).executeTakeFirstOrThrow()

    const bad = await coordinator.post(`${base}/priorities/${priorityId}/actions/new`, { title: '', status: 'open', 'dueDate-day': '31', 'dueDate-month': '2', 'dueDate-year': '2027' })
    expect(page(bad.text).errorSummary()).toEqual([
      { text: 'Enter the action', href: '#title' },
      { text: 'Due date must be a real date', href: '#dueDate-day' },
    ])

    const saved = await coordinator.post(`${base}/priorities/${priorityId}/actions/new`, {
      title: 'Taxi marshals in Rayleigh',
      objectiveId: String(objective.id),
      outcomes: 'Incidents reduced\r\nTaxi drivers more confident',
      leadOrganisationIds: [String(organisation.id)],
      leadPersonIds: [String(person.id)],
      quarters: ['1', '2'],
      'dueDate-day': '30',
      'dueDate-month': '9',
      'dueDate-year': '2026',
      status: 'open',
    })
    expect(saved.status).toBe(303)
    const actionPage = page((await coordinator.get(String(saved.headers.location))).text)
    expect(actionPage.h1()).toBe('Taxi marshals in Rayleigh')
    expect(actionPage.text('[data-qa=action-details]')).toContain('Q1–2 of 2026/27')
    expect(actionPage.text('[data-qa=action-details]')).toContain('Due 30 September 2026')

    const agreeWithoutDate = await coordinator.post(`${base}/plans/${planId}/status`, { status: 'agreed' })
    expect(page(agreeWithoutDate.text).errorSummary()).toEqual([
      { text: 'Enter the date the plan was agreed, or tick “The date it was agreed is not recorded”', href: '#agreedOn-day' },
      { text: 'Enter who agreed the plan, for example Partnership meeting', href: '#agreedBy' },
    ])
    await coordinator.post(`${base}/plans/${planId}/status`, { status: 'agreed', 'agreedOn-day': '14', 'agreedOn-month': '3', 'agreedOn-year': '2026', agreedBy: 'Partnership meeting' }).expect(303)
    const overview = page((await coordinator.get(planUrl)).text)
    expect(overview.text('[data-qa=plan-status]')).toMatch(/Agreed Agreed by Partnership meeting on 14 March 2026/)

    const audit = await t.db.selectFrom('auditEvents').select(['entityType', 'action']).where('partnershipId', '=', partnership.id).orderBy('id').execute()
    expect(audit.map(a => `${a.action} ${a.entityType}`)).toEqual(['create plan', 'create priority', 'create objective', 'create action', 'update plan'])
  })

  it('warns a coordinator changing an agreed plan that the change is recorded', async () => {
    const { partnership, actions } = await aPartnershipWithPlan()
    const coordinator = await t.as(await aUser(t, { role: 'coordinator', partnershipId: partnership.id }))
    const res = await coordinator.get(`/partnerships/${partnership.id}/priorities/${actions[0]!.priorityId}/actions/${actions[0]!.id}/edit`)
    expect(page(res.text).text('.govuk-warning-text')).toContain('This plan has been agreed. Your change is recorded in the audit log.')
    const lead = await t.as(await aUser(t, { role: 'lead', partnershipId: partnership.id }))
    expect((await lead.get(`/partnerships/${partnership.id}/priorities/${actions[0]!.priorityId}/actions/${actions[0]!.id}/edit`)).status).toBe(403)
  })
})

describe('refreshing a plan for next year', () => {
  it('makes a draft for the next plan year with the unfinished actions and no updates', async () => {
    const { partnership, plan } = await aPartnershipWithPlan()
    const coordinator = await t.as(await aUser(t, { role: 'coordinator', partnershipId: partnership.id }))
    const base = `/partnerships/${partnership.id}`
    const preview = page((await coordinator.get(`${base}/plans/${plan.id}/refresh`)).text)
    expect(preview.h1()).toBe('Refresh for 2027/28')
    expect(preview.text('[data-qa=refresh-preview]')).toContain('Unfinished actions 3')

    const res = await coordinator.post(`${base}/plans/${plan.id}/refresh`)
    expect(res.status).toBe(303)
    const newId = Number(String(res.headers.location).split('/').at(-1))
    const created = await t.db.selectFrom('plans').selectAll().where('id', '=', newId).executeTakeFirstOrThrow()
    expect(created).toMatchObject({ title: 'Partnership Plan 2027/28', planYear: 2027, status: 'draft', refreshedFromPlanId: plan.id, agreedOn: null })
    const actions = await t.db.selectFrom('actions').select(['id', 'title']).where('partnershipId', '=', partnership.id).where('priorityId', 'in', t.db.selectFrom('priorities').select('id').where('planId', '=', newId)).orderBy('id').execute()
    expect(actions.map(a => a.title)).toEqual(['Family event', 'Re-introduce the J9 scheme', 'Taxi marshals'])
    expect(await t.db.selectFrom('actionUpdates').select('id').where('actionId', 'in', actions.map(a => a.id)).execute()).toEqual([])
    const leads = await t.db.selectFrom('actionLeadPeople').select('actionId').where('actionId', 'in', actions.map(a => a.id)).execute()
    expect(leads).toHaveLength(2)

    expect((await coordinator.post(`${base}/plans/${plan.id}/refresh`)).status).toBe(409)
  })
})

describe('the read API', () => {
  it('gives the plans, and a plan’s whole tree with current RAGs', async () => {
    const { partnership, plan, person } = await aPartnershipWithPlan({ isPublished: true })
    const member = await aUser(t, { role: 'member', partnershipId: partnership.id })
    const { token } = await t.services.accounts.createApiToken(member.id, 'Dashboard', { userId: member.id, label: 'test' })
    const list = await request(t.app).get(`/api/v1/partnerships/${partnership.id}/plans`).set('Authorization', `Bearer ${token}`)
    expect(list.body.plans).toEqual([expect.objectContaining({ id: plan.id, planYearLabel: '2026/27', status: 'agreed', agreedOn: '2026-03-14' })])

    const tree = await request(t.app).get(`/api/v1/partnerships/${partnership.id}/plans/${plan.id}`).set('Authorization', `Bearer ${token}`)
    expect(tree.status).toBe(200)
    expect(tree.body.asOf).toBe('2026-11-25')
    const [safeguarding] = tree.body.priorities
    expect(safeguarding.summary).toEqual({ actions: 2, rag: { red: 1, amber: 0, green: 1, none: 0 }, complete: 0, due: 1, overdue: 1 })
    const j9 = safeguarding.actions.find((a: { title: string }) => a.title === 'Re-introduce the J9 scheme')
    expect(j9).toMatchObject({ currentRag: 'green', timescale: 'Q1–4', updateState: { kind: 'overdue', quarter: 2 }, leadPeople: [{ id: person.id, name: person.name }] })
    expect(j9.updates).toEqual([expect.objectContaining({ quarter: 1, rag: 'green', body: 'Training booked', author: 'Officer' })])

    const anonymous = await request(t.app).get(`/api/v1/partnerships/${partnership.id}/plans/${plan.id}`)
    const publicJ9 = anonymous.body.priorities[0].actions.find((a: { title: string }) => a.title === 'Re-introduce the J9 scheme')
    expect(publicJ9.leadPeople).toEqual([])
    expect(publicJ9.updates[0].author).toBeNull()
  })

  it('documents the plan endpoints in the OpenAPI document', async () => {
    const doc = (await request(t.app).get('/api/v1/openapi.json')).body
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/partnerships/{partnershipId}/plans', '/api/v1/partnerships/{partnershipId}/plans/{planId}']))
    expect(doc.components.schemas.Plan).toBeDefined()
  })
})
