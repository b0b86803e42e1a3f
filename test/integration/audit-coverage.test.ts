import { sql } from 'kysely'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { can, type Access } from '../../src/core/access/roles.ts'
import type { CurrentUser } from '../../src/core/access/current-user.ts'
import { aUser, TEST_PASSWORD } from '../helpers/builders.ts'
import { fillPath, listRoutes, type RouteInfo } from '../helpers/routes.ts'
import { seedEverything } from '../helpers/seed-everything.ts'
import { createTestApp, type TestApp, type TestClient } from '../helpers/test-app.ts'

import { ROUTE_RULES, type RouteRule } from './route-rules.ts'

/**
 * Every write audited. Through every state-changing route of the role matrix (with its example body, by
 * the least role allowed to make it), the database is compared before and after:
 *  - a change that saved something left at least one audit record, and each record it left names the user
 *    who made it, the request it came from, and a record that this request changed;
 *  - a request that was refused or failed left no audit record (a save that changed no value may record
 *    that the user saved it).
 * Deletions run last, the partnership's own last of all.
 */
const ID = 500
let t: TestApp
let routes: RouteInfo[]
const users = {} as Record<'member' | 'lead' | 'coordinator' | 'admin' | 'siteAdmin', CurrentUser>
const clients = {} as Record<keyof typeof users, TestClient>

/** Not records of the service: the session store, the log itself, and bookkeeping. */
const NOT_RECORDS = new Set(['audit_events', 'sessions', 'sign_in_attempts', 'kysely_migration', 'kysely_migration_lock'])
/** Columns that change as a side effect (a parent's "last changed"), not a change to audit. */
const BOOKKEEPING = new Set(['updated_at', 'last_seen_at', 'last_used_at'])

type Snapshot = Map<string, Map<string, string>>

async function snapshot(): Promise<Snapshot> {
  const { rows: tables } = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(t.db)
  const result: Snapshot = new Map()
  for (const { name } of tables) {
    // The police and ONS data themselves change only through imports (their jobs are records, and checked).
    if (NOT_RECORDS.has(name) || ['police_records', 'police_counts', 'police_district_counts', 'police_months'].includes(name) || name.startsWith('ons_')) continue
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(t.db)
    const byKey = new Map<string, string>()
    for (const row of rows) {
      const key = 'id' in row ? String(row.id) : JSON.stringify(row)
      const kept = Object.fromEntries(Object.entries(row).filter(([column]) => !BOOKKEEPING.has(column.replace(/[A-Z]/g, c => `_${c.toLowerCase()}`))))
      byKey.set(key, JSON.stringify(kept))
    }
    result.set(name, byKey)
  }
  return result
}

/** The records a request changed: 'table#id' for each row added, changed or removed; and the ids it names. */
function changes(before: Snapshot, after: Snapshot): { changed: string[]; ids: Set<string> } {
  const changed: string[] = []
  const ids = new Set<string>()
  for (const [table, rows] of after) {
    const old = before.get(table) ?? new Map<string, string>()
    for (const key of new Set([...rows.keys(), ...old.keys()])) {
      if (rows.get(key) !== old.get(key)) {
        changed.push(`${table}#${key}`)
        ids.add(key)
        // …and the records it belongs to (a reset link's user, an update's action).
        for (const [column, value] of Object.entries(JSON.parse(rows.get(key) ?? old.get(key)!) as Record<string, unknown>)) {
          if (/Id$/.test(column) && value !== null) ids.add(String(value))
        }
      }
    }
  }
  return { changed, ids }
}

function bodyFor(rule: RouteRule): Record<string, string | string[]> {
  const fill = (v: string) => v.replace('{id+1}', String(ID + 1)).replace('{id}', String(ID))
  return Object.fromEntries(Object.entries(rule.body ?? {}).map(([k, v]) => [fill(k), Array.isArray(v) ? v.map(fill) : fill(v)]))
}

function whoMay(rule: RouteRule): keyof typeof clients | undefined {
  if (rule.rule === 'site_admin') return 'siteAdmin'
  if (rule.rule === 'signed_in') return 'member'
  if (rule.rule === 'anyone' || rule.rule === 'token') return undefined
  return (['member', 'lead', 'coordinator', 'admin'] as const).find(role => can(role as Access, rule.rule as Access extends never ? never : Parameters<typeof can>[1]))
}

beforeAll(async () => {
  t = await createTestApp()
  const alpha = await seedEverything(t, { idBase: ID, marker: 'ALPHA', isPublished: true })
  users.member = await aUser(t, { role: 'member', partnershipId: ID })
  users.lead = await aUser(t, { role: 'lead', partnershipId: ID, personId: alpha.leadPersonId })
  users.coordinator = await aUser(t, { role: 'coordinator', partnershipId: ID })
  users.admin = await aUser(t, { role: 'admin', partnershipId: ID })
  users.siteAdmin = await aUser(t, { siteAdmin: true })
  for (const [role, user] of Object.entries(users)) clients[role as keyof typeof users] = await t.as(user)
  routes = listRoutes(t.app)
}, 120_000)
afterAll(() => t.close())

