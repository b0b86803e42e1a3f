import { rmSync } from 'node:fs'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { signIn } from '#test/helpers/http-session'
import { sampleFolder } from '#test/helpers/sample-folder'
import { doneOnce, hasLogged, loadThrough, startScaleOut, type ScaleOut } from '#test/helpers/scale-out'
import { testDatabaseKind } from '#test/helpers/test-database'

import { DEMO_PASSWORD } from '../../src/demo/index.ts'

/**
 * Scale-out on a real load balancer: two app servers started together on one new, empty PostgreSQL
 * database, behind HAProxy (Debian's package; .ci/run installs it) on 127.0.0.1. Sessions live in the
 * database, so either server serves a visitor signed in through the other; the demo and the sample data,
 * which each server would load on a first start, are loaded once. `npm run bench:scale-out` is the same
 * with a longer load and its figures.
 */
const COORDINATOR = 'coordinator@csp-hub.example'

describe.runIf(testDatabaseKind() === 'postgres')('two app servers on one PostgreSQL behind HAProxy', () => {
  let cluster: ScaleOut
  let sample: string

  beforeAll(async () => {
    sample = sampleFolder().dir
    cluster = await startScaleOut({
      serverUrl: process.env.TEST_DATABASE_URL!,
      env: { CSP_HUB_DEMO_DATA: 'auto', CSP_HUB_SAMPLE_DATA_DIR: sample },
    })
    // Whichever server loads the sample data says so when it has finished.
    await Promise.race(cluster.servers.map(server => hasLogged(server, /Demo sample data:|Could not load the sample/)))
  }, 120_000)

  afterAll(async () => {
    await cluster?.stop()
    if (sample) rmSync(sample, { recursive: true, force: true })
  })

  it('share sessions: signed in through one server, served by the other, and through the load balancer by both', async () => {
    const [one, two] = cluster.servers
    const direct = await signIn(one!.url, COORDINATOR, DEMO_PASSWORD)
    const elsewhere = await fetch(`${two!.url}/account`, { headers: { Cookie: direct.cookie }, redirect: 'manual' })
    expect(elsewhere.status).toBe(200)
    expect(await elsewhere.text()).toContain(COORDINATOR)

    const visitor = await signIn(cluster.url, COORDINATOR, DEMO_PASSWORD)
    const servedBy = new Set<string>()
    for (let i = 0; i < 4; i++) {
      const res = await visitor.get('/account')
      expect(res.status).toBe(200)
      expect(await res.text()).toContain(COORDINATOR)
      servedBy.add(res.headers.get('x-served-by') ?? '')
    }
    expect([...servedBy].sort()).toEqual(['app1', 'app2'])
  })

  it('answer a short load through the load balancer with no errors, from both servers', async () => {
    const first = await signIn(cluster.url, COORDINATOR, DEMO_PASSWORD)
    const partnership = /href="(\/partnerships\/\d+)"/.exec(await (await first.get('/')).text())![1]!
    const pages: [string, string][] = [
      ['dashboard', partnership],
      ['performance', `${partnership}/indicators`],
      ['strategic assessment', `${partnership}/strategic-assessment`],
      ['bare route', '/healthz'],
    ]
    const cookies = [first.cookie]
    for (let i = 1; i < 6; i++) cookies.push((await signIn(cluster.url, COORDINATOR, DEMO_PASSWORD)).cookie)
    const samples = await loadThrough(cluster.url, pages, cookies, 3)
    expect(samples.length).toBeGreaterThan(pages.length)
    expect(samples.filter(sample => sample.error)).toEqual([])
    expect(new Set(samples.map(sample => sample.servedBy))).toEqual(new Set(['app1', 'app2']))
  })

  it('run the first start’s jobs once: migrations, the demo partnerships, the sample data and the scoring matrix', async () => {
    const done = await doneOnce(cluster.databaseUrl)
    expect(done.jobs.map(job => [job.kind, job.status, job.attempts])).toEqual([
      ['demo.partnerships', 'succeeded', 1],
      ['demo.sample-data', 'succeeded', 1],
    ])
    expect(done.partnerships).toBe(2)
    expect(done.users).toBe(5)
    expect(done.policeMonths).toBe(3)
    expect(done.policeImports).toBe(3)
    expect(done.scoringMatrices).toBe(1)
    const said = (match: RegExp) => cluster.servers.filter(server => match.test(server.output())).length
    expect(said(/Loaded the demo partnerships/)).toBe(1)
    expect(said(/Demo sample data: Loaded 10 sample files/)).toBe(1)
    expect(said(/Applied \d+ migration/)).toBe(1)
  })

  // Last, as it leaves one server: a server killed without warning (kill -9) loses no visitor's session
  // and no request through the load balancer, which sends everything to the one left.
  it('keep serving when one server is killed: sessions and requests go on through the one left', async () => {
    const visitor = await signIn(cluster.url, COORDINATOR, DEMO_PASSWORD)
    const [, two] = cluster.servers
    const killed = await two!.stop('SIGKILL')
    expect(killed.signal).toBe('SIGKILL')
    const servedBy = new Set<string>()
    for (let i = 0; i < 6; i++) {
      const res = await visitor.get('/account')
      expect(res.status).toBe(200)
      expect(await res.text()).toContain(COORDINATOR)
      servedBy.add(res.headers.get('x-served-by') ?? '')
    }
    expect([...servedBy]).toEqual(['app1'])
    const samples = await loadThrough(cluster.url, [['bare route', '/healthz'], ['account', '/account']], [visitor.cookie, visitor.cookie], 1)
    expect(samples.filter(sample => sample.error)).toEqual([])
    expect(new Set(samples.map(sample => sample.servedBy))).toEqual(new Set(['app1']))
  })
})
