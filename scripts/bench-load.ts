/**
 * npm run bench:load [-- --users 50] [--seconds 30] [--only pglite|postgres] [--data DIR]
 *
 * Pages under load. It prints figures; it is not a test and asserts nothing.
 *
 * For each database (the embedded PGlite, and PostgreSQL: a new database on DATABASE_URL or the local
 * server), in a fresh data folder or database:
 *  1. `csp-hub demo` loads the demo partnerships (with the sample police.uk and ONS files when found:
 *     --data, CSP_HUB_SAMPLE_DATA_DIR, or shared/data/real beside the checkout);
 *  2. `csp-hub serve` starts as `npm start` runs it, on 127.0.0.1;
 *  3. --users visitors sign in (each their own session, as the demo coordinator) and, for --seconds, each
 *     asks for the next of five pages in turn as soon as the last has come: a partnership's dashboard, a
 *     plan, a performance table, a strategic assessment (of each, the largest in the demo data), and a
 *     bare route (/healthz: no session, no query, no template);
 *  4. it prints each page's time with one visitor alone (no queue), then, under load, per page: how many,
 *     errors, p50 / p95 / p99 in milliseconds, and each page's p95 over the bare route's; then the
 *     machine's load average and the server's memory.
 *
 * The visitors are a small loop over node:http with a keep-alive agent, in this process: no load tool
 * to install, and the figures split by page as the question needs. Traffic goes only to 127.0.0.1, and
 * every loop stops at the deadline.
 */
import http from 'node:http'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { createServerDatabase } from '../src/db/server-database.ts'
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../src/demo/index.ts'
import { runCspHub, startCspHub, type RunningServer } from '../test/helpers/csp-hub-process.ts'
import { signIn } from '../test/helpers/http-session.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const option = (name: string) => {
  const i = args.indexOf(`--${name}`)
  return i === -1 ? undefined : args[i + 1]
}
const USERS = Number(option('users') ?? 50)
const SECONDS = Number(option('seconds') ?? 30)
const ONLY = option('only')
const DATA = [option('data'), process.env.CSP_HUB_SAMPLE_DATA_DIR, path.join(root, '..', 'shared', 'data', 'real'), path.join(root, '..', '..', 'shared', 'data', 'real')].find(
  dir => dir && existsSync(path.join(dir, 'police-uk')),
)
const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres:postgres@localhost:5432/postgres'
const coordinator = DEMO_ACCOUNTS.find(account => account.email.startsWith('coordinator@'))!

interface Sample {
  page: string
  ms: number
  ok: boolean
  /** What went wrong: the status, or the socket's error code. */
  error?: string
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

function rss(pid: number): number {
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024
}

/**
 * The pages to ask for: of each kind, the largest the demo data gives (across the coordinator's partnerships
 * and their plans), so that the figures are of the heaviest page a partnership has, not of an empty one.
 */
async function pagesOf(server: RunningServer): Promise<{ pages: [string, string][]; cookies: string[] }> {
  const first = await signIn(server.url, coordinator.email, DEMO_PASSWORD)
  const links = (html: string, pattern: RegExp) => [...new Set([...html.matchAll(pattern)].map(m => m[1]!))]
  const partnerships = links(await (await first.get('/')).text(), /href="(\/partnerships\/\d+)"/g)
  if (!partnerships.length) throw new Error('no partnership on the home page')
  const candidates: Record<string, string[]> = { dashboard: [], plan: [], performance: [], 'strategic assessment': [] }
  for (const partnership of partnerships) {
    candidates.dashboard!.push(partnership)
    candidates.plan!.push(...links(await (await first.get(`${partnership}/plans`)).text(), new RegExp(`href="(${partnership}/plans/\\d+)"`, 'g')))
    candidates.performance!.push(`${partnership}/indicators`)
    candidates['strategic assessment']!.push(`${partnership}/strategic-assessment`)
  }
  const pages: [string, string][] = []
  for (const [name, urls] of Object.entries(candidates)) {
    let largest: { url: string; bytes: number } | undefined
    for (const url of urls) {
      const res = await first.get(url)
      const bytes = (await res.text()).length
      if (res.status === 200 && bytes > (largest?.bytes ?? -1)) largest = { url, bytes }
    }
    if (!largest) throw new Error(`no ${name} page answered 200`)
    console.log(`  ${name}: ${largest.url} (${Math.round(largest.bytes / 1024)} kB, the largest of ${urls.length})`)
    pages.push([name, largest.url])
  }
  pages.push(['bare route (/healthz)', '/healthz'])
  for (const [name, url] of pages) {
    const res = await first.get(url)
    if (res.status !== 200) throw new Error(`${name} (${url}) answered ${res.status}`)
  }
  const cookies = [first.cookie]
  for (let i = 1; i < USERS; i++) cookies.push((await signIn(server.url, coordinator.email, DEMO_PASSWORD)).cookie)
  return { pages, cookies }
}

async function load(server: RunningServer, pages: [string, string][], cookies: string[], seconds: number): Promise<Sample[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: USERS })
  const samples: Sample[] = []
  const deadline = Date.now() + seconds * 1000
  const get = (url: string, cookie: string) =>
    new Promise<string | undefined>(resolve => {
      const req = http.get(`${server.url}${url}`, { agent, headers: { Cookie: cookie }, timeout: 30_000 }, res => {
        res.resume()
        res.on('end', () => resolve(res.statusCode === 200 ? undefined : `HTTP ${res.statusCode}`))
        res.on('error', error => resolve((error as NodeJS.ErrnoException).code ?? error.message))
      })
      req.on('error', error => resolve((error as NodeJS.ErrnoException).code ?? error.message))
      req.on('timeout', () => req.destroy(new Error('no answer in 30 s')))
    })
  await Promise.all(
    cookies.map(async (cookie, user) => {
      for (let i = user; Date.now() < deadline; i++) {
        const [page, url] = pages[i % pages.length]!
        const started = performance.now()
        const error = await get(url, cookie)
        samples.push({ page, ms: performance.now() - started, ok: !error, ...(error ? { error } : {}) })
      }
    }),
  )
  agent.destroy()
  return samples
}

