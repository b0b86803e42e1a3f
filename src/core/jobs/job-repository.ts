import { sql, type Kysely } from 'kysely'

import type { Database } from '../../db/tables.ts'

import type { JobProgress, JobStatus } from './job-tables.ts'

type Db = Kysely<Database>

export interface NewJob {
  kind: string
  payload?: Record<string, unknown>
  /** The same key is queued once, ever: a second enqueue with it does nothing. */
  dedupeKey?: string | null
  partnershipId?: number | null
  /** Attempts before the job is given up and shown as failed (default 5). */
  maxAttempts?: number
  /** Not before this time (default: now, by the runner's clock). */
  runAt?: Date
}

export type JobRow = Awaited<ReturnType<typeof jobRepository.find>> & {}

/** Queries of the jobs table. The runner passes its clock's time in, so a test's clock drives everything. */
export const jobRepository = {
  /** Queue a job in the caller's transaction; returns its id, or null when its dedupe key was queued before. */
  async enqueue(db: Db, job: NewJob, now: Date): Promise<number | null> {
    const row = await db
      .insertInto('jobs')
      .values({
        kind: job.kind,
        payload: JSON.stringify(job.payload ?? {}),
        dedupeKey: job.dedupeKey ?? null,
        partnershipId: job.partnershipId ?? null,
        maxAttempts: job.maxAttempts ?? 5,
        runAt: job.runAt ?? now,
        createdAt: now,
        updatedAt: now,
      })
      .onConflict(oc => oc.column('dedupeKey').doNothing())
      .returning('id')
      .executeTakeFirst()
    return row?.id ?? null
  },

  find(db: Db, id: number) {
    return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst()
  },

  /**
   * Claim the next ready job of these kinds: queued and due, or running with a lease that ran out (its
   * runner died). SKIP LOCKED lets several runners claim at once without waiting for or taking the same row.
   */
  async claim(db: Db, kinds: readonly string[], runner: string, now: Date, leaseMs: number) {
    if (!kinds.length) return undefined
    const result = await sql<{ id: number }>`
      update jobs set status = 'running', attempts = attempts + 1, locked_by = ${runner},
        locked_until = ${new Date(now.getTime() + leaseMs)}, started_at = coalesce(started_at, ${now}), updated_at = ${now}
      where id = (
        select id from jobs
        where kind in (${sql.join(kinds)})
          and ((status = 'queued' and run_at <= ${now}) or (status = 'running' and locked_until < ${now}))
        order by run_at, id
        limit 1
        for update skip locked
      )
      returning id`.execute(db)
    const id = result.rows[0]?.id
    return id === undefined ? undefined : (await jobRepository.find(db, id))!
  },

  /** The job queued under this dedupe key, if any. */
  findByDedupeKey(db: Db, dedupeKey: string) {
    return db.selectFrom('jobs').selectAll().where('dedupeKey', '=', dedupeKey).executeTakeFirst()
  },

  /** Record a running job's progress and extend its lease; false when this runner no longer holds it. */
  async recordProgress(db: Db, id: number, runner: string, progress: JobProgress, until: Date): Promise<boolean> {
    const result = await db
      .updateTable('jobs')
      .set({ progress: JSON.stringify(progress), lockedUntil: until })
      .where('id', '=', id)
      .where('lockedBy', '=', runner)
      .where('status', '=', 'running')
      .executeTakeFirst()
    return Number(result.numUpdatedRows) > 0
  },

  /** Extend the lease of a job this runner holds; false when it no longer holds it. */
  async extendLease(db: Db, id: number, runner: string, until: Date): Promise<boolean> {
    const result = await db
      .updateTable('jobs')
      .set({ lockedUntil: until })
      .where('id', '=', id)
      .where('lockedBy', '=', runner)
      .where('status', '=', 'running')
      .executeTakeFirst()
    return Number(result.numUpdatedRows) > 0
  },

  /** End a job this runner holds: succeeded, or failed for good. */
  async finish(db: Db, id: number, runner: string, outcome: { status: Extract<JobStatus, 'succeeded' | 'failed'>; error?: string | null; result?: unknown }, now: Date) {
    await db
      .updateTable('jobs')
      .set({
        status: outcome.status,
        lastError: outcome.error ?? null,
        result: outcome.result === undefined ? null : JSON.stringify(outcome.result),
        lockedBy: null,
        lockedUntil: null,
        finishedAt: now,
        updatedAt: now,
      })
      .where('id', '=', id)
      .where('lockedBy', '=', runner)
      .execute()
  },

  /** Put a failed attempt back in the queue, to run again at `runAt`. */
  async retryLater(db: Db, id: number, runner: string, error: string, runAt: Date, now: Date) {
    await db
      .updateTable('jobs')
      .set({ status: 'queued', lastError: error, runAt, lockedBy: null, lockedUntil: null, updatedAt: now })
      .where('id', '=', id)
      .where('lockedBy', '=', runner)
      .execute()
  },

  /** A failed (or cancelled) job queued again by hand, with its attempts counted afresh. */
  async requeue(db: Db, id: number, now: Date): Promise<boolean> {
    const result = await db
      .updateTable('jobs')
      .set({ status: 'queued', attempts: 0, runAt: now, lastError: null, finishedAt: null, updatedAt: now })
      .where('id', '=', id)
      .where('status', 'in', ['failed', 'cancelled'])
      .executeTakeFirst()
    return Number(result.numUpdatedRows) > 0
  },

  /** Running jobs whose runner is known to have gone: their lease ends now, so any runner takes them up. */
  async releaseLeases(db: Db, runners: readonly string[], now: Date): Promise<number> {
    if (!runners.length) return 0
    const result = await db.updateTable('jobs').set({ lockedUntil: now }).where('status', '=', 'running').where('lockedBy', 'in', runners).executeTakeFirst()
    return Number(result.numUpdatedRows)
  },

  runningRunners(db: Db) {
    return db.selectFrom('jobs').select('lockedBy').distinct().where('status', '=', 'running').where('lockedBy', 'is not', null).execute()
  },

  /** Record that a schedule queued a slot, unless a later one is recorded; true when this call moved it on. */
  async recordSlot(db: Db, name: string, slot: string, now: Date): Promise<boolean> {
    const result = await db
      .insertInto('jobSchedules')
      .values({ name, lastSlot: slot, lastQueuedAt: now })
      .onConflict(oc =>
        oc
          .column('name')
          .doUpdateSet({ lastSlot: slot, lastQueuedAt: now })
          .where('jobSchedules.lastSlot', '<', slot),
      )
      .executeTakeFirst()
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0
  },

  schedules(db: Db) {
    return db.selectFrom('jobSchedules').selectAll().execute()
  },

  /** The latest job of a kind that succeeded (when recurring work last ran, for the pages that say so). */
  lastSucceeded(db: Db, kind: string) {
    return db.selectFrom('jobs').selectAll().where('kind', '=', kind).where('status', '=', 'succeeded').orderBy('finishedAt', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst()
  },

  /** The latest jobs, failed and queued first, for the site admins' page. */
  recent(db: Db, options: { limit: number; kinds?: readonly string[]; partnershipId?: number }) {
    let query = db.selectFrom('jobs').selectAll()
    if (options.kinds?.length) query = query.where('kind', 'in', options.kinds)
    if (options.partnershipId !== undefined) query = query.where('partnershipId', '=', options.partnershipId)
    return query
      .orderBy(sql`case status when 'failed' then 0 when 'running' then 1 when 'queued' then 2 else 3 end`)
      .orderBy('id', 'desc')
      .limit(options.limit)
      .execute()
  },

  async counts(db: Db) {
    const rows = await db.selectFrom('jobs').select(['status', db.fn.countAll<number>().as('count')]).groupBy('status').execute()
    return Object.fromEntries(rows.map(row => [row.status, Number(row.count)])) as Partial<Record<JobStatus, number>>
  },

  /** Delete finished jobs older than a time (their work is recorded where it matters: the outbox, the imports). */
  async prune(db: Db, before: Date): Promise<number> {
    const result = await db.deleteFrom('jobs').where('status', '=', 'succeeded').where('finishedAt', '<', before).executeTakeFirst()
    return Number(result.numDeletedRows)
  },
}
