import { sql, type Kysely } from 'kysely'

/**
 * A police.uk file's bytes can go to COPY as they are, while the importer checks every row beside it:
 *  - `force` takes its value from the transaction's `csp_hub.import_force` setting when COPY does not
 *    name the column, so the server reads the file's 12 columns itself and no line is written again. A row
 *    inserted without the setting has no default and is refused (force is not null).
 *  - The block-range indexes of the records and of the counts by LSOA cover the force as well as the month: a
 *    force-month's rows are written together, so replacing one force's month reads that force's blocks only,
 *    not every force's rows of that month.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table police_records alter column force set default nullif(current_setting('csp_hub.import_force', true), '')`.execute(db)
  await sql`drop index police_records_month_idx`.execute(db)
  await sql`create index police_records_month_force_idx on police_records using brin (month, force)`.execute(db)
  await sql`drop index police_counts_month_idx`.execute(db)
  await sql`create index police_counts_month_force_idx on police_counts using brin (month, force)`.execute(db)
}
