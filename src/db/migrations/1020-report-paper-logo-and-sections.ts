import { sql, type Kysely } from 'kysely'

/**
 * The rest of the council's own paper, per partnership: the council's name (printed with its logo at the head
 * of the annual report's first page), the set, order and titles of the annual report's sections (JSON, null
 * until the coordinator changes them: the standard committee-report layout), and the council's logo.
 *
 * The logo is its own table so that neither the front matter's audit records nor its reads carry the picture.
 * `svg` holds an uploaded SVG as it was sanitised (scripts, event handlers, external references and
 * foreignObject removed), null for a PNG; `png` is the picture the documents draw (the upload itself, or the
 * SVG drawn to PNG), base64-encoded so both databases store it the same way.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table report_paper_settings add column council_name text`.execute(db)
  await sql`alter table report_paper_settings add column sections jsonb`.execute(db)
  await sql`
    create table report_paper_logos (
      id serial primary key,
      partnership_id integer not null unique references partnerships (id) on delete cascade,
      media_type text not null check (media_type in ('image/png', 'image/svg+xml')),
      file_name text not null,
      byte_size integer not null,
      svg text,
      png text not null,
      width integer not null check (width > 0),
      height integer not null check (height > 0),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )
  `.execute(db)
}
