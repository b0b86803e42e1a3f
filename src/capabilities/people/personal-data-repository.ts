import { sql } from 'kysely'

import type { Db } from '../../db/database.ts'

/**
 * Where the database keeps things about a person, found from the schema itself so that a table a
 * capability adds later is never missed: every column with a foreign key to people(id) or users(id), and
 * every `x_label` column kept beside an `x_user_id` (who did something, by name, in case the account goes).
 */
export interface Reference {
  table: string
  column: string
  references: 'people' | 'users'
  hasPartnershipId: boolean
}

export interface LabelColumn {
  table: string
  userIdColumn: string
  labelColumn: string
  hasPartnershipId: boolean
}

/** Columns never exported: secrets, whatever record they are in. */
const SECRET_COLUMNS = new Set(['password_hash', 'token_hash', 'csrf_token', 'secret', 'code_hash', 'id_token', 'code_verifier', 'nonce', 'state'])

const camel = (s: string) => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())

export function withoutSecrets(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row)
      .filter(([key]) => !SECRET_COLUMNS.has(key) && !SECRET_COLUMNS.has(key.replace(/[A-Z]/g, c => `_${c.toLowerCase()}`)))
      .map(([key, value]) => [camel(key), value instanceof Date ? value.toISOString() : value]),
  )
}

