import { once } from 'node:events'
import type { AddressInfo } from 'node:net'

import type { Express } from 'express'

import { createApp } from '../../../src/app.ts'
import { argon2Hasher } from '../../../src/capabilities/accounts/index.ts'
import { loadConfig } from '../../../src/config.ts'
import { DEMO_ACCOUNTS, DEMO_PASSWORD, loadDemoData } from '../../../src/demo/index.ts'
import { DEMO_PARTNERSHIPS, type DemoPartnership } from '../../../src/demo/structure-data.ts'
import { createLogger } from '../../../src/logger.ts'
import { memoryMailer } from '../../../src/mailer.ts'
import { createServices, type AppDeps, type Services } from '../../../src/services.ts'
import { systemClock } from '../../../src/shared/clock.ts'
import { loadGeography, loadPoliceMonths } from '../../helpers/police-data.ts'
import { createTestDatabase } from '../../helpers/test-database.ts'

export interface TestServer {
  /** http://127.0.0.1:<random port> */
  baseUrl: string
  /** The Express app being served (to list its routes). */
  app: Express
  deps: AppDeps
  services: Services
  db: AppDeps['database']['db']
  mailer: ReturnType<typeof memoryMailer>
  /** The demo accounts' shared password. */
  demoPassword: string
  /** The e-mail of the demo account with this description's role, e.g. demoAccount('coordinator'). */
  demoAccount(kind: 'site-admin' | 'admin' | 'coordinator' | 'lead' | 'member'): string
  /** The id of a demo partnership: 'rochford-2011' or 'joint-2016'. */
  partnershipId(key: DemoPartnership['key']): Promise<number>
  close(): Promise<void>
}

export interface ServerOptions {
  /** Load the demo partnerships (default true). */
  demo?: boolean
  /** Import the police.uk and ONS fixtures (test/fixtures/police-data) first, as `npm start` does with the real files. */
  policeData?: boolean
  /**
   * Before the app is configured: settings of the test's own and the port to listen on (a journey that
   * starts an identity provider needs to know the app's address first, and the app the provider's).
   */
  before?: () => Promise<{ env?: Record<string, string>; port?: number }>
}

/**
 * The real app, in this process, on a random port over a fresh PGlite database (the migrated template)
 * with the demo partnerships loaded — what `npm start` serves on a first run. Cheap password hashing and
 * a memory mailer (read reset links from `mailer.sent`); the real clock, as a browser needs.
 */
export async function startTestServer(options: ServerOptions = {}): Promise<TestServer> {
  const prepared = (await options.before?.()) ?? {}
  const database = await createTestDatabase()
  const mailer = memoryMailer()
  const deps: AppDeps = {
    config: loadConfig({ NODE_ENV: 'test', CSP_HUB_DATA_DIR: '/nonexistent', ...prepared.env }),
    logger: createLogger(process.env.CSP_HUB_TEST_LOG_LEVEL ?? 'silent'),
    database,
    clock: systemClock,
    mailer,
    hasher: argon2Hasher({ memoryCost: 1024, timeCost: 1 }),
  }
  const services = createServices(deps)
  if (options.policeData) {
    await loadGeography({ services })
    await loadPoliceMonths({ services })
  }
  if (options.demo ?? true) await loadDemoData(deps, services, { onlyIfEmpty: true })
  const app = createApp(deps, services)
  const server = app.listen(prepared.port ?? 0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    app,
    deps,
    services,
    db: database.db,
    mailer,
    demoPassword: DEMO_PASSWORD,
    demoAccount(kind) {
      const account = DEMO_ACCOUNTS.find(a => a.email.startsWith(`${kind}@`))
      if (!account) throw new Error(`No demo account ${kind}`)
      return account.email
    },
    async partnershipId(key) {
      const name = DEMO_PARTNERSHIPS.find(p => p.key === key)!.name
      const row = await database.db
        .selectFrom('partnerships')
        .select('id')
        .where('name', '=', name)
        .executeTakeFirstOrThrow()
      return row.id
    },
    async close() {
      server.closeAllConnections()
      await new Promise<void>(resolve => server.close(() => resolve()))
      await database.close()
    },
  }
}
