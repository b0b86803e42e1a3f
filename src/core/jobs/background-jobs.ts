import os from 'node:os'

import { sql, type Kysely } from 'kysely'

import type { Database } from '../../db/tables.ts'
import type { Clock } from '../../shared/clock.ts'

import type { BackgroundJobsTable } from './job-tables.ts'

/**
 * Jobs one app server runs for all of them, claimed through the database so that N servers started
 * together on one database run each exactly once: the first to insert the job's row runs it, the others
 * find it taken. The row carries the job's progress for every server's pages to show.
 *
 * A job is taken over (claimed again) when it failed, or when its server is gone: its heartbeat is older
 * than `staleAfterMs`, or its runner was a process of this machine that no longer exists (a restart).
 */
export type BackgroundJob = Omit<BackgroundJobsTable, never>

export interface JobClaim {
  /** This process now runs the job. */
  claimed: boolean
  /** It had been started before (and failed, or its server went away); this process starts it again. */
  tookOver: boolean
  /** The job's row as it stands after the claim. */
  job: BackgroundJob
}

/** This process, as stored in `runner`. */
export const THIS_RUNNER = `${os.hostname()}:${process.pid}`

/** Whether `runner` ('host:pid') was a process of this machine that has ended. Another machine's is never known gone. */
export function isLocalProcessGone(runner: string): boolean {
  const at = runner.lastIndexOf(':')
  const [host, pid] = [runner.slice(0, at), Number(runner.slice(at + 1))]
  if (host !== os.hostname() || !Number.isInteger(pid) || pid <= 0) return false
  if (pid === process.pid) return runner !== THIS_RUNNER
  try {
    process.kill(pid, 0)
    return false
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH'
  }
}

export function backgroundJobs({ db, clock, runner = THIS_RUNNER }: { db: Kysely<Database>; clock: Clock; runner?: string }) {
  const find = (name: string): Promise<BackgroundJob | undefined> => db.selectFrom('backgroundJobs').selectAll().where('name', '=', name).executeTakeFirst()

  const jobs = {
    find,

    /** Claim the job `name` for this process (see above), starting at `step`. */
    async claim(name: string, options: { step: string; staleAfterMs: number }): Promise<JobClaim> {
      const now = clock.now()
      const before = await find(name)
      const goneRunner = before?.status === 'running' && isLocalProcessGone(before.runner) ? before.runner : null
      // One statement: when two servers claim at once, one inserts; the other waits for its row and then
      // finds it running with a fresh heartbeat, so it updates nothing and returns nothing.
      const { rows } = await sql<{ inserted: boolean }>`
        insert into background_jobs (name, status, runner, step, started_at, heartbeat_at)
        values (${name}, 'running', ${runner}, ${options.step}, ${now}, ${now})
        on conflict (name) do update set
          status = 'running', runner = excluded.runner, step = excluded.step, done = 0, total = 0, message = null,
          started_at = excluded.started_at, heartbeat_at = excluded.heartbeat_at, finished_at = null
        where background_jobs.status = 'failed'
          or (background_jobs.status = 'running'
            and (background_jobs.heartbeat_at < ${new Date(now.getTime() - options.staleAfterMs)} or background_jobs.runner = ${goneRunner}))
        returning (xmax = 0) as inserted
      `.execute(db)
      const job = (await find(name))!
      return { claimed: rows.length === 1, tookOver: rows.length === 1 && !rows[0]!.inserted, job }
    },

    /**
     * Record how far the job has got (and that its process is alive). False when the job is no longer this
     * process's (another server took it over): the caller should stop.
     */
    async progress(name: string, progress: { step?: string; done?: number; total?: number }): Promise<boolean> {
      const result = await db
        .updateTable('backgroundJobs')
        .set({ ...progress, heartbeatAt: clock.now() })
        .where('name', '=', name)
        .where('runner', '=', runner)
        .where('status', '=', 'running')
        .executeTakeFirst()
      return result.numUpdatedRows > 0n
    },

    async succeed(name: string, message: string): Promise<void> {
      await end(name, 'succeeded', message)
    },

    async fail(name: string, message: string): Promise<void> {
      await end(name, 'failed', message)
    },
  }

  async function end(name: string, status: 'succeeded' | 'failed', message: string) {
    const now = clock.now()
    await db
      .updateTable('backgroundJobs')
      .set({ status, message, finishedAt: now, heartbeatAt: now })
      .where('name', '=', name)
      .where('runner', '=', runner)
      .where('status', '=', 'running')
      .execute()
  }

  return jobs
}

export type BackgroundJobs = ReturnType<typeof backgroundJobs>
