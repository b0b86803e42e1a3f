import { sql } from 'kysely'

import type { Db } from './database.ts'
import { createMigrator } from './migrate.ts'

/**
 * What `csp-hub check` verifies: invariants that hold whenever every write was all-or-nothing. A finding
 * means something was half-written (a crash outside a transaction, a restore gone wrong, a hand edit).
 */
export interface ConsistencyCheck {
  name: string
  /** One line per problem found; none when the invariant holds. */
  run(db: Db): Promise<string[]>
}

const plural = (n: number, word: string) => `${n.toLocaleString('en-GB')} ${word}${n === 1 ? '' : 's'}`

/** Every migration the code has is applied, and the database has none the code does not know. */
export const migrationsApplied: ConsistencyCheck = {
  name: 'every migration applied',
  async run(db) {
    const migrations = await createMigrator(db).getMigrations()
    const problems = migrations.filter(m => !m.executedAt).map(m => `migration ${m.name} has not been applied: run csp-hub migrate`)
    const known = new Set(migrations.map(m => m.name))
    const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db)
    for (const row of rows) if (!known.has(row.name)) problems.push(`migration ${row.name} is applied but this version of CSP Hub does not have it (was a newer version run on this database?)`)
    return problems
  },
}

/**
 * No row refers to a row that is not there: every foreign key of the schema, read from the catalogue, is
 * checked against the data (a constraint stops such rows being written, but not a damaged restore or a
 * load with triggers off).
 */
export const noOrphanRows: ConsistencyCheck = {
  name: 'no orphan rows (every reference of every table)',
  async run(db) {
    const { rows: keys } = await sql<{ name: string; child: string; parent: string; childColumns: string[]; parentColumns: string[] }>`
      select c.conname as name, c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent,
        array(select a.attname from unnest(c.conkey) with ordinality k(n, i) join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.i)::text[] as child_columns,
        array(select a.attname from unnest(c.confkey) with ordinality k(n, i) join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n order by k.i)::text[] as parent_columns
      from pg_constraint c join pg_namespace ns on ns.oid = c.connamespace
      where c.contype = 'f' and ns.nspname = current_schema()
      order by 2, 1`.execute(db)
    const problems: string[] = []
    const id = (name: string) => sql.id(name)
    for (const key of keys) {
      const notNull = sql.join(key.childColumns.map(column => sql`c.${id(column)} is not null`), sql` and `)
      const matches = sql.join(key.childColumns.map((column, i) => sql`p.${id(key.parentColumns[i]!)} = c.${id(column)}`), sql` and `)
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from ${sql.table(key.child)} c
        where ${notNull} and not exists (select 1 from ${sql.table(key.parent)} p where ${matches})`.execute(db)
      const n = rows[0]?.n ?? 0
      if (n) problems.push(`${plural(n, 'row')} of ${key.child} refer to ${key.parent} rows that are not there (${key.name})`)
    }
    return problems
  },
}

export async function runChecks(db: Db, checks: ConsistencyCheck[]): Promise<{ name: string; problems: string[] }[]> {
  const results = []
  for (const check of checks) results.push({ name: check.name, problems: await check.run(db) })
  return results
}
