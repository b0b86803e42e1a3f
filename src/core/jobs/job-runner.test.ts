import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { databaseEnv, type DatabaseEnv } from '#test/helpers/database-env'
import { createTestDatabase, testDatabaseKind } from '#test/helpers/test-database'
import type { DatabaseHandle } from '../../db/database.ts'
import { createLogger } from '../../logger.ts'
import { fixedClock } from '../../shared/clock.ts'

import { jobRunner, PermanentJobError } from './index.ts'

const logger = createLogger('silent')
const MINUTE = 60_000

/**
 * The runner against a real database. On PostgreSQL the two runners have a connection pool each, as two
 * app servers would; PGlite is one process's database, so there they share the one handle.
 */
describe('the job runner', () => {
  let env: DatabaseEnv | undefined
  let first: DatabaseHandle
  let second: DatabaseHandle
  const clock = fixedClock('2016-04-04T06:00:00Z')

  beforeAll(async () => {
    if (testDatabaseKind() === 'postgres') {
      env = await databaseEnv({ migrated: true })
      first = await env.open()
      second = await env.open()
    } else {
      first = await createTestDatabase()
      second = first
    }
  })
  afterAll(async () => {
    if (second !== first) await second.close()
    await first.close()
    await env?.remove()
  })

  const runnerOn = (database: DatabaseHandle, name: string) => jobRunner({ db: database.db, clock, logger, runnerId: name, leaseMs: 5 * MINUTE })

  it('runs a job queued twice under one key once', async () => {
    const runs: string[] = []
    const runner = runnerOn(first, 'a').register({ kind: 'test.once', describe: 'Once', run: async payload => void runs.push(String(payload.n)) })
    expect(await runner.enqueue(first.db, { kind: 'test.once', payload: { n: 1 }, dedupeKey: 'once:1' })).not.toBeNull()
    expect(await runner.enqueue(first.db, { kind: 'test.once', payload: { n: 2 }, dedupeKey: 'once:1' })).toBeNull()
    await runner.tick()
    await runner.enqueue(first.db, { kind: 'test.once', payload: { n: 3 }, dedupeKey: 'once:1' })
    await runner.tick()
    expect(runs).toEqual(['1'])
  })

  it('retries a failing job after a growing wait, then gives it up and reports it', async () => {
    const attempts: string[] = []
    const gaveUp: string[] = []
    const runner = runnerOn(first, 'b').register({
      kind: 'test.flaky',
      describe: 'Flaky',
      backOff: { baseMs: MINUTE, maxMs: 60 * MINUTE },
      run: async () => {
        attempts.push(clock.now().toISOString())
        throw new Error('The mail server refused it')
      },
      onGaveUp: async (job, error) => void gaveUp.push(`${job.id}: ${error}`),
    })
    const id = (await runner.enqueue(first.db, { kind: 'test.flaky', maxAttempts: 3 }))!
    expect((await runner.tick()).ran.map(r => r.status)).toEqual(['retrying'])
    // Not before its back-off has passed: one minute after the first failure, two after the second.
    clock.advanceMinutes(0.5)
    expect((await runner.tick()).ran).toEqual([])
    clock.advanceMinutes(0.5)
    expect((await runner.tick()).ran.map(r => r.status)).toEqual(['retrying'])
    clock.advanceMinutes(1.5)
    expect((await runner.tick()).ran).toEqual([])
    clock.advanceMinutes(0.5)
    expect((await runner.tick()).ran.map(r => r.status)).toEqual(['failed'])
    expect(attempts).toHaveLength(3)
    expect(gaveUp).toEqual([`${id}: The mail server refused it`])
    const row = await first.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ status: 'failed', attempts: 3, lastError: 'The mail server refused it' })
  })

  it('gives up at once on a failure another attempt cannot mend', async () => {
    const runner = runnerOn(first, 'c').register({
      kind: 'test.permanent',
      describe: 'Permanent',
      run: async () => {
        throw new PermanentJobError('CSP_HUB_POLICE_ARCHIVE_URL is not set')
      },
    })
    await runner.enqueue(first.db, { kind: 'test.permanent', maxAttempts: 5 })
    expect((await runner.tick()).ran).toMatchObject([{ status: 'failed', error: 'CSP_HUB_POLICE_ARCHIVE_URL is not set' }])
  })

  it('takes up the job of a runner that stopped once its lease has run out', async () => {
    const runs: string[] = []
    const kind = { kind: 'test.lease', describe: 'Lease', run: async () => void runs.push('done') }
    const dead = runnerOn(first, 'dead-server').register(kind)
    const alive = runnerOn(second, 'live-server').register(kind)
    await dead.enqueue(first.db, { kind: 'test.lease' })
    // The first server claims the job and stops before finishing it (as a killed process would).
    const { jobRepository } = await import('./index.ts')
    const claimed = await jobRepository.claim(first.db, ['test.lease'], 'dead-server', clock.now(), 5 * MINUTE)
    expect(claimed?.lockedBy).toBe('dead-server')
    expect((await alive.tick()).ran).toEqual([])
    clock.advanceMinutes(6)
    expect((await alive.tick()).ran).toMatchObject([{ status: 'succeeded' }])
    expect(runs).toEqual(['done'])
  })

  it('queues each slot of a schedule once when two servers tick at the same moment', async () => {
    const runs: string[] = []
    const kind = { kind: 'test.digest', describe: 'Digest', run: async (payload: Record<string, unknown>) => void runs.push(String(payload.slot)) }
    const schedule = { name: 'test-weekly', describe: 'Weekly', cadence: { every: 'week', weekday: 1, at: '08:00' }, kind: 'test.digest' } as const
    const a = runnerOn(first, 'server-a').register(kind).schedule(schedule)
    const b = runnerOn(second, 'server-b').register(kind).schedule(schedule)
    clock.set('2016-04-04T07:30:00Z') // 08:30 BST on Monday 4 April 2016
    await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()])
    clock.set('2016-04-06T10:00:00Z')
    await Promise.all([a.tick(), b.tick()])
    clock.set('2016-04-11T07:01:00Z')
    await Promise.all([a.tick(), b.tick()])
    expect(runs).toEqual(['2016-04-04', '2016-04-11'])
    expect((await a.scheduleStates())[0]).toMatchObject({ name: 'test-weekly', lastSlot: '2016-04-11', nextSlot: '2016-04-18', when: 'every Monday at 08:00' })
  })

  it('runs each of many jobs once when two servers work through them side by side', async () => {
    const runsById = new Map<number, string[]>()
    const kind = (server: string) => ({
      kind: 'test.many',
      describe: 'Many',
      run: async (payload: Record<string, unknown>) => {
        const id = Number(payload.n)
        runsById.set(id, [...(runsById.get(id) ?? []), server])
      },
    })
    const a = runnerOn(first, 'server-a').register(kind('a'))
    const b = runnerOn(second, 'server-b').register(kind('b'))
    await first.db.transaction().execute(async trx => {
      for (let n = 0; n < 30; n++) await a.enqueue(trx, { kind: 'test.many', payload: { n }, dedupeKey: `many:${n}` })
    })
    const [ranA, ranB] = await Promise.all([a.tick(), b.tick()])
    expect(runsById.size).toBe(30)
    expect([...runsById.values()].every(servers => servers.length === 1)).toBe(true)
    expect(ranA.ran.length + ranB.ran.length).toBe(30)
    if (testDatabaseKind() === 'postgres') expect(Math.min(ranA.ran.length, ranB.ran.length)).toBeGreaterThan(0)
  })
})
