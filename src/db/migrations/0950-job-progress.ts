import { sql, type Kysely } from 'kysely'

/**
 * How far a long job has got, for the pages to show while it runs: `progress` holds its step and `done`
 * of `total` (JSON: { step, done, total }), written by the runner holding the job (src/core/jobs). The
 * first start's sample data load (src/demo/startup.ts) is such a job.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table jobs add column progress jsonb`.execute(db)
}
