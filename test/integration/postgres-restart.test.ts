import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startCspHub, type RunningServer } from '../helpers/csp-hub-process.ts'
import { signIn, type HttpSession } from '../helpers/http-session.ts'
import { postgresBinaries, startPrivatePostgres, type PrivatePostgres } from '../helpers/private-postgres.ts'
import { testDatabaseKind } from '../helpers/test-database.ts'

/**
 * PostgreSQL restarted, then its postmaster killed, while the app is taking writes: the app stays up,
 * answers a clear 503 while the database is away (and /healthz says so), carries on by itself when it is
 * back, and every write it acknowledged (303) is in the database. The server is the test's own, so the
 * shared one other tests use is never touched.
 */
const isCi = process.env.CI === 'true' || process.env.CI === '1'
const binaries = postgresBinaries()
if (!binaries && !isCi && testDatabaseKind() === 'postgres') {
  console.warn('Skipping the PostgreSQL restart test: no PostgreSQL binaries under /usr/lib/postgresql (apt-get install postgresql).')
}

describe.runIf(testDatabaseKind() === 'postgres' && (binaries || isCi))('PostgreSQL restarting under write load', () => {
  let postgres: PrivatePostgres
  let app: RunningServer
  let session: HttpSession
  let peoplePath: string
  const admin = { email: 'restart.admin@example.org', password: 'restart admin passphrase' }

  beforeAll(async () => {
    postgres = await startPrivatePostgres()
    app = await startCspHub({ DATABASE_URL: postgres.url, CSP_HUB_ADMIN_EMAIL: admin.email, CSP_HUB_ADMIN_PASSWORD: admin.password, CSP_HUB_LOG_LEVEL: 'warn' })
    session = await signIn(app.url, admin.email, admin.password)
    const created = await session.postForm('/partnerships/new', { name: 'Restart Partnership' })
    peoplePath = `${created.headers.get('location')!}/people/new`
  }, 180_000)
  afterAll(async () => {
    await app?.stop('SIGTERM')
    postgres?.stop()
    postgres?.remove()
  })

  it('keeps the app up, answers 503 while it is away, recovers by itself, and loses no acknowledged write', async () => {
    const acknowledged: string[] = []
    const statuses = new Map<number, number>()
    const unexpected: string[] = []
    let stop = false
    let waiters: { count: number; resolve: () => void }[] = []
    const ackedAfter = (n: number) => new Promise<void>(resolve => waiters.push({ count: acknowledged.length + n, resolve }))

    // Four writers, each adding people one after another until told to stop (at most 3,000 writes each).
    const writer = async (w: number) => {
      for (let i = 0; i < 3000 && !stop; i++) {
        const name = `Writer ${w} person ${i}`
        let status: number
        try {
          const res = await session.postForm(peoplePath, { name })
          status = res.status
          const body = await res.text()
          if (status === 503 && !body.includes('Sorry, the service is unavailable')) unexpected.push(`503 without the unavailable page: ${body.slice(0, 200)}`)
        } catch (error) {
          status = 0
          unexpected.push(`no answer: ${(error as Error).message}`)
        }
        statuses.set(status, (statuses.get(status) ?? 0) + 1)
        if (status === 303) {
          acknowledged.push(name)
          waiters = waiters.filter(waiter => (acknowledged.length >= waiter.count ? (waiter.resolve(), false) : true))
        } else if (status !== 503) {
          unexpected.push(`${status} for ${name}`)
        }
      }
    }
    const writers = Promise.all([1, 2, 3, 4].map(writer))

    await ackedAfter(20)
    postgres.restart() // pg_ctlcluster … restart: a fast shutdown ends every connection (57P01)
    await ackedAfter(20)

    postgres.killPostmaster()
    // While it is down: /healthz answers at once and says the database is unavailable; a page is a 503.
    let health: { databaseStatus?: string } = {}
    for (let i = 0; i < 200 && health.databaseStatus !== 'unavailable'; i++) health = (await (await fetch(`${app.url}/healthz`)).json()) as typeof health
    expect(health.databaseStatus).toBe('unavailable')
    expect((await fetch(`${app.url}/readyz`)).status).toBe(503)
    const down = await session.get('/account')
    expect(down.status).toBe(503)
    expect(await down.text()).toContain('Sorry, the service is unavailable')

    postgres.start()
    await ackedAfter(20)
    stop = true
    await writers

    expect(app.child.exitCode, app.output()).toBeNull()
    expect(unexpected).toEqual([])
    expect((await fetch(`${app.url}/readyz`)).status).toBe(200)
    expect(((await (await fetch(`${app.url}/healthz`)).json()) as typeof health).databaseStatus).toBe('ok')

    const client = new pg.Client({ connectionString: postgres.url })
    await client.connect()
    try {
      const { rows } = await client.query<{ name: string }>("select name from people where name like 'Writer %'")
      const stored = new Set(rows.map(row => row.name))
      expect(acknowledged.filter(name => !stored.has(name)), 'acknowledged writes missing from the database').toEqual([])
    } finally {
      await client.end()
    }
    expect(statuses.get(303)).toBeGreaterThanOrEqual(60)
  }, 300_000)
})
