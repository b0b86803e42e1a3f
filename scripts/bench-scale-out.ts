/**
 * npm run bench:scale-out [-- --servers 2] [--users 20] [--seconds 15] [--data DIR]
 *
 * Scale-out on a real load balancer. On a new PostgreSQL database (DATABASE_URL's server, or the local
 * one), --servers `csp-hub serve` processes start together on the empty database, behind HAProxy from
 * Debian (apt-get install haproxy) on 127.0.0.1, health-checked on /readyz. Each would load the demo and
 * the sample data on a first start (the test fixtures laid out as a sample folder, or --data, a folder
 * like shared/data/real). It then prints:
 *  - which server loaded what, and what the database holds: each job once;
 *  - whether a session made through one server is served by the other;
 *  - --users signed-in visitors for --seconds through HAProxy (dashboard, performance table, strategic
 *    assessment, and /healthz as the bare route): requests, errors, p50 / p95 / p99 per page, each page's
 *    p95 over the bare route's, the share each server answered; and the load average.
 * It prints figures; it asserts nothing.
 */
import { rmSync } from 'node:fs'
import os from 'node:os'

import { DEMO_PASSWORD } from '../src/demo/index.ts'
import { signIn } from '../test/helpers/http-session.ts'
import { sampleFolder } from '../test/helpers/sample-folder.ts'
import { doneOnce, hasLogged, loadThrough, startScaleOut, type LoadSample } from '../test/helpers/scale-out.ts'

const args = process.argv.slice(2)
const option = (name: string) => {
  const i = args.indexOf(`--${name}`)
  return i === -1 ? undefined : args[i + 1]
}
const SERVERS = Number(option('servers') ?? 2)
const USERS = Number(option('users') ?? 20)
const SECONDS = Number(option('seconds') ?? 15)
const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres:postgres@localhost:5432/postgres'
const COORDINATOR = 'coordinator@csp-hub.example'

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN)
const loads = () => os.loadavg().map(v => v.toFixed(2)).join(', ')

const fixtures = option('data') ? undefined : sampleFolder()
const sample = option('data') ?? fixtures!.dir
console.log(`Starting ${SERVERS} app servers together on a new PostgreSQL database behind HAProxy (sample data: ${option('data') ?? 'the test fixtures'}); load average ${loads()}`)
const started = performance.now()
const cluster = await startScaleOut({ serverUrl: SERVER, servers: SERVERS, env: { CSP_HUB_DEMO_DATA: 'auto', CSP_HUB_SAMPLE_DATA_DIR: sample, CSP_HUB_LOG_LEVEL: 'info' } })
try {
  console.log(`  all ${SERVERS} serving, HAProxy at ${cluster.url}, after ${((performance.now() - started) / 1000).toFixed(1)} s`)
  await Promise.race(cluster.servers.map(server => hasLogged(server, /Demo sample data:|Could not load the sample/)))
  console.log(`  sample data loaded after ${((performance.now() - started) / 1000).toFixed(1)} s`)

  const said = (match: RegExp) => cluster.servers.map((server, i) => (match.test(server.output()) ? `app${i + 1}` : '')).filter(Boolean).join(', ') || 'none'
  const done = await doneOnce(cluster.databaseUrl)
  console.log('\nDone once?')
  console.log(`  migrations applied by: ${said(/Applied \d+ migration/)}; demo partnerships loaded by: ${said(/Loaded the demo partnerships/)}; sample data loaded by: ${said(/Demo sample data: Loaded/)}`)
  console.log(`  jobs: ${done.jobs.map(job => `${job.kind} ${job.status} after ${job.attempts} attempt(s)`).join('; ')}`)
  console.log(`  the database holds: ${done.partnerships} partnerships, ${done.users} accounts, ${done.migrations} migrations, ${done.policeMonths} police force-months from ${done.policeImports} imports, ${done.scoringMatrices} scoring matrix`)

  const [one, two] = cluster.servers
  const direct = await signIn(one!.url, COORDINATOR, DEMO_PASSWORD)
  const elsewhere = await fetch(`${two!.url}/account`, { headers: { Cookie: direct.cookie }, redirect: 'manual' })
  console.log(`\nSessions: signed in through app1, app2 answers /account with ${elsewhere.status}${(await elsewhere.text()).includes(COORDINATOR) ? ', signed in' : ', NOT signed in'}`)

  const first = await signIn(cluster.url, COORDINATOR, DEMO_PASSWORD)
  const partnership = /href="(\/partnerships\/\d+)"/.exec(await (await first.get('/')).text())?.[1]
  if (!partnership) throw new Error('no partnership on the home page')
  const pages: [string, string][] = [
    ['dashboard', partnership],
    ['performance', `${partnership}/indicators`],
    ['strategic assessment', `${partnership}/strategic-assessment`],
    ['bare route (/healthz)', '/healthz'],
  ]
  const cookies = [first.cookie]
  for (let i = 1; i < USERS; i++) cookies.push((await signIn(cluster.url, COORDINATOR, DEMO_PASSWORD)).cookie)
  await loadThrough(cluster.url, pages, cookies.slice(0, 4), 3)
  const before = loads()
  const samples = await loadThrough(cluster.url, pages, cookies, SECONDS)
  const stats = (list: LoadSample[]) => {
    const sorted = list.map(s => s.ms).sort((a, b) => a - b)
    return { n: list.length, errors: list.filter(s => s.error).length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) }
  }
  const bare = stats(samples.filter(s => s.page === pages.at(-1)![0]))
  const all = stats(samples)
  const f = (ms: number) => ms.toFixed(0).padStart(7)
  console.log(`\nThrough HAProxy: ${USERS} signed-in users for ${SECONDS} s — ${all.n} requests (${(all.n / SECONDS).toFixed(0)} a second), ${all.errors} errors`)
  console.log(`  ${'page'.padEnd(24)} ${'requests'.padStart(8)} ${'errors'.padStart(6)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'p99'.padStart(7)}  p95 ÷ bare p95`)
  for (const [name] of pages) {
    const s = stats(samples.filter(sample => sample.page === name))
    console.log(`  ${name.padEnd(24)} ${String(s.n).padStart(8)} ${String(s.errors).padStart(6)} ${f(s.p50)} ${f(s.p95)} ${f(s.p99)}  ${(s.p95 / bare.p95).toFixed(1)}`)
  }
  const byServer = new Map<string, number>()
  for (const s of samples) byServer.set(s.servedBy || '(no answer)', (byServer.get(s.servedBy || '(no answer)') ?? 0) + 1)
  console.log(`  answered by: ${[...byServer].sort().map(([name, n]) => `${name} ${((100 * n) / all.n).toFixed(0)}%`).join(', ')}`)
  const errors = new Map<string, number>()
  for (const s of samples) if (s.error) errors.set(s.error, (errors.get(s.error) ?? 0) + 1)
  if (errors.size) console.log(`  errors: ${[...errors].map(([what, n]) => `${n} × ${what}`).join(', ')}`)
  console.log(`  load average (1, 5, 15 min): before ${before}; after ${loads()} on ${os.cpus().length} cores (the servers, PostgreSQL, HAProxy and this load share them)`)
} finally {
  await cluster.stop()
  if (fixtures) rmSync(fixtures.dir, { recursive: true, force: true })
}
