import type { Express } from 'express'
import request from 'supertest'

import { createApp } from '../../src/app.ts'
import { argon2Hasher } from '../../src/capabilities/accounts/index.ts'
import { loadConfig } from '../../src/config.ts'
import type { DatabaseHandle } from '../../src/db/database.ts'
import { createLogger, type Logger } from '../../src/logger.ts'
import { memoryMailer, type Mailer } from '../../src/mailer.ts'
import { createServices, type AppDeps, type Services } from '../../src/services.ts'
import { fixedClock } from '../../src/shared/clock.ts'
import { hashToken, newToken } from '../../src/shared/tokens.ts'
import { SESSION_COOKIE } from '../../src/web/middleware/session.ts'

import { createTestDatabase } from './test-database.ts'

export const TEST_NOW = '2026-11-25T10:00:00Z'

export interface TestApp {
  app: Express
  deps: AppDeps
  services: Services
  database: DatabaseHandle
  db: DatabaseHandle['db']
  mailer: ReturnType<typeof memoryMailer>
  clock: ReturnType<typeof fixedClock>
  /** A client that acts as this user: its session cookie and CSRF token go with every request. */
  as(user: { id: number }): Promise<TestClient>
  /** A visitor who has not signed in. */
  anonymous(): TestClient
  close(): Promise<void>
}

export interface TestClient {
  csrfToken: string | undefined
  get(url: string): request.Test
  /** POST a form (url-encoded); the CSRF token is added unless the body has its own `_csrf`. */
  post(url: string, form?: Record<string, string | string[] | number | boolean>): request.Test
}

/**
 * The app on a fresh migrated database (PGlite, or PostgreSQL in the integration-postgres project), with
 * a fixed clock, a memory mailer and cheap password hashing. Call `close()` in afterAll.
 */
export async function createTestApp(
  options: {
    now?: string
    env?: Record<string, string>
    logger?: Logger
    database?: DatabaseHandle
    /** A mailer of the test's own (a real SMTP server's); otherwise a memory mailer, delivering unless told not to. */
    mailer?: Mailer
    mailerDelivers?: boolean
  } = {},
): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase())
  const config = loadConfig({ NODE_ENV: 'test', CSP_HUB_DATA_DIR: '/nonexistent', ...options.env })
  const clock = fixedClock(options.now ?? TEST_NOW)
  const mailer = memoryMailer({ delivers: options.mailerDelivers ?? true })
  const deps: AppDeps = {
    config,
    logger: options.logger ?? createLogger(process.env.CSP_HUB_TEST_LOG_LEVEL ?? 'silent'),
    database,
    clock,
    mailer: options.mailer ?? mailer,
    hasher: argon2Hasher({ memoryCost: 1024, timeCost: 1 }),
  }
  const services = createServices(deps)
  const app = createApp(deps, services)

  const client = (cookie: string | undefined, csrfToken: string | undefined): TestClient => ({
    csrfToken,
    get: url => {
      const req = request(app).get(url)
      return cookie ? req.set('Cookie', cookie) : req
    },
    post: (url, form = {}) => {
      const req = request(app).post(url).type('form')
      if (cookie) req.set('Cookie', cookie)
      return req.send({ ...(csrfToken && !('_csrf' in form) ? { _csrf: csrfToken } : {}), ...form })
    },
  })

  return {
    app,
    deps,
    services,
    database,
    db: database.db,
    mailer,
    clock,
    async as(user) {
      const token = newToken()
      const csrfToken = newToken()
      const now = clock.now()
      await services.sessions.create({
        id: hashToken(token),
        userId: user.id,
        csrfToken,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + 86_400_000),
      })
      return client(`${SESSION_COOKIE}=${token}`, csrfToken)
    },
    anonymous: () => client(undefined, undefined),
    close: () => database.close(),
  }
}
