import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { aPartnership, aUser, TEST_PASSWORD } from '#test/helpers/builders'
import { page } from '#test/helpers/html'
import { createTestApp, type TestApp } from '#test/helpers/test-app'
import type { CurrentUser } from '../../../core/access/current-user.ts'

import { codeAt } from './domain/totp.ts'

/** Two-factor sign-in with codes made from the secret as an authenticator app would, on the test's clock. */
let t: TestApp
let strict: TestApp
beforeAll(async () => {
  ;[t, strict] = await Promise.all([createTestApp(), createTestApp({ env: { CSP_HUB_REQUIRE_MFA: 'admins' } })])
})
afterAll(async () => {
  await t.close()
  await strict.close()
})

const secretOf = async (app: TestApp, userId: number) =>
  (await app.db.selectFrom('twoFactorSecrets').select('secret').where('userId', '=', userId).executeTakeFirstOrThrow()).secret
const seconds = (app: TestApp, s: number) => new Date(app.clock.now().getTime() + s * 1000)

/** A browser that signs in with the password: returns its cookie and the page it was sent to. */
async function passwordStep(app: TestApp, email: string, ip = '10.2.0.1') {
  const form = await request(app.app).get('/sign-in')
  const cookie = form.headers['set-cookie']![0]!.split(';')[0]!
  const csrf = String(page(form.text).fieldValue('_csrf'))
  const res = await request(app.app).post('/sign-in').set('Cookie', cookie).set('X-Forwarded-For', ip).type('form').send({ _csrf: csrf, email, password: TEST_PASSWORD, returnTo: '/account' })
  return { res, cookie, csrf }
}

async function sendCode(app: TestApp, step: { cookie: string; csrf: string }, code: string, ip = '10.2.0.1') {
  return request(app.app).post('/sign-in/two-factor').set('Cookie', step.cookie).set('X-Forwarded-For', ip).type('form').send({ _csrf: step.csrf, code })
}

/** A user with two-factor sign-in set up through the account pages; returns the secret. */
async function withTwoFactor(app: TestApp, user: CurrentUser): Promise<string> {
  const client = await app.as(user)
  await client.get('/account/two-factor/set-up').expect(200)
  const secret = await secretOf(app, user.id)
  await client.post('/account/two-factor/set-up', { code: codeAt(secret, app.clock.now()) }).expect(200)
  app.clock.advanceMinutes(1) // the set-up code's step is used
  return secret
}

describe('setting up two-factor sign-in from the account', () => {
  it('shows the secret as text and as a QR code drawn on the server, then turns on with a code and shows ten recovery codes once', async () => {
    const user = await aUser(t)
    const client = await t.as(user)
    const setUp = await client.get('/account/two-factor/set-up')
    expect(setUp.headers['cache-control']).toBe('no-store')
    const p = page(setUp.text)
    expect(p.h1()).toBe('Set up two-factor sign-in')
    const secret = await secretOf(t, user.id)
    expect(p.text('[data-qa=secret]').replace(/ /g, '')).toBe(secret)
    expect(p.$('[data-qa=qr-code] svg[role=img]').attr('aria-labelledby')).toBe('qr-code-label')

    const wrong = await client.post('/account/two-factor/set-up', { code: '000000' === codeAt(secret, t.clock.now()) ? '111111' : '000000' })
    expect(wrong.status).toBe(400)
    expect(page(wrong.text).errorSummary()[0]).toEqual({ text: 'The code is not right: check the app shows CSP Hub and enter its current code', href: '#code' })

    const done = await client.post('/account/two-factor/set-up', { code: codeAt(secret, t.clock.now()) })
    expect(done.status).toBe(200)
    expect(done.headers['cache-control']).toBe('no-store')
    const codes = page(done.text).all('[data-qa=recovery-codes] li')
    expect(codes).toHaveLength(10)
    const stored = await t.db.selectFrom('recoveryCodes').select('codeHash').where('userId', '=', user.id).execute()
    expect(stored.map(r => r.codeHash)).not.toContain(codes[0]) // kept as hashes only
    const audit = await t.db.selectFrom('auditEvents').select('summary').where('entityId', '=', String(user.id)).execute()
    expect(audit.map(a => a.summary)).toContain(`Turned on two-factor sign-in for ${user.email}`)
  })
})

