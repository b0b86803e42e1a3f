import { sql, type Kysely } from 'kysely'

/**
 * A new report may start from the narrative of the partnership's last report of its kind. Which sections were
 * copied, from which report, and which of them are still as copied (not yet edited or confirmed) is kept with
 * the report: its page flags them and its draft downloads carry a note listing them until it is marked final.
 * Null for a report that started from the starting words. Reports made before this are not flagged.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table reports add column copied_from jsonb`.execute(db)
}
