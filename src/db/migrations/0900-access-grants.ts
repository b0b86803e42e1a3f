import { sql, type Kysely } from 'kysely'

/**
 * Grants (src/core/access/grants.ts): access to records only some people may see, given person by person on
 * top of a role. 'reviews' opens the domestic abuse related death review records. A grant goes with the
 * account or the partnership it was given in.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table access_grants (
      partnership_id integer not null references partnerships (id) on delete cascade,
      user_id integer not null references users (id) on delete cascade,
      "grant" text not null check ("grant" in ('reviews')),
      granted_at timestamptz not null default now(),
      granted_by_label text not null,
      primary key (partnership_id, user_id, "grant")
    );
    create index access_grants_user_idx on access_grants (user_id);
  `.execute(db)
}
