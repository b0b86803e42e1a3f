import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { can, type Access } from '../../src/core/access/roles.ts'
import { aUser } from '../helpers/builders.ts'
import { page } from '../helpers/html.ts'
import { memoryLogger } from '../helpers/memory-logger.ts'
import { fillPath, listRoutes, type RouteInfo } from '../helpers/routes.ts'
import { seedEverything } from '../helpers/seed-everything.ts'
import { createTestApp, type TestApp, type TestClient } from '../helpers/test-app.ts'

import { ROUTE_RULES, type RouteRule } from './route-rules.ts'

/**
 * What a hostile visitor sends, through every route of the app: ids no record can have in the URL, and
 * NUL characters (U+0000) in every field of every form. Each is answered as bad input (a 404, a form with
 * its errors, or the change saved without the NUL) and never as a 500 or an error in the log.
 */
const ID = 600
let t: TestApp
const log = memoryLogger('info')
let routes: RouteInfo[]
const clients = {} as Record<'anonymous' | 'admin' | Access, TestClient>

beforeAll(async () => {
  t = await createTestApp({ logger: log.logger })
  await seedEverything(t, { idBase: ID, marker: 'HOSTILE', isPublished: true })
  clients.anonymous = t.anonymous()
  clients.admin = await t.as(await aUser(t, { siteAdmin: true }))
  for (const role of ['member', 'lead', 'coordinator'] as const) clients[role] = await t.as(await aUser(t, { role, partnershipId: ID }))
  routes = listRoutes(t.app)
  log.clear()
}, 120_000)
afterAll(() => t.close())

const key = (route: RouteInfo) => `${route.method} ${route.path}`
const errorLines = () => log.errors().map(line => `${line.msg}: ${line.err?.message ?? ''}`)

