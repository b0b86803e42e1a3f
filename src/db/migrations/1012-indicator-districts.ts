import { sql, type Kysely } from 'kysely'

/**
 * Joint partnerships: a district's indicator is part of an indicator for the whole partnership, which shows
 * the districts' baselines and figures and, where the measure allows it, their sum. Deleting the whole
 * partnership's indicator leaves the districts' indicators standing on their own.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table indicators
      add column parent_indicator_id integer,
      add constraint indicators_parent_fkey foreign key (partnership_id, parent_indicator_id)
        references indicators (partnership_id, id) on delete set null (parent_indicator_id),
      add constraint indicators_parent_not_self check (parent_indicator_id <> id);
    create index indicators_parent_idx on indicators (parent_indicator_id) where parent_indicator_id is not null;
  `.execute(db)
}
