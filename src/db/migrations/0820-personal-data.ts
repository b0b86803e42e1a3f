import { sql, type Kysely } from 'kysely'

/**
 * People's data: each partnership's privacy notice, and erasure.
 *
 * The audit log stays append-only, with one exception: when a person is erased, the rows that name them
 * have their name replaced by a pseudonym. Only a transaction that has said so (set_config
 * 'csp_hub.audit_redaction' = 'on', local to the transaction) may do that, and only the words of a row
 * (summary, who did it, the values before and after) may change: never when, what, which record or who
 * by account number. Deleting and truncating are still refused.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table privacy_notices (
      partnership_id integer primary key references partnerships (id) on delete cascade,
      body text not null,
      contact text,
      updated_at timestamptz not null default now(),
      updated_by_label text not null
    );

    create or replace function audit_events_append_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE'
        and current_setting('csp_hub.audit_redaction', true) = 'on'
        and new.id = old.id
        and new.occurred_at = old.occurred_at
        and new.actor_user_id is not distinct from old.actor_user_id
        and new.partnership_id is not distinct from old.partnership_id
        and new.action = old.action
        and new.entity_type = old.entity_type
        and new.entity_id is not distinct from old.entity_id
        and new.request_id is not distinct from old.request_id then
        return new;
      end if;
      raise exception 'audit_events is append-only';
    end
    $$;
  `.execute(db)
}
