import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createTestDatabase } from '#test/helpers/test-database'
import type { DatabaseHandle } from '../../db/database.ts'

import { auditLog } from '../../core/audit/audit-log.ts'
import { auditRepository } from './audit-repository.ts'

let database: DatabaseHandle
beforeAll(async () => {
  database = await createTestDatabase()
  await auditLog.record(
    database.db,
    { userId: null, label: 'test' },
    {
      partnershipId: null,
      action: 'create',
      entityType: 'user',
      entityId: 1,
      summary: 'Created the account a@example.org',
      after: { email: 'a@example.org', passwordHash: 'secret-hash' },
    },
  )
})
afterAll(() => database.close())

const count = async () =>
  Number((await sql<{ n: string }>`select count(*) as n from audit_events`.execute(database.db)).rows[0]!.n)

describe('the audit log is append-only', () => {
  it('keeps what is recorded, without secrets', async () => {
    const [event] = (await auditRepository.list(database.db, { partnershipId: null }, { limit: 10, offset: 0 })).events
    expect(event).toMatchObject({ summary: 'Created the account a@example.org', after: { email: 'a@example.org' } })
    expect(event!.after).not.toHaveProperty('passwordHash')
  })

  it.each([
    ['UPDATE', sql`update audit_events set summary = 'rewritten'`],
    ['DELETE', sql`delete from audit_events`],
    ['TRUNCATE', sql`truncate audit_events`],
  ])('refuses %s, even run straight against the database', async (_, statement) => {
    const before = await count()
    await expect(statement.execute(database.db)).rejects.toThrow('audit_events is append-only')
    expect(await count()).toBe(before)
    expect((await auditRepository.list(database.db, {}, { limit: 1, offset: 0 })).events[0]!.summary).toBe(
      'Created the account a@example.org',
    )
  })

  it('takes back the record of a change when the change itself is rolled back', async () => {
    const before = await count()
    await expect(
      database.db.transaction().execute(async trx => {
        await auditLog.record(
          trx,
          { userId: null, label: 'test' },
          { partnershipId: null, action: 'update', entityType: 'user', entityId: 1, summary: 'Never happened' },
        )
        throw new Error('the change failed')
      }),
    ).rejects.toThrow('the change failed')
    expect(await count()).toBe(before)
  })
})
