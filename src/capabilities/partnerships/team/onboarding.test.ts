import ExcelJS from 'exceljs'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { aPartnership, aUser } from '#test/helpers/builders'
import { page } from '#test/helpers/html'
import { startSmtpServer } from '#test/helpers/smtp-server'
import { createTestApp, type TestApp } from '#test/helpers/test-app'
import { createLogger } from '../../../logger.ts'
import { createMailer } from '../../../mailer.ts'

/**
 * Onboarding partner leads: invitations through a real SMTP server started here, and without one; giving
 * access from a spreadsheet; changing an account's role and person at any time.
 */
let smtp: Awaited<ReturnType<typeof startSmtpServer>>
let refusing: Awaited<ReturnType<typeof startSmtpServer>>
let t: TestApp
let noSmtp: TestApp
let brokenSmtp: TestApp
beforeAll(async () => {
  ;[smtp, refusing] = await Promise.all([startSmtpServer(), startSmtpServer({ refuse: true })])
  const mailer = (url: string) => createMailer({ smtpUrl: url, from: 'CSP Hub <csp-hub@rochford.gov.uk>' }, createLogger('silent'))
  ;[t, noSmtp, brokenSmtp] = await Promise.all([
    createTestApp({ mailer: mailer(smtp.url), env: { CSP_HUB_BASE_URL: 'https://csp.example.org' } }),
    createTestApp({ mailerDelivers: false }),
    createTestApp({ mailer: mailer(refusing.url) }),
  ])
})
afterAll(async () => {
  await Promise.all([t.close(), noSmtp.close(), brokenSmtp.close()])
  await Promise.all([smtp.close(), refusing.close()])
})

async function setUp(app: TestApp) {
  const structure = await aPartnership(app)
  const partnershipId = structure.partnership.id
  const adminUser = await aUser(app, { role: 'admin', partnershipId })
  await app.db.updateTable('users').set({ name: 'Sam Coordinator' }).where('id', '=', adminUser.id).execute()
  return { ...structure, partnershipId, adminUser, admin: await app.as(adminUser), base: `/partnerships/${partnershipId}/team` }
}

const auditOf = (app: TestApp, partnershipId: number, action: string) =>
  app.db.selectFrom('auditEvents').selectAll().where('partnershipId', '=', partnershipId).where('action', '=', action).orderBy('id').execute()

describe('the invitation e-mail, through a real SMTP server', () => {
  it('says who invited them, to which partnership, with what role and why, and its link lets them choose a password', async () => {
    const { base, admin, partnership } = await setUp(t)
    const before = smtp.received.length
    const res = await admin.post(`${base}/new`, { email: 'jo.lead@essex.police.uk', name: 'Jo Lead', role: 'lead', message: 'You lead the ASB actions in our 2026/27 plan.' })
    expect(res.status).toBe(303)
    const mail = smtp.received.slice(before)
    expect(mail).toHaveLength(1)
    expect(mail[0]!.to).toEqual(['jo.lead@essex.police.uk'])
    expect(mail[0]!.from).toBe('csp-hub@rochford.gov.uk')
    expect(mail[0]!.subject).toBe(`You have been given access to ${partnership.name} on CSP Hub`)
    expect(mail[0]!.text).toContain(`Sam Coordinator (${(await admin.get('/account')).text.match(/user\d+@example\.org/)![0]}) has given you access to ${partnership.name}`)
    expect(mail[0]!.text).toContain('Your role: Lead. Reads everything and updates the actions they lead.')
    expect(mail[0]!.text).toContain('You lead the ASB actions in our 2026/27 plan.')
    const link = /https:\/\/csp\.example\.org(\/reset-password\/[\w-]+)/.exec(mail[0]!.text)![1]!
    expect((await request(t.app).get(link)).status).toBe(200)
  })
})

