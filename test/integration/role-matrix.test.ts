import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { can, type Access } from '../../src/core/access/roles.ts'
import type { CurrentUser } from '../../src/core/access/current-user.ts'
import { aUser } from '../helpers/builders.ts'
import { fillPath, listRoutes, type RouteInfo } from '../helpers/routes.ts'
import { seedEverything, snapshotPartnership, type SeedTarget } from '../helpers/seed-everything.ts'
import { createTestApp, type TestApp, type TestClient } from '../helpers/test-app.ts'

import { ROUTE_RULES, type RouteRule } from './route-rules.ts'

/**
 * The role matrix. Two partnerships are seeded with one record of every kind: ALPHA (published; every
 * record's id is 500) and BRAVO (not published; every id 777; its text carries the marker BRAVOSECRET).
 * Then, through every route of the app:
 *  1. no user of ALPHA (of any role), nor an anonymous visitor, can read or change anything of BRAVO,
 *     whether by BRAVO's own URLs or by putting BRAVO's record ids into ALPHA's URLs;
 *  2. within ALPHA, each role can do exactly what its rule in route-rules.ts says, and no more.
 */
const A_ID = 500
const B_ID = 777
const B_MARKER = 'BRAVOSECRET'
const ROLES_IN_ORDER: (Access | 'anonymous')[] = ['anonymous', 'member', 'lead', 'coordinator', 'admin']
/** Each check walks every route with every role, so it grows with the app: far beyond the default 30 s. */
const WALK_TIMEOUT = 600_000

let t: TestApp
let alpha: SeedTarget
let bravo: SeedTarget
const clients = {} as Record<(typeof ROLES_IN_ORDER)[number], TestClient>
let routes: RouteInfo[]

const key = (route: RouteInfo) => `${route.method} ${route.path}`
const isPartnershipRoute = (route: RouteInfo) => /^(\/api\/v1)?\/partnerships\/:partnershipId/.test(route.path)
/** Sent to sign in (pages) or told to authenticate (API): how an anonymous visitor is refused. */
const isSignInAnswer = (res: { status: number; headers: Record<string, string> }) =>
  (res.status === 303 && String(res.headers.location).startsWith('/sign-in')) || res.status === 401

beforeAll(async () => {
  t = await createTestApp()
  alpha = await seedEverything(t, { idBase: A_ID, marker: 'ALPHA', isPublished: true })
  bravo = await seedEverything(t, { idBase: B_ID, marker: B_MARKER, isPublished: false })
  expect([alpha.partnershipId, bravo.partnershipId]).toEqual([A_ID, B_ID])
  const users: Record<string, CurrentUser> = {
    member: await aUser(t, { role: 'member', partnershipId: A_ID }),
    lead: await aUser(t, { role: 'lead', partnershipId: A_ID, personId: alpha.leadPersonId }),
    coordinator: await aUser(t, { role: 'coordinator', partnershipId: A_ID }),
    admin: await aUser(t, { role: 'admin', partnershipId: A_ID }),
  }
  clients.anonymous = t.anonymous()
  for (const role of ['member', 'lead', 'coordinator', 'admin'] as const) clients[role] = await t.as(users[role]!)
  routes = listRoutes(t.app)
}, 120_000)
afterAll(() => t.close())

function send(client: TestClient, method: RouteInfo['method'], url: string, body: Record<string, string | string[]> = {}) {
  return method === 'GET' ? client.get(url) : client.post(url, body)
}

/** The rule's example body, with {id} and {id+1} standing for the seeded records' ids (in names and values). */
function bodyFor(rule: RouteRule | undefined, id: number): Record<string, string | string[]> {
  const fill = (v: string) => v.replace('{id+1}', String(id + 1)).replace('{id}', String(id))
  const body = rule?.body ?? {}
  return Object.fromEntries(Object.entries(body).map(([k, v]) => [fill(k), Array.isArray(v) ? v.map(fill) : fill(v)]))
}

function allows(rule: RouteRule['rule'], role: (typeof ROLES_IN_ORDER)[number]): boolean {
  if (rule === 'anyone') return true
  if (rule === 'signed_in') return role !== 'anonymous'
  if (rule === 'site_admin' || rule === 'token') return false
  return can(role === 'anonymous' ? 'public' : role, rule)
}

