import { mkdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { createDatabase } from '../../src/db/database.ts'
import { migrateToLatest } from '../../src/db/migrate.ts'
import { createServerDatabase } from '../../src/db/server-database.ts'

/**
 * Runs once per test run: migrates one PGlite database and saves its data folder as a tarball that each
 * test file starts from (much faster than migrating per file), and, with TEST_DATABASE_URL, migrates a
 * template database on the PostgreSQL server that each test file copies.
 */
export default async function setup({ provide }: { provide: (key: string, value: unknown) => void }) {
  const dir = path.join(os.tmpdir(), `csp-hub-test-${process.pid}`)
  mkdirSync(dir, { recursive: true })
  const templateFile = path.join(dir, 'pglite-template.tar.gz')
  const pglite = await createDatabase({})
  await migrateToLatest(pglite.db)
  const { client } = await pglite.withRawConnection(async connection => connection)
  if (!('dumpDataDir' in client)) throw new Error('unexpected connection')
  const dump = await client.dumpDataDir('gzip')
  writeFileSync(templateFile, Buffer.from(await dump.arrayBuffer()))
  await pglite.close()
  process.env.CSP_HUB_TEST_PGLITE_TEMPLATE = templateFile
  provide('pgliteTemplate', templateFile)

  const url = process.env.TEST_DATABASE_URL
  if (url) {
    const template = await createServerDatabase(url, `csp_hub_template_${process.pid}`, { replace: true })
    const handle = await createDatabase({ databaseUrl: template.url, poolSize: 1 })
    await migrateToLatest(handle.db)
    await handle.close()
    provide('postgresTemplate', template.name)
    return async () => {
      await template.drop().catch(() => undefined)
    }
  }
  return undefined
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string
    postgresTemplate: string
  }
}
