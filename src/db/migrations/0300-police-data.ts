import { sql, type Kysely } from 'kysely'

/**
 * Police data and ONS geography (public reference data, shared by every partnership), the upload jobs of
 * police.uk files, and each partnership's priority scoring matrices.
 *
 * police_records holds every row of every imported file as published (outside any partnership's area
 * too); police_counts holds the same rows counted by force, month, LSOA and crime type, with the district
 * the LSOA lies in, and is what the analyses read. Both are replaced a force-month at a time.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table ons_districts (
      code text primary key,
      name text not null,
      county_code text,
      county_name text,
      updated_at timestamptz not null default now()
    );

    create table ons_wards (
      code text primary key,
      name text not null,
      district_code text not null,
      boundary_year integer not null,
      updated_at timestamptz not null default now()
    );
    create index ons_wards_district_idx on ons_wards (district_code);

    create table ons_lsoas (
      vintage integer not null check (vintage in (2011, 2021)),
      code text not null,
      name text not null,
      ward_code text,
      ward_year integer,
      district_code text not null,
      primary key (vintage, code)
    );

    create table ons_lsoa_best_fit (
      lsoa11_code text primary key,
      lsoa21_code text not null
    );
    create index ons_lsoa_best_fit_21_idx on ons_lsoa_best_fit (lsoa21_code);

    create table ons_lsoa_places (
      code text primary key,
      name text not null,
      district_code text not null,
      district_method text not null check (district_method in ('lookup', 'name_prefix')),
      ward_code text,
      ward_method text check (ward_method in ('lookup', 'best_fit', 'split')),
      in_lsoa11 boolean not null,
      in_lsoa21 boolean not null
    );
    create index ons_lsoa_places_district_idx on ons_lsoa_places (district_code);
    create index ons_lsoa_places_ward_idx on ons_lsoa_places (ward_code);

    create table ons_populations (
      area_type text not null check (area_type in ('district', 'ward')),
      code text not null,
      mid_year integer not null check (mid_year between 1990 and 2100),
      boundaries text not null,
      population integer not null check (population >= 0),
      source text not null,
      primary key (area_type, code, mid_year)
    );

    create table ons_boundaries (
      district_name text primary key,
      geometry text not null,
      source text not null
    );

    -- As published: the force (police.uk's id, e.g. essex), then the file's 12 columns (month 'YYYY-MM').
    create table police_records (
      force text not null,
      crime_id text,
      month text not null,
      reported_by text,
      falls_within text,
      longitude double precision,
      latitude double precision,
      location text,
      lsoa_code text,
      lsoa_name text,
      crime_type text not null,
      last_outcome text,
      context text
    );
    -- Files arrive a force-month at a time, so the rows of a month sit together: a BRIN index finds them
    -- at almost no cost to the import.
    create index police_records_month_idx on police_records using brin (month);

    create table police_counts (
      force text not null,
      month date not null,
      lsoa_code text,
      district_code text,
      crime_type text not null,
      count integer not null check (count > 0)
    );
    -- Analyses filter by district and month. Replacing a force-month finds its rows by the BRIN index on
    -- month (a force-month's rows are written together); a second B-tree would halve the import speed.
    create index police_counts_district_idx on police_counts (district_code, month);
    create index police_counts_month_idx on police_counts using brin (month);

    -- The same counts by district (no LSOA): a few hundred rows a force-month, for comparisons between
    -- districts and district-level figures, which then never read police_counts.
    create table police_district_counts (
      force text not null,
      month date not null,
      district_code text,
      crime_type text not null,
      count integer not null check (count > 0)
    );
    create index police_district_counts_district_idx on police_district_counts (district_code, month);
    create index police_district_counts_force_idx on police_district_counts (force, month);

    create table police_months (
      force text not null,
      month date not null,
      force_name text not null,
      file_name text not null,
      row_count integer not null,
      rows_without_location integer not null,
      rows_placed_by_name integer not null default 0,
      skipped_rows integer not null default 0,
      lsoa_vintage text not null check (lsoa_vintage in ('2011', '2021', 'mixed', 'either')),
      imported_at timestamptz not null default now(),
      imported_by text not null,
      primary key (force, month)
    );

    create table police_import_jobs (
      id integer generated by default as identity primary key,
      partnership_id integer not null references partnerships (id) on delete cascade,
      status text not null default 'queued' check (status in ('queued', 'running', 'succeeded', 'failed')),
      skip_bad_rows boolean not null default false,
      files jsonb not null default '[]',
      total_bytes bigint not null default 0,
      outcome jsonb not null default '[]',
      message text,
      created_by_user_id integer references users (id) on delete set null,
      created_by_label text not null,
      created_at timestamptz not null default now(),
      started_at timestamptz,
      finished_at timestamptz,
      updated_at timestamptz not null default now(),
      unique (partnership_id, id)
    );
    create index police_import_jobs_partnership_idx on police_import_jobs (partnership_id, created_at desc);

    create table priority_assessments (
      id integer generated by default as identity primary key,
      partnership_id integer not null references partnerships (id) on delete cascade,
      title text not null,
      period_from date not null,
      period_to date not null,
      notes text,
      plan_id integer,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (partnership_id, id),
      check (period_from <= period_to),
      foreign key (partnership_id, plan_id) references plans (partnership_id, id) on delete set null (plan_id)
    );

    create table priority_criteria (
      id integer generated by default as identity primary key,
      partnership_id integer not null references partnerships (id) on delete cascade,
      assessment_id integer not null,
      position integer not null,
      name text not null,
      description text,
      weight integer not null check (weight between 0 and 10),
      source text not null check (source in ('volume', 'trend', 'group')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (partnership_id, id),
      foreign key (partnership_id, assessment_id) references priority_assessments (partnership_id, id) on delete cascade
    );
    create index priority_criteria_assessment_idx on priority_criteria (assessment_id, position);

    create table priority_candidates (
      id integer generated by default as identity primary key,
      partnership_id integer not null references partnerships (id) on delete cascade,
      assessment_id integer not null,
      position integer not null,
      name text not null,
      crime_types jsonb not null default '[]',
      notes text,
      is_chosen boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (partnership_id, id),
      foreign key (partnership_id, assessment_id) references priority_assessments (partnership_id, id) on delete cascade
    );
    create index priority_candidates_assessment_idx on priority_candidates (assessment_id, position);

    create table priority_scores (
      partnership_id integer not null references partnerships (id) on delete cascade,
      candidate_id integer not null,
      criterion_id integer not null,
      score integer not null check (score between 1 and 5),
      primary key (candidate_id, criterion_id),
      foreign key (partnership_id, candidate_id) references priority_candidates (partnership_id, id) on delete cascade,
      foreign key (partnership_id, criterion_id) references priority_criteria (partnership_id, id) on delete cascade
    );
  `.execute(db)
}
