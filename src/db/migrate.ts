import { promises as fs } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

import { Migrator, type Migration, type MigrationProvider, type MigrationResult } from 'kysely'

import type { Db } from './database.ts'

const migrationFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations')

/**
 * Forward-only migrations, one file each in src/db/migrations, applied in name order. Numbers are
 * grouped by capability (0001 foundation, 0100 plans, 0200 indicators, 0300 police data, 0400 funding,
 * 0500 reports) so that capabilities developed side by side do not collide.
 */
export function createMigrator(db: Db): Migrator {
  return new Migrator({ db, provider: folderProvider, allowUnorderedMigrations: true })
}

/** Every .ts (from source) or .js (compiled) file of the folder is a migration named after the file. */
const folderProvider: MigrationProvider = {
  async getMigrations() {
    const migrations: Record<string, Migration> = {}
    for (const file of (await fs.readdir(migrationFolder)).sort()) {
      const match = /^(\d{4}-[\w-]+)\.(ts|js)$/.exec(file)
      if (!match || file.endsWith('.d.ts') || file.includes('.test.')) continue
      // A plain import() here, so that tsx and Vitest can load the TypeScript sources.
      migrations[match[1]!] = (await import(pathToFileURL(path.join(migrationFolder, file)).href)) as Migration
    }
    return migrations
  },
}

export class MigrationError extends Error {}

export async function migrateToLatest(db: Db): Promise<MigrationResult[]> {
  const { error, results } = await createMigrator(db).migrateToLatest()
  if (error) {
    const failed = results?.find(result => result.status === 'Error')
    const cause = error instanceof Error ? error.message : String(error)
    throw new MigrationError(`Migration ${failed?.migrationName ?? ''} failed: ${cause}`, { cause: error })
  }
  return results ?? []
}
