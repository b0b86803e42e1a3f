import { createWriteStream, promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { ReadableStream as WebReadableStream } from 'node:stream/web'

import type { Actor } from '../../core/audit/audit-entry.ts'
import { PermanentJobError, type JobRunner } from '../../core/jobs/index.ts'
import type { OutboxService } from '../../core/outbox/index.ts'
import type { DatabaseHandle } from '../../db/database.ts'
import type { Logger } from '../../logger.ts'
import type { Clock } from '../../shared/clock.ts'
import { plainText, plainValues } from '../../shared/plain-text.ts'

import { ArchiveError, openPoliceArchive, type ArchiveEntry } from './police-archive.ts'
import { policeDataRepository as repo } from './police-data-repository.ts'
import type { ImportFileOutcome } from './police-data-tables.ts'
import type { ImportFile } from './police-import-files.ts'
import type { ImportProgress, PoliceImporter } from './police-import.ts'

/**
 * The monthly police.uk archive, fetched and imported without anyone touching it: a recurring job of the
 * job runner (on day 20 of each month, when data.police.uk has published the month before) downloads the
 * archive from CSP_HUB_POLICE_ARCHIVE_URL, reads the street files of the forces the site covers straight
 * out of the ZIP, and imports the months not held yet. A partnership's coordinator may also refresh their
 * own force's months from the page (police-archive-routes.ts), as an import job with its progress page.
 *
 * Never a half-loaded month: each force-month is imported in one transaction (the importer's), so a month
 * is held whole or as it was before. A failure of any kind is recorded (the police data page shows the
 * latest fetches) and, once the job's attempts are used up, e-mailed to every site admin through the outbox.
 */

export const POLICE_ARCHIVE_JOB = 'police-data.archive-fetch'
export const POLICE_ARCHIVE_SCHEDULE = 'police-data.monthly-archive'
export const POLICE_ARCHIVE_ALERT = 'police-archive-failed'

export interface PoliceArchiveSettings {
  url: string | undefined
  /** Forces whose files are imported; unset, the forces policing the partnerships' districts. */
  forces: string[] | undefined
  /** The largest archive downloaded. */
  maxBytes: number
  /** The most one street file may unpack to (the upload limit for one file). */
  maxEntryBytes: number
  baseUrl: string
}

export interface ArchiveRefreshDeps {
  database: DatabaseHandle
  clock: Clock
  logger: Logger
  importer: PoliceImporter
  jobs: JobRunner
  outbox: OutboxService
  settings: PoliceArchiveSettings
  /** The site administrators, to tell of a failed fetch. */
  siteAdmins: () => Promise<{ email: string; name: string }[]>
  /** The district codes of every partnership on the site (for the forces covered by default). */
  coveredDistricts: () => Promise<string[]>
  /** The district codes of one partnership (for its own force). */
  partnershipDistricts: (partnershipId: number) => Promise<string[]>
}

export interface RefreshRequest {
  trigger: 'schedule' | 'admin' | 'coordinator'
  actor: Actor
  partnershipId: number | null
  /** Only these forces (a coordinator's own); otherwise the forces the site covers. */
  forces?: readonly string[] | undefined
  /** 'new': months not held yet; 'all': every month in the archive, replacing those held. */
  months: 'new' | 'all'
  importJobId?: number | undefined
  /** Told the files chosen, before the import starts (the import job lists them). */
  onFiles?: ((files: ImportFile[]) => Promise<void>) | undefined
  onProgress?: ((progress: ImportProgress) => void) | undefined
  onFileDone?: ((outcome: ImportFileOutcome, index: number) => void | Promise<void>) | undefined
}

export interface RefreshResult {
  fetchId: number
  status: 'succeeded' | 'failed'
  message: string
  outcome: ImportFileOutcome[]
  /** Whether trying again later could help (a server error, a download cut short). */
  retryable: boolean
}

/** A failure of the fetch, with whether another attempt might succeed. */
export class ArchiveFetchError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message)
  }
}

const megabytes = (bytes: number) => `${Math.ceil(bytes / 1024 / 1024).toLocaleString('en-GB')} MB`
const forceList = (forces: readonly string[]) => forces.join(', ')

