import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { PGlite } from '@electric-sql/pglite'
import { inject } from 'vitest'

import { createDatabase, type DatabaseHandle } from '../../src/db/database.ts'
import { createServerDatabase } from '../../src/db/server-database.ts'

import { testDatabaseKind } from './test-database.ts'

export interface DatabaseEnv {
  /** The settings that point csp-hub at this database: DATABASE_URL, or CSP_HUB_DATA_DIR for PGlite. */
  env: Record<string, string>
  /** Open it from the test (for PGlite, only while no csp-hub process has it open). */
  open(): Promise<DatabaseHandle>
  remove(): Promise<void>
}

/**
 * A database of its own for a `csp-hub` command or process under test: on PGlite a data folder, on
 * PostgreSQL a new database on the test server. `migrated` starts it from the migrated template;
 * otherwise it is empty, as on a first start.
 */
export async function databaseEnv(options: { migrated: boolean }): Promise<DatabaseEnv> {
  if (testDatabaseKind() === 'postgres') {
    const server = await createServerDatabase(process.env.TEST_DATABASE_URL!, `csp_hub_cli_${randomBytes(6).toString('hex')}`, {
      template: options.migrated ? inject('postgresTemplate') : undefined,
    })
    return {
      env: { DATABASE_URL: server.url },
      open: () => createDatabase({ databaseUrl: server.url, poolSize: 2 }),
      remove: server.drop,
    }
  }
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'csp-hub-data-'))
  const pgliteDir = path.join(dataDir, 'pglite') // where csp-hub keeps PGlite under CSP_HUB_DATA_DIR
  if (options.migrated) {
    const client = await PGlite.create({
      dataDir: pgliteDir,
      loadDataDir: new Blob([readFileSync(inject('pgliteTemplate'))]),
    })
    await client.close()
  }
  return {
    env: { CSP_HUB_DATA_DIR: dataDir },
    open: () => createDatabase({ dataDir: pgliteDir }),
    async remove() {
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
