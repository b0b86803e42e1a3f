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
  /** Give up a COPY left open by a failure (the source could not be read), so the transaction can roll back. */
  abort(): Promise<void>
}

/** Something a file's bytes can be written to as they are, for COPY to read as CSV with its header line. */
export interface RawCopySink {
  write(bytes: Uint8Array): Promise<void>
  /** Ends the COPY; the rows the database says it copied. */
  end(): Promise<number>
  abort(): Promise<void>
}

export interface RawTx {
  query(text: string, params?: unknown[]): Promise<void>
  rows(text: string, params?: unknown[]): Promise<Record<string, unknown>[]>
  copy(table: string, columns: readonly string[], format?: 'csv' | 'text'): CopySink
  /** COPY of CSV bytes as they come (the first line a header, skipped). On PGlite the bytes are held until `end`. */
  copyCsvBytes(table: string, columns: readonly string[]): RawCopySink
}

const csvBytesStatement = (table: string, columns: readonly string[], source: string) =>
  `copy ${table} (${columns.join(', ')}) from ${source} with (format csv, header true)`

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
          async abort() {
            // pg-copy-streams sends CopyFail: the server ends the COPY with an error, and the connection is free again.
            stream.destroy(new Error('The import stopped: the rows read so far are not kept'))
            await finished(stream).catch(() => undefined)
          },
        }
      },
      copyCsvBytes(table, columns) {
        const stream = client.query(copyFrom(csvBytesStatement(table, columns, 'stdin'), { highWaterMark: PG_STREAM_BUFFER }))
        let failure: Error | undefined
        stream.on('error', error => (failure ??= error))
        return {
          async write(bytes) {
            if (failure) throw failure
            if (!stream.write(bytes)) await Promise.race([once(stream, 'drain'), once(stream, 'error')])
            if (failure) throw failure
          },
          async end() {
            if (failure) throw failure
            stream.end()
            await finished(stream)
            if (failure) throw failure
            return stream.rowCount
          },
          async abort() {
            stream.destroy(new Error('The import stopped: the rows read so far are not kept'))
            await finished(stream).catch(() => undefined)
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
        async abort() {
          parts = []
          size = 0
        },
      }
    },
    copyCsvBytes(table, columns) {
      // One statement for the whole file: its header line is skipped, so the bytes cannot be cut anywhere.
      let parts: BlobPart[] = []
      return {
        async write(bytes) {
          parts.push(bytes as Uint8Array<ArrayBuffer>)
        },
        async end() {
          const blob = new Blob(parts)
          parts = []
          const result = await client.query(csvBytesStatement(table, columns, "'/dev/blob'"), [], { blob })
          return result.affectedRows ?? 0
        },
        async abort() {
          parts = []
        },
      }
    },
  }
}

