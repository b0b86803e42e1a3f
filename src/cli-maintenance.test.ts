import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { runCspHub, startCspHub } from '#test/helpers/csp-hub-process'
import { databaseEnv, type DatabaseEnv } from '#test/helpers/database-env'
import { loadGeography, loadPoliceMonths } from '#test/helpers/police-data'
import { seedEverything } from '#test/helpers/seed-everything'
import { createTestApp } from '#test/helpers/test-app'
import { testDatabaseKind } from '#test/helpers/test-database'

import type { DatabaseHandle } from './db/database.ts'

/**
 * `csp-hub check`, `backup` and `restore`, run as the operator runs them, on a database holding a record
 * of every kind (and police data).
 */
const PROCESS_TIMEOUT = 180_000
const CHECKS = [
  'every migration applied',
  'no orphan rows (every reference of every table)',
  'police data: each force-month’s row count equals its records',
  'police data: the counts by LSOA and by district add up to the rows, crime type by crime type',
  'police data: nothing held for a force-month that is not listed as imported',
]

let database: DatabaseEnv
let work: string

beforeAll(async () => {
  database = await databaseEnv({ migrated: true })
  work = mkdtempSync(path.join(os.tmpdir(), 'csp-hub-backups-'))
  const handle = await database.open()
  const t = await createTestApp({ database: handle })
  await seedEverything(t, { idBase: 500, marker: 'ALPHA', isPublished: true })
  await loadGeography(t)
  await loadPoliceMonths(t)
  await handle.close()
}, PROCESS_TIMEOUT)
afterAll(async () => {
  await database.remove()
  rmSync(work, { recursive: true, force: true })
})

