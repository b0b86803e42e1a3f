import pg from 'pg'

/** A database of its own on a PostgreSQL server, for a test, a bench or the year's simulation. */
export interface ServerDatabase {
  name: string
  /** Its URL: the server's, with the database's name. */
  url: string
  /** Drops it, once the connections to it have closed (a pool's end resolves before its sockets close). */
  drop(): Promise<void>
}

/**
 * Creates the database `name` on the server at `serverUrl` (an administrator's URL): empty, or a copy of
 * `template`. With `replace`, a database of that name left by an earlier run is dropped first.
 */
export async function createServerDatabase(serverUrl: string, name: string, options: { template?: string | undefined; replace?: boolean } = {}): Promise<ServerDatabase> {
  for (const identifier of [name, options.template ?? name]) {
    if (!/^[a-z_][a-z0-9_]*$/.test(identifier)) throw new Error(`“${identifier}” is not a plain database name`)
  }
  await asAdministrator(serverUrl, async admin => {
    if (options.replace) await admin.query(`drop database if exists ${name} with (force)`)
    await admin.query(`create database ${name}${options.template ? ` template ${options.template}` : ''}`)
  })
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return {
    name,
    url: url.toString(),
    drop: () =>
      asAdministrator(serverUrl, async admin => {
        // Forcing the drop while a closed pool's sockets are still open makes them fail with 57P01, an error no
        // one is listening for any more. Wait for them (a second at most).
        for (let i = 0; i < 50; i++) {
          const { rows } = await admin.query<{ n: string }>('select count(*) as n from pg_stat_activity where datname = $1', [name])
          if (Number(rows[0]?.n ?? 0) === 0) break
          await new Promise(resolve => setTimeout(resolve, 20))
        }
        await admin.query(`drop database if exists ${name} with (force)`)
      }),
  }
}

async function asAdministrator<T>(serverUrl: string, work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  try {
    return await work(admin)
  } finally {
    await admin.end()
  }
}
