import { sql } from 'kysely'
import pg from 'pg'
import { describe, expect, it } from 'vitest'

import { createTestApp } from '#test/helpers/test-app'
import { testDatabaseKind } from '#test/helpers/test-database'

describe('/healthz (liveness) and /readyz (readiness)', () => {
  it('answer ok with the kind of database when the database answers', async () => {
    const t = await createTestApp()
    try {
      const res = await t.anonymous().get('/healthz')
      expect(res.status).toBe(200)
      expect(res.body).toEqual({ status: 'ok', database: testDatabaseKind(), databaseStatus: 'ok' })
      const ready = await t.anonymous().get('/readyz')
      expect(ready.status).toBe(200)
      expect(ready.body).toEqual({ status: 'ok', database: testDatabaseKind() })
    } finally {
      await t.close()
    }
  })

  it('when the database is down: pages are a 503 saying so, /readyz is 503, and /healthz still answers and says so', async () => {
    const t = await createTestApp()
    await t.database.close()
    const ready = await t.anonymous().get('/readyz')
    expect(ready.status).toBe(503)
    expect(ready.body).toEqual({ status: 'unavailable', database: testDatabaseKind() })
    const page = await t.anonymous().get('/sign-in')
    expect(page.status).toBe(503)
    expect(page.headers['retry-after']).toBe('30')
    expect(page.text).toContain('Sorry, the service is unavailable')
    expect(page.text).toContain('nothing you sent has been saved')
    const api = await t.anonymous().get('/api/v1/partnerships')
    expect(api.status).toBe(503)
    const health = await t.anonymous().get('/healthz')
    expect(health.status).toBe(200)
    expect(health.body).toMatchObject({ status: 'ok', databaseStatus: 'unavailable' })
  })

  it.runIf(testDatabaseKind() === 'postgres')(
    'recovers when PostgreSQL ends the app’s connections (a restart), without crashing',
    async () => {
      const t = await createTestApp()
      try {
        await t.anonymous().get('/readyz').expect(200)
        const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(t.db)
        const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL })
        await admin.connect()
        await admin.query(
          'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
          [rows[0]!.name],
        )
        await admin.end()
        // The idle connections' errors are handled; the next request opens a new connection.
        expect((await t.anonymous().get('/readyz')).status).toBe(200)
      } finally {
        await t.close()
      }
    },
  )
})
