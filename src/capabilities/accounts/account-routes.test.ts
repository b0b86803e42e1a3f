import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { aPartnership, aUser, TEST_PASSWORD } from '#test/helpers/builders'
import { page } from '#test/helpers/html'
import { createTestApp, type TestApp } from '#test/helpers/test-app'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

/** Open the sign-in page as a fresh visitor and return its cookie and CSRF token. */
async function signInPage() {
  const res = await t.anonymous().get('/sign-in').expect(200)
  const cookie = res.headers['set-cookie']?.[0]?.split(';')[0] ?? ''
  const csrf = String(page(res.text).fieldValue('_csrf'))
  return { cookie, csrf }
}

async function signIn(email: string, password: string, ip = '10.0.0.1') {
  const { cookie, csrf } = await signInPage()
  const { default: request } = await import('supertest')
  return request(t.app)
    .post('/sign-in')
    .set('Cookie', cookie)
    .set('X-Forwarded-For', ip)
    .type('form')
    .send({ _csrf: csrf, email, password, returnTo: '/account' })
}

describe('signing in', () => {
  it('when the email and password are right, then it starts a new session and goes where the user was going', async () => {
    const user = await aUser(t, { email: 'officer@example.org' })
    const { cookie, csrf } = await signInPage()
    const { default: request } = await import('supertest')
    const res = await request(t.app).post('/sign-in').set('Cookie', cookie).type('form').send({ _csrf: csrf, email: 'Officer@Example.org ', password: TEST_PASSWORD, returnTo: '/account' })
    expect(res.status).toBe(303)
    expect(res.headers.location).toBe('/account')
    const newCookie = res.headers['set-cookie']?.[0] ?? ''
    expect(newCookie).toMatch(/HttpOnly/)
    expect(newCookie.split(';')[0]).not.toBe(cookie) // the session id changes at sign-in
    const account = await request(t.app).get('/account').set('Cookie', newCookie.split(';')[0]!)
    expect(page(account.text).h1()).toBe('Your account')
    expect(account.text).toContain(user.email)
  })

  it('when the password is wrong, then it says so in the error summary and keeps the email typed', async () => {
    await aUser(t, { email: 'wrong@example.org' })
    const res = await signIn('wrong@example.org', 'not the password')
    expect(res.status).toBe(400)
    const p = page(res.text)
    expect(p.title()).toMatch(/^Error: Sign in/)
    expect(p.errorSummary()).toEqual([{ text: 'Enter a correct email address and password', href: '#email' }])
    expect(p.fieldValue('email')).toBe('wrong@example.org')
  })

  it('when the fields are empty, then each gets its own message', async () => {
    const res = await signIn('', '')
    expect(page(res.text).errorSummary().map(e => e.href)).toEqual(['#email', '#password'])
  })

  it('when an address has failed five times, then even the right password is refused for a while', async () => {
    await aUser(t, { email: 'target@example.org' })
    for (let i = 0; i < 5; i++) expect((await signIn('target@example.org', 'guess', `10.1.0.${i}`)).status).toBe(400)
    const refused = await signIn('target@example.org', TEST_PASSWORD, '10.1.0.9')
    expect(refused.status).toBe(429)
    expect(page(refused.text).errorSummary()[0]?.text).toMatch(/Too many failed attempts/)
    t.clock.advanceMinutes(16)
    expect((await signIn('target@example.org', TEST_PASSWORD, '10.1.0.9')).status).toBe(303)
    t.clock.advanceMinutes(-16)
  })

  it('refuses a sign-in form sent without its CSRF token', async () => {
    const { cookie } = await signInPage()
    const { default: request } = await import('supertest')
    const res = await request(t.app).post('/sign-in').set('Cookie', cookie).type('form').send({ email: 'a@b.c', password: 'x' })
    expect(res.status).toBe(403)
    expect(page(res.text).h1()).toBe('Sorry, the form could not be sent')
  })

  it('does not follow a returnTo that leaves the site', async () => {
    await aUser(t, { email: 'phish@example.org' })
    const { cookie, csrf } = await signInPage()
    const { default: request } = await import('supertest')
    const res = await request(t.app).post('/sign-in').set('Cookie', cookie).type('form').send({ _csrf: csrf, email: 'phish@example.org', password: TEST_PASSWORD, returnTo: '//evil.example' })
    expect(res.headers.location).toBe('/')
  })
})

describe('signing out', () => {
  it('ends the session so its cookie no longer works', async () => {
    const user = await aUser(t)
    const client = await t.as(user)
    expect((await client.get('/account')).status).toBe(200)
    const res = await client.post('/sign-out')
    expect(res.headers.location).toBe('/signed-out')
    const after = await client.get('/account')
    expect(after.status).toBe(303)
    expect(after.headers.location).toBe('/sign-in?returnTo=%2Faccount')
  })
})

