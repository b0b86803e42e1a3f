import { sql, type Kysely } from 'kysely'

/**
 * Onboarding: the e-mail domains whose people become members of a partnership when they first sign in
 * through single sign-on (a council's own domain, say). A domain may serve several partnerships.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table partnership_email_domains (
      partnership_id integer not null references partnerships (id) on delete cascade,
      domain text not null check (domain = lower(domain) and domain like '%.%'),
      created_at timestamptz not null default now(),
      primary key (partnership_id, domain)
    );
    create index partnership_email_domains_domain_idx on partnership_email_domains (domain);
  `.execute(db)
}