describe('when no e-mail server is set up', () => {
  it('says the invitation was not sent and shows its one-time link once, in the audit log, instead of saying they can sign in', async () => {
    const { base, admin, partnershipId } = await setUp(noSmtp)
    const res = await admin.post(`${base}/new`, { email: 'kim@rochford.gov.uk', name: 'Kim Member', role: 'member' })
    expect(res.status).toBe(200)
    expect(res.headers['cache-control']).toBe('no-store')
    const p = page(res.text)
    expect(p.h1()).toBe('Access given: pass the invitation on yourself')
    expect(p.text('[data-qa=not-sent]')).toBe('The invitation e-mail was not sent: this site has no e-mail server set up (CSP_HUB_SMTP_URL).')
    const link = p.text('[data-qa=invitation-link]')
    expect(link).toMatch(/^http:\/\/localhost:3000\/reset-password\/[\w-]+$/)
    expect(res.text).not.toContain('can now sign in')
    expect((await auditOf(noSmtp, partnershipId, 'show_link')).map(a => a.summary)).toEqual([
      expect.stringMatching(/^Showed user\d+@example\.org the invitation of kim@rochford\.gov\.uk and its one-time link to pass on: no e-mail server is set up$/),
    ])
    // The link works, once.
    expect((await request(noSmtp.app).get(new URL(link).pathname)).status).toBe(200)
  })

  it('“Invite again” makes a new link and shows it the same way', async () => {
    const { base, admin, partnershipId } = await setUp(noSmtp)
    await admin.post(`${base}/new`, { email: 'again@rochford.gov.uk', name: 'Again', role: 'member' })
    const user = await noSmtp.db.selectFrom('users').select('id').where('email', '=', 'again@rochford.gov.uk').executeTakeFirstOrThrow()
    const res = await admin.post(`${base}/${user.id}/invitation`)
    expect(page(res.text).text('[data-qa=invitation-link]')).toMatch(/reset-password/)
    expect(await auditOf(noSmtp, partnershipId, 'show_link')).toHaveLength(2)
  })

  it('when the e-mail server refuses, then it says so and shows the link', async () => {
    const { base, admin } = await setUp(brokenSmtp)
    const res = await admin.post(`${base}/new`, { email: 'refused@rochford.gov.uk', name: 'Refused', role: 'member' })
    expect(res.status).toBe(200)
    expect(page(res.text).text('[data-qa=not-sent]')).toMatch(/could not be sent/)
    expect(page(res.text).text('[data-qa=invitation-link]')).toMatch(/reset-password/)
  })
})

describe('changing an account’s access at any time', () => {
  it('changes the role and the person the account is, without taking access away first; both audited', async () => {
    const { base, admin, partnershipId, person } = await setUp(t)
    const other = await t.db.insertInto('people').values({ partnershipId, name: 'Deputy Officer' }).returning('id').executeTakeFirstOrThrow()
    const lead = await aUser(t, { role: 'lead', partnershipId, personId: person.id })
    const form = page((await admin.get(`${base}/${lead.id}/edit`)).text)
    expect(form.$('#personId option[selected]').text()).toMatch(/^Community Safety Officer/)
    await admin.post(`${base}/${lead.id}/edit`, { role: 'coordinator', personId: String(other.id) }).expect(303)
    const people = await t.db.selectFrom('people').select(['id', 'userId']).where('partnershipId', '=', partnershipId).orderBy('id').execute()
    expect(people).toEqual([{ id: person.id, userId: null }, { id: other.id, userId: lead.id }])
    const role = await t.db.selectFrom('partnershipRoles').select('role').where('userId', '=', lead.id).where('partnershipId', '=', partnershipId).executeTakeFirstOrThrow()
    expect(role.role).toBe('coordinator')
    const audit = await t.db.selectFrom('auditEvents').select(['entityType', 'summary']).where('partnershipId', '=', partnershipId).where('action', '=', 'update').orderBy('id').execute()
    expect(audit.map(a => a.summary)).toEqual(
      expect.arrayContaining([`Changed the role of ${lead.email} from lead to coordinator`, `Updated person “${person.name}”`, 'Updated person “Deputy Officer”']),
    )
  })

  it('refuses a person record already linked to another account', async () => {
    const { base, admin, partnershipId, person } = await setUp(t)
    await aUser(t, { role: 'lead', partnershipId, personId: person.id })
    const member = await aUser(t, { role: 'member', partnershipId })
    const res = await admin.post(`${base}/${member.id}/edit`, { role: 'member', personId: String(person.id) })
    expect(res.status).toBe(400)
    expect(page(res.text).errorSummary()).toEqual([{ text: `${person.name} is already linked to another account`, href: '#personId' }])
  })

  it('enables an account the inactivity rule disabled', async () => {
    const { base, admin, partnershipId } = await setUp(t)
    const member = await aUser(t, { role: 'member', partnershipId })
    await t.db.updateTable('users').set({ disabledAt: t.clock.now() }).where('id', '=', member.id).execute()
    expect(page((await admin.get(base)).text).text('[data-qa=team]')).toMatch(/Disabled since/)
    await admin.post(`${base}/${member.id}/enable`).expect(303)
    const row = await t.db.selectFrom('users').select(['disabledAt', 'enabledAt']).where('id', '=', member.id).executeTakeFirstOrThrow()
    expect(row).toEqual({ disabledAt: null, enabledAt: t.clock.now() })
    expect((await auditOf(t, partnershipId, 'enable')).map(a => a.summary)).toEqual([`Enabled ${member.email} again`])
  })
})

