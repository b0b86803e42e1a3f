import { sql } from 'kysely'
import pg from 'pg'
import { describe, expect, it } from 'vitest'

import { createTestApp } from '#test/helpers/test-app'
import { testDatabaseKind } from '#test/helpers/test-database'

describe('/healthz', () => {
  it('answers ok with the kind of database when the database answers', async () => {
    const t = await createTestApp()
    try {
      const res = await t.anonymous().get('/healthz')
      expect(res.status).toBe(200)
      expect(res.body).toEqual({ status: 'ok', database: testDatabaseKind() })
    } finally {
      await t.close()
    }
  })

  it('answers 503 when the database is down, so the load balancer stops sending requests', async () => {
    const t = await createTestApp()
    await t.database.close()
    const res = await t.anonymous().get('/healthz')
    expect(res.status).toBe(503)
    expect(res.body).toEqual({ status: 'unavailable', database: testDatabaseKind() })
  })

  it.runIf(testDatabaseKind() === 'postgres')(
    'recovers when PostgreSQL ends the app’s connections (a restart), without crashing',
    async () => {
      const t = await createTestApp()
      try {
        await t.anonymous().get('/healthz').expect(200)
        const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(t.db)
        const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL })
        await admin.connect()
        await admin.query(
          'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
          [rows[0]!.name],
        )
        await admin.end()
        // The idle connections' errors are handled; the next request opens a new connection.
        expect((await t.anonymous().get('/healthz')).status).toBe(200)
      } finally {
        await t.close()
      }
    },
  )
})
