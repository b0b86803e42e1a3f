import { sql, type Kysely } from 'kysely'

/**
 * Reminders of quarterly updates (src/capabilities/reminders).
 *
 * reminder_settings: per partnership, which reminders go and how many days before and after the quarter
 * ends. No row means none go (a partnership turns them on).
 *
 * reminder_opt_outs: the addresses that asked, by the link in a reminder, for no more of the
 * partnership's reminder e-mails.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table reminder_settings (
      partnership_id integer primary key references partnerships (id) on delete cascade,
      due_reminder boolean not null default false,
      days_before integer not null default 14 check (days_before between 0 and 90),
      overdue_reminder boolean not null default false,
      days_after integer not null default 7 check (days_after between 1 and 90),
      escalation boolean not null default false,
      escalate_after_days integer not null default 21 check (escalate_after_days between 1 and 90),
      weekly_digest boolean not null default false,
      updated_at timestamptz not null default now()
    );

    create table reminder_opt_outs (
      partnership_id integer not null references partnerships (id) on delete cascade,
      email text not null,
      created_at timestamptz not null default now(),
      primary key (partnership_id, email)
    );
  `.execute(db)
}
