import type { PGlite, Results } from '@electric-sql/pglite'
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
  type TransactionSettings,
} from 'kysely'

/**
 * Kysely dialect for PGlite (PostgreSQL compiled to WebAssembly, in-process).
 *
 * PGlite is a single connection, so connections are handed out one at a time: a transaction holds the
 * connection until it ends and other queries wait their turn. Inside a transaction always use `trx`,
 * never the outer `db` (that would wait for the transaction that is waiting for it).
 */
export class PGliteDialect implements Dialect {
  constructor(private readonly client: PGlite) {}
  createAdapter() {
    return new PostgresAdapter()
  }
  createDriver(): Driver {
    return new PGliteDriver(this.client)
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler()
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db)
  }
}

/** Resolves in the event loop's next check phase, after it has polled for I/O. */
const nextTurn = () => new Promise<void>(resolve => setImmediate(resolve))

/**
 * A first-in first-out lock: one holder at a time. Each holder starts in a turn of the event loop of its own:
 * PGlite runs a query on this thread without waiting for I/O, so a lock handed on at once (as promises are,
 * before any I/O) let a queue of queries run back to back and hold every other request, /healthz too, until
 * it was empty: seconds under load (npm run bench:load).
 */
export class Mutex {
  #tail: Promise<void> = Promise.resolve()
  lock(): Promise<() => void> {
    let release!: () => void
    const next = new Promise<void>(resolve => (release = resolve))
    const previous = this.#tail
    this.#tail = previous.then(() => next)
    return previous.then(nextTurn).then(() => release)
  }
  async run<T>(fn: () => Promise<T>): Promise<T> {
    const release = await this.lock()
    try {
      return await fn()
    } finally {
      release()
    }
  }
}

class PGliteDriver implements Driver {
  readonly #releases = new WeakMap<DatabaseConnection, () => void>()
  constructor(private readonly client: PGlite) {}
  async init(): Promise<void> {
    await this.client.waitReady
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    const release = await pgliteMutex(this.client).lock()
    const connection = new PGliteConnection(this.client)
    this.#releases.set(connection, release)
    return connection
  }
  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const isolation = settings.isolationLevel ? ` isolation level ${settings.isolationLevel}` : ''
    await connection.executeQuery(CompiledQuery.raw(`begin${isolation}`))
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'))
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'))
  }
  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    this.#releases.get(connection)?.()
    this.#releases.delete(connection)
  }
  async destroy(): Promise<void> {
    if (!this.client.closed) await this.client.close()
  }
}

class PGliteConnection implements DatabaseConnection {
  constructor(private readonly client: PGlite) {}
  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    // Without parameters, use the simple query protocol (as node-postgres does), so a migration may hold
    // several statements; with parameters, the extended protocol.
    let result: Results<R>
    if (compiled.parameters.length === 0) {
      const results = await this.client.exec(compiled.sql)
      result = (results.at(-1) ?? { rows: [], fields: [] }) as Results<R>
    } else {
      result = await this.client.query<R>(compiled.sql, compiled.parameters as unknown[])
    }
    return {
      rows: result.rows,
      numAffectedRows: result.affectedRows === undefined ? undefined : BigInt(result.affectedRows),
    }
  }
  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('Streaming queries are not supported on PGlite')
  }
}

const mutexes = new WeakMap<PGlite, Mutex>()
/** The lock that serialises every use of one PGlite instance (Kysely's and raw COPY alike). */
export function pgliteMutex(client: PGlite): Mutex {
  let mutex = mutexes.get(client)
  if (!mutex) {
    mutex = new Mutex()
    mutexes.set(client, mutex)
  }
  return mutex
}