export const personalDataRepository = {
  async references(db: Db): Promise<Reference[]> {
    const { rows } = await sql<{ tableName: string; columnName: string; referenced: 'people' | 'users'; hasPartnershipId: boolean }>`
      select cl.relname as table_name, a.attname as column_name, rcl.relname as referenced,
        exists (select 1 from pg_attribute p where p.attrelid = cl.oid and p.attname = 'partnership_id' and not p.attisdropped) as has_partnership_id
      from pg_constraint c
      join pg_class cl on cl.oid = c.conrelid
      join pg_class rcl on rcl.oid = c.confrelid
      join pg_namespace n on n.oid = cl.relnamespace
      cross join lateral unnest(c.conkey, c.confkey) as k(col, refcol)
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.col
      join pg_attribute ra on ra.attrelid = c.confrelid and ra.attnum = k.refcol
      where c.contype = 'f' and n.nspname = 'public' and rcl.relname in ('people', 'users') and ra.attname = 'id'
      order by 1, 2`.execute(db)
    return rows.map(r => ({ table: r.tableName, column: r.columnName, references: r.referenced, hasPartnershipId: r.hasPartnershipId }))
  },

  async labelColumns(db: Db): Promise<LabelColumn[]> {
    const { rows } = await sql<{ tableName: string; userIdColumn: string; labelColumn: string; hasPartnershipId: boolean }>`
      select u.table_name, u.column_name as user_id_column, l.column_name as label_column,
        exists (select 1 from information_schema.columns p where p.table_schema = 'public' and p.table_name = u.table_name and p.column_name = 'partnership_id') as has_partnership_id
      from information_schema.columns u
      join information_schema.columns l on l.table_schema = u.table_schema and l.table_name = u.table_name
        and l.column_name = regexp_replace(u.column_name, '_user_id$', '_label')
      where u.table_schema = 'public' and u.column_name like '%\\_user\\_id' and u.table_name <> 'audit_events'
      order by 1`.execute(db)
    return rows.map(r => ({ table: r.tableName, userIdColumn: r.userIdColumn, labelColumn: r.labelColumn, hasPartnershipId: r.hasPartnershipId }))
  },

  /** Rows of a table whose column is one of the ids, within the partnerships given (or all). */
  async rowsWhere(db: Db, ref: { table: string; column: string; hasPartnershipId: boolean }, ids: number[], partnershipIds: number[] | 'all') {
    if (ids.length === 0) return []
    const scoped = partnershipIds !== 'all' && ref.hasPartnershipId
    if (scoped && partnershipIds.length === 0) return []
    const { rows } = await sql<Record<string, unknown>>`
      select * from ${sql.table(ref.table)} where ${sql.ref(ref.column)} in (${sql.join(ids)})
      ${scoped ? sql`and partnership_id in (${sql.join(partnershipIds as number[])})` : sql``}
      order by 1`.execute(db)
    return rows.map(withoutSecrets)
  },

  /** Text columns of the partnerships' tables, by table, to find where free text names someone. */
  async textColumns(db: Db): Promise<{ table: string; columns: string[] }[]> {
    const { rows } = await sql<{ tableName: string; columnName: string }>`
      select c.table_name, c.column_name from information_schema.columns c
      where c.table_schema = 'public' and c.data_type = 'text' and c.table_name not in ('audit_events', 'users', 'sessions', 'people')
        and exists (select 1 from information_schema.columns p where p.table_schema = 'public' and p.table_name = c.table_name and p.column_name = 'partnership_id')
        and exists (select 1 from information_schema.columns i where i.table_schema = 'public' and i.table_name = c.table_name and i.column_name = 'id')
        and c.column_name not like '%\\_label'
      order by 1, 2`.execute(db)
    const tables = new Map<string, string[]>()
    for (const r of rows) tables.set(r.tableName, [...(tables.get(r.tableName) ?? []), r.columnName])
    return [...tables].map(([table, columns]) => ({ table, columns }))
  },

  /** Records of the partnerships whose text contains one of the words: one query a table. */
  async mentionsIn(db: Db, table: { table: string; columns: string[] }, partnershipIds: number[] | 'all', words: string[]) {
    if (words.length === 0) return []
    const patterns = words.map(w => `%${w.replace(/[%_\\]/g, c => `\\${c}`)}%`)
    const any = sql`array[${sql.join(patterns)}]::text[]`
    const { rows } = await sql<Record<string, unknown>>`
      select id, ${sql.join(table.columns.map(c => sql.ref(c)))} from ${sql.table(table.table)}
      where (${sql.join(table.columns.map(c => sql`${sql.ref(c)} ilike any(${any})`), sql` or `)})
      ${partnershipIds === 'all' ? sql`` : sql`and partnership_id in (${sql.join(partnershipIds.length ? partnershipIds : [0])})`}
      order by id limit 200`.execute(db)
    const lower = words.map(w => w.toLowerCase())
    return rows.flatMap(row =>
      table.columns
        .map(c => ({ column: camel(c), text: row[camel(c)] }))
        .filter((cell): cell is { column: string; text: string } => {
          const text = cell.text
          return typeof text === 'string' && lower.some(w => text.toLowerCase().includes(w))
        })
        .map(cell => ({ table: table.table, column: cell.column, id: Number(row.id), text: cell.text })),
    )
  },

  /** Audit events of the partnerships given (or every one, and the site's), about or by the person. */
  async auditEvents(db: Db, scope: { partnershipIds: number[] | 'all'; userId: number | null; personIds: number[]; terms: string[] }) {
    const { partnershipIds, userId, personIds, terms } = scope
    const { rows } = await sql<Record<string, unknown>>`
      select * from audit_events
      where (${partnershipIds === 'all' ? sql`true` : sql`partnership_id in (${sql.join(partnershipIds.length ? partnershipIds : [0])})`})
        and (
          ${userId === null ? sql`false` : sql`actor_user_id = ${userId} or (entity_type in ('user', 'role') and entity_id = ${String(userId)})`}
          or ${personIds.length ? sql`(entity_type = 'person' and entity_id in (${sql.join(personIds.map(String))}))` : sql`false`}
          ${sql.join(
            terms.map(term => {
              const like = `%${term.replace(/[%_\\]/g, c => `\\${c}`)}%`
              return sql`or summary ilike ${like} or actor_label ilike ${like} or before::text ilike ${like} or after::text ilike ${like}`
            }),
            sql` `,
          )}
        )
      order by id`.execute(db)
    return rows
  },
}
