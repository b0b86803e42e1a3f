import fs from 'node:fs'

import { PGlite } from '@electric-sql/pglite'
import { CamelCasePlugin, Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'

import { lockDataDir } from './data-dir-lock.ts'
import { isDatabaseUnavailable } from './errors.ts'
import { databaseHealth, type DatabaseHealth } from './health.ts'
import { PGliteDialect, pgliteMutex } from './pglite-dialect.ts'
import type { Database } from './tables.ts'

export type Db = Kysely<Database>

/** A raw connection for work Kysely cannot express (COPY). Held exclusively while `fn` runs. */
export type RawConnection =
  | { kind: 'pglite'; client: PGlite }
  | { kind: 'postgres'; client: pg.PoolClient }

export interface DatabaseHandle {
  db: Db
  /** Whether the database answers, as last seen (see health.ts). */
  health: DatabaseHealth
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

/**
 * PGlite's buffer cache. PostgreSQL's default (128 MB) lives in the WebAssembly memory, which never shrinks,
 * so a police.uk import filled it and the process kept it: an import of Essex × 36 months peaked at 622–699 MB.
 * PGlite's data folder is read through the operating system's file cache in any case, so a smaller cache
 * costs little: with 16 MB the same import peaked at 429–589 MB (`npm run bench:import -- --only pglite`) and
 * the strategic assessment pages were no slower.
 */
const PGLITE_SHARED_BUFFERS = '16MB'

export interface DatabaseOptions {
  databaseUrl?: string | undefined
  /** PGlite data folder; `memory://` (or undefined) keeps the database in memory. */
  dataDir?: string | undefined
  /** A PGlite data folder dump (from `dumpDataDir`) to start from, for fast test databases. */
  loadDataDir?: Blob | File | undefined
  poolSize?: number
  /**
   * Called when an idle PostgreSQL connection fails (the server restarted, or ended it). The pool drops
   * that connection and opens a new one for the next query; without a listener the error would crash
   * the process.
   */
  onIdleConnectionError?: (error: Error) => void
  /** Told when the database stops or starts answering (for the log). */
  onAvailabilityChange?: (available: boolean, error?: unknown) => void
  /** How the PGlite folder's lock names this process to a second one (default: the command line). */
  lockOwner?: string
}

export async function createDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  const plugins = [new CamelCasePlugin()]
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      // While the server restarts, a request waits at most this long for a connection, then gets a 503.
      connectionTimeoutMillis: 10_000,
      types: { getTypeParser: ((oid: number, format?: 'text' | 'binary') => parsers[oid as keyof typeof parsers] ?? pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser },
    })
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins })
    const health = databaseHealth(() => sql`select 1`.execute(db), options.onAvailabilityChange)
    // A connection the server ends (a restart, a failover, the postmaster killed) emits 'error'. The pool
    // listens on its idle connections only; a connection that is checked out (in a query, in a transaction,
    // or between two queries of one) needs a listener of its own, or the error is uncaught and ends the
    // process. With one on every connection, the query in flight fails (a 503 for its request), the pool
    // drops the broken connection and opens a new one for the next.
    const onConnectionError = (error: Error) => {
      if (isDatabaseUnavailable(error)) health.markUnavailable(error)
      options.onIdleConnectionError?.(error)
    }
    pool.on('connect', client => client.on('error', onConnectionError))
    pool.on('error', onConnectionError)
    await sql`select 1`.execute(db)
    const url = new URL(options.databaseUrl)
    return {
      db,
      health,
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
      async close() {
        health.stop()
        await db.destroy()
      },
    }
  }

  const dataDir = options.dataDir && options.dataDir !== 'memory://' ? options.dataDir : undefined
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true })
  // One process per data folder: a second one refuses here, naming the first (data-dir-lock.ts).
  const lock = dataDir ? lockDataDir(dataDir, options.lockOwner) : undefined
  let client: PGlite
  try {
    client = await PGlite.create({
      ...(dataDir ? { dataDir } : {}),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
      parsers,
      startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`],
    })
  } catch (error) {
    lock?.release()
    throw error
  }
  const db = new Kysely<Database>({ dialect: new PGliteDialect(client), plugins })
  const health = databaseHealth(() => sql`select 1`.execute(db), options.onAvailabilityChange)
  return {
    db,
    health,
    kind: 'pglite',
    location: dataDir ?? 'memory',
    withRawConnection: fn => pgliteMutex(client).run(() => fn({ kind: 'pglite', client })),
    // Kysely's destroy() does nothing if it never ran a query, so close PGlite itself as well.
    async close() {
      health.stop()
      try {
        await db.destroy()
        if (!client.closed) await client.close()
      } finally {
        lock?.release()
      }
    },
  }
}