/** Send a request, and say what is wrong with the audit records it left (if anything). */
async function audited(label: string, actorId: number | null, send: () => Promise<{ status: number; headers: Record<string, string> }>): Promise<{ problems: string[]; saved: boolean }> {
  const before = await snapshot()
  const lastAudit = Number((await sql<{ n: string }>`select coalesce(max(id), 0) as n from audit_events`.execute(t.db)).rows[0]!.n)
  const res = await send()
  const requestId = res.headers['x-request-id']
  const { changed, ids } = changes(before, await snapshot())
  const audit = await t.db.selectFrom('auditEvents').selectAll().where('id', '>', lastAudit).execute()
  const problems: string[] = []
  const where = `${label} → ${res.status}`
  if (changed.length && !audit.length) problems.push(`${where}: changed ${changed.slice(0, 5).join(', ')} without an audit record`)
  const failed = res.status >= 400
  if (failed && audit.length) problems.push(`${where}: audit records (${audit.map(a => a.summary).join('; ')}) for a request that failed`)
  if (failed && changed.length) problems.push(`${where}: changed ${changed.slice(0, 5).join(', ')} although it failed`)
  for (const entry of audit) {
    if (entry.actorUserId !== actorId) problems.push(`${where}: audit record “${entry.summary}” names user ${entry.actorUserId}, not ${actorId}`)
    if (entry.requestId !== requestId) problems.push(`${where}: audit record “${entry.summary}” is not tied to its request`)
    if (entry.entityId !== null && !ids.has(entry.entityId) && entry.entityId !== String(ID)) {
      problems.push(`${where}: audit record “${entry.summary}” names ${entry.entityType} ${entry.entityId}, which the request did not change`)
    }
  }
  return { problems, saved: changed.length > 0 }
}

describe('every write audited', () => {
  it('leaves, for every change a route saves, audit records naming who, the request, and what changed; and none for a request that failed', async () => {
    const posts = routes.filter(route => route.method === 'POST' && ROUTE_RULES[`POST ${route.path}`])
    // Deletions last, the partnership's own deletion last of all.
    const ordered = [
      ...posts.filter(route => !ROUTE_RULES[`POST ${route.path}`]!.destructive),
      ...posts.filter(route => ROUTE_RULES[`POST ${route.path}`]!.destructive && route.path !== '/partnerships/:partnershipId/delete'),
      ...posts.filter(route => route.path === '/partnerships/:partnershipId/delete'),
    ]
    const problems: string[] = []
    let saved = 0
    const tally = (outcome: { problems: string[]; saved: boolean }) => {
      problems.push(...outcome.problems)
      if (outcome.saved) saved++
    }

    // The account and site routes, whose example bodies are given here: each by the user it is for.
    const password = 'a brand new pass phrase'
    const accountChanges: [string, keyof typeof clients, Record<string, string>][] = [
      ['/partnerships/new', 'siteAdmin', { name: 'Audited Partnership' }],
      ['/account/api-tokens/new', 'member', { name: 'Dashboard', expiresInDays: '30' }],
      ['/account/password', 'coordinator', { currentPassword: TEST_PASSWORD, newPassword: password, confirmPassword: password }],
    ]
    const mustSave = (outcome: { problems: string[]; saved: boolean }, what: string) => {
      if (!outcome.saved) problems.push(`${what} saved nothing: its example should save`)
      tally(outcome)
    }
    for (const [url, who, body] of accountChanges) mustSave(await audited(`${who} POST ${url}`, users[who].id, () => clients[who].post(url, body)), url)
    const token = await t.db.selectFrom('apiTokens').select('id').where('userId', '=', users.member.id).orderBy('id', 'desc').executeTakeFirstOrThrow()
    mustSave(await audited(`member POST /account/api-tokens/${token.id}/revoke`, users.member.id, () => clients.member.post(`/account/api-tokens/${token.id}/revoke`)), 'revoke')
    // A visitor asking for a password reset: the change is theirs to audit, with no one signed in.
    const form = await request(t.app).get('/forgot-password')
    const cookie = String(form.headers['set-cookie']).split(';')[0]!
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)![1]!
    mustSave(await audited('anonymous POST /forgot-password', null, () => request(t.app).post('/forgot-password').set('Cookie', cookie).type('form').send({ _csrf: csrf, email: users.lead.email })), 'forgot-password')
    // …and following the e-mailed link: the change is recorded as the user's own.
    const link = /\/reset-password\/(\S+)/.exec(t.mailer.sent.at(-1)!.text)![0]
    mustSave(await audited(`anonymous POST ${link.slice(0, 20)}…`, users.lead.id, () => request(t.app).post(link).set('Cookie', cookie).type('form').send({ _csrf: csrf, newPassword: password, confirmPassword: password })), 'reset-password')

    for (const route of ordered) {
      const rule = ROUTE_RULES[`POST ${route.path}`]!
      const who = whoMay(rule)
      if (!who || (!rule.body && !rule.destructive)) continue
      const url = fillPath(route.path, () => String(ID))
      tally(await audited(`${who} POST ${url}`, users[who].id, () => clients[who].post(url, bodyFor(rule))))
    }
    expect(problems).toEqual([])
    // The walk did exercise the save paths: most routes with an example body saved something.
    expect(saved).toBeGreaterThan(60)
  }, 600_000)
})
