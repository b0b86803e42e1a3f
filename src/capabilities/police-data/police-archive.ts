import type { Readable } from 'node:stream'

import yauzl from 'yauzl'

import { parseStreetFileName } from './domain/police-rows.ts'
import type { ImportFile } from './police-import-files.ts'

/**
 * The monthly police.uk archive as data.police.uk publishes it: one ZIP holding every force's files, in
 * folders YYYY-MM/YYYY-MM-<force>-street.csv (with outcomes and stop-and-search files beside them, which
 * CSP Hub does not read). The archive is read where it lies: its central directory lists the entries, and
 * each street file chosen is unpacked as a stream straight into the import, never written to disk.
 *
 * The same guards as an upload: an entry may say it unpacks to no more than the upload limit for one
 * file, and yauzl stops any entry that unpacks to more than it says (a zip bomb with a false size is
 * found after that many bytes); an archive with more entries than any real one is refused unread.
 */

export class ArchiveError extends Error {
  /** Whether fetching the archive again might mend it (a download cut short), or not (a hostile archive). */
  constructor(
    message: string,
    readonly retryable = false,
  ) {
    super(message)
  }
}

export interface ArchiveEntry {
  /** The entry's path in the archive: 2025-09/2025-09-essex-street.csv */
  path: string
  force: string
  month: string
  compressedSize: number
  uncompressedSize: number
}

export interface ArchiveLimits {
  /** The most one street file may unpack to (the upload limit for one file). */
  maxEntryBytes: number
  /** The most entries the archive may list (every force for three years is about 5,000). */
  maxEntries?: number
}

export interface OpenedArchive {
  /** Every force's street files in the archive, by month then force. */
  entries: ArchiveEntry[]
  /** Files for the importer: each opens its entry as a stream when the import reaches it. */
  files(entries: readonly ArchiveEntry[]): ImportFile[]
  close(): void
}

const MAX_ENTRIES = 50_000
const megabytes = (bytes: number) => `${Math.ceil(bytes / 1024 / 1024).toLocaleString('en-GB')} MB`

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false }, (error, zip) => {
      if (error || !zip) reject(new ArchiveError(`It is not a complete ZIP archive (${error?.message ?? 'it could not be opened'}): the download may have been cut short`, true))
      else resolve(zip)
    })
  })
}

/** Open an archive on disk and list its street files; checks every entry's claimed size before any is read. */
export async function openPoliceArchive(file: string, limits: ArchiveLimits): Promise<OpenedArchive> {
  const zip = await openZip(file)
  const maxEntries = limits.maxEntries ?? MAX_ENTRIES
  try {
    if (zip.entryCount > maxEntries) throw new ArchiveError(`It lists ${zip.entryCount.toLocaleString('en-GB')} entries, more than any police.uk archive (at most ${maxEntries.toLocaleString('en-GB')})`)
    const byPath = new Map<string, yauzl.Entry>()
    const entries: ArchiveEntry[] = []
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (entry: yauzl.Entry) => {
        const named = /\/$/.test(entry.fileName) ? null : parseStreetFileName(entry.fileName)
        if (named) {
          if (entry.uncompressedSize > limits.maxEntryBytes) {
            reject(new ArchiveError(`${entry.fileName} says it unpacks to ${megabytes(entry.uncompressedSize)}, more than the ${megabytes(limits.maxEntryBytes)} allowed for one file`))
            return
          }
          byPath.set(entry.fileName, entry)
          entries.push({ path: entry.fileName, ...named, compressedSize: entry.compressedSize, uncompressedSize: entry.uncompressedSize })
        }
        zip.readEntry()
      })
      zip.on('end', () => resolve())
      zip.on('error', (error: Error) => reject(new ArchiveError(`The archive is damaged (${error.message})`, true)))
      zip.readEntry()
    })
    entries.sort((a, b) => a.month.localeCompare(b.month) || a.force.localeCompare(b.force))
    const openEntry = (entry: yauzl.Entry) =>
      new Promise<Readable>((resolve, reject) => {
        zip.openReadStream(entry, (error, stream) => {
          if (error || !stream) reject(new ArchiveError(`${entry.fileName} could not be read from the archive (${error?.message ?? 'no data'})`))
          else resolve(stream)
        })
      })
    return {
      entries,
      files: chosen =>
        chosen.map(e => ({
          path: e.path,
          name: e.path.split('/').pop()!,
          size: e.uncompressedSize,
          open: () => openEntry(byPath.get(e.path)!),
        })),
      close: () => zip.close(),
    }
  } catch (error) {
    zip.close()
    throw error
  }
}