/** Every row of every table, in a stable order: what a backup must bring back. */
async function everyTable(handle: DatabaseHandle): Promise<Record<string, string[]>> {
  const { rows } = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1`.execute(handle.db)
  const snapshot: Record<string, string[]> = {}
  for (const { name } of rows) {
    const data = await sql<{ row: string }>`select t::text as row from ${sql.table(name)} t order by 1`.execute(handle.db)
    snapshot[name] = data.rows.map(r => r.row)
  }
  return snapshot
}

async function withDatabase<T>(fn: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const handle = await database.open()
  try {
    return await fn(handle)
  } finally {
    await handle.close()
  }
}

// The damage test runs last on PostgreSQL, where there is no restore to undo it.
describe('csp-hub check', () => {
  it('passes every check on a database whose writes were all whole', async () => {
    const result = await runCspHub(['check'], database.env)
    expect(result.stderr).toBe('')
    expect(result.stdout).toBe(`${CHECKS.map(name => `✓ ${name}`).join('\n')}\nAll 5 checks passed.\n`)
    expect(result.code).toBe(0)
  }, PROCESS_TIMEOUT)

  it('finds what is half-written, says what, and exits 1', async () => {
    const backupOfGood = path.join(work, 'before-damage.tar.gz')
    if (testDatabaseKind() === 'pglite') expect((await runCspHub(['backup', backupOfGood], database.env)).code).toBe(0)
    await withDatabase(async handle => {
      await sql`insert into police_months (force, month, force_name, file_name, row_count, rows_without_location, lsoa_vintage, imported_by) values ('kent', '2030-01-01', 'Kent Police', 'x.csv', 10, 0, '2021', 'test')`.execute(handle.db)
      await sql`insert into police_records (force, month, crime_type) values ('surrey', '2030-02', 'Burglary')`.execute(handle.db)
      await sql`delete from police_counts where ctid = (select ctid from police_counts where force = 'essex' limit 1)`.execute(handle.db)
      // A row whose parent is gone, written past its foreign key as a damaged restore would leave it.
      await sql`set session_replication_role = replica; delete from priorities where id = 500; set session_replication_role = origin`.execute(handle.db)
      await sql`update kysely_migration set name = '0999-from-the-future' where name = (select max(name) from kysely_migration)`.execute(handle.db)
    })
    const result = await runCspHub(['check'], database.env)
    if (testDatabaseKind() === 'pglite') {
      // Put the good database back for the tests that follow.
      expect((await runCspHub(['restore', backupOfGood], database.env)).code).toBe(0)
      expect((await runCspHub(['check'], database.env)).code).toBe(0)
    }
    expect(result.code).toBe(1)
    expect(result.stderr).toBe('csp-hub: 5 of 5 checks found problems (listed above).\n')
    const out = result.stdout
    expect(out).toMatch(/✗ every migration applied\n {4}migration \S+ has not been applied: run csp-hub migrate\n {4}migration 0999-from-the-future is applied but this version of CSP Hub does not have it/)
    expect(out).toMatch(/✗ no orphan rows \(every reference of every table\)\n( {4}.*\n)* {4}\d+ rows? of actions refer to priorities rows that are not there/)
    expect(out).toContain('    kent 2030-01: police_months says 10 rows, police_records holds 0')
    expect(out).toMatch(/✗ police data: the counts by LSOA and by district add up to the rows, crime type by crime type\n {4}essex \d{4}-\d{2}, .+: \d+ records, \d+ in the LSOA counts, \d+ in the district counts/)
    expect(out).toContain('    surrey 2030-02: 1 rows in police_records, but police_months does not list it')
  }, PROCESS_TIMEOUT)
})

describe.runIf(testDatabaseKind() === 'pglite')('csp-hub backup and restore (embedded database)', () => {
  it('bring back every row of every table', async () => {
    const before = await withDatabase(everyTable)
    expect(Object.values(before).flat().length).toBeGreaterThan(1000)
    const file = path.join(work, 'round-trip.tar.gz')
    const backup = await runCspHub(['backup', file], database.env)
    expect(backup.stderr).toBe('')
    expect(backup.stdout).toMatch(/^Backed up the database in .*pglite \(\d+ tables\) to .*round-trip\.tar\.gz \(\d+\.\d MB\)\.\n$/)
    // Changes after the backup…
    await withDatabase(async handle => {
      await sql`delete from action_updates`.execute(handle.db)
      await sql`update partnerships set name = 'Changed after the backup'`.execute(handle.db)
      await sql`insert into areas (partnership_id, type, name) values (500, 'ward', 'Added after the backup')`.execute(handle.db)
    })
    // … are undone by the restore, which keeps the database it replaced.
    const restore = await runCspHub(['restore', file], database.env)
    expect(restore.stderr).toBe('')
    expect(restore.stdout).toMatch(/^Restored .*round-trip\.tar\.gz \(\d+ tables\) into .*pglite\. The database it replaced is kept in .*pglite\.before-restore-\d{8}T\d{6}: delete it once you are sure\.\n$/)
    expect(await withDatabase(everyTable)).toEqual(before)
    expect(readdirSync(database.env.CSP_HUB_DATA_DIR!).filter(name => name.startsWith('pglite.before-restore-')).length).toBeGreaterThan(0)
  }, PROCESS_TIMEOUT)

  it('refuse to overwrite: a backup file that exists, or a database the server is using', async () => {
    const existing = path.join(work, 'exists.tar.gz')
    writeFileSync(existing, 'keep me')
    const backup = await runCspHub(['backup', existing], database.env)
    expect(backup.code).toBe(1)
    expect(backup.stderr).toBe(`csp-hub: ${existing} already exists: choose a new file name, so that no backup is overwritten.\n`)

    const file = path.join(work, 'while-running.tar.gz')
    expect((await runCspHub(['backup', file], database.env)).code).toBe(0)
    const server = await startCspHub(database.env)
    try {
      const restore = await runCspHub(['restore', file], database.env)
      expect(restore.code).toBe(1)
      expect(restore.stderr).toMatch(new RegExp(`^csp-hub: The database in .*pglite is in use by process ${server.pid} \\(csp-hub serve,`))
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200)
    } finally {
      await server.stop('SIGTERM')
    }
  }, PROCESS_TIMEOUT)

  it('refuse a file that is not a backup, changing nothing', async () => {
    const junk = path.join(work, 'junk.tar.gz')
    writeFileSync(junk, 'not a backup')
    const before = await withDatabase(everyTable)
    const restore = await runCspHub(['restore', junk], database.env)
    expect(restore.code).toBe(1)
    expect(restore.stderr).toBe(`csp-hub: ${junk} is not a backup made by csp-hub backup.\n`)
    expect(await withDatabase(everyTable)).toEqual(before)
  }, PROCESS_TIMEOUT)
})

describe.runIf(testDatabaseKind() === 'postgres')('csp-hub backup and restore with PostgreSQL', () => {
  it('point to pg_dump and pg_restore, and exit 1', async () => {
    for (const command of ['backup', 'restore']) {
      const result = await runCspHub([command, path.join(work, 'x.tar.gz')], database.env)
      expect(result.code).toBe(1)
      expect(result.stderr).toBe(`csp-hub: csp-hub ${command} is for the embedded database; with DATABASE_URL set, use pg_dump and pg_restore (see “Backups” in the README).\n`)
    }
    expect(existsSync(path.join(work, 'x.tar.gz'))).toBe(false)
  }, PROCESS_TIMEOUT)
})
