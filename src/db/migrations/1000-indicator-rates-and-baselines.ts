import { sql, type Kysely } from 'kysely'

/**
 * Indicators that hold what real plans print:
 * - two units for rates as rates: 'rate_per_1000' and 'rate_per_100000'. Their figures are the rate itself
 *   (12.40 per 1,000 households), to two decimal places; rate_of names what the rate is per ("households",
 *   "residents"). A baseline or actual may keep the count and denominator it was worked out from (980 over
 *   65,000 households → 15.08), or the denominator alone when the source prints only the rate;
 * - several labelled baselines for one year ("Local 2023/24", "National 2023/24"): one baseline per
 *   indicator, year and label, and at most one per indicator marked as the one RAG is judged against (a
 *   target that names no baseline of its own is measured from it).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table indicators drop constraint indicators_unit_check;
    alter table indicators
      add constraint indicators_unit_check
        check (unit in ('count', 'rate_per_1000_population', 'rate_per_1000_households', 'rate_per_1000', 'rate_per_100000', 'percentage', 'money')),
      add column rate_of text check (length(rate_of) between 1 and 60),
      add constraint indicators_rate_unit_check check ((unit in ('rate_per_1000', 'rate_per_100000')) = (rate_of is not null));

    alter table indicator_baselines
      add column label text check (length(label) between 1 and 60),
      add column judged boolean not null default false,
      add column count numeric(16, 2) check (count >= 0),
      add column denominator numeric(16, 0) check (denominator > 0),
      add constraint indicator_baselines_count_over_check check (count is null or denominator is not null);
    alter table indicator_baselines drop constraint indicator_baselines_indicator_id_year_key;
    create unique index indicator_baselines_label_key on indicator_baselines (indicator_id, year, lower(coalesce(label, '')));
    create unique index indicator_baselines_judged_key on indicator_baselines (indicator_id) where judged;

    alter table indicator_actuals
      add column count numeric(16, 2) check (count >= 0),
      add column denominator numeric(16, 0) check (denominator > 0),
      add constraint indicator_actuals_count_over_check check (count is null or denominator is not null);
  `.execute(db)
}
