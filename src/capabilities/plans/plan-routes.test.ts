import ExcelJS from 'exceljs'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { aPartnership, aUser, contextFor } from '../../../test/helpers/builders.ts'
import { page } from '../../../test/helpers/html.ts'
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.ts'
import { hashToken, newToken } from '../../shared/tokens.ts'
import { SESSION_COOKIE } from '../../web/middleware/session.ts'

import { draftAction, draftPriority, type DraftAction } from './domain/plan-draft.ts'
import { sheetHeaders } from './domain/plan-sheet.ts'
import { readSpreadsheetFile } from './plan-spreadsheet.ts'

/** The test clock says 25 November 2026: Q3 of the 2026/27 plan year. */
let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

const action = (title: string, fields: Partial<DraftAction> = {}) => draftAction(title, { quarters: [1, 2, 3, 4], ...fields })
const priority = draftPriority

/**
 * A partnership with an agreed 2026/27 plan: "Safeguarding" (led by the test partnership's police and
 * its officer) and "Anti-social behaviour" (delivered by its steering group).
 */
async function aPartnershipWithPlan(options: { status?: 'draft' | 'agreed'; isPublished?: boolean } = {}) {
  const structure = await aPartnership(t, { isPublished: options.isPublished ?? false })
  const { partnership, organisation, person, group } = structure
  const other = await t.db.insertInto('people').values({ partnershipId: partnership.id, name: 'Licensing Officer', organisationId: organisation.id }).returningAll().executeTakeFirstOrThrow()
  const ctx = contextFor(partnership, 'coordinator')
  const { plan } = await t.services.plans.createFromDraft(
    ctx,
    {
      title: 'Partnership Plan 2026/27',
      planYear: 2026,
      periodStartYear: null,
      periodEndYear: null,
      vision: 'A safer district',
      versionLabel: null,
      status: options.status ?? 'agreed',
      agreedOn: options.status === 'draft' ? null : '2026-03-14',
      agreedBy: options.status === 'draft' ? null : 'Partnership meeting',
    },
    [
      priority('Safeguarding', {
        objectives: ['Raise awareness of domestic abuse'],
        actions: [
          action('Re-introduce the J9 scheme', {
            objective: 'Raise awareness of domestic abuse',
            leadOrganisations: [organisation.name],
            leadPeople: [person.name],
            updates: [{ quarter: 1, body: 'Training booked', rag: 'green', postedAt: new Date('2026-06-20T10:00:00Z'), authorLabel: 'Officer' }],
          }),
          action('Family event', { quarters: [3], leadPeople: [other.name], updates: [{ quarter: 2, body: 'Venue found', rag: 'red', postedAt: new Date('2026-09-01T10:00:00Z'), authorLabel: 'Officer' }] }),
        ],
      }),
      priority('Anti-social behaviour', {
        deliveringGroup: group.name,
        actions: [action('Taxi marshals', { leadOrganisations: [organisation.name] }), action('Street Pastors', { status: 'complete' })],
      }),
    ],
    'test',
  )
  const actions = await t.db.selectFrom('actions').selectAll().where('partnershipId', '=', partnership.id).orderBy('id').execute()
  return { ...structure, plan, other, actions, byTitle: (title: string) => actions.find(a => a.title === title)! }
}

/** A signed-in user's session, for requests supertest builds by hand (file uploads). */
async function sessionOf(user: { id: number }) {
  const token = newToken()
  const csrfToken = newToken()
  const now = t.clock.now()
  await t.services.sessions.create({ id: hashToken(token), userId: user.id, csrfToken, createdAt: now, lastSeenAt: now, expiresAt: new Date(now.getTime() + 86_400_000) })
  return { cookie: `${SESSION_COOKIE}=${token}`, csrfToken }
}