function report(kind: string, samples: Sample[], pages: [string, string][], server: RunningServer, loadBefore: number[]) {
  const bare = pages.at(-1)![0]
  const byPage = new Map(pages.map(([name]) => [name, samples.filter(s => s.page === name)]))
  const stats = (list: Sample[]) => {
    const sorted = list.map(s => s.ms).sort((a, b) => a - b)
    return { n: list.length, errors: list.filter(s => !s.ok).length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) }
  }
  const bareP95 = stats(byPage.get(bare)!).p95
  const all = stats(samples)
  const f = (ms: number) => ms.toFixed(0).padStart(7)
  console.log(`\n${kind}: ${USERS} signed-in users for ${SECONDS} s — ${all.n.toLocaleString('en-GB')} requests (${(all.n / SECONDS).toFixed(0)} a second), ${all.errors} errors`)
  console.log(`  ${'page'.padEnd(24)} ${'requests'.padStart(8)} ${'errors'.padStart(6)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'p99'.padStart(7)}  p95 ÷ bare p95`)
  for (const [name, list] of byPage) {
    const s = stats(list)
    console.log(`  ${name.padEnd(24)} ${String(s.n).padStart(8)} ${String(s.errors).padStart(6)} ${f(s.p50)} ${f(s.p95)} ${f(s.p99)}  ${name === bare ? '1.0 (the base)' : (s.p95 / bareP95).toFixed(1)}${name !== bare && s.p95 / bareP95 > 3 ? '  (goal: 3.0 or less)' : ''}`)
  }
  console.log(`  ${'all'.padEnd(24)} ${String(all.n).padStart(8)} ${String(all.errors).padStart(6)} ${f(all.p50)} ${f(all.p95)} ${f(all.p99)}`)
  const errors = new Map<string, number>()
  for (const sample of samples) if (sample.error) errors.set(sample.error, (errors.get(sample.error) ?? 0) + 1)
  if (errors.size) console.log(`  errors: ${[...errors].map(([what, n]) => `${n} × ${what}`).join(', ')}`)
  const after = os.loadavg()
  console.log(`  load average (1, 5, 15 min): before ${loadBefore.map(v => v.toFixed(2)).join(', ')}; after ${after.map(v => v.toFixed(2)).join(', ')} on ${os.cpus().length} cores`)
  console.log(`  server memory (RSS): ${rss(server.pid).toFixed(0)} MB`)
}

async function bench(kind: 'pglite' | 'postgres') {
  let env: Record<string, string>
  let cleanup: () => Promise<void>
  if (kind === 'pglite') {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'csp-hub-load-'))
    env = { CSP_HUB_DATA_DIR: dir }
    cleanup = async () => rmSync(dir, { recursive: true, force: true })
  } else {
    const database = await createServerDatabase(SERVER, `csp_hub_load_${process.pid}`, { replace: true })
    env = { DATABASE_URL: database.url }
    cleanup = database.drop
  }
  try {
    process.stdout.write(`\n${kind}: loading the demo data${DATA ? ` with the police.uk and ONS files of ${DATA}` : ' (no police.uk files found: the strategic assessment will be empty)'}…`)
    const demo = await runCspHub(['demo'], { ...env, ...(DATA ? { CSP_HUB_SAMPLE_DATA_DIR: DATA } : {}), CSP_HUB_LOG_LEVEL: 'warn' })
    if (demo.code !== 0) throw new Error(`csp-hub demo failed: ${demo.stderr}`)
    process.stdout.write(' done.\n')
    const server = await startCspHub({ ...env, CSP_HUB_LOG_LEVEL: 'warn' })
    try {
      const { pages, cookies } = await pagesOf(server)
      // A short warm-up, so that the figures are of a running server rather than of its first requests.
      await load(server, pages, cookies.slice(0, 5), 5)
      // One visitor alone: what each page costs without a queue in front of it.
      const alone = await load(server, pages, cookies.slice(0, 1), 5)
      console.log(`\n${kind}: one visitor alone, p50 in ms: ${pages.map(([name]) => `${name} ${percentile(alone.filter(s => s.page === name).map(s => s.ms).sort((a, b) => a - b), 50).toFixed(0)}`).join(', ')}`)
      const before = os.loadavg()
      report(kind, await load(server, pages, cookies, SECONDS), pages, server, before)
    } finally {
      await server.stop('SIGTERM')
    }
  } finally {
    await cleanup()
  }
}

for (const kind of ['pglite', 'postgres'] as const) if (!ONLY || ONLY === kind) await bench(kind)
