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
        // pg's pool.end() resolves before its clients' sockets have closed; forcing the drop while they are
        // still open makes them fail with 57P01 (an unhandled error that fails the run). Wait for them first.
        for (let i = 0; i < 50; i++) {
          const { rows } = await admin.query<{ n: string }>('select count(*) as n from pg_stat_activity where datname = $1', [name])
          if (Number(rows[0]?.n ?? 0) === 0) break
          await new Promise(resolve => setTimeout(resolve, 20))
        }
        await admin.query(`drop database if exists ${name} with (force)`)
        await admin.end()
      },
    }
  }
  const template = readFileSync(inject('pgliteTemplate'))
  return createDatabase({ loadDataDir: new Blob([template]) })
}
