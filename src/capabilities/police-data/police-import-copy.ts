import { once } from 'node:events'
import { finished } from 'node:stream/promises'

import { from as copyFrom } from 'pg-copy-streams'

import type { RawConnection } from '../../db/database.ts'

/**
 * Writing rows in bulk with COPY inside one transaction, on either database: pg-copy-streams on PostgreSQL;
 * on PGlite, COPY FROM '/dev/blob' with a few megabytes at a time.
 */

/** PostgreSQL: bytes gathered before each write to the COPY stream. */
const PG_WRITE_BYTES = 256 * 1024
/** PostgreSQL: how far the reader may run ahead of the server, so both work at once. */
const PG_STREAM_BUFFER = 4 * 1024 * 1024
/** PGlite: bytes per COPY FROM '/dev/blob' statement (bigger is faster; this bounds memory). */
const PGLITE_CHUNK_BYTES = 16 * 1024 * 1024

/** Something COPY rows can be written to, inside the file's transaction. */
export interface CopySink {
  write(text: string): Promise<void>
  end(): Promise<void>
}

export interface RawTx {
  query(text: string, params?: unknown[]): Promise<void>
  rows(text: string, params?: unknown[]): Promise<Record<string, unknown>[]>
  copy(table: string, columns: readonly string[], format?: 'csv' | 'text'): CopySink
}

export function rawTx(connection: RawConnection): RawTx {
  if (connection.kind === 'postgres') {
    const client = connection.client
    return {
      async query(text, params) {
        await client.query(text, params)
      },
      async rows(text, params) {
        return (await client.query(text, params)).rows as Record<string, unknown>[]
      },
      copy(table, columns, format = 'text') {
        const stream = client.query(copyFrom(`copy ${table} (${columns.join(', ')}) from stdin with (format ${format})`, { highWaterMark: PG_STREAM_BUFFER }))
        let failure: Error | undefined
        stream.on('error', error => (failure ??= error))
        let buffer = ''
        const flush = async () => {
          if (failure) throw failure
          if (!buffer) return
          const ok = stream.write(buffer)
          buffer = ''
          if (!ok) await Promise.race([once(stream, 'drain'), once(stream, 'error')])
          if (failure) throw failure
        }
        return {
          async write(text) {
            buffer += text
            if (buffer.length >= PG_WRITE_BYTES) await flush()
          },
          async end() {
            await flush()
            stream.end()
            await finished(stream)
            if (failure) throw failure
          },
        }
      },
    }
  }
  const client = connection.client
  return {
    async query(text, params) {
      // Without parameters, the simple protocol, which takes several statements at once.
      if (params?.length) await client.query(text, params)
      else await client.exec(text)
    },
    async rows(text, params) {
      return (await client.query(text, params ?? [])).rows as Record<string, unknown>[]
    },
    copy(table, columns, format = 'text') {
      const statement = `copy ${table} (${columns.join(', ')}) from '/dev/blob' with (format ${format})`
      let parts: string[] = []
      let size = 0
      const flush = async () => {
        if (!size) return
        const blob = new Blob(parts)
        parts = []
        size = 0
        await client.query(statement, [], { blob })
      }
      return {
        async write(text) {
          parts.push(text)
          size += text.length
          if (size >= PGLITE_CHUNK_BYTES) await flush()
        },
        end: flush,
      }
    },
  }
}