/** Download to a file of our own, refusing more than `maxBytes`. */
export async function downloadArchive(url: string, file: string, maxBytes: number): Promise<number> {
  let response: Response
  try {
    response = await fetch(url, { redirect: 'follow', signal: AbortSignal.timeout(60 * 60_000) })
  } catch (error) {
    throw new ArchiveFetchError(`The archive could not be fetched from ${url}: ${(error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message}`, true)
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel().catch(() => undefined)
    throw new ArchiveFetchError(`The server at ${url} answered ${response.status} ${response.statusText}`.trim(), response.status >= 500 || response.status === 429)
  }
  const declared = Number(response.headers.get('content-length') ?? NaN)
  if (declared > maxBytes) {
    await response.body.cancel().catch(() => undefined)
    throw new ArchiveFetchError(`The archive is ${megabytes(declared)}, more than the ${megabytes(maxBytes)} allowed (CSP_HUB_POLICE_ARCHIVE_MAX_MB)`, false)
  }
  let bytes = 0
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length
      if (bytes > maxBytes) done(new ArchiveFetchError(`The archive is more than the ${megabytes(maxBytes)} allowed (CSP_HUB_POLICE_ARCHIVE_MAX_MB)`, false))
      else done(null, chunk)
    },
  })
  try {
    await pipeline(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), limit, createWriteStream(file))
  } catch (error) {
    if (error instanceof ArchiveFetchError) throw error
    throw new ArchiveFetchError(`The download from ${url} stopped part-way: ${(error as Error).message}`, true)
  }
  if (Number.isFinite(declared) && bytes !== declared) throw new ArchiveFetchError(`The download from ${url} stopped part-way (${bytes.toLocaleString('en-GB')} of ${declared.toLocaleString('en-GB')} bytes)`, true)
  return bytes
}

