import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { page } from '#test/helpers/html'
import { aPartnership, aUser, contextFor } from '#test/helpers/builders'
import { startSmtpServer } from '#test/helpers/smtp-server'
import { createTestApp, type TestApp } from '#test/helpers/test-app'
import { draftAction, draftPriority } from '../plans/index.ts'

/**
 * Reminders across the first quarter of a 2016/17 plan, with the clock moved day by day and every e-mail
 * going to a real SMTP server: which go, to whom, with what words, on which days; none twice (after a
 * restart, with two runners side by side); none once the update is in or the person has stopped them.
 */
describe('reminders of quarterly updates, against a real SMTP server', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>
  let t: TestApp
  let coordinatorUser: { id: number }
  /** Signed in afresh at the clock's time (a session lasts a day in tests). */
  const coordinator = {
    get: async (url: string) => (await t.as(coordinatorUser)).get(url),
    post: async (url: string, form: Record<string, string>) => (await t.as(coordinatorUser)).post(url, form),
  }
  let partnershipId: number
  let partnershipName: string
  const ids: Record<string, number> = {}

  /** Run the job runner as the timer does, at 07:05 UK time on a day (06:05 UTC in summer). */
  async function runOn(day: string, app: TestApp = t, utcTime = '06:05') {
    app.clock.set(`${day}T${utcTime}:00Z`)
    return app.services.jobs.tick()
  }
  const mailTo = (email: string) => smtp.received.filter(m => m.to.includes(email))

  beforeAll(async () => {
    smtp = await startSmtpServer()
    t = await createTestApp({ now: '2016-06-01T06:05:00Z', smtpUrl: smtp.url, env: { CSP_HUB_BASE_URL: 'https://csp-hub.example' } })
    const { partnership, organisation, group, person } = await aPartnership(t, { name: 'Rochford Community Safety Partnership' })
    partnershipId = partnership.id
    partnershipName = partnership.name
    const people = async (name: string, email: string | null) =>
      (await t.db.insertInto('people').values({ partnershipId, name, email, organisationId: organisation.id }).returningAll().executeTakeFirstOrThrow()).id
    ids.lead = await people('Alex Lead', 'alex.lead@police.example')
    ids.noEmail = await people('Sam NoEmail', null)
    ids.chair = await people('Chris Chair', 'chris.chair@council.example')
    await t.db.insertInto('memberships').values({ partnershipId, groupId: group.id, personId: ids.chair, role: 'chair' }).execute()
    await t.db.updateTable('people').set({ email: null }).where('id', '=', person.id).execute()
    coordinatorUser = await aUser(t, { role: 'coordinator', partnershipId, email: 'cso@council.example' })
    await t.services.plans.createFromDraft(
      contextFor(partnership, 'coordinator'),
      { title: 'Partnership Plan 2016/17', planYear: 2016, periodStartYear: null, periodEndYear: null, vision: null, versionLabel: null, status: 'agreed', agreedOn: '2016-03-14', agreedBy: 'Partnership meeting' },
      [
        draftPriority('Anti-social behaviour', {
          deliveringGroup: group.name,
          actions: [
            draftAction('Taxi marshals', { quarters: [1, 2, 3, 4], leadPeople: ['Alex Lead', 'Sam NoEmail'] }),
            draftAction('CCTV review', { quarters: [1, 2, 3, 4], leadPeople: ['Alex Lead'] }),
            draftAction('Street Pastors', { quarters: [2], leadPeople: ['Alex Lead'] }),
          ],
        }),
      ],
      'test',
    )
    for (const row of await t.db.selectFrom('actions').select(['id', 'title']).where('partnershipId', '=', partnershipId).execute()) ids[row.title] = row.id
  }, 60_000)
  afterAll(async () => {
    await t.close()
    await smtp.close()
  })

  it('refuses settings that escalate before the overdue reminder, naming the field', async () => {
    const res = await coordinator.post(`/partnerships/${partnershipId}/reminders/settings`, { dueReminder: 'yes', daysBefore: '14', overdueReminder: 'yes', daysAfter: '7', escalation: 'yes', escalateAfterDays: '5' })
    expect(res.status).toBe(400)
    expect(page(res.text).errorSummary()).toEqual([{ text: expect.stringContaining('later than the overdue reminder'), href: '#escalateAfterDays' }])
    const bad = await coordinator.post(`/partnerships/${partnershipId}/reminders/settings`, { dueReminder: 'yes', daysBefore: 'two weeks', daysAfter: '', escalateAfterDays: '200' })
    expect(page(bad.text).errorSummary().map(e => e.href)).toEqual(['#daysBefore', '#daysAfter', '#escalateAfterDays'])
  })

  it('sends nothing while reminders are off, and shows what would go', async () => {
    // On a day when every reminder would have gone.
    expect(await t.services.reminders.scanPartnership(partnershipId, '2016-07-25')).toBe(0)
    await t.services.jobs.tick()
    expect(smtp.received).toEqual([])
    const res = await coordinator.get(`/partnerships/${partnershipId}/reminders`)
    expect(res.status).toBe(200)
    expect(page(res.text).text('.govuk-inset-text')).toContain('Reminders are off')
  })

  it('saves the settings, with an audit record', async () => {
    const res = await coordinator.post(`/partnerships/${partnershipId}/reminders/settings`, {
      dueReminder: 'yes',
      daysBefore: '14',
      overdueReminder: 'yes',
      daysAfter: '7',
      escalation: 'yes',
      escalateAfterDays: '21',
      weeklyDigest: 'yes',
    })
    expect(res.status).toBe(303)
    const audit = await t.db.selectFrom('auditEvents').selectAll().where('partnershipId', '=', partnershipId).where('entityType', '=', 'reminder settings').execute()
    expect(audit).toHaveLength(1)
    expect(audit[0]!.after).toMatchObject({ dueReminder: true, daysBefore: 14, escalateAfterDays: 21, weeklyDigest: true })
  })

  it('e-mails each lead 14 days before the quarter ends, once, naming the action, quarter, due date and update form', async () => {
    await runOn('2016-06-15')
    expect(mailTo('alex.lead@police.example')).toEqual([])
    // The CCTV review's update comes in before its reminder is due: no reminder for it.
    await t.db.insertInto('actionUpdates').values({ partnershipId, actionId: ids['CCTV review']!, quarter: 1, body: 'Cameras checked', rag: 'green', authorLabel: 'Alex Lead' }).execute()
    await runOn('2016-06-16')
    const got = mailTo('alex.lead@police.example')
    expect(got.map(m => m.subject)).toEqual(['Q1 update due by 30 June 2016: Taxi marshals'])
    expect(got[0]!.text).toContain('Dear Alex Lead,')
    expect(got[0]!.text).toContain(`Partnership: ${partnershipName}`)
    expect(got[0]!.text).toContain('Quarter: Q1 2016/17 (April to June 2016)')
    expect(got[0]!.text).toContain(`https://csp-hub.example/partnerships/${partnershipId}/actions/${ids['Taxi marshals']}/updates/new`)
    expect(got[0]!.text).toMatch(/To stop these reminders: https:\/\/csp-hub\.example\/reminders\/stop\/\S+/)
    // The same day again, a restarted server, and two runners side by side: no e-mail twice.
    await runOn('2016-06-16')
    const restarted = await createTestApp({ now: '2016-06-16T06:05:00Z', smtpUrl: smtp.url, database: t.database, env: { CSP_HUB_BASE_URL: 'https://csp-hub.example' } })
    await Promise.all([runOn('2016-06-17', restarted), t.services.jobs.tick()])
    expect(mailTo('alex.lead@police.example')).toHaveLength(1)
    expect(smtp.received.filter(m => m.subject.includes('update due by'))).toHaveLength(1)
  })

  it('shows the coordinator what went and what will go, and the lead without an address', async () => {
    t.clock.set('2016-06-17T09:00:00Z')
    const p = page((await coordinator.get(`/partnerships/${partnershipId}/reminders`)).text)
    expect(p.all('[data-qa=sent] tbody tr').filter(row => !row.includes('Weekly digest'))).toEqual([expect.stringMatching(/Update due.*Q1 update due by 30 June 2016: Taxi marshals.*alex\.lead@police\.example.*Sent/)])
    const comingUp = p.all('[data-qa=coming-up] tbody tr')
    expect(comingUp).toContainEqual(expect.stringMatching(/^16 June 2016 ?not sent Update due: Q1 update.*Taxi marshals Sam NoEmail ?No e-mail address/))
    expect(comingUp).toContainEqual(expect.stringMatching(/^7 July 2016 ?in 20 days Update overdue.*Taxi marshals Alex Lead$/))
    expect(comingUp).toContainEqual(expect.stringMatching(/^21 July 2016 ?in 34 days Escalation to the chair.*Taxi marshals Chris Chair$/))
    expect(comingUp.join('\n')).not.toContain('CCTV review')
  })

  it('sends the coordinators a weekly digest on Monday, by lead and priority', async () => {
    // The digest goes at 07:30 UK time.
    await runOn('2016-06-20', t, '06:35')
    const digest = mailTo('cso@council.example').filter(m => m.subject.includes('week of 20 June 2016'))
    expect(digest).toHaveLength(1)
    expect(digest[0]!.subject).toMatch(new RegExp(`^${partnershipName}: 0 updates overdue, 1 due soon, \\d+ calendar dates to watch \\(week of 20 June 2016\\)$`))
    expect(digest[0]!.text).toMatch(/STATUTORY CALENDAR\n\n(- .*\n)*- Due 30 June 2016: Quarterly updates on the plan's actions, Q1 2016\/17 \(https:\/\/csp-hub\.example\/partnerships\/\d+\/plans\)\n/)
    expect(digest[0]!.text).toMatch(/DUE IN THE NEXT TWO WEEKS \(1\)\n\nAlex Lead\n {2}Anti-social behaviour\n {2}- Taxi marshals: Q1 update, due 30 June 2016 \(due in 10 days\)/)
  })

  it('skips a queued reminder whose update came in before it went', async () => {
    t.clock.set('2016-07-07T06:05:00Z')
    expect(await t.services.reminders.scanPartnership(partnershipId, '2016-07-07')).toBe(1)
    await t.db.insertInto('actionUpdates').values({ partnershipId, actionId: ids['Taxi marshals']!, quarter: 1, body: 'Marshals out on Fridays', rag: 'amber', authorLabel: 'Alex Lead' }).execute()
    await t.services.jobs.tick()
    const skipped = await t.db.selectFrom('outboundEmails').selectAll().where('category', '=', 'reminder.overdue').execute()
    expect(skipped).toMatchObject([{ status: 'skipped', reason: 'The Q1 update was posted before it went' }])
    expect(mailTo('alex.lead@police.example')).toHaveLength(1)
    await t.db.deleteFrom('actionUpdates').where('actionId', '=', ids['Taxi marshals']!).execute()
  })

  it('lets a lead stop the reminders by the link in one, and sends them none after', async () => {
    const link = /To stop these reminders: https:\/\/csp-hub\.example(\S+)/.exec(mailTo('alex.lead@police.example')[0]!.text)![1]!
    const browser = request.agent(t.app)
    const form = await browser.get(link)
    expect(page(form.text).h1()).toBe('Stop reminder e-mails')
    const csrf = page(form.text).$('input[name=_csrf]').val() as string
    expect((await browser.post(link).type('form').send({})).status).toBe(403)
    const done = await browser.post(link).type('form').send({ _csrf: csrf })
    expect(page(done.text).h1()).toContain('You will get no more reminders')
    expect((await t.anonymous().get(link.replace(/.$/, link.endsWith('A') ? 'B' : 'A'))).status).toBe(404)
    const audit = await t.db.selectFrom('auditEvents').selectAll().where('partnershipId', '=', partnershipId).where('action', '=', 'opt_out').execute()
    expect(audit).toMatchObject([{ actorLabel: 'alex.lead@police.example', summary: 'alex.lead@police.example stopped the partnership’s reminder e-mails' }])
    // The chair still gets the escalation; the lead gets no more.
    await runOn('2016-07-21')
    expect(mailTo('alex.lead@police.example')).toHaveLength(1)
    const escalation = mailTo('chris.chair@council.example')
    expect(escalation.map(m => m.subject)).toEqual(['Escalation: Q1 update 21 days overdue: Taxi marshals'])
    expect(escalation[0]!.text).toContain('Leads: Alex Lead, Sam NoEmail')
    expect(escalation[0]!.text).toContain(`https://csp-hub.example/partnerships/${partnershipId}/actions/${ids['Taxi marshals']}\n`)
  })
})
