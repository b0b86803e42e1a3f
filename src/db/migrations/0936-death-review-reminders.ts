import { sql, type Kysely } from 'kysely'

/**
 * The reminders of the death reviews' deadlines sent to the holders of the 'reviews' grant: one row per
 * deadline (its key and due date), kind ('upcoming' or 'overdue') and person, written in the transaction that
 * queues its e-mail in the outbox, so each is reminded once however often the daily job runs. Rows go with
 * their review.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table death_review_reminders (
      partnership_id integer not null,
      review_id integer not null,
      date_key text not null,
      due_on date not null,
      kind text not null check (kind in ('upcoming', 'overdue')),
      user_id integer not null references users (id) on delete cascade,
      queued_at timestamptz not null,
      primary key (date_key, due_on, kind, user_id),
      foreign key (partnership_id, review_id) references death_reviews (partnership_id, id) on delete cascade
    );
    create index death_review_reminders_review_idx on death_review_reminders (partnership_id, review_id);
  `.execute(db)
}
