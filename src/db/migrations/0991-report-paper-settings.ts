import { sql, type Kysely } from 'kysely'

/**
 * The front matter a council prints on its committee papers, kept per partnership and printed on the front
 * page of its annual report to the scrutiny committee: agenda item, report of, portfolio holder, wards
 * affected, key decision, exempt or not, and the contact officer with phone and e-mail. One row per
 * partnership at most; none until the coordinator fills it in.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table report_paper_settings (
      id serial primary key,
      partnership_id integer not null unique references partnerships (id) on delete cascade,
      agenda_item text,
      report_of text,
      portfolio_holder text,
      wards_affected text,
      key_decision boolean,
      exempt boolean,
      exempt_reason text,
      contact_name text,
      contact_phone text,
      contact_email text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )
  `.execute(db)
}