describe('role matrix', () => {
  it('has a rule for every route of the app, and no rule for a route that does not exist', () => {
    const actual = routes.map(key).sort()
    expect(actual.filter(k => !(k in ROUTE_RULES)), 'routes without a rule in route-rules.ts').toEqual([])
    expect(Object.keys(ROUTE_RULES).filter(k => !actual.includes(k)), 'rules for routes that do not exist').toEqual([])
  })

  // Every route × every role × two URLs: minutes, not seconds, once every capability is in.
  it('never lets anyone of ALPHA, nor a visitor, read or change anything of BRAVO', async () => {
    const before = await snapshotPartnership(t, B_ID)
    const leaks: string[] = []
    const wrongStatus: string[] = []
    for (const route of routes) {
      const rule = ROUTE_RULES[key(route)]
      if (!route.path.includes(':')) continue
      const urls = [fillPath(route.path, () => String(B_ID))]
      if (isPartnershipRoute(route) && route.path.replace(':partnershipId', '').includes(':')) {
        // ALPHA's own URL with BRAVO's record ids in it.
        urls.push(fillPath(route.path, param => (param === 'partnershipId' ? String(A_ID) : String(B_ID))))
      }
      for (const url of urls) {
        for (const role of ROLES_IN_ORDER) {
          const res = await send(clients[role], route.method, url, bodyFor(rule, B_ID))
          if (res.text?.includes(B_MARKER)) leaks.push(`${role} ${route.method} ${url}`)
          const toSignIn = isSignInAnswer(res)
          // A 400 would mean the form was checked before the record: not acceptable, the record comes first.
          const refused = toSignIn || [403, 404, 409, 410].includes(res.status)
          const ownUrlRefused = !url.includes(`/partnerships/${B_ID}`) || [403, 404].includes(res.status) || toSignIn
          if (!refused || !ownUrlRefused) {
            wrongStatus.push(`${role} ${route.method} ${url} → ${res.status}`)
          }
        }
      }
    }
    expect(leaks, 'responses that showed BRAVO’s records').toEqual([])
    expect(wrongStatus, 'requests for BRAVO’s records that were not refused').toEqual([])
    expect(await snapshotPartnership(t, B_ID), 'BRAVO’s records after the attempts').toEqual(before)
  }, WALK_TIMEOUT)

  it('lets each role of ALPHA read exactly the pages its role allows', async () => {
    const problems: string[] = []
    for (const route of routes.filter(r => r.method === 'GET' && isPartnershipRoute(r))) {
      const rule = ROUTE_RULES[key(route)]!
      const url = fillPath(route.path, () => String(A_ID))
      for (const role of ROLES_IN_ORDER) {
        const res = await clients[role].get(url)
        const allowed = allows(rule.rule, role)
        const ok = allowed
          ? res.status === 200 || (rule.redirects === true && [302, 303].includes(res.status))
          : role === 'anonymous'
            ? isSignInAnswer(res)
            : [403, 404].includes(res.status)
        if (!ok) problems.push(`${role} GET ${url} → ${res.status}${allowed ? ' (should be allowed)' : ' (should be refused)'}`)
      }
    }
    expect(problems).toEqual([])
  }, WALK_TIMEOUT)

  it('refuses every change to ALPHA by a role that may not make it, and writes nothing', async () => {
    const before = await snapshotPartnership(t, A_ID)
    const problems: string[] = []
    for (const route of routes.filter(r => r.method === 'POST' && isPartnershipRoute(r))) {
      const rule = ROUTE_RULES[key(route)]!
      const url = fillPath(route.path, () => String(A_ID))
      for (const role of ROLES_IN_ORDER.filter(r => !allows(rule.rule, r))) {
        const res = await clients[role].post(url, bodyFor(rule, A_ID))
        const refused = role === 'anonymous' ? [303, 403].includes(res.status) : [403, 404].includes(res.status)
        if (!refused) problems.push(`${role} POST ${url} → ${res.status}`)
      }
    }
    expect(problems).toEqual([])
    expect(await snapshotPartnership(t, A_ID)).toEqual(before)
  }, WALK_TIMEOUT)

  it('lets each role of ALPHA make the changes its role allows', async () => {
    const problems: string[] = []
    for (const route of routes.filter(r => r.method === 'POST' && isPartnershipRoute(r))) {
      const rule = ROUTE_RULES[key(route)]!
      if (rule.destructive) continue
      const url = fillPath(route.path, () => String(A_ID))
      for (const role of ROLES_IN_ORDER.filter(r => r !== 'anonymous' && allows(rule.rule, r))) {
        const res = await clients[role].post(url, bodyFor(rule, A_ID))
        // A valid submission saves (303); a repeat may clash with the first (400 or 409), but never a refusal.
        if (![200, 303, 400, 409].includes(res.status)) problems.push(`${role} POST ${url} → ${res.status}`)
        if (role === ROLES_IN_ORDER.find(r => r !== 'anonymous' && allows(rule.rule, r)) && res.status !== 303 && rule.body) {
          problems.push(`${role} POST ${url} → ${res.status}: the example body in route-rules.ts should save`)
        }
      }
    }
    expect(problems).toEqual([])
  }, WALK_TIMEOUT)
})
