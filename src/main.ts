import type { Server } from 'node:http'

import { createApp } from './app.ts'
import { argon2Hasher } from './capabilities/accounts/index.ts'
import { loadDemoData } from './demo/index.ts'
import type { Config } from './config.ts'
import { createDatabase, type DatabaseHandle } from './db/database.ts'
import { migrateToLatest } from './db/migrate.ts'
import type { Logger } from './logger.ts'
import { createMailer } from './mailer.ts'
import { createServices, type AppDeps } from './services.ts'
import { systemClock } from './shared/clock.ts'

/** Open the database the configuration names (PostgreSQL if DATABASE_URL is set, else PGlite). */
export function openDatabase(config: Config, logger?: Logger): Promise<DatabaseHandle> {
  return createDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: `${config.dataDir}/pglite`,
    onIdleConnectionError: error => logger?.warn({ err: error }, 'A database connection failed; the next query opens a new one'),
    onAvailabilityChange: (available, error) =>
      available ? logger?.info('The database answers again') : logger?.warn({ err: error }, 'The database is unavailable: requests get a 503 page until it answers again'),
  })
}

export function buildDeps(config: Config, logger: Logger, database: DatabaseHandle): AppDeps {
  return {
    config,
    logger,
    database,
    clock: systemClock,
    mailer: createMailer(config.mail, logger),
    hasher: argon2Hasher(),
  }
}

/**
 * A fatal error (an exception nothing caught, a promise rejection nothing handled) leaves the process in a
 * state no one can vouch for: log it and exit 1 at once, so that the supervisor (systemd, Docker's restart
 * policy; see the README) starts a fresh one. The embedded database's lock goes with the process.
 */
export function exitOnFatalErrors(logger: Logger): void {
  const fatal = (kind: string) => (error: unknown) => {
    try {
      logger.fatal({ err: error }, `Fatal error (${kind}): stopping so that the service manager restarts the server`)
    } finally {
      process.exit(1)
    }
  }
  process.on('uncaughtException', fatal('uncaught exception'))
  process.on('unhandledRejection', fatal('unhandled promise rejection'))
}

/** Load config → open db → migrate → (demo data, first admin) → listen; shut down cleanly on SIGTERM. */
export async function serve(config: Config, logger: Logger): Promise<Server> {
  exitOnFatalErrors(logger)
  const database = await openDatabase(config, logger)
  const applied = await migrateToLatest(database.db)
  if (applied.length) logger.info({ migrations: applied.map(m => m.migrationName) }, `Applied ${applied.length} migration(s)`)
  const deps = buildDeps(config, logger, database)
  const services = createServices(deps)
  // Police data upload jobs left by an earlier process here cannot resume: mark them failed. Jobs of other
  // servers are watched through their heartbeat: any server fails one that has gone silent.
  await services.policeImports.failInterrupted()
  const stopWatchdog = services.policeImports.startWatchdog()

  let demoAccounts: { email: string; role: string }[] | undefined
  let demoPassword: string | undefined
  if (config.demoData === 'auto' && !config.isProduction) {
    const demo = await loadDemoData(deps, services, {
      onlyIfEmpty: true,
      onStart: () =>
        process.stdout.write(
          `Loading the demo partnerships${config.sampleDataDir ? ' and the sample police.uk and ONS data' : ''} (first start only; this takes a minute)…\n`,
        ),
    })
    if (demo.loaded) {
      logger.info('Loaded the demo partnerships (first start on an empty database)')
    }
    demoAccounts = demo.accounts
    demoPassword = demo.password
  }
  if (config.admin) {
    const outcome = await services.accounts.ensureSiteAdmin(config.admin.email, config.admin.password)
    if (outcome === 'created') logger.info({ email: config.admin.email }, 'Created the site admin from CSP_HUB_ADMIN_EMAIL')
  }

  const app = createApp(deps, services)
  const server = app.listen(config.port, config.host)
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve)
    server.once('error', reject)
  })
  // Ready for SIGTERM before saying we are running, so a signal right after the message is not lost.
  let closing = false
  const shutdown = (signal: string) => {
    if (closing) return
    closing = true
    logger.info({ signal }, 'Shutting down: no new requests, closing the database')
    stopWatchdog()
    server.close(async () => {
      await database.close()
      logger.info('Stopped')
      process.exit(0)
    })
    server.closeIdleConnections()
    setTimeout(() => {
      logger.warn('Connections still open after 10 s: exiting anyway')
      process.exit(1)
    }, 10_000).unref()
  }
  process.once('SIGTERM', () => shutdown('SIGTERM'))
  process.once('SIGINT', () => shutdown('SIGINT'))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  const lines = [
    '',
    `CSP Hub is running at http://localhost:${port}`,
    `Database: ${database.kind === 'pglite' ? `embedded PGlite in ${database.location}` : `PostgreSQL at ${database.location}`}`,
  ]
  if (demoAccounts?.length && demoPassword) {
    lines.push('', `Demo sign-in (password for every account: ${demoPassword}):`)
    const width = Math.max(...demoAccounts.map(account => account.role.length))
    for (const account of demoAccounts) lines.push(`  ${account.role.padEnd(width)}  ${account.email}`)
  }
  lines.push('', 'Press Ctrl+C to stop.', '')
  process.stdout.write(`${lines.join('\n')}\n`)

  return server
}
