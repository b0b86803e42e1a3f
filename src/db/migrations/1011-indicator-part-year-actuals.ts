import { sql, type Kysely } from 'kysely'

/**
 * Part-year actuals: a figure counted together from April to a month of the same financial year ("April to
 * December 2025"), as plans print one. It covers 1 to 11 months and is kept apart from the months, quarters and
 * years it overlaps (a cumulative April to June is not the first quarter).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table indicator_actuals
      add column cumulative boolean not null default false,
      drop constraint indicator_actuals_period_months_check,
      add constraint indicator_actuals_period_months_check check (
        (not cumulative and period_months in (1, 3, 12))
        or (cumulative and period_months between 1 and 11 and extract(month from period_start) = 4)
      ),
      drop constraint indicator_actuals_indicator_id_period_start_period_months_key,
      add constraint indicator_actuals_period_key unique (indicator_id, period_start, period_months, cumulative);
  `.execute(db)
}
