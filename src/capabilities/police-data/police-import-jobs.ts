import { promises as fs } from 'node:fs'
import os from 'node:os'

import type { DatabaseHandle } from '../../db/database.ts'
import type { Logger } from '../../logger.ts'
import type { Clock } from '../../shared/clock.ts'
import { ForbiddenError, UnauthenticatedError, ValidationError } from '../../shared/errors.ts'
import { plainText, plainValues } from '../../shared/plain-text.ts'
import { auditedInsert, findInPartnership } from '../../core/audit/audited-changes.ts'
import type { Actor } from '../../core/audit/audit-entry.ts'
import type { CurrentUser } from '../../core/access/current-user.ts'
import type { PartnershipContext } from '../../core/access/partnership-context.ts'

import type { ImportFileOutcome } from './police-data-tables.ts'
import type { ImportFile } from './police-import-files.ts'
import { policeImporter, type ImportProgress, type SkippedRow } from './police-import.ts'

/**
 * Uploaded police.uk files are imported by a background job: the upload returns at once, the job row in
 * the database says how far it has gone (after each file), and the progress page reads it (with the
 * current file's progress from memory while this process runs it).
 *
 * Every job ends. A failure of any kind marks the job failed with a plain message (whatever the file
 * held is made fit to store first: plainValues). A watchdog, run by every app server against the database,
 * fails a queued or running job that has shown no sign of life (`heartbeat_at`) for `stallMinutes`:
 * its server died, or the import hung. Files a failed job had finished stay imported; the one it was in
 * the middle of was rolled back.
 */

const MAX_SKIPPED_KEPT = 5000
/** How often a running import writes its heartbeat, and the watchdog looks for silent jobs. */
const HEARTBEAT_EVERY_MS = 15_000
const WATCHDOG_EVERY_MS = 60_000
const UNFINISHED = ['queued', 'running'] as const

export interface LiveProgress extends ImportProgress {
  startedAt: number
  now: number
}

/** The process holding a job, as stored in `runner`. */
const thisRunner = `${os.hostname()}:${process.pid}`

function isProcessGone(runner: string | null): boolean {
  if (!runner) return true // a job from before the watchdog: its server has restarted since
  const [host, pid] = [runner.slice(0, runner.lastIndexOf(':')), Number(runner.slice(runner.lastIndexOf(':') + 1))]
  if (host !== os.hostname()) return false // another machine's: its own watchdog and the heartbeat decide
  if (pid === process.pid) return true // an earlier process with our number (a restarted container): gone
  try {
    process.kill(pid, 0)
    return false
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH'
  }
}

const FINISHED_FILES_NOTE = 'Files it had finished stay imported; the file it was importing was rolled back and the rest were not started. Upload them again.'

