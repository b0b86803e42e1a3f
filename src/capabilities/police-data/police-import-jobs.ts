import { promises as fs } from 'node:fs'

import type { DatabaseHandle } from '../../db/database.ts'
import type { Logger } from '../../logger.ts'
import type { Clock } from '../../shared/clock.ts'
import { ForbiddenError, UnauthenticatedError, ValidationError } from '../../shared/errors.ts'
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
 * current file's progress from memory while this process runs it). A job that was running when the
 * server stopped is marked failed when the server starts again; the files it finished stay imported,
 * the one it was in the middle of was rolled back.
 */

const MAX_SKIPPED_KEPT = 5000

export interface LiveProgress extends ImportProgress {
  startedAt: number
  now: number
}

export function policeImportJobs({ database, clock, logger }: { database: DatabaseHandle; clock: Clock; logger: Logger }) {
  const { db } = database
  const importer = policeImporter(database)
  const live = new Map<number, LiveProgress>()
  let queue: Promise<void> = Promise.resolve()
  const target = (ctx: PartnershipContext) => ({
    table: 'policeImportJobs' as const,
    partnershipId: ctx.partnership.id,
    entityType: 'police_import_job',
    describe: (row: { files: { name: string }[] }) => `${row.files.length} police.uk ${row.files.length === 1 ? 'file' : 'files'}`,
  })

  async function run(id: number, files: ImportFile[], options: { skipBadRows: boolean; actor: Actor; partnershipId: number }, dir: string | null) {
    const startedAt = clock.now()
    await db.updateTable('policeImportJobs').set({ status: 'running', startedAt, updatedAt: startedAt }).where('id', '=', id).execute()
    live.set(id, { file: files[0]?.name ?? '', fileIndex: 0, fileCount: files.length, bytesDone: 0, bytesTotal: files.reduce((s, f) => s + f.size, 0), rowsDone: 0, startedAt: Date.now(), now: Date.now() })
    const outcomes: ImportFileOutcome[] = files.map(f => ({ name: f.name, status: 'not_started' }))
    const skipped = new Map<string, SkippedRow[]>()
    try {
      await importer.importFiles(files, {
        actor: options.actor,
        partnershipId: options.partnershipId,
        skipBadRows: options.skipBadRows,
        onProgress: progress => live.set(id, { ...progress, startedAt: live.get(id)?.startedAt ?? Date.now(), now: Date.now() }),
        onSkipped: row => {
          const list = skipped.get(row.file) ?? []
          if (list.length < MAX_SKIPPED_KEPT) list.push(row)
          skipped.set(row.file, list)
        },
        onFileDone: async (outcome, index) => {
          outcomes[index] = { ...outcome, ...(skipped.has(outcome.name) ? { skippedRows: skipped.get(outcome.name) } : {}) } as ImportFileOutcome
          await db.updateTable('policeImportJobs').set({ outcome: JSON.stringify(outcomes), updatedAt: clock.now() }).where('id', '=', id).execute()
        },
      })
      const failed = outcomes.filter(o => o.status !== 'imported')
      const message = failed.length
        ? `${failed.length} of ${outcomes.length} ${outcomes.length === 1 ? 'file' : 'files'} could not be imported; nothing of ${failed.length === 1 ? 'it' : 'them'} was kept.`
        : `${outcomes.length} ${outcomes.length === 1 ? 'file' : 'files'} imported.`
      await db
        .updateTable('policeImportJobs')
        .set({ status: failed.length ? 'failed' : 'succeeded', message, outcome: JSON.stringify(outcomes), finishedAt: clock.now(), updatedAt: clock.now() })
        .where('id', '=', id)
        .execute()
    } catch (error) {
      logger.error({ err: error, jobId: id }, 'Police data import job failed')
      const message = error instanceof ValidationError ? Object.values(error.fieldErrors).join(' ') : 'The import stopped on an unexpected error; files finished before it stay imported, the rest were not kept.'
      await db
        .updateTable('policeImportJobs')
        .set({ status: 'failed', message, outcome: JSON.stringify(outcomes), finishedAt: clock.now(), updatedAt: clock.now() })
        .where('id', '=', id)
        .execute()
    } finally {
      live.delete(id)
      if (dir) await fs.rm(dir, { recursive: true, force: true }).catch(() => undefined)
    }
  }

  return {
    /** Start a job for uploaded files (already on disk in `dir`, which is removed afterwards). */
    async start(ctx: PartnershipContext, user: CurrentUser | null, files: ImportFile[], options: { skipBadRows: boolean }, dir: string | null) {
      requireSharedDataAdmin(ctx, user)
      if (!files.length) throw new ValidationError({ files: 'Choose one or more police.uk CSV files' })
      const bad = files.find(f => !/\.csv$/i.test(f.name))
      if (bad) throw new ValidationError({ files: `${bad.name} is not a CSV file: choose police.uk street-level CSV files, like 2024-01-essex-street.csv` })
      const empty = files.find(f => f.size === 0)
      if (empty) throw new ValidationError({ files: `${empty.name} is empty` })
      const job = await db.transaction().execute(trx =>
        auditedInsert(trx, ctx.actor, target(ctx), {
          status: 'queued',
          skipBadRows: options.skipBadRows,
          files: JSON.stringify(files.map(f => ({ name: f.name, size: f.size }))),
          totalBytes: files.reduce((s, f) => s + f.size, 0),
          outcome: JSON.stringify(files.map(f => ({ name: f.name, status: 'not_started' }))),
          createdByUserId: ctx.actor.userId,
          createdByLabel: ctx.actor.label,
        }),
      )
      // One job at a time, in the order they were started.
      queue = queue
        .then(() => run(job.id, files, { skipBadRows: options.skipBadRows, actor: ctx.actor, partnershipId: ctx.partnership.id }, dir))
        .catch(error => logger.error({ err: error, jobId: job.id }, 'Could not record the end of a police data import job'))
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

    /** At start-up: jobs left running or queued by a server that stopped are failed, saying so. */
    async failInterrupted(): Promise<number> {
      const result = await db
        .updateTable('policeImportJobs')
        .set({
          status: 'failed',
          message: 'The server restarted before this import finished. Files it had finished stay imported; the file it was importing was rolled back and the rest were not started. Upload them again.',
          finishedAt: clock.now(),
          updatedAt: clock.now(),
        })
        .where('status', 'in', ['queued', 'running'])
        .executeTakeFirst()
      return Number(result.numUpdatedRows ?? 0)
    },

    /** Resolves when every job started so far has finished (for tests and shutdown). */
    whenIdle: () => queue,
  }
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
