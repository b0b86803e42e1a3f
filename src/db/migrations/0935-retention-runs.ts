import { sql, type Kysely } from 'kysely'

/**
 * The days on which the retention rules of the statutory duties' records were applied. Every app server looks
 * once an hour; the first to insert the day's row applies the rules, so two servers side by side never run them
 * together. A run that failed leaves no row, and the next look tries again. finished_at stays empty while a run
 * is under way (or if its server stopped part-way: each rule's changes are one transaction, so nothing is half
 * done, and the next day's run applies whatever is still due).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table retention_runs (
      run_on date primary key,
      runner text not null,
      started_at timestamptz not null,
      finished_at timestamptz,
      outcome text
    );
  `.execute(db)
}
