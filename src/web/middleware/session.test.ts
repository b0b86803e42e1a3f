import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { aUser, TEST_PASSWORD } from '#test/helpers/builders'
import { page } from '#test/helpers/html'
import { createTestApp, TEST_NOW, type TestApp } from '#test/helpers/test-app'

/** Sessions expire after CSP_HUB_SESSION_IDLE_MINUTES without a request, and CSP_HUB_SESSION_MAX_DAYS after sign-in. */
const IDLE_MINUTES = 30
const MAX_DAYS = 2

let t: TestApp
beforeAll(async () => {
  t = await createTestApp({
    env: { CSP_HUB_SESSION_IDLE_MINUTES: String(IDLE_MINUTES), CSP_HUB_SESSION_MAX_DAYS: String(MAX_DAYS) },
  })
})
afterAll(() => t.close())

/** Sign in through the form, as a browser would; returns the session cookie. */
async function signIn(): Promise<string> {
  t.clock.set(TEST_NOW)
  const user = await aUser(t)
  const form = await t.anonymous().get('/sign-in')
  const cookie = form.headers['set-cookie']![0]!.split(';')[0]!
  const res = await request(t.app)
    .post('/sign-in')
    .set('Cookie', cookie)
    .type('form')
    .send({
      _csrf: String(page(form.text).fieldValue('_csrf')),
      email: user.email,
      password: TEST_PASSWORD,
      returnTo: '/account',
    })
  expect(res.status).toBe(303)
  return res.headers['set-cookie']![0]!.split(';')[0]!
}

const account = (cookie: string) => request(t.app).get('/account').set('Cookie', cookie)

describe('sessions', () => {
  it('end after the idle time without a request, and send the user to sign in again', async () => {
    const cookie = await signIn()
    t.clock.advanceMinutes(IDLE_MINUTES - 1)
    expect((await account(cookie)).status).toBe(200)
    t.clock.advanceMinutes(IDLE_MINUTES + 1)
    const expired = await account(cookie)
    expect(expired.status).toBe(303)
    expect(expired.headers.location).toBe('/sign-in?returnTo=%2Faccount')
    expect(expired.headers['set-cookie']?.[0]).toMatch(/^csp_hub_session=;/)
  })

  it('stay open while the user keeps working, until the longest a session may last', async () => {
    const cookie = await signIn()
    for (let minutes = 0; minutes < MAX_DAYS * 24 * 60 - IDLE_MINUTES; minutes += IDLE_MINUTES - 5) {
      t.clock.advanceMinutes(IDLE_MINUTES - 5)
      expect((await account(cookie)).status, `after ${minutes} minutes`).toBe(200)
    }
    t.clock.set(new Date(new Date(TEST_NOW).getTime() + MAX_DAYS * 86_400_000 + 60_000))
    expect((await account(cookie)).status).toBe(303)
  })

  it('use an HttpOnly, SameSite=Lax cookie, Secure unless turned off for local development', async () => {
    const form = await t.anonymous().get('/sign-in')
    const cookie = form.headers['set-cookie']![0]!
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Lax/)
    expect(cookie).not.toMatch(/Secure/) // NODE_ENV=test, like development
    const production = await createTestApp({
      env: { NODE_ENV: 'production', CSP_HUB_BASE_URL: 'https://csp.example.org' },
    })
    try {
      expect((await production.anonymous().get('/sign-in')).headers['set-cookie']![0]).toMatch(/; Secure/)
    } finally {
      await production.close()
    }
  })
})
