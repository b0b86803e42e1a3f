import { sql, type Kysely } from 'kysely'

/**
 * Targets as real plans print them:
 * - 'point_change': a change in percentage points for a percentage indicator ("a 2 percentage point reduction
 *   on 30.5%"), signed in change_points;
 * - 'to_be_agreed': a target the plan lists as TBA, a state of its own rather than a missing row;
 * - per_year: a percentage change applied once for each year since the baseline ("−5% a year"), so one
 *   indicator holds a baseline year and several target years by one rule;
 * - printed_value: the figure the plan printed for the target, kept beside the one worked out by its rule so
 *   a disagreement is shown, not lost.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table indicator_targets drop constraint indicator_targets_kind_check;
    alter table indicator_targets
      add constraint indicator_targets_kind_check check (kind in ('percent_change', 'point_change', 'absolute', 'direction', 'to_be_agreed')),
      add column change_points numeric(7, 2) check (change_points between -100 and 100),
      add column per_year boolean not null default false,
      add column printed_value numeric(16, 2) check (printed_value >= 0),
      add constraint indicator_targets_points_check check ((kind = 'point_change') = (change_points is not null)),
      add constraint indicator_targets_per_year_check check (not per_year or kind = 'percent_change');
  `.execute(db)
}