async function upload(user: { id: number }, url: string, content: Buffer | string, fileName: string, session?: { cookie: string; csrfToken: string }) {
  const { cookie, csrfToken } = session ?? (await sessionOf(user))
  return request(t.app)
    .post(url)
    .set('Cookie', cookie)
    .field('_csrf', csrfToken)
    .attach('file', Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'), fileName)
}

/** A CSV file of the template's columns, from rows given as { heading: value }. */
function csvOf(rows: Record<string, string>[]): string {
  const headers = sheetHeaders()
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)
  return [headers, ...rows.map(row => headers.map(h => row[h] ?? ''))].map(r => r.map(quote).join(',')).join('\r\n')
}

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
      { text: 'Enter the date the plan was agreed', href: '#agreedOn-day' },
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

describe('importing an action plan', () => {
  async function emptyPlan() {
    const structure = await aPartnership(t)
    const coordinator = await aUser(t, { role: 'coordinator', partnershipId: structure.partnership.id })
    const ctx = contextFor(structure.partnership, 'coordinator')
    const plan = await t.services.plans.savePlan(ctx, null, { title: 'Imported plan 2016/17', planYear: 2016, periodStartYear: null, periodEndYear: null, vision: null, versionLabel: null })
    return { ...structure, coordinator, plan, url: `/partnerships/${structure.partnership.id}/plans/${plan.id}/import` }
  }

  it('lists every problem by row and column, and imports nothing', async () => {
    const { coordinator, plan, url, organisation, partnership } = await emptyPlan()
    const csv = csvOf([
      { Priority: 'Safeguarding', Action: 'J9 scheme', 'Lead organisations': 'Essex Polise', 'Timescale (quarters)': 'Q1-4' },
      { Priority: 'Safeguarding', Action: 'Sanctuary', 'Lead organisations': organisation.name, 'Q1 RAG': 'Purple', 'Q1 update': 'Done' },
      { Priority: 'ASB', Action: 'Taxi marshals', 'Due date': 'next spring' },
    ])
    const res = await upload(coordinator, url, csv, 'plan.csv')
    expect(res.status).toBe(400)
    const p = page(res.text)
    expect(p.errorSummary()).toEqual([{ text: 'The file has 3 problems, listed below. Nothing has been imported: correct the file and upload it again', href: '#file' }])
    // Format and names are checked in one pass, so every problem shows at once, in the file's order.
    expect(p.$('[data-qa=import-problem]').map((_, row) => p.$(row).find('td').map((_i, td) => p.$(td).text().trim()).get().join(' | ')).get()).toEqual([
      '2 | Lead organisations (column L) | There is no organisation called “Essex Polise” in the partnership. Add it under Partner organisations first, or check the spelling',
      '3 | Q1 RAG (column V) | Q1 RAG must be Red, Amber or Green (not “Purple”)',
      '4 | Due date (column Q) | Enter the due date as a real date, like 31/03/2017 (not “next spring”)',
    ])
    expect(await t.db.selectFrom('priorities').select('id').where('planId', '=', plan.id).execute()).toEqual([])
    expect(await t.db.selectFrom('actions').select('id').where('partnershipId', '=', partnership.id).execute()).toEqual([])
  })

  it('imports a valid XLSX file in one go, and records the import', async () => {
    const { coordinator, plan, url, partnership, organisation, person, group } = await emptyPlan()
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('Action plan')
    sheet.addRow(sheetHeaders())
    const row = (cells: Record<string, string | Date>) => sheet.addRow(sheetHeaders().map(h => cells[h] ?? null))
    row({ Priority: 'Safeguarding', 'Delivering group': group.name, Action: 'J9 scheme', 'Lead organisations': organisation.name, 'Lead people': person.name, 'Due date': new Date(Date.UTC(2016, 9, 31)), 'Q1 update': 'Booked', 'Q1 RAG': 'G' })
    row({ Priority: 'Safeguarding', 'Strategic objective': 'Protect the elderly', Action: 'Road shows\nin Rochford', 'Outcomes and measures': '80% more safety aware' })
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer())
    const session = await sessionOf(coordinator)
    const res = await upload(coordinator, url, buffer, 'Action plan 2016.xlsx', session)
    expect(res.status).toBe(303)
    const overview = page((await request(t.app).get(String(res.headers.location)).set('Cookie', session.cookie)).text)
    expect(overview.banner()).toBe('Imported 1 priorities, 1 objectives, 2 actions and 1 updates from Action plan 2016.xlsx')
    const actions = await t.db.selectFrom('actions').selectAll().where('partnershipId', '=', partnership.id).orderBy('position').execute()
    expect(actions.map(a => [a.title, a.dueDate])).toEqual([
      ['J9 scheme', '2016-10-31'],
      ['Road shows\nin Rochford', null],
    ])
    const audit = await t.db.selectFrom('auditEvents').selectAll().where('partnershipId', '=', partnership.id).where('action', '=', 'import').executeTakeFirstOrThrow()
    expect(audit.summary).toBe('Imported 1 priorities, 1 objectives, 2 actions and 1 updates from Action plan 2016.xlsx')
    // A plan with priorities takes no second import.
    expect((await upload(coordinator, url, buffer, 'again.xlsx')).status).toBe(409)
    expect(plan.id).toBeGreaterThan(0)
  })

  it('says what is wrong with a file that is not a spreadsheet', async () => {
    const { coordinator, url } = await emptyPlan()
    const old = await upload(coordinator, url, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'plan.xls')
    expect(page(old.text).errorSummary()[0]?.text).toBe('The selected file is an old Excel (.xls) file: save it as an Excel Workbook (.xlsx) or CSV, then upload that')
    const none = await (await t.as(coordinator)).post(url, {})
    expect(none.status).toBe(400)
    expect(page(none.text).errorSummary()).toEqual([{ text: 'Select a spreadsheet file (XLSX or CSV)', href: '#file' }])
  })

  it('is refused to a lead, before the file is read', async () => {
    const { partnership, url } = await emptyPlan()
    const lead = await aUser(t, { role: 'lead', partnershipId: partnership.id })
    expect((await upload(lead, url, csvOf([{ Priority: 'ASB', Action: 'x' }]), 'plan.csv')).status).toBe(403)
  })
})

