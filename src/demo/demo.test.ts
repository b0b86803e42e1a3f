import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createTestApp, type TestApp } from '#test/helpers/test-app'

import { DEMO_ACCOUNTS, DEMO_PASSWORD, loadDemoData } from './index.ts'
import { JOINT_2016, ROCHFORD_2011 } from './structure-data.ts'

let t: TestApp
let first: Awaited<ReturnType<typeof loadDemoData>>
beforeAll(async () => {
  t = await createTestApp()
  first = await loadDemoData(t.deps, t.services, { onlyIfEmpty: true })
})
afterAll(() => t.close())

const countIn = async (table: 'areas' | 'organisations' | 'groups' | 'people' | 'memberships', partnershipId: number) =>
  Number(
    (
      await t.db
        .selectFrom(table)
        .select(eb => eb.fn.countAll().as('n'))
        .where('partnershipId', '=', partnershipId)
        .executeTakeFirstOrThrow()
    ).n,
  )

const partnershipIds = async () => {
  const rows = await t.db.selectFrom('partnerships').select(['id', 'name']).execute()
  return {
    rochford: rows.find(r => r.name === ROCHFORD_2011.name)!.id,
    joint: rows.find(r => r.name === JOINT_2016.name)!.id,
    all: rows,
  }
}

/** How many areas a demo partnership declares, nested ones included. */
const areaCount = (areas: { children?: unknown[] }[]): number =>
  areas.reduce((sum, area) => sum + 1 + areaCount((area.children ?? []) as { children?: unknown[] }[]), 0)

describe('the demo data', () => {
  it('loads both partnerships from the seed documents on an empty database', async () => {
    expect(first.loaded).toBe(true)
    const { rochford, joint } = await partnershipIds()
    for (const [id, demo] of [
      [rochford, ROCHFORD_2011],
      [joint, JOINT_2016],
    ] as const) {
      expect(await countIn('areas', id)).toBe(areaCount(demo.areas))
      expect(await countIn('organisations', id)).toBe(demo.organisations.length)
      expect(await countIn('groups', id)).toBe(demo.groups.length)
      expect(await countIn('people', id)).toBe(demo.people.length)
    }
    // The Rochford 2011 plan: six neighbourhood policing areas and two community forum areas.
    const types = await t.db.selectFrom('areas').select('type').where('partnershipId', '=', rochford).execute()
    expect(types.filter(a => a.type === 'policing_area')).toHaveLength(6)
    expect(types.filter(a => a.type === 'community_forum_area')).toHaveLength(2)
    // The joint partnership covers two districts.
    expect(
      (
        await t.db
          .selectFrom('areas')
          .select('name')
          .where('partnershipId', '=', joint)
          .where('type', '=', 'district')
          .orderBy('name')
          .execute()
      ).map(a => a.name),
    ).toEqual(['Castle Point', 'Rochford'])
  })

  it('makes one account per role, each able to sign in with the demo password', async () => {
    const { rochford, joint } = await partnershipIds()
    const roles = await t.db
      .selectFrom('partnershipRoles')
      .innerJoin('users', 'users.id', 'partnershipRoles.userId')
      .select(['email', 'role', 'partnershipId'])
      .execute()
    const roleOf = (email: string, partnershipId: number) =>
      roles.find(r => r.email === email && r.partnershipId === partnershipId)?.role
    for (const role of ['admin', 'coordinator', 'lead', 'member'] as const) {
      expect(roleOf(`${role}@csp-hub.example`, rochford)).toBe(role)
      expect(roleOf(`${role}@csp-hub.example`, joint)).toBe(role)
    }
    const siteAdmin = await t.db
      .selectFrom('users')
      .select('isSiteAdmin')
      .where('email', '=', 'site-admin@csp-hub.example')
      .executeTakeFirstOrThrow()
    expect(siteAdmin.isSiteAdmin).toBe(true)
    for (const account of DEMO_ACCOUNTS) {
      expect((await t.services.accounts.signIn(account.email, DEMO_PASSWORD, '10.20.0.1')).ok, account.email).toBe(true)
    }
    // The lead is the person who leads actions: their account is linked to that person.
    const lead = await t.db
      .selectFrom('people')
      .innerJoin('users', 'users.id', 'people.userId')
      .select('people.name')
      .where('users.email', '=', 'lead@csp-hub.example')
      .where('people.partnershipId', '=', joint)
      .executeTakeFirstOrThrow()
    expect(lead.name).toBe('Crime Prevention Tactical Advisor')
  })

  it('records people by role, never by the names printed in the documents', async () => {
    // Every personal name printed in shared/seeds: none may appear anywhere in the demo data.
    const printed = [
      'Melanie Yolland', 'Tracey Schneider', 'Glen Westley', 'Danny Barnes', 'Steve Joynes', 'Peter Stratton',
      'Lynsey Yarnell', 'Paul Beckers', 'Paula Chapman', 'Emma Clark', 'Helen Collins', 'Graham Browne',
      'Liz Martlew', 'Melanie Harris', 'Mark Mcquade', 'Glen Crickmore', 'Sue Leadbetter', 'Ben Hughes',
      'Lucy Belcher', 'Lin Kettley', 'Andrew Lowing', 'Louisa Moss', 'Cathy Calder',
    ]
    const surnames = printed.map(name => name.split(' ').at(-1)!)
    const columns = await sql<{ tableName: string; columnName: string }>`
      select table_name, column_name from information_schema.columns
      where table_schema = 'public' and data_type in ('text', 'jsonb') and table_name <> 'kysely_migration'`.execute(t.db)
    const found: string[] = []
    for (const { tableName, columnName } of columns.rows) {
      const rows = await sql<{ value: string }>`select ${sql.ref(columnName)}::text as value from ${sql.table(tableName)} where ${sql.ref(columnName)} is not null`.execute(t.db)
      for (const { value } of rows.rows) {
        for (const surname of surnames) if (new RegExp(`\\b${surname}\\b`).test(value)) found.push(`${tableName}.${columnName}: ${surname}`)
      }
    }
    expect([...new Set(found)]).toEqual([])
  })
})

