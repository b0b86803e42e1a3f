import { spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { runCspHub, startCspHub } from '#test/helpers/csp-hub-process'
import { fixtureMonth, ONS } from '#test/helpers/police-data'
import { testDatabaseKind } from '#test/helpers/test-database'
import { createDatabase } from '../../db/database.ts'
import { createServerDatabase } from '../../db/server-database.ts'

const child = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../test/helpers/police-import-child.ts')
let dir: string
let database: string
let dropDatabase: (() => Promise<void>) | undefined

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'csp-hub-kill-'))
  if (testDatabaseKind() === 'postgres') {
    const server = await createServerDatabase(process.env.TEST_DATABASE_URL!, `csp_hub_kill_${randomBytes(5).toString('hex')}`)
    database = server.url
    dropDatabase = server.drop
  } else {
    database = path.join(dir, 'pglite')
  }
})
afterAll(async () => {
  await dropDatabase?.()
  rmSync(dir, { recursive: true, force: true })
})

function runChild(step: string, files: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', child, database, step, ...files], { encoding: 'utf8', timeout: 120_000 })
  if (result.status !== 0) throw new Error(`child ${step} failed: ${result.stderr}`)
  return result.stdout
}

/** A big file of the same force-month as the fixture: rows repeated, each with its own crime ID. */
async function bigFile(rows: number): Promise<string> {
  const [header, first] = readFileSync(fixtureMonth('2025-01'), 'utf8').split('\n')
  const folder = path.join(dir, 'big')
  spawnSync('mkdir', ['-p', folder])
  const file = path.join(folder, '2025-01-essex-street.csv')
  const out = createWriteStream(file)
  out.write(`${header}\n`)
  const rest = first!.slice(first!.indexOf(','))
  for (let i = 0; i < rows; i++) {
    if (!out.write(`${i.toString(16).padStart(64, '0')}${rest}\n`)) await new Promise<void>(resolve => out.once('drain', () => resolve()))
  }
  await new Promise<void>(resolve => out.end(() => resolve()))
  return file
}

describe('an import killed half-way through a file', () => {
  it('leaves the data held before exactly as it was: csp-hub check finds nothing half-written, and the server starts', async () => {
    runChild('geography', ['LSOA11_WD21_LAD21_EW_LU.csv', 'LSOA21_WD24_Lookup.csv', 'LSOA11_LSOA21_LAD22_best_fit.csv'].map(f => path.join(ONS, f)))
    expect(runChild('police', [fixtureMonth('2025-01')])).toContain('"outcomes":["imported"]')

    const file = await bigFile(400_000)
    const process_ = spawn(process.execPath, ['--import', 'tsx', child, database, 'police', file], { stdio: ['ignore', 'pipe', 'pipe'] })
    let killedAt = 0
    let finished = false
    for await (const line of createInterface({ input: process_.stdout })) {
      const message = JSON.parse(line) as { rows?: number; done?: boolean }
      if (message.done) finished = true
      // Well into the file (the transaction has deleted the old month and copied rows in), but far from its end.
      if ((message.rows ?? 0) >= 100_000 && !killedAt) {
        killedAt = message.rows!
        process_.kill('SIGKILL')
      }
    }
    if (process_.exitCode === null && !process_.signalCode) await new Promise<void>(resolve => process_.once('exit', () => resolve()))
    expect(finished).toBe(false)
    expect(killedAt).toBeGreaterThanOrEqual(100_000)
    expect(process_.signalCode).toBe('SIGKILL')

    const handle = await createDatabase(testDatabaseKind() === 'postgres' ? { databaseUrl: database, poolSize: 1 } : { dataDir: database })
    try {
      const records = await sql<{ n: number }>`select count(*) as n from police_records where force = 'essex' and month = '2025-01'`.execute(handle.db)
      const counts = await sql<{ n: number }>`select sum(count) as n from police_counts where force = 'essex' and month = '2025-01-01'`.execute(handle.db)
      const months = await handle.db.selectFrom('policeMonths').select(['rowCount', 'fileName']).execute()
      expect(Number(records.rows[0]!.n)).toBe(365)
      expect(Number(counts.rows[0]!.n)).toBe(365)
      expect(months).toEqual([{ rowCount: 365, fileName: '2025-01-essex-street.csv' }])
    } finally {
      await handle.close()
    }

    // What an operator does next: check nothing is half-written, and start the server.
    const env: Record<string, string> = testDatabaseKind() === 'postgres' ? { DATABASE_URL: database } : { CSP_HUB_DATA_DIR: dir }
    const check = await runCspHub(['check'], env)
    expect(check.stdout).toContain('All 5 checks passed.')
    expect(check.code).toBe(0)
    const server = await startCspHub(env)
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200)
    expect((await server.stop('SIGTERM')).code).toBe(0)
  }, 300_000)
})
