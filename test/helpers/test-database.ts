import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'

import pg from 'pg'
import { inject } from 'vitest'

import { createDatabase, type DatabaseHandle } from '../../src/db/database.ts'

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
    const name = `csp_hub_test_${randomBytes(6).toString('hex')}`
    const admin = new pg.Client({ connectionString: url })
    await admin.connect()
    await admin.query(`create database ${name} template ${inject('postgresTemplate')}`)
    const testUrl = new URL(url)
    testUrl.pathname = `/${name}`
    const handle = await createDatabase({ databaseUrl: testUrl.toString(), poolSize: 4 })
    return {
      ...handle,
      async close() {
        await handle.close()
        await admin.query(`drop database if exists ${name} with (force)`)
        await admin.end()
      },
    }
  }
  const template = readFileSync(inject('pgliteTemplate'))
  return createDatabase({ loadDataDir: new Blob([template]) })
}
