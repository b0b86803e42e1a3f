import { randomBytes } from 'node:crypto'
import os from 'node:os'

import type { Kysely } from 'kysely'

import type { Database } from '../../db/tables.ts'
import type { Logger } from '../../logger.ts'
import type { Clock } from '../../shared/clock.ts'
import { ukDayAndTime } from '../calendar/index.ts'

import { retryDelayMs, type BackOff } from './domain/back-off.ts'
import { describeCadence, latestSlot, nextSlotAfter, type Cadence } from './domain/cadence.ts'
import { jobRepository, type JobRow, type NewJob } from './job-repository.ts'

/**
 * The durable job runner: background work kept in the database (the `jobs` table), run by every app
 * server that runs jobs, each job once.
 *
 * Why not pg-boss or graphile-worker: CSP Hub runs on the embedded PGlite as well as on PostgreSQL, and its
 * tests drive time with an injected clock. graphile-worker needs a pg Pool and LISTEN/NOTIFY, which PGlite
 * (one connection, in-process) does not give. pg-boss 10 does run on PGlite through its `db` adapter, but
 * (1) its singletonKey only dedupes while a job is queued or active (and its archive forgets completed
 * ones), where a reminder must go once ever; (2) its start times, retry back-off, expiry and cron read the
 * database's clock, so neither a test nor the year-long schedule check could drive them with our clock
 * without waiting in real time; (3) its timers would issue queries on PGlite's single connection outside
 * our dialect's lock, i.e. inside whatever transaction the app had open. So: one table over Kysely, on
 * both databases, with the same guarantees: a unique dedupe key per job, FOR UPDATE SKIP LOCKED claims, a
 * lease extended while a job runs (a dead server's jobs are claimed again once it runs out), retries with
 * exponential back-off, then `failed` and shown on the jobs page.
 *
 * Jobs run at least once; work that must not be done twice (an e-mail) records its own progress, as the
 * outbox does. Every time the runner reads comes from the injected clock.
 */

export interface JobContext {
  job: JobRow
  /** Tell the database this job is still being worked on (long jobs call it; a timer also does). */
  heartbeat(): Promise<void>
}

export interface JobDefinition {
  kind: string
  /** What the job does, for the jobs page: "Send an e-mail". */
  describe: string
  run(payload: Record<string, unknown>, ctx: JobContext): Promise<unknown>
  backOff?: BackOff
  /** Called once the last attempt has failed, so the failure is shown where people look. */
  onGaveUp?(job: JobRow, error: string): Promise<void>
}

export interface ScheduleDefinition {
  name: string
  describe: string
  cadence: Cadence
  /** The job queued for each slot, with the slot ('YYYY-MM-DD') in its payload. */
  kind: string
  maxAttempts?: number
}

/** A failure that another attempt cannot mend (a setting is missing): the job is given up at once. */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'PermanentJobError'
  }
}

export interface RunOutcome {
  id: number
  kind: string
  status: 'succeeded' | 'retrying' | 'failed'
  error?: string
}

const DEFAULT_LEASE_MS = 5 * 60_000
const hostname = os.hostname()

/** A runner on another process of this machine that has ended: its jobs can be taken at once. */
function isGoneOnThisHost(runner: string): boolean {
  const [host, pid] = runner.split(':')
  if (host !== hostname || !pid) return false
  if (Number(pid) === process.pid) return false
  try {
    process.kill(Number(pid), 0)
    return false
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH'
  }
}