describe('loading the demo data again', () => {
  it('is not loaded again on a later start, and a reload replaces the demo partnerships but keeps other data', async () => {
    const before = await partnershipIds()
    const again = await loadDemoData(t.deps, t.services, { onlyIfEmpty: true })
    expect(again.loaded).toBe(false)
    expect(again.accounts.map(a => a.email)).toEqual(DEMO_ACCOUNTS.map(a => a.email)) // still printed at start
    expect((await partnershipIds()).all).toEqual(before.all)

    const own = await t.db
      .insertInto('partnerships')
      .values({ name: 'Southend CSP' })
      .returning('id')
      .executeTakeFirstOrThrow()
    const reloaded = await loadDemoData(t.deps, t.services, { onlyIfEmpty: false })
    expect(reloaded.loaded).toBe(true)
    const after = await partnershipIds()
    expect(after.all).toHaveLength(3)
    expect(after.rochford).not.toBe(before.rochford)
    expect(after.all.map(p => p.id)).toContain(own.id)
    expect(await countIn('organisations', after.rochford)).toBe(ROCHFORD_2011.organisations.length)
  })

  it('never loads on its own when the database already holds a partnership of someone else', async () => {
    const other = await createTestApp()
    try {
      await other.db.insertInto('partnerships').values({ name: 'A real partnership' }).execute()
      const result = await loadDemoData(other.deps, other.services, { onlyIfEmpty: true })
      expect(result).toMatchObject({ loaded: false, accounts: [] })
      expect(await other.db.selectFrom('partnerships').select('name').execute()).toEqual([
        { name: 'A real partnership' },
      ])
    } finally {
      await other.close()
    }
  })
})
