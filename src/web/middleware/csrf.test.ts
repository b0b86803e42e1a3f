import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { aPartnership, aUser } from '#test/helpers/builders'
import { createTestApp, type TestApp, type TestClient } from '#test/helpers/test-app'
import { appDir } from '../../paths.ts'

import { SESSION_COOKIE } from './session.ts'

/**
 * CSRF: a request that a browser could be tricked into sending with its session cookie always needs the
 * session's token, in the form itself, never in the address. Only a request authenticated by a valid API
 * token is exempt.
 */
let t: TestApp
let admin: TestClient
let cookie: string
let partnershipId: number
let planId: number
let apiToken: string

const cookieOf = (client: TestClient) => (client.get('/') as unknown as { header: Record<string, string> }).header.Cookie!
const partnershipCount = async () => (await t.db.selectFrom('partnerships').select('id').execute()).length
const planCsv = 'Priority,Action\r\nSafer streets,Walk the ward\r\n'

beforeAll(async () => {
  t = await createTestApp()
  const user = await aUser(t, { siteAdmin: true })
  admin = await t.as(user)
  cookie = cookieOf(admin)
  partnershipId = (await aPartnership(t)).partnership.id
  const created = await admin.post(`/partnerships/${partnershipId}/plans/new`, { title: 'Plan', planYear: '2030' }).expect(303)
  planId = Number(String(created.headers.location).split('/').at(-1))
  apiToken = (await t.services.accounts.createApiToken(user.id, 'Script', { userId: user.id, label: user.email })).token
})
afterAll(() => t.close())

describe('a signed-in browser’s form without its CSRF token', () => {
  it('is refused even when it also sends an Authorization: Bearer header, and creates nothing', async () => {
    const before = await partnershipCount()
    for (const bearer of ['x', apiToken]) {
      const res = await request(t.app).post('/partnerships/new').set('Cookie', cookie).set('Authorization', `Bearer ${bearer}`).type('form').send({ name: 'Forged Partnership' })
      expect(res.status, `Bearer ${bearer}`).toBe(403)
      expect(res.text).toContain('Sorry, the form could not be sent')
    }
    expect(await partnershipCount()).toBe(before)
  })

  it('is refused with the token in the address instead of the form', async () => {
    const before = await partnershipCount()
    const res = await request(t.app).post(`/partnerships/new?_csrf=${admin.csrfToken!}`).set('Cookie', cookie).type('form').send({ name: 'Forged Partnership' })
    expect(res.status).toBe(403)
    expect(await partnershipCount()).toBe(before)
  })

  it('is accepted with the token in the form', async () => {
    const before = await partnershipCount()
    await admin.post('/partnerships/new', { name: 'Real Partnership' }).expect(303)
    expect(await partnershipCount()).toBe(before + 1)
  })
})

describe('a file upload (multipart/form-data)', () => {
  const importUrl = () => `/partnerships/${partnershipId}/plans/${planId}/import`
  const actionCount = async () => (await t.db.selectFrom('actions').select('id').where('partnershipId', '=', partnershipId).execute()).length

  it('is refused with its token only in the address', async () => {
    const res = await request(t.app).post(`${importUrl()}?_csrf=${admin.csrfToken!}`).set('Cookie', cookie).attach('file', Buffer.from(planCsv), 'plan.csv')
    expect(res.status).toBe(403)
    expect(await actionCount()).toBe(0)
  })

  it('is refused with a wrong token in the form', async () => {
    const res = await request(t.app).post(importUrl()).set('Cookie', cookie).field('_csrf', 'not-the-token').attach('file', Buffer.from(planCsv), 'plan.csv')
    expect(res.status).toBe(403)
    expect(await actionCount()).toBe(0)
  })

  it('is refused on a route that takes no uploads, even with the right token: no route can be reached around the check', async () => {
    const before = await partnershipCount()
    const forged = await request(t.app).post('/partnerships/new').set('Cookie', cookie).field('name', 'Forged Partnership')
    expect(forged.status).toBe(403)
    const withToken = await request(t.app).post('/partnerships/new').set('Cookie', cookie).field('_csrf', admin.csrfToken!).field('name', 'Multipart Partnership')
    expect(withToken.status).toBe(403)
    const signOut = await request(t.app).post('/sign-out').set('Cookie', cookie).field('x', 'y')
    expect(signOut.status).toBe(403)
    expect(await partnershipCount()).toBe(before)
    await admin.get('/account').expect(200) // still signed in
  })

  it('is accepted with the token in the form, and the upload pages put it there rather than in the address', async () => {
    const form = await admin.get(importUrl()).expect(200)
    expect(form.text).not.toContain('_csrf=')
    expect(form.text).toContain(`name="_csrf" value="${admin.csrfToken!}"`)
    const res = await request(t.app).post(importUrl()).set('Cookie', cookie).field('_csrf', admin.csrfToken!).attach('file', Buffer.from(planCsv), 'plan.csv')
    expect(res.status, res.text).not.toBe(403)
  })

  it('no template puts the CSRF token into a form’s address', () => {
    const offenders: string[] = []
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name)
        if (entry.isDirectory()) walk(file)
        else if (file.endsWith('.njk') && /action="[^"]*_csrf/.test(readFileSync(file, 'utf8'))) offenders.push(path.relative(appDir, file))
      }
    }
    walk(appDir)
    expect(offenders).toEqual([])
  })
})

describe('a request authenticated by an API token', () => {
  it('needs no CSRF token under /api/, and a session cookie sent with it changes nothing', async () => {
    const res = await request(t.app).post('/api/v1/indicators/999999/actuals').set('Authorization', `Bearer ${apiToken}`).set('Cookie', `${SESSION_COOKIE}=nonsense`).send({ actuals: [] })
    expect(res.status).not.toBe(403)
    expect(res.status).toBe(404)
  })
})
