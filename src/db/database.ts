import fs from 'node:fs'

import { PGlite } from '@electric-sql/pglite'
import { CamelCasePlugin, Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'

import { PGliteDialect, pgliteMutex } from './pglite-dialect.ts'
import type { Database } from './tables.ts'

export type Db = Kysely<Database>

/** A raw connection for work Kysely cannot express (COPY). Held exclusively while `fn` runs. */
export type RawConnection =
  | { kind: 'pglite'; client: PGlite }
  | { kind: 'postgres'; client: pg.PoolClient }

export interface DatabaseHandle {
  db: Db
  kind: 'pglite' | 'postgres'
  /** Where the data lives, for messages: a folder for PGlite, the server (without password) for PostgreSQL. */
  location: string
  withRawConnection<T>(fn: (connection: RawConnection) => Promise<T>): Promise<T>
  close(): Promise<void>
}

// Parse bigint and numeric as numbers (counts and pence stay far below 2^53) and keep dates as
// 'YYYY-MM-DD' strings (a date has no time zone), the same way on both databases.
const INT8 = 20
const NUMERIC = 1700
const DATE = 1082
const parsers = { [INT8]: Number, [NUMERIC]: Number, [DATE]: (value: string) => value }

export interface DatabaseOptions {
  databaseUrl?: string | undefined
  /** PGlite data folder; `memory://` (or undefined) keeps the database in memory. */
  dataDir?: string | undefined
  /** A PGlite data folder dump (from `dumpDataDir`) to start from, for fast test databases. */
  loadDataDir?: Blob | File | undefined
  poolSize?: number
}

export async function createDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  const plugins = [new CamelCasePlugin()]
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      types: { getTypeParser: ((oid: number, format?: 'text' | 'binary') => parsers[oid as keyof typeof parsers] ?? pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser },
    })
    // An idle connection the server ends (a restart, a dropped database) must not crash the process:
    // the pool drops it and the next query opens a new one.
    pool.on('error', () => undefined)
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins })
    await sql`select 1`.execute(db)
    const url = new URL(options.databaseUrl)
    return {
      db,
      kind: 'postgres',
      location: `${url.protocol}//${url.host}${url.pathname}`,
      async withRawConnection(fn) {
        const client = await pool.connect()
        try {
          return await fn({ kind: 'postgres', client })
        } finally {
          client.release()
        }
      },
      close: () => db.destroy(),
    }
  }

  const dataDir = options.dataDir && options.dataDir !== 'memory://' ? options.dataDir : undefined
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true })
  const client = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    parsers,
  })
  const db = new Kysely<Database>({ dialect: new PGliteDialect(client), plugins })
  return {
    db,
    kind: 'pglite',
    location: dataDir ?? 'memory',
    withRawConnection: fn => pgliteMutex(client).run(() => fn({ kind: 'pglite', client })),
    close: () => db.destroy(),
  }
}