describe('an id no record can have, in any URL', () => {
  const HUGE = ['2147483648', '99999999999999999999']

  it('is “page not found” on every route, for a site admin and for a visitor, and logs no error', async () => {
    const problems: string[] = []
    for (const route of routes.filter(r => r.path.includes(':') && r.method === 'GET')) {
      for (const value of HUGE) {
        // Each parameter in turn takes the bad value; the others name real records.
        for (const param of route.path.match(/:(\w+)/g)!.map(p => p.slice(1))) {
          if (param === 'token') continue
          const url = fillPath(route.path, p => (p === param ? value : String(ID)))
          for (const who of ['admin', 'anonymous'] as const) {
            const res = await clients[who].get(url)
            const ok = res.status === 404 || (who === 'anonymous' && [303, 401].includes(res.status))
            if (!ok) problems.push(`${who} GET ${url} → ${res.status}`)
          }
        }
      }
    }
    expect(problems).toEqual([])
    expect(errorLines()).toEqual([])
  }, 600_000)

  it('is refused in a change too, and nothing is written', async () => {
    const problems: string[] = []
    const before = await t.db.selectFrom('auditEvents').select(eb => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    for (const route of routes.filter(r => r.path.includes(':') && r.method === 'POST')) {
      for (const param of route.path.match(/:(\w+)/g)!.map(p => p.slice(1))) {
        if (param === 'token') continue
        const url = fillPath(route.path, p => (p === param ? '2147483648' : String(ID)))
        const res = await clients.admin.post(url, bodyFor(ROUTE_RULES[key(route)]))
        if (res.status !== 404) problems.push(`admin POST ${url} → ${res.status}`)
      }
    }
    expect(problems).toEqual([])
    expect(errorLines()).toEqual([])
    const after = await t.db.selectFrom('auditEvents').select(eb => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    expect(Number(after.n)).toBe(Number(before.n))
  }, 600_000)
})

function bodyFor(rule: RouteRule | undefined): Record<string, string | string[]> {
  const fill = (v: string) => v.replace('{id+1}', String(ID + 1)).replace('{id}', String(ID))
  return Object.fromEntries(Object.entries(rule?.body ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v.map(fill) : fill(v)]))
}

/** The same body with a NUL character inside every value (and an extra field named with one). */
function withNul(body: Record<string, string | string[]>): Record<string, string | string[]> {
  const poison = (v: string) => (v.length > 1 ? `${v.slice(0, 1)}\u0000${v.slice(1)}` : `${v}\u0000`)
  return { ...Object.fromEntries(Object.entries(body).map(([k, v]) => [k, Array.isArray(v) ? v.map(poison) : poison(v)])), 'note\u0000': 'x\u0000y' }
}

describe('a NUL character in a form field', () => {
  it('on the anonymous sign-in and password forms, gets the form again with its errors (400), never a 500 or an error log', async () => {
    // A visitor's session (and its CSRF token) comes with the sign-in page, as in a browser.
    const form = await request(t.app).get('/sign-in').expect(200)
    const cookie = String(form.headers['set-cookie']).split(';')[0]!
    const csrf = page(form.text).fieldValue('_csrf') as string
    const post = (url: string, body: Record<string, string>) => request(t.app).post(url).set('Cookie', cookie).type('form').send({ _csrf: csrf, ...body })
    const signIn = await post('/sign-in', { email: 'someone\u0000@example.org', password: 'pass\u0000word' })
    expect(signIn.status).toBe(400)
    expect(page(signIn.text).errorSummary()).toEqual([{ text: 'Enter a correct email address and password', href: '#email' }])
    const empty = await post('/sign-in', { email: '\u0000', password: '\u0000' })
    expect(empty.status).toBe(400)
    const forgot = await post('/forgot-password', { email: '\u0000' })
    expect(forgot.status).toBe(400)
    const reset = await post('/reset-password/abc%00def', { newPassword: '\u0000' })
    expect(reset.status).toBe(410)
    expect(errorLines()).toEqual([])
  })

  it('in every field of every form, is taken out: the change is saved (or the form shows its errors), never a 500', async () => {
    const problems: string[] = []
    for (const route of routes.filter(r => r.method === 'POST')) {
      const rule = ROUTE_RULES[key(route)]
      if (!rule?.body || rule.destructive) continue
      const who = whoMay(rule)
      if (!who) continue
      const url = fillPath(route.path, () => String(ID))
      const res = await clients[who].post(url, withNul(bodyFor(rule)))
      if (res.status >= 500) problems.push(`${who} POST ${url} → ${res.status}`)
    }
    expect(problems).toEqual([])
    expect(errorLines()).toEqual([])
    const { rows } = await t.db.selectFrom('auditEvents').select('summary').execute().then(r => ({ rows: r }))
    expect(rows.filter(row => row.summary.includes('\u0000'))).toEqual([])
  }, 600_000)

  it('in the query string, is taken out before any route reads it', async () => {
    const res = await clients.admin.get(`/partnerships/${ID}/audit?entityType=plan\u0000&action=%00`)
    expect(res.status).toBe(200)
    expect(errorLines()).toEqual([])
  })

  it('in a JSON body sent to the API, is taken out too', async () => {
    const admin = clients.admin
    const cookie = (admin.get('/') as unknown as { header: Record<string, string> }).header.Cookie!
    const res = await request(t.app)
      .post(`/api/v1/indicators/${ID}/actuals`)
      .set('Cookie', cookie)
      .set('X-CSRF-Token', admin.csrfToken!)
      .send({ actuals: [{ period: '2011-07', value: 5, note: 'pasted\u0000from a PDF' }], 'x\u0000': 1 })
    expect(res.status).toBeLessThan(500)
    expect(errorLines()).toEqual([])
  })
})

function whoMay(rule: RouteRule): keyof typeof clients | undefined {
  if (rule.rule === 'anyone' || rule.rule === 'signed_in' || rule.rule === 'site_admin') return 'admin'
  if (rule.rule === 'token') return undefined
  for (const role of ['member', 'lead', 'coordinator'] as const) if (can(role, rule.rule)) return role
  return 'admin'
}
