import { ukDate } from '../../core/calendar/index.ts'
import { jobRepository, jobRunner, type JobRunner } from '../../core/jobs/index.ts'
import type { Db } from '../../db/database.ts'
import type { Logger } from '../../logger.ts'
import type { Clock } from '../../shared/clock.ts'

import type { RetentionOutcome } from './duties.ts'

/** The job that applies the retention rules, and its daily schedule. */
export const RETENTION_JOB = 'statutory-duties.retention'
export const RETENTION_SCHEDULE = 'statutory-duties.retention.daily'

/** "death review: 1 anonymised; death review meeting: 0 deleted" */
export function describeOutcomes(outcomes: readonly RetentionOutcome[]): string {
  return outcomes.map(o => `${o.recordType}: ${o.count} ${o.action === 'anonymise' ? 'anonymised' : 'deleted'}`).join('; ')
}

const isOutcomes = (value: unknown): value is RetentionOutcome[] => Array.isArray(value)

/**
 * The retention rules applied by the system once a (UK) day, as a recurring job of the job runner (core/jobs):
 * its schedule queues each day's run once, whichever app server or worker looks first, and one runner takes
 * it; a run that fails is tried again with back-off, then shown failed on the jobs page (the next day's run
 * applies whatever is still due). `csp-hub retention run` (runNow) applies the rules at once, as a job of its
 * own, so it too is recorded where the pages read when the rules last ran.
 */
export function retentionSchedule({ db, clock, logger, jobs, run }: { db: Db; clock: Clock; logger: Logger; jobs: JobRunner; run: (now: Date) => Promise<RetentionOutcome[]> }) {
  const definition = {
    kind: RETENTION_JOB,
    describe: 'Apply the retention rules of the statutory duties’ records',
    async run() {
      const outcomes = await run(clock.now())
      logger.info({ outcomes }, `Applied the retention rules: ${describeOutcomes(outcomes)}`)
      return outcomes
    },
  }
  jobs.register(definition)
  jobs.schedule({ name: RETENTION_SCHEDULE, describe: 'Retention rules of the statutory duties’ records', cadence: { every: 'day', at: '02:00' }, kind: RETENTION_JOB })

  return {
    /**
     * Apply the rules now, whether or not today's run has been done (`csp-hub retention run`): queued as a job
     * and run here by a runner that takes only retention jobs. Throws with the job's error if it failed.
     */
    async runNow(by: string): Promise<RetentionOutcome[]> {
      const now = clock.now()
      const solo = jobRunner({ db, clock, logger, runnerId: by }).register(definition)
      const id = await solo.enqueue(db, { kind: RETENTION_JOB, payload: { by }, dedupeKey: `${RETENTION_JOB}:now:${now.toISOString()}`, maxAttempts: 1 })
      if (id === null) throw new Error('The retention rules are being applied at this very moment; try again.')
      for (;;) {
        const outcome = await solo.runNext()
        if (!outcome) throw new Error('The retention rules could not be applied: another runner holds the job.')
        if (outcome.id !== id) continue
        if (outcome.status !== 'succeeded') throw new Error(`Applying the retention rules failed: ${outcome.error ?? 'unknown error'}`)
        const row = await jobRepository.find(db, id)
        return isOutcomes(row?.result) ? row.result : []
      }
    },

    /** The latest run that finished, for the pages that state the rules. */
    async lastRun(): Promise<{ runOn: string; finishedAt: Date; outcome: string } | null> {
      const row = await jobRepository.lastSucceeded(db, RETENTION_JOB)
      return row?.finishedAt ? { runOn: ukDate(row.finishedAt), finishedAt: row.finishedAt, outcome: isOutcomes(row.result) ? describeOutcomes(row.result) : '' } : null
    },
  }
}
export type RetentionSchedule = ReturnType<typeof retentionSchedule>
