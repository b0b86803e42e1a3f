import { isAscii } from 'node:buffer'
import { createReadStream, promises as fs } from 'node:fs'
import path from 'node:path'
import type { Readable } from 'node:stream'

import { ValidationError } from '../../shared/errors.ts'

import { CsvRecordReader, type CsvRecord } from './domain/csv-records.ts'

/**
 * Reading police.uk street-level files for the import: finding them on disk, and reading each a chunk at a
 * time into CSV records, ahead of the database so reading and writing overlap while memory stays bounded.
 */

export interface ImportFile {
  /** Where the file is on disk. */
  path: string
  /** The name to report (an upload's original name). */
  name: string
  size: number
  /** Open the file's bytes another way than from `path` (an entry of a ZIP archive, read as a stream). */
  open?: () => Promise<Readable>
}

const READ_CHUNK = 256 * 1024

/** Files, folders (searched for YYYY-MM/YYYY-MM-<force>-street.csv files) or both. */
export async function listPoliceFiles(paths: readonly string[]): Promise<ImportFile[]> {
  const files: ImportFile[] = []
  const seen = new Set<string>()
  const add = async (file: string) => {
    const resolved = path.resolve(file)
    if (seen.has(resolved)) return
    seen.add(resolved)
    files.push({ path: resolved, name: path.basename(file), size: (await fs.stat(file)).size })
  }
  for (const given of paths) {
    let stat
    try {
      stat = await fs.stat(given)
    } catch {
      throw new ValidationError({ path: `There is no file or folder ${given}` })
    }
    if (stat.isDirectory()) {
      const found: string[] = []
      const walk = async (dir: string) => {
        for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
          const full = path.join(dir, entry.name)
          if (entry.isDirectory()) await walk(full)
          else if (/-street\.csv$/i.test(entry.name)) found.push(full)
        }
      }
      await walk(given)
      if (!found.length) throw new ValidationError({ path: `${given} holds no police.uk street-level files (named like 2024-01-essex-street.csv)` })
      for (const file of found.sort((a, b) => path.basename(a).localeCompare(path.basename(b)))) await add(file)
    } else {
      await add(given)
    }
  }
  return files
}

/** The records of a file, a read-chunk at a time, with the chunk's bytes as read and the bytes read so far. */
export async function* recordBatches(file: ImportFile): AsyncGenerator<Batch> {
  const reader = new CsvRecordReader({ maxRecordLength: 1_048_576, maxFieldLength: 10_000 })
  const stream = file.open ? await file.open() : createReadStream(file.path, { highWaterMark: READ_CHUNK })
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true })
  let bytesRead = 0
  let ascii = true
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytesRead += chunk.length
      // Police.uk files are ASCII: such a chunk is read as it is, several times faster than through the
      // UTF-8 decoder. Once a chunk is not, the decoder reads the rest (it holds a character cut in two).
      ascii &&= isAscii(chunk)
      const text = ascii ? chunk.toString('latin1') : decoder.decode(chunk, { stream: true })
      yield { records: reader.push(text), bytesRead, bytes: chunk }
    }
    yield { records: [...reader.push(decoder.decode()), ...reader.end()], bytesRead, bytes: EMPTY }
  } finally {
    stream.destroy()
  }
}

export type Batch = {
  records: CsvRecord[]
  bytesRead: number
  /** The bytes these records were read from (a record may start in one chunk and end in the next). */
  bytes: Uint8Array
}
const EMPTY = new Uint8Array(0)

/**
 * Reads ahead of the consumer, up to `maxBatches` read-chunks: the next file is read and split into
 * records while the database finishes the current one, so the two overlap. Memory stays bounded.
 */
export function readAhead(source: AsyncGenerator<Batch>, maxBatches = 4): AsyncGenerator<Batch> & { close(): Promise<void> } {
  const queue: Batch[] = []
  let finished = false
  let failure: unknown
  let pumping: Promise<void> | null = null
  let wake: (() => void) | null = null
  const pump = async () => {
    try {
      while (!finished && queue.length < maxBatches) {
        const next = await source.next()
        if (next.done) finished = true
        else queue.push(next.value)
        wake?.()
      }
    } catch (error) {
      failure = error
      finished = true
      wake?.()
    } finally {
      pumping = null
    }
  }
  const start = () => {
    pumping ??= pump()
  }
  start()
  const close = async () => {
    finished = true
    await source.return(undefined)
  }
  const iterator = (async function* () {
    try {
      for (;;) {
        if (queue.length) {
          const batch = queue.shift()!
          start()
          yield batch
          continue
        }
        if (finished) {
          if (failure) throw failure
          return
        }
        await new Promise<void>(resolve => {
          wake = resolve
          start()
        })
        wake = null
      }
    } finally {
      await close()
    }
  })()
  return Object.assign(iterator, { close })
}

