import { sql, type Kysely } from 'kysely'

/**
 * The import jobs' watchdog. `heartbeat_at` is when a job last showed it was alive (its server holds it
 * queued, or it read more of its file); `runner` names the process holding it ('host:pid'). Any app server
 * fails a queued or running job whose heartbeat is older than the limit, so no job waits for ever when the
 * server that held it died, wherever that was. Jobs already in the table count from their last update.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table police_import_jobs add column heartbeat_at timestamptz, add column runner text;
    update police_import_jobs set heartbeat_at = updated_at;
    alter table police_import_jobs alter column heartbeat_at set default now(), alter column heartbeat_at set not null;
    create index police_import_jobs_unfinished_idx on police_import_jobs (heartbeat_at) where status in ('queued', 'running');
  `.execute(db)
}