describe('changing the password', () => {
  it('needs the current password, and records the change in the audit log', async () => {
    const user = await aUser(t)
    const client = await t.as(user)
    const wrong = await client.post('/account/password', { currentPassword: 'nope', newPassword: 'a brand new passphrase', confirmPassword: 'a brand new passphrase' })
    expect(page(wrong.text).inlineError('currentPassword')).toBe('Your current password is not correct')

    const tooShort = await client.post('/account/password', { currentPassword: TEST_PASSWORD, newPassword: 'short', confirmPassword: 'short' })
    expect(page(tooShort.text).inlineError('newPassword')).toBe('Password must be 12 characters or more')

    const ok = await client.post('/account/password', { currentPassword: TEST_PASSWORD, newPassword: 'a brand new passphrase', confirmPassword: 'a brand new passphrase' })
    expect(ok.status).toBe(303)
    expect((await t.services.accounts.signIn(user.email, 'a brand new passphrase', '10.9.9.9')).ok).toBe(true)
    const audit = await t.db.selectFrom('auditEvents').selectAll().where('entityType', '=', 'user').where('entityId', '=', String(user.id)).where('action', '=', 'update').execute()
    expect(audit.map(a => a.summary)).toContain(`Changed the password of ${user.email}`)
  })
})

describe('resetting a forgotten password', () => {
  it('e-mails a one-time link that sets a new password and signs the user in', async () => {
    const user = await aUser(t, { email: 'forgetful@example.org' })
    const form = await t.anonymous().get('/forgot-password')
    const cookie = form.headers['set-cookie']?.[0]?.split(';')[0] ?? ''
    const csrf = String(page(form.text).fieldValue('_csrf'))
    const { default: request } = await import('supertest')
    const sent = await request(t.app).post('/forgot-password').set('Cookie', cookie).type('form').send({ _csrf: csrf, email: user.email })
    expect(page(sent.text).h1()).toBe('Check your email')
    const mail = t.mailer.sent.at(-1)!
    expect(mail.to).toBe(user.email)
    const link = /\/reset-password\/([\w-]+)/.exec(mail.text)![0]

    const reset = await request(t.app).post(link).set('Cookie', cookie).type('form').send({ _csrf: csrf, newPassword: 'another fine passphrase', confirmPassword: 'another fine passphrase' })
    expect(reset.status).toBe(303)
    expect((await t.services.accounts.signIn(user.email, 'another fine passphrase', '10.9.9.8')).ok).toBe(true)

    const again = await request(t.app).get(link).set('Cookie', cookie)
    expect(again.status).toBe(410)
    expect(page(again.text).h1()).toBe('This link has expired')
  })

  it('answers the same for an unknown address, and sends nothing', async () => {
    const before = t.mailer.sent.length
    const form = await t.anonymous().get('/forgot-password')
    const cookie = form.headers['set-cookie']?.[0]?.split(';')[0] ?? ''
    const { default: request } = await import('supertest')
    const res = await request(t.app).post('/forgot-password').set('Cookie', cookie).type('form').send({ _csrf: String(page(form.text).fieldValue('_csrf')), email: 'nobody@example.org' })
    expect(page(res.text).h1()).toBe('Check your email')
    expect(t.mailer.sent.length).toBe(before)
  })
})

describe('API tokens', () => {
  it('shows a new token once and lets it be revoked', async () => {
    const { partnership } = await aPartnership(t)
    const user = await aUser(t, { role: 'member', partnershipId: partnership.id })
    const client = await t.as(user)
    const created = await client.post('/account/api-tokens/new', { name: 'Dashboard', expiresInDays: '30' })
    expect(created.status).toBe(200)
    expect(created.headers['cache-control']).toBe('no-store')
    const token = String(page(created.text).$('[data-qa=api-token]').val())
    expect(token).toMatch(/^csp_/)
    expect((await t.services.accounts.authenticateApiToken(token))?.id).toBe(user.id)

    const row = (await t.services.accounts.listApiTokens(user.id))[0]!
    await client.post(`/account/api-tokens/${row.id}/revoke`).expect(303)
    expect(await t.services.accounts.authenticateApiToken(token)).toBeUndefined()
  })

  it('requires a name', async () => {
    const client = await t.as(await aUser(t))
    const res = await client.post('/account/api-tokens/new', { name: '', expiresInDays: '30' })
    expect(page(res.text).errorSummary()).toEqual([{ text: 'Enter a name for the token, for example Dashboard', href: '#name' }])
  })
})
