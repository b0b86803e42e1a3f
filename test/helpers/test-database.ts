import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'

import { inject } from 'vitest'

import { createDatabase, type DatabaseHandle } from '../../src/db/database.ts'
import { createServerDatabase } from '../../src/db/server-database.ts'

export type TestDatabaseKind = 'pglite' | 'postgres'

export function testDatabaseKind(): TestDatabaseKind {
  return process.env.TEST_DB_KIND === 'postgres' ? 'postgres' : 'pglite'
}

/**
 * A fresh, migrated database for one test file: a PGlite started from the migrated template, or (in the
 * integration-postgres project) a new database copied from the migrated template on the server.
 * `close()` drops it.
 */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  if (testDatabaseKind() === 'postgres') {
    const url = process.env.TEST_DATABASE_URL
    if (!url) throw new Error('TEST_DATABASE_URL is not set')
    const server = await createServerDatabase(url, `csp_hub_test_${randomBytes(6).toString('hex')}`, { template: inject('postgresTemplate') })
    const handle = await createDatabase({ databaseUrl: server.url, poolSize: 4 })
    return {
      ...handle,
      async close() {
        await handle.close()
        await server.drop()
      },
    }
  }
  const template = readFileSync(inject('pgliteTemplate'))
  return createDatabase({ loadDataDir: new Blob([template]) })
}
