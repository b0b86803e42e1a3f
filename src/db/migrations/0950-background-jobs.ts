import { sql, type Kysely } from 'kysely'

/**
 * Work that one app server does on behalf of all of them (loading the sample data on a fresh database),
 * one row per job, by name. The server that inserts the row runs the job; the others see it taken, and the
 * pages show its progress from here (`step`, `done` of `total`). `runner` names the process ('host:pid');
 * `heartbeat_at` is when it last showed it was alive, so another server takes over a job whose server died.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table background_jobs (
      name text primary key,
      status text not null check (status in ('running', 'succeeded', 'failed')),
      runner text not null,
      step text not null default '',
      done integer not null default 0 check (done >= 0),
      total integer not null default 0 check (total >= 0),
      message text,
      started_at timestamptz not null,
      heartbeat_at timestamptz not null,
      finished_at timestamptz
    );
  `.execute(db)
}