describe('signing in with a password and a code', () => {
  it('asks for the code after the password, and signs in only once the code is right', async () => {
    const user = await aUser(t)
    const secret = await withTwoFactor(t, user)
    const step = await passwordStep(t, user.email)
    expect(step.res.headers.location).toBe('/sign-in/two-factor')
    // Between the two steps, the browser is not signed in.
    expect((await request(t.app).get('/account').set('Cookie', step.cookie)).status).toBe(303)
    const codePage = page((await request(t.app).get('/sign-in/two-factor').set('Cookie', step.cookie)).text)
    expect(codePage.h1()).toBe('Enter the code from your authenticator app')
    expect(codePage.$('#code').attr('autocomplete')).toBe('one-time-code')

    const res = await sendCode(t, step, codeAt(secret, t.clock.now()))
    expect(res.status).toBe(303)
    expect(res.headers.location).toBe('/account')
    const signedIn = res.headers['set-cookie']![0]!.split(';')[0]!
    expect(signedIn).not.toBe(step.cookie)
    expect((await request(t.app).get('/account').set('Cookie', signedIn)).status).toBe(200)
    const audit = await t.db.selectFrom('auditEvents').select(['action', 'summary']).where('entityId', '=', String(user.id)).where('action', '=', 'sign_in').execute()
    expect(audit).toEqual([{ action: 'sign_in', summary: `${user.email} signed in with a password and an authenticator app code` }])
  })

  it('accepts a phone one step slow, refuses one two steps out', async () => {
    const user = await aUser(t)
    const secret = await withTwoFactor(t, user)
    const slow = await passwordStep(t, user.email)
    expect((await sendCode(t, slow, codeAt(secret, seconds(t, -30)))).status).toBe(303)
    t.clock.advanceMinutes(1)
    const wayOut = await passwordStep(t, user.email)
    const refused = await sendCode(t, wayOut, codeAt(secret, seconds(t, -65)))
    expect(refused.status).toBe(400)
    expect(page(refused.text).inlineError('code')).toMatch(/^The code is not right/)
  })

  it('refuses a code that has been used', async () => {
    const user = await aUser(t)
    const secret = await withTwoFactor(t, user)
    const code = codeAt(secret, t.clock.now())
    expect((await sendCode(t, await passwordStep(t, user.email), code)).status).toBe(303)
    const reused = await sendCode(t, await passwordStep(t, user.email), code)
    expect(reused.status).toBe(400)
    expect(page(reused.text).inlineError('code')).toBe('That code has been used. Wait for the app to show a new one')
  })

  it('after five wrong codes, refuses even the right one for 15 minutes, like passwords', async () => {
    const user = await aUser(t)
    const secret = await withTwoFactor(t, user)
    const step = await passwordStep(t, user.email)
    const wrong = codeAt(secret, seconds(t, 600))
    for (let i = 0; i < 5; i++) expect((await sendCode(t, step, wrong, `10.3.0.${i}`)).status).toBe(400)
    const refused = await sendCode(t, step, codeAt(secret, t.clock.now()), '10.3.0.9')
    expect(refused.status).toBe(429)
    expect(page(refused.text).errorSummary()[0]?.text).toBe('Too many wrong codes. Wait 15 minutes, then try again.')
    t.clock.advanceMinutes(16)
    const later = await passwordStep(t, user.email)
    expect((await sendCode(t, later, codeAt(secret, t.clock.now()), '10.3.0.9')).status).toBe(303)
  })

  it('takes a recovery code once instead of the app’s code', async () => {
    const user = await aUser(t)
    const client = await t.as(user)
    await client.get('/account/two-factor/set-up')
    const secret = await secretOf(t, user.id)
    const codes = page((await client.post('/account/two-factor/set-up', { code: codeAt(secret, t.clock.now()) })).text).all('[data-qa=recovery-codes] li')
    const recovery = codes[3]!.toUpperCase().replace(/-/g, ' ')
    const first = await sendCode(t, await passwordStep(t, user.email), recovery)
    expect(first.status).toBe(303)
    const banner = page((await request(t.app).get('/account').set('Cookie', first.headers['set-cookie']![0]!.split(';')[0]!)).text).banner()
    expect(banner).toMatch(/You used a recovery code. You have 9 left/)
    const again = await sendCode(t, await passwordStep(t, user.email), recovery)
    expect(page(again.text).inlineError('code')).toBe('The recovery code is not right, or has been used')
  })

  it('when the code is not given within ten minutes, then the password must be given again', async () => {
    const user = await aUser(t)
    await withTwoFactor(t, user)
    const step = await passwordStep(t, user.email)
    t.clock.advanceMinutes(11)
    const res = await request(t.app).get('/sign-in/two-factor').set('Cookie', step.cookie)
    expect(res.headers.location).toBe('/sign-in')
  })

  it('a password reset link does not stand in for the code', async () => {
    const user = await aUser(t)
    await withTwoFactor(t, user)
    await t.services.accounts.requestPasswordReset(user.email)
    const link = /\/reset-password\/[\w-]+/.exec(t.mailer.sent.at(-1)!.text)![0]
    const form = await request(t.app).get(link)
    const cookie = form.headers['set-cookie']![0]!.split(';')[0]!
    const res = await request(t.app).post(link).set('Cookie', cookie).type('form').send({ _csrf: String(page(form.text).fieldValue('_csrf')), newPassword: 'a long new passphrase', confirmPassword: 'a long new passphrase' })
    expect(res.headers.location).toBe('/sign-in/two-factor')
    expect((await request(t.app).get('/account').set('Cookie', cookie)).status).toBe(303)
  })

  it('turning it off needs a current code, and is audited', async () => {
    const user = await aUser(t)
    const secret = await withTwoFactor(t, user)
    const client = await t.as(user)
    expect((await client.post('/account/two-factor/turn-off', { code: '12' })).status).toBe(400)
    expect((await client.post('/account/two-factor/turn-off', { code: codeAt(secret, t.clock.now()) })).headers.location).toBe('/account')
    expect((await passwordStep(t, user.email)).res.headers.location).toBe('/account')
    const audit = await t.db.selectFrom('auditEvents').select('summary').where('entityId', '=', String(user.id)).execute()
    expect(audit.map(a => a.summary)).toContain(`Turned off two-factor sign-in for ${user.email}`)
  })
})

