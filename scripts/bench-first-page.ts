/**
 * npm run bench:first-page [-- --only pglite|postgres] [--data DIR]
 *
 * The first start on a fresh machine, as `npm start` runs it: `csp-hub serve` on an empty database (a new
 * PGlite data folder; or a new database on DATABASE_URL or the local PostgreSQL) with the demo and the
 * sample police.uk and ONS files (--data, CSP_HUB_SAMPLE_DATA_DIR, or shared/data/real beside the
 * checkout). It prints, from the moment the process is started: when the migrations were applied, when
 * it said it was running, when the first page (/sign-in) answered, and when the background load of the
 * sample data finished; with the machine's load average. Goal: the first page within 10 s. It prints
 * figures; it asserts nothing.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { createServerDatabase } from '../src/db/server-database.ts'
import { startCspHub } from '../test/helpers/csp-hub-process.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const option = (name: string) => {
  const i = args.indexOf(`--${name}`)
  return i === -1 ? undefined : args[i + 1]
}
const ONLY = option('only')
const DATA = [option('data'), process.env.CSP_HUB_SAMPLE_DATA_DIR, path.join(root, '..', 'shared', 'data', 'real'), path.join(root, '..', '..', 'shared', 'data', 'real')].find(
  dir => dir && existsSync(path.join(dir, 'police-uk')),
)
const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres:postgres@localhost:5432/postgres'
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`

async function bench(kind: 'pglite' | 'postgres') {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'csp-hub-first-page-'))
  const env: Record<string, string> = { CSP_HUB_DATA_DIR: dataDir, CSP_HUB_DEMO_DATA: 'auto', ...(DATA ? { CSP_HUB_SAMPLE_DATA_DIR: DATA } : {}) }
  const database = kind === 'postgres' ? await createServerDatabase(SERVER, `csp_hub_first_page_${process.pid}`, { replace: true }) : undefined
  if (database) env.DATABASE_URL = database.url
  const loadBefore = os.loadavg()
  const started = performance.now()
  const startedWall = Date.now()
  try {
    const server = await startCspHub(env)
    const running = performance.now() - started
    const sampleDone = server.waitForLog(/Demo sample data:|Could not load the sample/).then(line => ({ at: performance.now() - started, line }))
    try {
      let first = NaN
      for (let i = 0; i < 600 && Number.isNaN(first); i++) {
        const res = await fetch(`${server.url}/sign-in`)
        if (res.status === 200) first = performance.now() - started
      }
      // The migrations' log line, before "running": its own time stamp.
      const migratedAt = /"time":"([^"]+)"[^\n]*Applied \d+ migration/.exec(server.output())?.[1]
      const done = await sampleDone
      const loadAfter = os.loadavg()
      console.log(`\n${kind}: a fresh ${kind === 'pglite' ? 'PGlite data folder' : 'PostgreSQL database'}, demo on, sample data ${DATA ?? 'not found (nothing to load)'}`)
      if (migratedAt) console.log(`  migrations applied after     ${s(Date.parse(migratedAt) - startedWall)}   (the process's start, ${kind === 'pglite' ? 'a new PGlite database (initdb), ' : ''}the migrations)`)
      console.log(`  "CSP Hub is running" after   ${s(running)}`)
      console.log(`  first page (/sign-in) after  ${s(first)}   (goal: 10 s or less)`)
      console.log(`  sample data loaded after     ${s(done.at)}   ${/"msg":"([^"]+)"/.exec(done.line)?.[1] ?? ''}`)
      console.log(`  load average (1, 5, 15 min): before ${loadBefore.map(v => v.toFixed(2)).join(', ')}; after ${loadAfter.map(v => v.toFixed(2)).join(', ')} on ${os.cpus().length} cores`)
    } finally {
      await server.stop('SIGTERM')
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
    await database?.drop()
  }
}

for (const kind of ['pglite', 'postgres'] as const) if (!ONLY || ONLY === kind) await bench(kind)
