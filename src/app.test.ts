import fs from 'node:fs'

import { sql } from 'kysely'
import pg from 'pg'
import request from 'supertest'
import { describe, expect, it, vi } from 'vitest'

import { createTestApp } from '#test/helpers/test-app'
import { testDatabaseKind } from '#test/helpers/test-database'

import { createApp } from './app.ts'

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

describe('templates', () => {
  /** How many template files a second visit to the page reads from disk (the first compiles them). */
  async function templatesReadOnSecondVisit(watchTemplates: boolean): Promise<number> {
    const t = await createTestApp({ env: { NODE_ENV: 'development' } })
    try {
      // As `npm start` (serve) or `npm run dev` (serve --watch-templates) builds it, NODE_ENV development.
      const app = createApp({ ...t.deps, config: { ...t.deps.config, watchTemplates } }, t.services)
      expect((await request(app).get('/sign-in')).status).toBe(200)
      const read = vi.spyOn(fs, 'readFileSync')
      try {
        expect((await request(app).get('/sign-in')).status).toBe(200)
        return read.mock.calls.filter(([file]) => String(file).endsWith('.njk')).length
      } finally {
        read.mockRestore()
      }
    } finally {
      await t.close()
    }
  }

  it('are compiled once under npm start (development mode included): a page seen again reads no template file', async () => {
    expect(await templatesReadOnSecondVisit(false)).toBe(0)
  })

  it('are read again on every page under npm run dev (--watch-templates), so an edit shows at once', async () => {
    expect(await templatesReadOnSecondVisit(true)).toBeGreaterThan(0)
  })
})

describe('/healthz while the database is busy', () => {
  // On PostgreSQL the heavy work is in the server's processes; /healthz asks nothing of the pool, so it
  // answers while every connection is taken. (The embedded PGlite runs queries on the app's own thread.)
  it.runIf(testDatabaseKind() === 'postgres')('answers before long queries holding every connection have ended, and /readyz waits its turn', async () => {
    const t = await createTestApp()
    try {
      const order: string[] = []
      // createTestDatabase opens 4 connections on PostgreSQL: hold them all for a while.
      const heavy = Array.from({ length: 4 }, () => sql`select pg_sleep(1.5)`.execute(t.db).then(() => order.push('heavy query')))
      const ready = t.anonymous().get('/readyz').then(res => order.push(`readyz ${res.status}`))
      const health = await t.anonymous().get('/healthz')
      order.push(`healthz ${health.status}`)
      await Promise.all([...heavy, ready])
      expect(order[0]).toBe('healthz 200')
      expect(order.indexOf('readyz 200')).toBeGreaterThan(order.indexOf('heavy query'))
    } finally {
      await t.close()
    }
  })
})
