import { sql, type Kysely } from 'kysely'

/**
 * A final report does not change: when a report is marked final, the document generated then (its model, as
 * JSON, with the time its figures were taken from the records) is kept here, and every download of the final
 * report is drawn from it. A draft has no row here and follows the live records. Re-opening a report as a
 * draft deletes its row.
 *
 * Reports marked final before this migration have no stored document, and one cannot be made now as it was
 * then: they become drafts again, to be checked and marked final once more.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table report_final_documents (
      report_id integer primary key,
      partnership_id integer not null references partnerships (id) on delete cascade,
      document jsonb not null,
      generated_at timestamptz not null,
      created_at timestamptz not null default now(),
      foreign key (partnership_id, report_id) references reports (partnership_id, id) on delete cascade
    );
    create index report_final_documents_partnership_idx on report_final_documents (partnership_id);
    update reports set status = 'draft', finalised_at = null where status = 'final';
  `.execute(db)
}
