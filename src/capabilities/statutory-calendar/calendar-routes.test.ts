import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { aPartnership, aUser, contextFor } from '#test/helpers/builders'
import { page } from '#test/helpers/html'
import { createTestApp, type TestApp } from '#test/helpers/test-app'
import { draftAction, draftPriority } from '../plans/index.ts'

/** The statutory calendar through its pages and its feed, on a 2016/17 plan with the clock moved on. */
describe('the statutory calendar', () => {
  let t: TestApp
  let partnershipId: number
  let coordinator: { id: number }
  let member: { id: number }
  let actionId: number
  const as = async (user: { id: number }) => t.as(user)
  const rows = async (user: { id: number }) => page((await (await as(user)).get(`/partnerships/${partnershipId}/calendar`)).text).all('[data-qa=calendar] tbody tr')

  beforeAll(async () => {
    t = await createTestApp({ now: '2016-06-10T09:00:00Z', env: { CSP_HUB_BASE_URL: 'https://csp-hub.example' } })
    const { partnership, person } = await aPartnership(t)
    partnershipId = partnership.id
    coordinator = await aUser(t, { role: 'coordinator', partnershipId })
    member = await aUser(t, { role: 'member', partnershipId })
    await t.services.plans.createFromDraft(
      contextFor(partnership, 'coordinator'),
      { title: 'Plan 2016/17', planYear: 2016, periodStartYear: null, periodEndYear: null, vision: null, versionLabel: null, status: 'agreed', agreedOn: '2016-03-14', agreedBy: 'Board' },
      [draftPriority('Anti-social behaviour', { actions: [draftAction('Taxi marshals', { quarters: [1], leadPeople: [person.name] })] })],
      'test',
    )
    actionId = (await t.db.selectFrom('actions').select('id').where('partnershipId', '=', partnershipId).executeTakeFirstOrThrow()).id
  }, 60_000)
  afterAll(() => t.close())

  it('lists each duty with its date and whether it is overdue, due soon or coming up', async () => {
    const list = await rows(member)
    expect(list).toContainEqual(expect.stringMatching(/^30 April 2016 Plan for 2016\/17 sent to the Police and Crime Commissioner.* Overdue$/))
    expect(list).toContainEqual(expect.stringMatching(/^30 June 2016 Quarterly updates on the plan's actions, Q1 2016\/17.* Due soon$/))
    expect(list).toContainEqual(expect.stringMatching(/^31 January 2017 Strategic assessment for 2017\/18.* Coming up$/))
    expect(list.join('\n')).not.toContain('Change')
    expect(list.join('\n')).not.toContain('2015/16 sent to')
    const p = page((await (await as(member)).get(`/partnerships/${partnershipId}/calendar`)).text)
    expect(p.$('a:contains("Strategic assessment for 2017/18")').attr('href')).toBe(`/partnerships/${partnershipId}/strategic-assessment`)
  })

  it('marks the quarter’s updates done once every action’s update is in, from the records', async () => {
    await t.db.insertInto('actionUpdates').values({ partnershipId, actionId, quarter: 1, body: 'Marshals out', rag: 'green', authorLabel: 'Lead', createdAt: new Date('2016-06-20T10:00:00Z') }).execute()
    t.clock.set('2016-07-02T09:00:00Z')
    expect(await rows(member)).toContainEqual(expect.stringMatching(/Q1 2016\/17.* Done 20 June 2016, from the records$/))
  })

  it('lets a coordinator change a duty’s date and mark it done, with an audit record', async () => {
    const client = await as(coordinator)
    const form = page((await client.get(`/partnerships/${partnershipId}/calendar/dates/new?duty=plan-to-pcc&period=2016`)).text)
    expect(form.fieldValue('dueOn')).toBe('2016-04-30')
    const res = await client.post(`/partnerships/${partnershipId}/calendar/dates/new`, { duty: 'plan-to-pcc', period: '2016', dueOn: '2016-05-31', doneOn: '2016-05-20', notes: 'Sent by e-mail' })
    expect(res.status).toBe(303)
    expect(await rows(coordinator)).toContainEqual(expect.stringMatching(/^31 May 2016 Plan for 2016\/17 sent to the Police and Crime Commissioner.*Sent by e-mail Done 20 May 2016 Change/))
    const audit = await t.db.selectFrom('auditEvents').selectAll().where('partnershipId', '=', partnershipId).where('entityType', '=', 'calendar date').execute()
    expect(audit).toMatchObject([{ action: 'create', after: expect.objectContaining({ duty: 'plan-to-pcc', dueOn: '2016-05-31', doneOn: '2016-05-20' }) }])
    expect((await client.get(`/partnerships/${partnershipId}/calendar/dates/new?duty=no-such-duty&period=2016`)).status).toBe(404)
  })

  it('adds a date of the partnership’s own, and says what is wrong with a bad one', async () => {
    const client = await as(coordinator)
    const bad = await client.post(`/partnerships/${partnershipId}/calendar/dates/new`, { title: '', dueOn: '2016-02-30', doneOn: 'soon' })
    expect(bad.status).toBe(400)
    expect(page(bad.text).errorSummary().map(e => e.href)).toEqual(['#dueOn', '#doneOn'])
    const noTitle = await client.post(`/partnerships/${partnershipId}/calendar/dates/new`, { title: '', dueOn: '2016-09-15' })
    expect(page(noTitle.text).errorSummary()).toEqual([{ text: 'Enter what is due', href: '#title' }])
    expect((await client.post(`/partnerships/${partnershipId}/calendar/dates/new`, { title: 'Death review: report to the Home Office', dueOn: '2016-09-15' })).status).toBe(303)
    expect(await rows(member)).toContainEqual(expect.stringMatching(/^15 September 2016 Death review: report to the Home Office Coming up$/))
  })

  it('publishes the dates at a secret, revocable address a calendar subscribes to', async () => {
    const client = await as(coordinator)
    const made = await client.post(`/partnerships/${partnershipId}/calendar/feed`)
    const url = page(made.text).fieldValue('feedUrl') as string
    expect(url).toMatch(/^https:\/\/csp-hub\.example\/calendar-feeds\/[\w-]+\.ics$/)
    const path = url.replace('https://csp-hub.example', '')
    const feed = await t.anonymous().get(path)
    expect(feed.status).toBe(200)
    expect(feed.headers['content-type']).toMatch(/^text\/calendar/)
    const text = feed.text.replace(/\r\n[ \t]/g, '')
    expect(text).toContain('BEGIN:VCALENDAR')
    expect(text).toMatch(/DTSTART;VALUE=DATE:20160915\r\n(?:.*\r\n)*?SUMMARY:Death review: report to the Home Office/)
    expect(text).toContain('SUMMARY:Done: Plan for 2016/17 sent to the Police and Crime Commissioner')
    expect(text).toContain(`URL;VALUE=URI:https://csp-hub.example/partnerships/${partnershipId}/strategic-assessment`)
    // A new address replaces the old; stopping it leaves none.
    const second = page((await client.post(`/partnerships/${partnershipId}/calendar/feed`)).text).fieldValue('feedUrl') as string
    expect((await t.anonymous().get(path)).status).toBe(404)
    expect((await client.post(`/partnerships/${partnershipId}/calendar/feed/revoke`)).status).toBe(303)
    expect((await t.anonymous().get(second.replace('https://csp-hub.example', ''))).status).toBe(404)
    const audit = await t.db.selectFrom('auditEvents').select('summary').where('partnershipId', '=', partnershipId).where('entityType', '=', 'calendar feed').orderBy('id').execute()
    expect(audit.map(a => a.summary)).toEqual(['Made a calendar feed address', 'Made a new calendar feed address; the old one no longer works', 'Stopped the calendar feed address'])
  })

  it('changes and deletes a date of the partnership’s own from its edit and delete pages', async () => {
    const client = await as(coordinator)
    expect((await client.post(`/partnerships/${partnershipId}/calendar/dates/new`, { title: 'Community safety week', dueOn: '2016-10-10' })).status).toBe(303)
    const { id } = await t.db.selectFrom('calendarDates').select('id').where('partnershipId', '=', partnershipId).where('title', '=', 'Community safety week').executeTakeFirstOrThrow()
    const edit = page((await client.get(`/partnerships/${partnershipId}/calendar/dates/${id}/edit`)).text)
    expect(edit.fieldValue('title')).toBe('Community safety week')
    expect(edit.fieldValue('dueOn')).toBe('2016-10-10')
    expect((await client.post(`/partnerships/${partnershipId}/calendar/dates/${id}/edit`, { title: 'Community safety week', dueOn: '2016-10-17' })).status).toBe(303)
    expect(await rows(member)).toContainEqual(expect.stringMatching(/^17 October 2016 Community safety week Coming up$/))
    const confirm = await client.get(`/partnerships/${partnershipId}/calendar/dates/${id}/delete`)
    expect(confirm.status).toBe(200)
    expect(page(confirm.text).h1()).toMatch(/^Are you sure you want to delete the date/)
    expect((await client.post(`/partnerships/${partnershipId}/calendar/dates/${id}/delete`)).status).toBe(303)
    expect((await rows(member)).some(row => row.includes('Community safety week'))).toBe(false)
    // Another partnership's member cannot reach it.
    expect((await client.get(`/partnerships/${partnershipId}/calendar/dates/${id}/edit`)).status).toBe(404)
  })
})
