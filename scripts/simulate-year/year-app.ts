import { randomBytes } from 'node:crypto'
import path from 'node:path'

import { argon2Hasher } from '../../src/capabilities/accounts/index.ts'
import type { Config } from '../../src/config.ts'
import { createDatabase, type DatabaseHandle } from '../../src/db/database.ts'
import { createServerDatabase } from '../../src/db/server-database.ts'
import type { Logger } from '../../src/logger.ts'
import { createMailer } from '../../src/mailer.ts'
import { createServices, type AppDeps, type Services } from '../../src/services.ts'
import type { Clock } from '../../src/shared/clock.ts'

export interface YearServices {
  deps: AppDeps
  services: Services
}

/**
 * A fresh database for the run: an embedded PGlite in the run's folder, or, with DATABASE_URL, a new
 * database on that server (dropped at the end; the database the URL names is left alone).
 */
export async function openYearDatabase(
  work: string,
): Promise<{ handle: DatabaseHandle; kind: string; close(): Promise<void> }> {
  const url = process.env.DATABASE_URL
  if (!url) {
    const handle = await createDatabase({ dataDir: path.join(work, 'pglite') })
    return { handle, kind: 'embedded PGlite', close: () => handle.close() }
  }
  const server = await createServerDatabase(url, `csp_hub_year_${randomBytes(6).toString('hex')}`)
  const handle = await createDatabase({ databaseUrl: server.url, poolSize: 4 })
  return {
    handle,
    kind: `PostgreSQL, database ${server.name}`,
    async close() {
      await handle.close()
      await server.drop()
    },
  }
}

/** The app's services as a worker process builds them: a new job runner each time, mail to the SMTP server. */
export function servicesFor({
  config,
  logger,
  database,
  clock,
}: {
  config: Config
  logger: Logger
  database: DatabaseHandle
  clock: Clock
}): YearServices {
  const deps: AppDeps = {
    config,
    logger,
    database,
    clock,
    mailer: createMailer(config.mail, logger),
    hasher: argon2Hasher({ memoryCost: 1024, timeCost: 1 }),
  }
  return { deps, services: createServices(deps) }
}