/** A table's body rows, each as its cells' words joined by a space. */
const cells = (p: ReturnType<typeof page>, qa: string) =>
  p.$(`[data-qa=${qa}] tbody tr`).map((_, tr) => p.$(tr).find('td, th').map((__, td) => p.$(td).text().trim()).get().join(' ')).get()

async function xlsx(rows: string[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('People')
  for (const row of rows) sheet.addRow(row)
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

async function upload(app: TestApp, admin: Awaited<ReturnType<TestApp['as']>>, base: string, file: Buffer, name: string) {
  const cookie = (await admin.get('/account')).request.getHeader('Cookie') as string
  return request(app.app).post(`${base}/import`).set('Cookie', cookie).field('_csrf', admin.csrfToken!).attach('file', file, name)
}

describe('giving access from a spreadsheet', () => {
  it('shows what will happen, then gives everyone access in one go and sends each an invitation', async () => {
    const { base, admin, partnershipId, organisation, person } = await setUp(t)
    const existing = await aUser(t, { email: 'existing.lead@essex.police.uk' })
    const before = smtp.received.length
    const file = await xlsx([
      ['Name', 'Email address', 'Organisation', 'Role', 'Person record'],
      ['Ali Khan', 'ali.khan@essex.police.uk', organisation.name, 'Lead', ''],
      ['Existing Lead', 'Existing.Lead@essex.police.uk', '', 'lead', 'None'],
      ['Cas Officer', 'cas@rochford.gov.uk', '', 'Coordinator', person.name],
    ])
    const preview = await upload(t, admin, base, file, 'leads.xlsx')
    expect(preview.status).toBe(200)
    const p = page(preview.text)
    expect(p.h1()).toBe('Check who will be given access')
    expect(p.all('[data-qa=preview] tbody tr')).toEqual([
      `2 Ali Khan ali.khan@essex.police.uk ${organisation.name} Lead Added to the people New`,
      '3 Existing Lead existing.lead@essex.police.uk None Lead None Has one: gains the role',
      `4 Cas Officer cas@rochford.gov.uk None Coordinator Linked to ${person.name} New`,
    ])
    // Nothing yet.
    expect(await t.db.selectFrom('users').select('id').where('email', '=', 'ali.khan@essex.police.uk').execute()).toEqual([])

    const done = await admin.post(`${base}/import/confirm`, { rows: String(p.fieldValue('rows')), message: 'You lead actions in our new plan.' })
    expect(done.status).toBe(303)
    expect(page((await admin.get(base)).text).banner()).toBe('3 people have been given access and sent an invitation')
    const roles = await t.db
      .selectFrom('partnershipRoles')
      .innerJoin('users', 'users.id', 'partnershipRoles.userId')
      .select(['users.email', 'partnershipRoles.role'])
      .where('partnershipId', '=', partnershipId)
      .where('users.email', 'in', ['ali.khan@essex.police.uk', 'existing.lead@essex.police.uk', 'cas@rochford.gov.uk'])
      .orderBy('users.email')
      .execute()
    expect(roles).toEqual([
      { email: 'ali.khan@essex.police.uk', role: 'lead' },
      { email: 'cas@rochford.gov.uk', role: 'coordinator' },
      { email: 'existing.lead@essex.police.uk', role: 'lead' },
    ])
    const ali = await t.db.selectFrom('people').select(['name', 'organisationId', 'email']).where('partnershipId', '=', partnershipId).where('name', '=', 'Ali Khan').executeTakeFirstOrThrow()
    expect(ali).toEqual({ name: 'Ali Khan', organisationId: organisation.id, email: 'ali.khan@essex.police.uk' })
    const cas = await t.db.selectFrom('users').select('id').where('email', '=', 'cas@rochford.gov.uk').executeTakeFirstOrThrow()
    expect((await t.db.selectFrom('people').select('userId').where('id', '=', person.id).executeTakeFirstOrThrow()).userId).toBe(cas.id)
    const mails = smtp.received.slice(before)
    expect(mails.map(m => m.to[0]).sort()).toEqual(['ali.khan@essex.police.uk', 'cas@rochford.gov.uk', 'existing.lead@essex.police.uk'])
    expect(mails.find(m => m.to[0] === 'existing.lead@essex.police.uk')!.text).toContain('Sign in as you do now (existing.lead@essex.police.uk)')
    expect(mails.every(m => m.text.includes('You lead actions in our new plan.'))).toBe(true)
    expect((await auditOf(t, partnershipId, 'grant')).map(a => a.summary)).toEqual(
      expect.arrayContaining(['Gave ali.khan@essex.police.uk the lead role', 'Gave existing.lead@essex.police.uk the lead role', 'Gave cas@rochford.gov.uk the coordinator role']),
    )
    expect(existing.id).toBeGreaterThan(0)
  })

  it('reads a CSV file too; without e-mail, shows every link to pass on', async () => {
    const { base, admin } = await setUp(noSmtp)
    const csv = Buffer.from('Name,Email address,Role\r\nLee One,lee.one@example.org,Member\r\nLee Two,lee.two@example.org,Member\r\n')
    const preview = page((await upload(noSmtp, admin, base, csv, 'people.csv')).text)
    const done = await admin.post(`${base}/import/confirm`, { rows: String(preview.fieldValue('rows')) })
    expect(done.status).toBe(200)
    expect(page(done.text).h1()).toBe('Access given: pass the invitations on yourself')
    expect(page(done.text).all('[data-qa=invitation-link]')).toHaveLength(2)
  })

  it('lists every problem by row and column, and gives nobody access unless every row is right', async () => {
    const { base, admin, partnershipId } = await setUp(t)
    const holder = await aUser(t, { role: 'member', partnershipId, email: 'holder@example.org' })
    const file = await xlsx([
      ['Name', 'Email address', 'Organisation', 'Role'],
      ['Good Row', 'good.row@example.org', '', 'Member'],
      ['', 'bad', 'Nowhere', 'Chief'],
      ['Holder', holder.email, '', 'Lead'],
    ])
    const res = await upload(t, admin, base, file, 'bad.xlsx')
    expect(res.status).toBe(400)
    const p = page(res.text)
    expect(p.errorSummary()).toEqual([{ text: 'The file has 4 problems, listed below. Nobody has been given access: correct the file and upload it again', href: '#file' }])
    expect(cells(p, 'problems')).toEqual([
      '3 Name Enter their name',
      '3 Email address “bad” is not an e-mail address: write it like name@example.org',
      '3 Role “Chief” is not a role: write Admin, Coordinator, Lead or Member',
      '3 Organisation There is no organisation “Nowhere” in the partnership: add it to the structure first, or correct the name',
    ])
    // The rows were right but an account gained a role between the preview and the confirmation: nothing is done.
    const preview = page((await upload(t, admin, base, await xlsx([['Name', 'Email address', 'Role'], ['Good Row', 'good.row@example.org', 'Member'], ['Late', 'late@example.org', 'Lead']]), 'ok.xlsx')).text)
    const late = await aUser(t, { email: 'late@example.org', role: 'member', partnershipId })
    const confirm = await admin.post(`${base}/import/confirm`, { rows: String(preview.fieldValue('rows')) })
    expect(confirm.status).toBe(400)
    expect(cells(page(confirm.text), 'problems')).toEqual(['3 Email address late@example.org already has the member role here: change it from the accounts page'])
    expect(await t.db.selectFrom('users').select('id').where('email', '=', 'good.row@example.org').execute()).toEqual([])
    expect(late.id).toBeGreaterThan(0)
  })
})

describe('members by e-mail domain', () => {
  it('adds an organisation’s domain, refuses a public one, and removes it after confirming; audited', async () => {
    const { base, admin, partnershipId } = await setUp(t)
    expect(page((await admin.post(`${base}/email-domains`, { domain: 'gmail.com' })).text).inlineError('domain')).toMatch(/anyone can have an address at gmail.com/)
    await admin.post(`${base}/email-domains`, { domain: '@Rochford.gov.uk' }).expect(303)
    expect(page((await admin.get(base)).text).all('[data-qa=email-domains] li')).toEqual(['rochford.gov.uk Remove rochford.gov.uk'])
    const { id } = await t.db.selectFrom('partnershipEmailDomains').select('id').where('partnershipId', '=', partnershipId).executeTakeFirstOrThrow()
    expect(page((await admin.get(`${base}/email-domains/${id}/delete`)).text).h1()).toMatch(/rochford\.gov\.uk/)
    await admin.post(`${base}/email-domains/${id}/delete`).expect(303)
    expect(await t.db.selectFrom('partnershipEmailDomains').selectAll().where('partnershipId', '=', partnershipId).execute()).toEqual([])
    expect((await t.db.selectFrom('auditEvents').select('summary').where('entityType', '=', 'email_domain').where('partnershipId', '=', partnershipId).orderBy('id').execute()).map(a => a.summary)).toEqual([
      'People at rochford.gov.uk become members at their first single sign-on',
      'People at rochford.gov.uk no longer become members at their first single sign-on',
    ])
  })
})