export function jobRunner({ db, clock, logger, leaseMs = DEFAULT_LEASE_MS, runnerId }: { db: Kysely<Database>; clock: Clock; logger: Logger; leaseMs?: number; runnerId?: string }) {
  const runner = runnerId ?? `${hostname}:${process.pid}:${randomBytes(4).toString('hex')}`
  const definitions = new Map<string, JobDefinition>()
  const schedules = new Map<string, ScheduleDefinition>()
  const message = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 2000)

  /** Queue the latest slot of every schedule that has not queued it yet. Returns the slots queued. */
  async function queueDueSlots(): Promise<string[]> {
    const now = clock.now()
    const today = ukDayAndTime(now)
    const queued: string[] = []
    for (const schedule of schedules.values()) {
      const slot = latestSlot(schedule.cadence, today)
      const fresh = await db.transaction().execute(async trx => {
        if (!(await jobRepository.recordSlot(trx, schedule.name, slot, now))) return false
        const id = await jobRepository.enqueue(trx, { kind: schedule.kind, payload: { slot }, dedupeKey: `schedule:${schedule.name}:${slot}`, maxAttempts: schedule.maxAttempts ?? 3 }, now)
        return id !== null
      })
      if (fresh) queued.push(`${schedule.name} ${slot}`)
    }
    return queued
  }

  async function runNext(): Promise<RunOutcome | undefined> {
    const job = await jobRepository.claim(db, [...definitions.keys()], runner, clock.now(), leaseMs)
    if (!job) return undefined
    const definition = definitions.get(job.kind)!
    const giveUp = async (error: string): Promise<RunOutcome> => {
      await jobRepository.finish(db, job.id, runner, { status: 'failed', error }, clock.now())
      logger.error({ jobId: job.id, kind: job.kind, attempts: job.attempts, error }, 'A background job failed for good')
      await definition.onGaveUp?.(job, error).catch(hookError => logger.error({ err: hookError, jobId: job.id }, 'Could not report a failed background job'))
      return { id: job.id, kind: job.kind, status: 'failed', error }
    }
    if (job.attempts > job.maxAttempts) return giveUp(`${job.lastError ? `${job.lastError} ` : ''}It stopped answering (its server may have stopped) ${job.maxAttempts} times.`.trim())

    const heartbeat = async () => {
      await jobRepository.extendLease(db, job.id, runner, new Date(clock.now().getTime() + leaseMs))
    }
    const timer = setInterval(() => void heartbeat().catch(error => logger.warn({ err: error, jobId: job.id }, 'Could not extend a job’s lease')), Math.max(1000, leaseMs / 3))
    timer.unref()
    try {
      const result = await definition.run(job.payload, { job, heartbeat })
      await jobRepository.finish(db, job.id, runner, { status: 'succeeded', result: result ?? null }, clock.now())
      return { id: job.id, kind: job.kind, status: 'succeeded' }
    } catch (error) {
      const text = message(error)
      if (error instanceof PermanentJobError || job.attempts >= job.maxAttempts) return giveUp(text)
      const now = clock.now()
      await jobRepository.retryLater(db, job.id, runner, text, new Date(now.getTime() + retryDelayMs(job.attempts, definition.backOff)), now)
      logger.warn({ jobId: job.id, kind: job.kind, attempt: job.attempts, error: text }, 'A background job failed; it will be tried again')
      return { id: job.id, kind: job.kind, status: 'retrying', error: text }
    } finally {
      clearInterval(timer)
    }
  }

  const runnerApi = {
    id: runner,

    register(definition: JobDefinition) {
      if (definitions.has(definition.kind)) throw new Error(`Job kind ${definition.kind} is registered twice`)
      definitions.set(definition.kind, definition)
      return runnerApi
    },

    schedule(schedule: ScheduleDefinition) {
      if (schedules.has(schedule.name)) throw new Error(`Schedule ${schedule.name} is registered twice`)
      schedules.set(schedule.name, schedule)
      return runnerApi
    },

    /** Queue a job (in the caller's transaction, or on its own); null when its dedupe key was queued before. */
    enqueue(trx: Kysely<Database>, job: NewJob): Promise<number | null> {
      return jobRepository.enqueue(trx, job, clock.now())
    },

    /**
     * One turn of the runner: queue the schedules' due slots, then run ready jobs one after another until
     * none is ready (or `maxJobs` have run). What the timer calls, and what tests and `csp-hub jobs run` call.
     */
    async tick(options: { maxJobs?: number } = {}): Promise<{ queued: string[]; ran: RunOutcome[] }> {
      const queued = await queueDueSlots()
      const ran: RunOutcome[] = []
      for (let i = 0; i < (options.maxJobs ?? 10_000); i++) {
        const outcome = await runNext()
        if (!outcome) break
        ran.push(outcome)
      }
      return { queued, ran }
    },

    runNext,

    /** At start-up: jobs held by runners of this machine that have ended are released at once. */
    async releaseDeadRunners(): Promise<number> {
      const holders = (await jobRepository.runningRunners(db)).map(row => row.lockedBy!).filter(isGoneOnThisHost)
      return jobRepository.releaseLeases(db, holders, clock.now())
    },

    /** The schedules with their last and next slots, for the jobs page. */
    async scheduleStates() {
      const rows = new Map((await jobRepository.schedules(db)).map(row => [row.name, row]))
      const today = ukDayAndTime(clock.now())
      return [...schedules.values()].map(schedule => {
        const row = rows.get(schedule.name)
        return {
          name: schedule.name,
          describe: schedule.describe,
          when: describeCadence(schedule.cadence),
          lastSlot: row?.lastSlot ?? null,
          lastQueuedAt: row?.lastQueuedAt ?? null,
          nextSlot: nextSlotAfter(schedule.cadence, row?.lastSlot ?? null, today),
        }
      })
    },

    describeKind: (kind: string) => definitions.get(kind)?.describe ?? kind,

    /**
     * Run in the background: every `pollMs`, queue due slots and work through ready jobs with `concurrency`
     * workers. Returns stop(), which lets the jobs in hand finish (up to `graceMs`) and takes no more.
     */
    start(options: { pollMs?: number; concurrency?: number } = {}) {
      const pollMs = options.pollMs ?? 30_000
      let stopping = false
      let timer: NodeJS.Timeout | undefined
      let turn: Promise<void> = Promise.resolve()
      const worker = async () => {
        while (!stopping && (await runNext())) {
          /* keep going while jobs are ready */
        }
      }
      const loop = () => {
        turn = (async () => {
          try {
            await queueDueSlots()
            await Promise.all(Array.from({ length: options.concurrency ?? 2 }, worker))
          } catch (error) {
            logger.warn({ err: error }, 'The job runner could not run (the database may be unavailable); it tries again shortly')
          } finally {
            if (!stopping) timer = setTimeout(loop, pollMs)
          }
        })()
      }
      void runnerApi
        .releaseDeadRunners()
        .then(released => released && logger.info({ released }, 'Released the jobs of a runner that had stopped'))
        .catch(error => logger.warn({ err: error }, 'Could not look for the jobs of stopped runners'))
        .finally(() => !stopping && loop())
      return async (graceMs = 8_000) => {
        stopping = true
        if (timer) clearTimeout(timer)
        await Promise.race([turn, new Promise(resolve => setTimeout(resolve, graceMs).unref())])
      }
    },
  }
  return runnerApi
}

export type JobRunner = ReturnType<typeof jobRunner>
