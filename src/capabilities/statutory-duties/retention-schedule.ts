import os from 'node:os'

import { ukDate } from '../../core/calendar/index.ts'
import type { Db } from '../../db/database.ts'
import type { Logger } from '../../logger.ts'
import type { Clock } from '../../shared/clock.ts'

import type { RetentionOutcome } from './duties.ts'

/** How often each app server looks whether today's run has been done. */
const RETENTION_CHECK_MS = 60 * 60_000

/** "death review: 1 anonymised; death review meeting: 0 deleted" */
function describeOutcomes(outcomes: readonly RetentionOutcome[]): string {
  return outcomes
    .map(o => `${o.recordType}: ${o.count} ${o.action === 'anonymise' ? 'anonymised' : 'deleted'}`)
    .join('; ')
}

/**
 * The retention rules applied by the system, once a (UK) day: every app server calls runDue() once an hour; the
 * first to claim the day in retention_runs applies the rules, the others find the day taken. A run that throws
 * gives the day back, so the next call tries again; its error is logged. The day's scheduled run also does the
 * duties' other daily work (alsoDaily); `csp-hub retention run` (runNow) applies the rules only.
 */
export function retentionSchedule({
  db,
  clock,
  logger,
  run,
  alsoDaily,
  runner = `${os.hostname()}:${process.pid}`,
}: {
  db: Db
  clock: Clock
  logger: Logger
  run: (now: Date) => Promise<RetentionOutcome[]>
  /** Other daily work of the duties (the death reviews' reminders), done after the rules in the day's scheduled run; if it throws, the day is given back. */
  alsoDaily?: (now: Date) => Promise<void>
  runner?: string
}) {
  async function claim(day: string, now: Date, by: string): Promise<boolean> {
    const claimed = await db
      .insertInto('retentionRuns')
      .values({ runOn: day, runner: by, startedAt: now })
      .onConflict(oc => oc.column('runOn').doNothing())
      .returning('runOn')
      .executeTakeFirst()
    return claimed !== undefined
  }

  async function apply(day: string, now: Date, daily: boolean): Promise<RetentionOutcome[]> {
    try {
      const outcomes = await run(now)
      if (daily && alsoDaily) await alsoDaily(now)
      await db
        .updateTable('retentionRuns')
        .set({ finishedAt: clock.now(), outcome: describeOutcomes(outcomes) })
        .where('runOn', '=', day)
        .execute()
      return outcomes
    } catch (error) {
      await db.deleteFrom('retentionRuns').where('runOn', '=', day).execute()
      throw error
    }
  }

  const schedule = {
    /** Apply the rules unless today's run has been claimed already; null when it had. */
    async runDue(): Promise<RetentionOutcome[] | null> {
      const now = clock.now()
      const day = ukDate(now)
      if (!(await claim(day, now, runner))) return null
      const outcomes = await apply(day, now, true)
      logger.info({ outcomes }, `Applied the retention rules: ${describeOutcomes(outcomes)}`)
      return outcomes
    },

    /** Apply the rules now, whether or not today's scheduled run has been done (`csp-hub retention run`); recorded as today's run. */
    async runNow(by: string): Promise<RetentionOutcome[]> {
      const now = clock.now()
      const day = ukDate(now)
      await db
        .insertInto('retentionRuns')
        .values({ runOn: day, runner: by, startedAt: now })
        .onConflict(oc =>
          oc.column('runOn').doUpdateSet({ runner: by, startedAt: now, finishedAt: null, outcome: null }),
        )
        .execute()
      return apply(day, now, false)
    },

    /** The latest run that finished, for the pages that state the rules. */
    async lastRun(): Promise<{ runOn: string; finishedAt: Date; outcome: string } | null> {
      const row = await db
        .selectFrom('retentionRuns')
        .select(['runOn', 'finishedAt', 'outcome'])
        .where('finishedAt', 'is not', null)
        .orderBy('runOn', 'desc')
        .limit(1)
        .executeTakeFirst()
      return row ? { runOn: row.runOn, finishedAt: row.finishedAt!, outcome: row.outcome ?? '' } : null
    },

    /** Look now and then every hour until the returned function is called; a failure is logged and tried again at the next look. */
    start(everyMs = RETENTION_CHECK_MS): () => void {
      let busy = false
      const look = () => {
        if (busy) return
        busy = true
        schedule
          .runDue()
          .catch(error =>
            logger.error(
              { err: error },
              'Applying the retention rules failed: the next look, within the hour, tries again',
            ),
          )
          .finally(() => (busy = false))
      }
      look()
      const timer = setInterval(look, everyMs)
      timer.unref()
      return () => clearInterval(timer)
    },
  }
  return schedule
}
export type RetentionSchedule = ReturnType<typeof retentionSchedule>