describe('CSP_HUB_REQUIRE_MFA=admins', () => {
  it('makes an admin set up an app before the first sign-in completes, and leaves a member alone', async () => {
    const { partnership } = await aPartnership(strict)
    const admin = await aUser(strict, { role: 'admin', partnershipId: partnership.id })
    const step = await passwordStep(strict, admin.email)
    expect(step.res.headers.location).toBe('/sign-in/two-factor/set-up')
    const setUp = await request(strict.app).get('/sign-in/two-factor/set-up').set('Cookie', step.cookie)
    expect(page(setUp.text).h1()).toBe('Set up two-factor sign-in')
    const secret = await secretOf(strict, admin.id)
    const done = await request(strict.app).post('/sign-in/two-factor/set-up').set('Cookie', step.cookie).type('form').send({ _csrf: step.csrf, code: codeAt(secret, strict.clock.now()) })
    expect(page(done.text).all('[data-qa=recovery-codes] li')).toHaveLength(10)
    const signedIn = done.headers['set-cookie']![0]!.split(';')[0]!
    expect((await request(strict.app).get('/account').set('Cookie', signedIn)).status).toBe(200)
    // It cannot be turned off while the role needs it.
    const client = await strict.as(admin)
    strict.clock.advanceMinutes(1)
    const off = await client.post('/account/two-factor/turn-off', { code: codeAt(secret, strict.clock.now()) })
    expect(off.status).toBe(409)

    const member = await aUser(strict, { role: 'member', partnershipId: partnership.id })
    expect((await passwordStep(strict, member.email)).res.headers.location).toBe('/account')
  })
})
