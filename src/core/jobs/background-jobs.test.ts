import os from 'node:os'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createTestDatabase } from '#test/helpers/test-database'

import type { DatabaseHandle } from '../../db/database.ts'
import { fixedClock } from '../../shared/clock.ts'

import { backgroundJobs } from './background-jobs.ts'

let database: DatabaseHandle
const clock = fixedClock('2026-12-01T09:00:00Z')
const STALE = 10 * 60_000
const server = (name: string) => backgroundJobs({ db: database.db, clock, runner: `${name}.example:1` })

beforeAll(async () => {
  database = await createTestDatabase()
})
afterAll(() => database.close())

describe('background jobs', () => {
  it('are run by exactly one of several servers claiming them at the same moment', async () => {
    const servers = ['a', 'b', 'c', 'd', 'e'].map(server)
    const claims = await Promise.all(servers.map(s => s.claim('together', { step: 'Starting', staleAfterMs: STALE })))
    expect(claims.filter(c => c.claimed)).toHaveLength(1)
    const winner = claims.findIndex(c => c.claimed)
    expect(claims[winner]!.tookOver).toBe(false)
    for (const claim of claims) expect(claim.job).toMatchObject({ status: 'running', runner: `${'abcde'[winner]}.example:1`, step: 'Starting' })
  })

  it('show their progress to every server; only the runner records it; once succeeded, no one runs them again', async () => {
    const [a, b] = [server('a'), server('b')]
    expect((await a.claim('sample', { step: 'Starting', staleAfterMs: STALE })).claimed).toBe(true)
    expect(await a.progress('sample', { step: 'Importing files', done: 3, total: 25 })).toBe(true)
    expect(await b.progress('sample', { done: 9 })).toBe(false)
    expect(await b.find('sample')).toMatchObject({ status: 'running', step: 'Importing files', done: 3, total: 25 })
    await b.succeed('sample', 'not mine')
    expect((await b.find('sample'))!.status).toBe('running')
    await a.succeed('sample', 'Loaded.')
    expect(await b.find('sample')).toMatchObject({ status: 'succeeded', message: 'Loaded.', finishedAt: clock.now() })
    expect((await b.claim('sample', { step: 'Starting', staleAfterMs: STALE })).claimed).toBe(false)
  })

  it('are started again after a failure', async () => {
    const [a, b] = [server('a'), server('b')]
    await a.claim('failing', { step: 'Starting', staleAfterMs: STALE })
    await a.fail('failing', 'The file was cut short.')
    expect(await b.claim('failing', { step: 'Starting again', staleAfterMs: STALE })).toMatchObject({
      claimed: true,
      tookOver: true,
      job: { status: 'running', runner: 'b.example:1', step: 'Starting again', message: null, finishedAt: null },
    })
  })

  it('are taken over when their server has gone silent for the limit, and the old runner learns it is no longer theirs', async () => {
    const [a, b] = [server('a'), server('b')]
    await a.claim('silent', { step: 'Starting', staleAfterMs: STALE })
    clock.advanceMinutes(9)
    expect((await b.claim('silent', { step: 'Starting', staleAfterMs: STALE })).claimed).toBe(false)
    clock.advanceMinutes(2)
    expect(await b.claim('silent', { step: 'Starting', staleAfterMs: STALE })).toMatchObject({ claimed: true, tookOver: true })
    expect(await a.progress('silent', { done: 1 })).toBe(false)
  })

  it('are taken over at once when their runner was a process of this machine that has ended (a restart)', async () => {
    // A process id above Linux's largest: no such process.
    const gone = backgroundJobs({ db: database.db, clock, runner: `${os.hostname()}:2147483646` })
    await gone.claim('restarted', { step: 'Starting', staleAfterMs: STALE })
    const alive = backgroundJobs({ db: database.db, clock, runner: `${os.hostname()}:${process.pid}` })
    await alive.claim('held', { step: 'Starting', staleAfterMs: STALE })
    const me = backgroundJobs({ db: database.db, clock })
    expect(await me.claim('restarted', { step: 'Starting', staleAfterMs: STALE })).toMatchObject({ claimed: true, tookOver: true })
    expect((await server('b').claim('held', { step: 'Starting', staleAfterMs: STALE })).claimed).toBe(false)
  })
})
