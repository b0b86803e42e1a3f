import { createReadStream, promises as fs } from 'node:fs'
import path from 'node:path'

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

/** The records of a file, a read-chunk at a time, with the bytes read so far. */
export async function* recordBatches(file: ImportFile): AsyncGenerator<{ records: CsvRecord[]; bytesRead: number }> {
  const reader = new CsvRecordReader({ maxRecordLength: 1_048_576, maxFieldLength: 10_000 })
  const stream = createReadStream(file.path, { encoding: 'utf8', highWaterMark: READ_CHUNK })
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      yield { records: reader.push(chunk), bytesRead: stream.bytesRead }
    }
    yield { records: reader.end(), bytesRead: stream.bytesRead }
  } finally {
    stream.destroy()
  }
}

export type Batch = { records: CsvRecord[]; bytesRead: number }

/**
 * Reads ahead of the consumer, up to `maxBatches` read-chunks: the next file is read and split into
 * records while the database finishes the current one, so the two overlap. Memory stays bounded.
 */
export function readAhead(source: AsyncGenerator<Batch>, maxBatches = 32): AsyncGenerator<Batch> & { close(): Promise<void> } {
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