export function policeArchiveRefresh(deps: ArchiveRefreshDeps) {
  const { database, clock, logger, importer, settings } = deps
  const { db } = database

  /** The forces the site covers: the setting, or the forces that police the partnerships' districts. */
  async function coveredForces(): Promise<{ forces: string[]; from: 'setting' | 'partnerships' }> {
    if (settings.forces?.length) return { forces: [...settings.forces], from: 'setting' }
    return { forces: await repo.principalForces(db, await deps.coveredDistricts()), from: 'partnerships' }
  }

  async function finish(fetchId: number, status: 'succeeded' | 'failed', message: string, outcome: ImportFileOutcome[], extra: { archiveBytes?: number } = {}) {
    const imported = outcome.filter(o => o.status === 'imported').length
    await db
      .updateTable('policeArchiveFetches')
      .set({ status, message: plainText(message, 4000), outcome: JSON.stringify(plainValues(outcome)), monthsImported: imported, finishedAt: clock.now(), ...extra })
      .where('id', '=', fetchId)
      .execute()
  }

  async function choose(entries: ArchiveEntry[], forces: readonly string[], months: 'new' | 'all'): Promise<{ chosen: ArchiveEntry[]; held: number }> {
    const wanted = new Set(forces)
    const ofForces = entries.filter(e => wanted.has(e.force))
    if (!ofForces.length) {
      const present = [...new Set(entries.map(e => e.force))]
      throw new ArchiveFetchError(
        present.length
          ? `The archive holds no street files of ${forceList(forces)} (it holds ${present.length} other ${present.length === 1 ? 'force' : 'forces'}: ${forceList(present.slice(0, 10))}${present.length > 10 ? '…' : ''})`
          : 'The archive holds no police.uk street files (named like 2025-09/2025-09-essex-street.csv)',
        false,
      )
    }
    if (months === 'all') return { chosen: ofForces, held: 0 }
    const held = new Set((await repo.months(db, [...wanted])).map(m => `${m.force} ${m.month}`))
    const chosen = ofForces.filter(e => !held.has(`${e.force} ${e.month}`))
    return { chosen, held: ofForces.length - chosen.length }
  }

  /** Fetch the archive and import the chosen force-months, recording the fetch. Never throws for a failed fetch. */
  async function refresh(request: RefreshRequest): Promise<RefreshResult> {
    if (!settings.url) throw new ArchiveFetchError('No address is set for the police.uk archive (CSP_HUB_POLICE_ARCHIVE_URL)', false)
    const covered = request.forces ? { forces: [...request.forces], from: 'setting' as const } : await coveredForces()
    const fetchRow = await db
      .insertInto('policeArchiveFetches')
      .values({
        trigger: request.trigger,
        partnershipId: request.partnershipId,
        importJobId: request.importJobId ?? null,
        url: settings.url,
        forces: JSON.stringify(covered.forces),
        startedByLabel: request.actor.label,
        startedAt: clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const fetchId = fetchRow.id
    let outcome: ImportFileOutcome[] = []
    let archiveBytes: number | undefined
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'csp-hub-police-archive-'))
    try {
      if (!covered.forces.length) {
        throw new ArchiveFetchError('No police force is chosen: no police data is held yet for any partnership’s districts, so CSP Hub cannot tell which forces to import. Set CSP_HUB_POLICE_FORCES (for example essex), or import one month by hand first.', false)
      }
      const file = path.join(dir, 'archive.zip')
      archiveBytes = await downloadArchive(settings.url, file, settings.maxBytes)
      let archive
      try {
        archive = await openPoliceArchive(file, { maxEntryBytes: settings.maxEntryBytes })
      } catch (error) {
        if (error instanceof ArchiveError) throw new ArchiveFetchError(`The archive from ${settings.url} could not be read. ${error.message}.`, error.retryable)
        throw error
      }
      try {
        const { chosen, held } = await choose(archive.entries, covered.forces, request.months)
        const files = archive.files(chosen)
        outcome = files.map(f => ({ name: f.name, status: 'not_started' as const }))
        await request.onFiles?.(files)
        if (!files.length) {
          const message = `Nothing new: the archive’s ${held} ${held === 1 ? 'month' : 'months'} of ${forceList(covered.forces)} ${held === 1 ? 'is' : 'are'} all held already.`
          await finish(fetchId, 'succeeded', message, outcome, { archiveBytes })
          return { fetchId, status: 'succeeded', message, outcome, retryable: false }
        }
        await importer.importFiles(files, {
          actor: request.actor,
          partnershipId: request.partnershipId,
          onProgress: request.onProgress,
          onFileDone: async (done, index) => {
            outcome[index] = done
            await request.onFileDone?.(done, index)
          },
        })
      } finally {
        archive.close()
      }
      const failed = outcome.filter(o => o.status !== 'imported')
      const imported = outcome.length - failed.length
      if (failed.length) {
        const message = `${failed.length} of ${outcome.length} force-months could not be imported (${failed.map(f => `${f.name}: ${f.message ?? 'not started'}`).join('; ')}). Nothing of ${failed.length === 1 ? 'that month' : 'those months'} was kept; ${imported ? `the other ${imported} ${imported === 1 ? 'was' : 'were'} imported whole` : 'no month was imported'}.`
        await finish(fetchId, 'failed', message, outcome, { archiveBytes })
        return { fetchId, status: 'failed', message, outcome, retryable: false }
      }
      const message = `Imported ${imported} ${imported === 1 ? 'force-month' : 'force-months'} of ${forceList(covered.forces)}: ${outcome.map(o => o.month).join(', ')}.`
      await finish(fetchId, 'succeeded', message, outcome, { archiveBytes })
      return { fetchId, status: 'succeeded', message, outcome, retryable: false }
    } catch (error) {
      const known = error instanceof ArchiveFetchError
      if (!known) logger.error({ err: error, fetchId }, 'The police.uk archive fetch stopped on an unexpected error')
      const message = known ? error.message : `The fetch stopped on an unexpected error (${error instanceof Error ? error.message : String(error)}). Months it had finished stay imported; the one it was importing was rolled back.`
      await finish(fetchId, 'failed', message, outcome, archiveBytes === undefined ? {} : { archiveBytes })
      return { fetchId, status: 'failed', message, outcome, retryable: known ? error.retryable : true }
    } finally {
      await fs.rm(dir, { recursive: true, force: true }).catch(() => undefined)
    }
  }

  /** Tell every site admin that the monthly fetch failed for good (once per job). */
  async function reportFailure(jobId: number, slot: string, error: string) {
    const admins = await deps.siteAdmins()
    if (!admins.length) logger.error({ jobId, error }, 'The police.uk archive fetch failed and there is no site admin to tell')
    await db.transaction().execute(async trx => {
      for (const admin of admins) {
        await deps.outbox.queue(trx, {
          partnershipId: null,
          category: POLICE_ARCHIVE_ALERT,
          dedupeKey: `police-archive-failed:${jobId}:${admin.email.toLowerCase()}`,
          to: { email: admin.email, name: admin.name },
          subject: `Police data not refreshed: the monthly police.uk fetch of ${slot} failed`,
          text: [
            `Hello ${admin.name},`,
            '',
            `CSP Hub could not refresh the police data this month. The monthly fetch of the police.uk archive (${settings.url ?? 'no address set'}), scheduled for ${slot}, failed:`,
            '',
            error,
            '',
            'No month was half-loaded: each month is imported whole or not at all, so the figures show the months held before, plus any imported whole.',
            '',
            `The latest fetches are listed on the police data imports page of any partnership (Police data, then Import police data) at ${settings.baseUrl}. Once the cause is put right, a site administrator can fetch the archive again from that page.`,
          ].join('\n'),
        })
      }
    })
  }

  deps.jobs.register({
    kind: POLICE_ARCHIVE_JOB,
    describe: 'Fetch and import the month’s police.uk archive',
    backOff: { baseMs: 60 * 60_000, maxMs: 12 * 60 * 60_000 },
    async run(payload, ctx) {
      const result = await refresh({
        trigger: 'schedule',
        actor: { userId: null, label: 'monthly police.uk fetch' },
        partnershipId: null,
        months: 'new',
        onFileDone: () => ctx.heartbeat(),
      })
      if (result.status === 'failed') throw result.retryable ? new Error(result.message) : new PermanentJobError(result.message)
      return { fetchId: result.fetchId, message: result.message }
    },
    onGaveUp: (job, error) => reportFailure(job.id, String(job.payload.slot ?? 'this month'), error),
  })
  if (settings.url) {
    deps.jobs.schedule({ name: POLICE_ARCHIVE_SCHEDULE, describe: 'Fetch the monthly police.uk archive', cadence: { every: 'month', day: 20, at: '03:00' }, kind: POLICE_ARCHIVE_JOB, maxAttempts: 3 })
  }

  return {
    enabled: Boolean(settings.url),
    url: settings.url,
    coveredForces,
    /**
     * A partnership's own forces: those policing its districts in the data held; with none held yet for
     * them, the forces the site is set to cover (CSP_HUB_POLICE_FORCES), if set.
     */
    async forcesOf(partnershipId: number): Promise<string[]> {
      const forces = await repo.principalForces(db, await deps.partnershipDistricts(partnershipId))
      return forces.length ? forces : [...(settings.forces ?? [])]
    },
    /** The months held of some forces, for the refresh page. */
    monthsHeld: async (forces: readonly string[]) => (await repo.months(db, forces)).map(m => ({ force: m.force, forceName: m.forceName, month: m.month })),
    refresh,
    /** The latest fetches (site-wide), newest first, for the imports page. */
    recent(limit = 10) {
      return db.selectFrom('policeArchiveFetches').selectAll().orderBy('startedAt', 'desc').orderBy('id', 'desc').limit(limit).execute()
    },
    /** A partnership's own refreshes. */
    recentFor(partnershipId: number, limit = 10) {
      return db.selectFrom('policeArchiveFetches').selectAll().where('partnershipId', '=', partnershipId).orderBy('startedAt', 'desc').orderBy('id', 'desc').limit(limit).execute()
    },
  }
}

export type PoliceArchiveRefresh = ReturnType<typeof policeArchiveRefresh>
