import { existsSync, promises as fs } from 'node:fs'
import path from 'node:path'

import { PGlite } from '@electric-sql/pglite'
import type { Command } from 'commander'
import { sql } from 'kysely'

import { policeConsistencyChecks } from './capabilities/police-data/index.ts'
import type { Config } from './config.ts'
import { migrationsApplied, noOrphanRows, runChecks } from './db/consistency.ts'
import { LOCK_FILE, lockDataDir } from './db/data-dir-lock.ts'
import type { DatabaseHandle } from './db/database.ts'

/**
 * The operator's maintenance commands: `check` (is anything half-written?), and `backup` / `restore` of
 * the embedded database (for PostgreSQL, pg_dump and pg_restore: see the README).
 */
export class MaintenanceError extends Error {}

const pgliteFolder = (config: Config) => path.join(config.dataDir, 'pglite')
const postgresInstead = (what: string) =>
  new MaintenanceError(`${what} is for the embedded database; with DATABASE_URL set, use pg_dump and pg_restore (see “Backups” in the README).`)

export function registerMaintenanceCommands(program: Command, deps: { config: () => Config; open: (config: Config) => Promise<DatabaseHandle> }): void {
  program
    .command('check')
    .description(
      'Check the database for anything half-written: every migration applied, no row referring to a row that is not there, and the police data’s counts agreeing with its records. Prints each check; exits 1 if any finds a problem.',
    )
    .action(async () => {
      const database = await deps.open(deps.config())
      try {
        const results = await runChecks(database.db, [migrationsApplied, noOrphanRows, ...policeConsistencyChecks])
        for (const result of results) {
          console.log(`${result.problems.length ? '✗' : '✓'} ${result.name}`)
          for (const problem of result.problems) console.log(`    ${problem}`)
        }
        const failed = results.filter(result => result.problems.length)
        if (failed.length) throw new MaintenanceError(`${failed.length} of ${results.length} checks found problems (listed above).`)
        console.log(`All ${results.length} checks passed.`)
      } finally {
        await database.close()
      }
    })

  program
    .command('backup')
    .description('Write a copy of the embedded database to FILE (a .tar.gz of its data folder). Stop the server first: the database is opened by one process at a time.')
    .argument('<file>', 'where to write the backup, e.g. csp-hub-2026-11-25.tar.gz (must not exist yet)')
    .action(async (file: string) => {
      const config = deps.config()
      if (config.databaseUrl) throw postgresInstead('csp-hub backup')
      const target = path.resolve(file)
      if (existsSync(target)) throw new MaintenanceError(`${target} already exists: choose a new file name, so that no backup is overwritten.`)
      if (!existsSync(path.dirname(target))) throw new MaintenanceError(`There is no folder ${path.dirname(target)}.`)
      if (!existsSync(path.join(pgliteFolder(config), 'PG_VERSION'))) throw new MaintenanceError(`There is no database in ${pgliteFolder(config)} to back up.`)
      const database = await deps.open(config)
      try {
        const dump = await database.withRawConnection(async connection => {
          if (connection.kind !== 'pglite') throw postgresInstead('csp-hub backup')
          return connection.client.dumpDataDir('gzip')
        })
        // Written beside the target and renamed, so that a backup cut short never looks complete.
        const partial = `${target}.partial`
        await fs.writeFile(partial, Buffer.from(await dump.arrayBuffer()))
        await fs.rename(partial, target)
        const { rows } = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_schema = current_schema()`.execute(database.db)
        console.log(`Backed up the database in ${pgliteFolder(config)} (${rows[0]?.n ?? 0} tables) to ${target} (${(dump.size / 1024 / 1024).toFixed(1)} MB).`)
      } finally {
        await database.close()
      }
    })

  program
    .command('restore')
    .description(
      'Replace the embedded database with a backup made by csp-hub backup. Refuses while the database is in use (stop the server first). The database it replaces is kept beside it, in pglite.before-restore-<time>.',
    )
    .argument('<file>', 'a backup made by csp-hub backup')
    .action(async (file: string) => {
      const config = deps.config()
      if (config.databaseUrl) throw postgresInstead('csp-hub restore')
      const source = path.resolve(file)
      if (!existsSync(source)) throw new MaintenanceError(`There is no file ${source}.`)
      const folder = pgliteFolder(config)
      // First: is it a CSP Hub backup at all? Opened in memory, the current database untouched.
      const backup = new Blob([new Uint8Array(await fs.readFile(source))])
      let tables: number
      try {
        const probe = await PGlite.create({ loadDataDir: backup })
        try {
          const { rows } = await probe.query<{ n: number }>("select count(*)::int as n from information_schema.tables where table_schema = 'public' and table_name = 'kysely_migration'")
          if (!rows[0]?.n) throw new Error('no migrations table')
          tables = (await probe.query<{ n: number }>("select count(*)::int as n from information_schema.tables where table_schema = 'public'")).rows[0]?.n ?? 0
        } finally {
          await probe.close()
        }
      } catch {
        throw new MaintenanceError(`${source} is not a backup made by csp-hub backup.`)
      }
      // Then: nobody may be using the database it replaces (this throws, naming them, if someone is).
      await fs.mkdir(folder, { recursive: true })
      const lock = lockDataDir(folder)
      const staging = `${folder}.restoring-${process.pid}`
      const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '')
      const aside = `${folder}.before-restore-${stamp}`
      try {
        await fs.rm(staging, { recursive: true, force: true })
        const restored = await PGlite.create({ dataDir: staging, loadDataDir: backup })
        await restored.close()
        await fs.rm(path.join(staging, LOCK_FILE), { force: true }) // the lock of the process that made the backup
        await fs.rename(folder, aside)
        await fs.rm(path.join(aside, LOCK_FILE), { force: true })
        await fs.rename(staging, folder)
      } catch (error) {
        await fs.rm(staging, { recursive: true, force: true })
        throw error
      } finally {
        lock.release()
      }
      console.log(`Restored ${source} (${tables} tables) into ${folder}. The database it replaced is kept in ${aside}: delete it once you are sure.`)
    })
}