describe('export and import round-trip exactly', () => {
  it('exports a plan that imports into an empty plan and exports the same again, as XLSX and CSV', async () => {
    const source = await aPartnershipWithPlan()
    const coordinator = await aUser(t, { role: 'coordinator', partnershipId: source.partnership.id })
    const client = await t.as(coordinator)
    const base = `/partnerships/${source.partnership.id}`
    const xlsx = await client.get(`${base}/plans/${source.plan.id}/export.xlsx`).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => cb(null, Buffer.concat(chunks)))
    })
    expect(xlsx.headers['content-disposition']).toBe('attachment; filename=partnership-plan-2026-27.xlsx')
    const csv = await client.get(`${base}/plans/${source.plan.id}/export.csv`)
    expect(csv.text.startsWith('\uFEFFPriority,Sub-themes,')).toBe(true)

    for (const [file, name, status] of [
      [xlsx.body as Buffer, 'plan.xlsx', 'draft'],
      [Buffer.from(csv.text, 'utf8'), 'plan.csv', 'draft'],
    ] as const) {
      const ctx = contextFor(source.partnership, 'coordinator')
      const target = await t.services.plans.savePlan(ctx, null, { title: `Copy from ${name}`, planYear: name.endsWith('xlsx') ? 2030 : 2031, periodStartYear: null, periodEndYear: null, vision: null, versionLabel: null })
      expect(target.status).toBe(status)
      const res = await upload(coordinator, `${base}/plans/${target.id}/import`, file, name)
      expect(res.status).toBe(303)
      const again = await client.get(`${base}/plans/${target.id}/export.csv`)
      expect(again.text).toBe(csv.text)
    }
    // The XLSX reads back to the same rows as the CSV.
    const rows = await readSpreadsheetFile(xlsx.body as Buffer, 'plan.xlsx')
    const csvRows = await readSpreadsheetFile(Buffer.from(csv.text, 'utf8'), 'plan.csv')
    expect(rows).toEqual(csvRows)
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
