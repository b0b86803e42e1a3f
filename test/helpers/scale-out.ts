import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

import pg from 'pg'

import { createServerDatabase } from '../../src/db/server-database.ts'

import { startCspHub, type RunningServer } from './csp-hub-process.ts'

/**
 * Two (or more) `csp-hub serve` processes on one new PostgreSQL database, started at the same moment on an
 * empty database (so each tries to load the demo and the sample data), behind HAProxy from Debian on
 * 127.0.0.1: round robin, each server health-checked on /readyz, and the server that answered named in
 * an `X-Served-By` response header. For the scale-out test and `npm run bench:scale-out`.
 */
export interface ScaleOut {
  /** HAProxy's address: what visitors use. */
  url: string
  servers: RunningServer[]
  /** The app servers' database. */
  databaseUrl: string
  haproxyConfig: string
  stop(): Promise<void>
}

export const HAPROXY = '/usr/sbin/haproxy'

/** A free TCP port on 127.0.0.1. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

export async function startScaleOut(options: { serverUrl: string; servers?: number; env?: Record<string, string> }): Promise<ScaleOut> {
  const database = await createServerDatabase(options.serverUrl, `csp_hub_scale_${process.pid}_${Date.now().toString(36)}`)
  const databaseUrl = database.url
  const dirs: string[] = []
  let haproxy: ChildProcess | undefined
  const servers: RunningServer[] = []

  const stop = async () => {
    if (haproxy && haproxy.exitCode === null) {
      const exited = new Promise(resolve => haproxy!.once('close', resolve))
      haproxy.kill('SIGTERM')
      await exited
    }
    await Promise.all(servers.map(server => server.stop('SIGTERM')))
    await database.drop()
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
  }

  try {
    // All at once on the empty database: migrations, the demo and the sample data are each done by one.
    const started = await Promise.allSettled(
      Array.from({ length: options.servers ?? 2 }, () => {
        const dataDir = mkdtempSync(path.join(os.tmpdir(), 'csp-hub-scale-'))
        dirs.push(dataDir)
        return startCspHub({ DATABASE_URL: databaseUrl, CSP_HUB_DATA_DIR: dataDir, ...options.env })
      }),
    )
    for (const result of started) if (result.status === 'fulfilled') servers.push(result.value)
    const failed = started.find(result => result.status === 'rejected')
    if (failed) throw (failed as PromiseRejectedResult).reason

    const port = await freePort()
    const dir = mkdtempSync(path.join(os.tmpdir(), 'csp-hub-haproxy-'))
    dirs.push(dir)
    const haproxyConfig = path.join(dir, 'haproxy.cfg')
    writeFileSync(
      haproxyConfig,
      [
        'global',
        '  maxconn 2000',
        'defaults',
        '  mode http',
        '  timeout connect 5s',
        '  timeout client 60s',
        '  timeout server 60s',
        '  option http-keep-alive',
        // A request that cannot reach its server (killed, restarting) is tried again on another one.
        '  retries 2',
        '  option redispatch 1',
        'frontend web',
        `  bind 127.0.0.1:${port}`,
        '  default_backend app',
        'backend app',
        '  balance roundrobin',
        '  option httpchk GET /readyz',
        '  http-check expect status 200',
        '  http-response set-header X-Served-By %[srv_name]',
        ...servers.map((server, i) => `  server app${i + 1} 127.0.0.1:${server.port} check inter 1s fall 3 rise 1`),
        '',
      ].join('\n'),
    )
    const checked = spawnSync(HAPROXY, ['-c', '-q', '-f', haproxyConfig], { encoding: 'utf8' })
    if (checked.status !== 0) throw new Error(`haproxy refused its configuration: ${checked.stderr}`)
    const proxy = spawn(HAPROXY, ['-db', '-f', haproxyConfig], { stdio: ['ignore', 'pipe', 'pipe'] })
    haproxy = proxy
    let output = ''
    proxy.stdout.on('data', chunk => (output += chunk))
    proxy.stderr.on('data', chunk => (output += chunk))
    // Ready once its port accepts connections (it binds before serving).
    await new Promise<void>((resolve, reject) => {
      proxy.once('close', code => reject(new Error(`haproxy exited (${code}):\n${output}`)))
      const attempt = () => {
        const socket = net.connect(port, '127.0.0.1')
        socket.once('connect', () => {
          socket.destroy()
          resolve()
        })
        socket.once('error', () => setImmediate(attempt))
      }
      attempt()
    })
    return { url: `http://127.0.0.1:${port}`, servers, databaseUrl, haproxyConfig, stop }
  } catch (error) {
    await stop()
    throw error
  }
}

export interface LoadSample {
  page: string
  ms: number
  /** What went wrong (the status, or the socket's error), if anything. */
  error?: string
  servedBy: string
}

/**
 * Signed-in visitors (one cookie each) asking, as fast as answers come, for the next of `pages` in turn
 * for `seconds`, through `url`, each over its own keep-alive connection. Traffic only to 127.0.0.1.
 */
export async function loadThrough(url: string, pages: [string, string][], cookies: string[], seconds: number): Promise<LoadSample[]> {
  const http = await import('node:http')
  const agent = new http.Agent({ keepAlive: true, maxSockets: cookies.length })
  const samples: LoadSample[] = []
  const deadline = Date.now() + seconds * 1000
  const get = (page: string, cookie: string) =>
    new Promise<{ error?: string; servedBy: string }>(resolve => {
      const req = http.get(`${url}${page}`, { agent, headers: { Cookie: cookie }, timeout: 30_000 }, res => {
        const servedBy = String(res.headers['x-served-by'] ?? '')
        res.resume()
        res.on('end', () => resolve(res.statusCode === 200 ? { servedBy } : { error: `HTTP ${res.statusCode}`, servedBy }))
        res.on('error', error => resolve({ error: (error as NodeJS.ErrnoException).code ?? error.message, servedBy }))
      })
      req.on('error', error => resolve({ error: (error as NodeJS.ErrnoException).code ?? error.message, servedBy: '' }))
      req.on('timeout', () => req.destroy(new Error('no answer in 30 s')))
    })
  await Promise.all(
    cookies.map(async (cookie, user) => {
      for (let i = user; Date.now() < deadline; i++) {
        const [name, page] = pages[i % pages.length]!
        const started = performance.now()
        const answer = await get(page, cookie)
        samples.push({ page: name, ms: performance.now() - started, servedBy: answer.servedBy, ...(answer.error ? { error: answer.error } : {}) })
      }
    }),
  )
  agent.destroy()
  return samples
}

/** Resolves once `server` has logged a line matching `match` (already, or later). */
export function hasLogged(server: RunningServer, match: RegExp): Promise<unknown> {
  return match.test(server.output()) ? Promise.resolve() : server.waitForLog(match)
}

/** What the servers did once only, read from their database: for the scale-out test and bench. */
export async function doneOnce(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    const jobs = (await client.query<{ kind: string; status: string; attempts: number }>("select kind, status, attempts from jobs where kind like 'demo.%' order by kind")).rows
    const count = async (query: string) => Number((await client.query<{ n: string }>(query)).rows[0]!.n)
    return {
      jobs,
      partnerships: await count('select count(*) as n from partnerships'),
      users: await count('select count(*) as n from users'),
      migrations: await count('select count(*) as n from kysely_migration'),
      policeMonths: await count('select count(*) as n from police_months'),
      policeImports: await count("select count(*) as n from audit_events where summary like 'Imported police.uk%'"),
      scoringMatrices: await count('select count(*) as n from priority_assessments'),
    }
  } finally {
    await client.end()
  }
}
