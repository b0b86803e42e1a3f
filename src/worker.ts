import type { Config } from './config.ts'
import { migrateToLatest } from './db/migrate.ts'
import type { Logger } from './logger.ts'
import { buildDeps, exitOnFatalErrors, openDatabase } from './main.ts'
import { createServices } from './services.ts'

/**
 * `csp-hub worker`: run the background jobs (reminders, digests, e-mails) without serving pages, beside
 * app servers started with CSP_HUB_RUN_JOBS=false, or as well as them: the database hands each job to one
 * runner. With `once`, run what is due now and stop (for a timer such as cron or a systemd timer).
 */
export async function runWorker(config: Config, logger: Logger, options: { once: boolean }): Promise<{ ran: number; queued: string[]; failed: string[] } | undefined> {
  const database = await openDatabase(config, logger)
  try {
    await migrateToLatest(database.db)
    const services = createServices(buildDeps(config, logger, database))
    if (options.once) {
      await services.jobs.releaseDeadRunners()
      const { queued, ran } = await services.jobs.tick()
      const failed = ran.filter(outcome => outcome.status !== 'succeeded')
      logger.debug({ queued, ran: ran.length, failed: failed.length }, 'Ran the jobs that were due')
      return { ran: ran.length, queued, failed: failed.map(outcome => `${outcome.kind} (${outcome.status}): ${outcome.error ?? 'no message'}`) }
    }
    exitOnFatalErrors(logger)
    const stop = services.jobs.start({ pollMs: config.jobs.pollMs })
    logger.info({ runner: services.jobs.id, pollSeconds: config.jobs.pollMs / 1000 }, 'The worker is running the background jobs')
    await new Promise<void>(resolve => {
      process.once('SIGTERM', () => resolve())
      process.once('SIGINT', () => resolve())
    })
    logger.info('Stopping: finishing the jobs in hand')
    await stop()
    return undefined
  } finally {
    await database.close()
  }
}