export function policeImportJobs({ database, clock, logger, stallMinutes = 30 }: { database: DatabaseHandle; clock: Clock; logger: Logger; stallMinutes?: number }) {
  const { db } = database
  const importer = policeImporter(database)
  const live = new Map<number, LiveProgress>()
  /** Jobs this process holds (queued behind another, or running), and those the watchdog gave up on. */
  const held = new Set<number>()
  const abandoned = new Set<number>()
  let queue: Promise<void> = Promise.resolve()
  const target = (ctx: PartnershipContext) => ({
    table: 'policeImportJobs' as const,
    partnershipId: ctx.partnership.id,
    entityType: 'police_import_job',
    describe: (row: { files: { name: string }[] }) => `${row.files.length} police.uk ${row.files.length === 1 ? 'file' : 'files'}`,
  })

  /** Mark a job failed (if it has not ended already): the message and outcome made plain, so they can always be stored. */
  async function fail(id: number, message: string, outcome?: ImportFileOutcome[]) {
    const now = clock.now()
    const values = { status: 'failed' as const, message: plainText(message), finishedAt: now, updatedAt: now }
    try {
      await db
        .updateTable('policeImportJobs')
        .set({ ...values, ...(outcome ? { outcome: JSON.stringify(plainValues(outcome)) } : {}) })
        .where('id', '=', id)
        .where('status', 'in', UNFINISHED)
        .execute()
    } catch (error) {
      // Whatever could not be stored, the job still ends.
      logger.error({ err: error, jobId: id }, 'Could not store a police data import job’s outcome; marking it failed without it')
      await db.updateTable('policeImportJobs').set({ ...values, message: 'The import failed, and what went wrong could not be recorded. Try again, or ask your administrator to look at the server’s log.' }).where('id', '=', id).where('status', 'in', UNFINISHED).execute()
    }
  }

  async function run(id: number, files: ImportFile[], options: { skipBadRows: boolean; actor: Actor; partnershipId: number }) {
    const startedAt = clock.now()
    const claimed = await db
      .updateTable('policeImportJobs')
      .set({ status: 'running', startedAt, updatedAt: startedAt, heartbeatAt: startedAt, runner: thisRunner })
      .where('id', '=', id)
      .where('status', '=', 'queued')
      .executeTakeFirst()
    if (!claimed.numUpdatedRows) return // the watchdog gave up on it while it waited
    live.set(id, { file: files[0]?.name ?? '', fileIndex: 0, fileCount: files.length, bytesDone: 0, bytesTotal: files.reduce((s, f) => s + f.size, 0), rowsDone: 0, startedAt: Date.now(), now: Date.now() })
    const outcomes: ImportFileOutcome[] = files.map(f => ({ name: f.name, status: 'not_started' }))
    const skipped = new Map<string, SkippedRow[]>()
    let beating: Promise<unknown> | undefined
    let lastBeat = Date.now()
    try {
      await importer.importFiles(files, {
        actor: options.actor,
        partnershipId: options.partnershipId,
        skipBadRows: options.skipBadRows,
        onProgress: progress => {
          // Given up on by the watchdog: stop here, and the file's transaction rolls back.
          if (abandoned.has(id)) throw new Error('The watchdog stopped this import')
          live.set(id, { ...progress, startedAt: live.get(id)?.startedAt ?? Date.now(), now: Date.now() })
          if (!beating && Date.now() - lastBeat > HEARTBEAT_EVERY_MS) {
            lastBeat = Date.now()
            beating = db.updateTable('policeImportJobs').set({ heartbeatAt: clock.now() }).where('id', '=', id).where('status', '=', 'running').execute()
              .catch(error => logger.warn({ err: error, jobId: id }, 'Could not record an import job’s heartbeat'))
              .finally(() => (beating = undefined))
          }
        },
        onSkipped: row => {
          const list = skipped.get(row.file) ?? []
          if (list.length < MAX_SKIPPED_KEPT) list.push(row)
          skipped.set(row.file, list)
        },
        onFileDone: async (outcome, index) => {
          outcomes[index] = { ...outcome, ...(skipped.has(outcome.name) ? { skippedRows: skipped.get(outcome.name) } : {}) } as ImportFileOutcome
          const now = clock.now()
          await db
            .updateTable('policeImportJobs')
            .set({ outcome: JSON.stringify(plainValues(outcomes)), updatedAt: now, heartbeatAt: now })
            .where('id', '=', id)
            .where('status', '=', 'running')
            .execute()
        },
      })
      const failed = outcomes.filter(o => o.status !== 'imported')
      if (failed.length) {
        await fail(id, `${failed.length} of ${outcomes.length} ${outcomes.length === 1 ? 'file' : 'files'} could not be imported; nothing of ${failed.length === 1 ? 'it' : 'them'} was kept.`, outcomes)
      } else {
        const now = clock.now()
        await db
          .updateTable('policeImportJobs')
          .set({ status: 'succeeded', message: `${outcomes.length} ${outcomes.length === 1 ? 'file' : 'files'} imported.`, outcome: JSON.stringify(plainValues(outcomes)), finishedAt: now, updatedAt: now })
          .where('id', '=', id)
          .where('status', '=', 'running')
          .execute()
      }
    } catch (error) {
      if (!abandoned.has(id)) logger.error({ err: error, jobId: id }, 'Police data import job failed')
      const message = error instanceof ValidationError ? Object.values(error.fieldErrors).join(' ') : `The import stopped on an unexpected error. ${FINISHED_FILES_NOTE}`
      await fail(id, message, outcomes)
    } finally {
      live.delete(id)
    }
  }

  /** Jobs of this process that made no progress for the limit: failed, and stopped at their next step. */
  async function failOwnStalled(limitMs: number): Promise<number> {
    let count = 0
    for (const [id, progress] of live) {
      if (Date.now() - progress.now < limitMs || abandoned.has(id)) continue
      abandoned.add(id)
      await fail(id, `This import stopped: it made no progress for ${stallMinutes} minutes. ${FINISHED_FILES_NOTE}`)
      count++
    }
    return count
  }

  const jobs = {
    /** Start a job for uploaded files (already on disk in `dir`, which is removed afterwards). */
    async start(ctx: PartnershipContext, user: CurrentUser | null, files: ImportFile[], options: { skipBadRows: boolean }, dir: string | null) {
      requireSharedDataAdmin(ctx, user)
      if (!files.length) throw new ValidationError({ files: 'Choose one or more police.uk CSV files' })
      const bad = files.find(f => !/\.csv$/i.test(f.name))
      if (bad) throw new ValidationError({ files: `${plainText(bad.name, 100)} is not a CSV file: choose police.uk street-level CSV files, like 2024-01-essex-street.csv` })
      const empty = files.find(f => f.size === 0)
      if (empty) throw new ValidationError({ files: `${plainText(empty.name, 100)} is empty` })
      const named = files.map(f => ({ ...f, name: plainText(f.name, 200) }))
      const job = await db.transaction().execute(trx =>
        auditedInsert(trx, ctx.actor, target(ctx), {
          status: 'queued',
          skipBadRows: options.skipBadRows,
          files: JSON.stringify(named.map(f => ({ name: f.name, size: f.size }))),
          totalBytes: files.reduce((s, f) => s + f.size, 0),
          outcome: JSON.stringify(named.map(f => ({ name: f.name, status: 'not_started' }))),
          createdByUserId: ctx.actor.userId,
          createdByLabel: ctx.actor.label,
          heartbeatAt: clock.now(),
          runner: thisRunner,
        }),
      )
      held.add(job.id)
      // One job at a time, in the order they were started.
      queue = queue
        .then(() => run(job.id, named, { skipBadRows: options.skipBadRows, actor: ctx.actor, partnershipId: ctx.partnership.id }))
        .catch(async error => {
          logger.error({ err: error, jobId: job.id }, 'Could not record the end of a police data import job')
          await fail(job.id, `The import stopped on an unexpected error. ${FINISHED_FILES_NOTE}`).catch(() => undefined)
        })
        .finally(async () => {
          held.delete(job.id)
          abandoned.delete(job.id)
          if (dir) await fs.rm(dir, { recursive: true, force: true }).catch(() => undefined)
        })
      return job
    },

    async get(ctx: PartnershipContext, user: CurrentUser | null, id: number) {
      requireSharedDataAdmin(ctx, user)
      const job = await findInPartnership(db, target(ctx), id)
      return { job, live: live.get(id) ?? null }
    },

    async list(ctx: PartnershipContext, user: CurrentUser | null) {
      requireSharedDataAdmin(ctx, user)
      return db.selectFrom('policeImportJobs').selectAll().where('partnershipId', '=', ctx.partnership.id).orderBy('id', 'desc').limit(20).execute()
    },

    /**
     * The watchdog, against the database: fails every queued or running job of another process whose
     * heartbeat is older than the limit, and this process's own jobs that made no progress for as long.
     * Returns how many it failed.
     */
    async sweep(): Promise<number> {
      const limitMs = stallMinutes * 60_000
      const own = await failOwnStalled(limitMs)
      const now = clock.now()
      const result = await db
        .updateTable('policeImportJobs')
        .set({
          status: 'failed',
          message: `This import stopped: nothing was heard from it for ${stallMinutes} minutes (the server running it may have stopped). ${FINISHED_FILES_NOTE}`,
          finishedAt: now,
          updatedAt: now,
        })
        .where('status', 'in', UNFINISHED)
        .where('heartbeatAt', '<', new Date(now.getTime() - limitMs))
        .where(eb => eb.or([eb('runner', 'is', null), eb('runner', '!=', thisRunner)]))
        .executeTakeFirst()
      const failed = own + Number(result.numUpdatedRows ?? 0)
      if (failed) logger.warn({ failed }, 'The import watchdog failed jobs that had stopped')
      return failed
    },

    /** Tell the database this process still holds its queued jobs (the running one beats as it reads). */
    async heartbeat(): Promise<void> {
      const waiting = [...held].filter(id => !live.has(id))
      if (!waiting.length) return
      await db.updateTable('policeImportJobs').set({ heartbeatAt: clock.now() }).where('id', 'in', waiting).where('status', '=', 'queued').execute()
    },

    /** Run the heartbeat and the watchdog every minute until the returned function is called. */
    startWatchdog(): () => void {
      let busy = false
      const timer = setInterval(() => {
        if (busy) return
        busy = true
        void jobs
          .heartbeat()
          .then(() => jobs.sweep())
          .catch(error => logger.warn({ err: error }, 'The import watchdog could not run'))
          .finally(() => (busy = false))
      }, WATCHDOG_EVERY_MS)
      timer.unref()
      return () => clearInterval(timer)
    },

    /**
     * At start-up: jobs left queued or running by an earlier process on this machine (it has gone) are
     * failed at once, saying so; other servers' jobs are left to their heartbeat and the watchdog.
     */
    async failInterrupted(): Promise<number> {
      const unfinished = await db.selectFrom('policeImportJobs').select(['id', 'runner']).where('status', 'in', UNFINISHED).execute()
      const gone = unfinished.filter(job => isProcessGone(job.runner)).map(job => job.id)
      if (!gone.length) return 0
      const now = clock.now()
      const result = await db
        .updateTable('policeImportJobs')
        .set({ status: 'failed', message: `The server restarted before this import finished. ${FINISHED_FILES_NOTE}`, finishedAt: now, updatedAt: now })
        .where('id', 'in', gone)
        .where('status', 'in', UNFINISHED)
        .executeTakeFirst()
      return Number(result.numUpdatedRows ?? 0)
    },

    /** Resolves when every job started so far has finished (for tests and shutdown). */
    whenIdle: () => queue,
  }
  return jobs
}
export type PoliceImportJobs = ReturnType<typeof policeImportJobs>

/**
 * Police and ONS data are shared by every partnership on the site: whoever imports them changes the figures
 * all partnerships see. So imports are for site administrators only, not a partnership's coordinators.
 */
export function requireSharedDataAdmin(ctx: PartnershipContext, user: CurrentUser | null): void {
  if (!ctx.signedIn || !user) throw new UnauthenticatedError()
  if (!user.isSiteAdmin) {
    throw new ForbiddenError('Police data is shared by every partnership on this site, so only a site administrator can import it')
  }
}
