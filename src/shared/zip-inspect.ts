import { createInflateRaw } from 'node:zlib'

/**
 * Looking inside a ZIP file (an XLSX workbook is one) before anything unpacks it: its central directory
 * lists every entry with the size it claims to unpack to, and an entry can be unpacked as a stream with
 * a hard limit on what comes out. Together they refuse a "zip bomb" (a few megabytes that unpack to
 * gigabytes) without ever holding it in memory.
 */

export class ZipError extends Error {}

export interface ZipEntry {
  name: string
  /** 0 stored, 8 deflated. */
  method: number
  compressedSize: number
  /** What the directory says the entry unpacks to: a claim, checked when the entry is read. */
  uncompressedSize: number
  localHeaderOffset: number
}

const EOCD = 0x06054b50
const CENTRAL = 0x02014b50
const LOCAL = 0x04034b50
const ZIP64_MARK = 0xffffffff

/** The entries listed in the central directory, without unpacking anything. */
export function zipDirectory(buffer: Buffer): ZipEntry[] {
  // The end-of-central-directory record is in the last 22 bytes, plus a comment of up to 65,535.
  let eocd = -1
  for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 22 - 65_535); i--) {
    if (buffer.readUInt32LE(i) === EOCD) {
      eocd = i
      break
    }
  }
  if (eocd < 0) throw new ZipError('not a ZIP file: no central directory')
  const count = buffer.readUInt16LE(eocd + 10)
  const size = buffer.readUInt32LE(eocd + 12)
  const offset = buffer.readUInt32LE(eocd + 16)
  if (count === 0xffff || size === ZIP64_MARK || offset === ZIP64_MARK) throw new ZipError('a ZIP64 file (over 4 GB, or over 65,535 entries)')
  if (offset + size > eocd) throw new ZipError('the central directory is out of place')
  const entries: ZipEntry[] = []
  let at = offset
  for (let n = 0; n < count; n++) {
    if (at + 46 > buffer.length || buffer.readUInt32LE(at) !== CENTRAL) throw new ZipError('the central directory is damaged')
    const nameLength = buffer.readUInt16LE(at + 28)
    const entry: ZipEntry = {
      method: buffer.readUInt16LE(at + 10),
      compressedSize: buffer.readUInt32LE(at + 20),
      uncompressedSize: buffer.readUInt32LE(at + 24),
      name: buffer.toString('utf8', at + 46, at + 46 + nameLength),
      localHeaderOffset: buffer.readUInt32LE(at + 42),
    }
    if (entry.compressedSize === ZIP64_MARK || entry.uncompressedSize === ZIP64_MARK || entry.localHeaderOffset === ZIP64_MARK) {
      throw new ZipError('a ZIP64 entry (over 4 GB)')
    }
    entries.push(entry)
    at += 46 + nameLength + buffer.readUInt16LE(at + 30) + buffer.readUInt16LE(at + 32)
  }
  return entries
}

/**
 * Unpack one entry as a stream, handing each piece to `onChunk` and keeping none of it, and stop with a
 * ZipError as soon as more comes out than `maxBytes` or than the directory claimed: a bomb is found after
 * at most that many bytes, whatever it would unpack to.
 */
export async function streamEntry(buffer: Buffer, entry: ZipEntry, maxBytes: number, onChunk: (chunk: Buffer) => void): Promise<number> {
  const at = entry.localHeaderOffset
  if (at + 30 > buffer.length || buffer.readUInt32LE(at) !== LOCAL) throw new ZipError(`the entry ${entry.name} is damaged`)
  const start = at + 30 + buffer.readUInt16LE(at + 26) + buffer.readUInt16LE(at + 28)
  const data = buffer.subarray(start, start + entry.compressedSize)
  const limit = Math.min(maxBytes, entry.uncompressedSize)
  if (entry.method === 0) {
    if (data.length > limit) throw new ZipError(`the entry ${entry.name} is larger than it says`)
    onChunk(data)
    return data.length
  }
  if (entry.method !== 8) throw new ZipError(`the entry ${entry.name} uses a compression method other than deflate`)
  return new Promise<number>((resolve, reject) => {
    const inflate = createInflateRaw()
    let total = 0
    let failed = false
    inflate.on('data', (chunk: Buffer) => {
      if (failed) return
      total += chunk.length
      if (total > limit) {
        failed = true
        inflate.destroy()
        return reject(new ZipError(total > entry.uncompressedSize ? `the entry ${entry.name} unpacks to more than it says` : `the entry ${entry.name} is too large`))
      }
      try {
        onChunk(chunk)
      } catch (error) {
        failed = true
        inflate.destroy()
        reject(error as Error)
      }
    })
    inflate.on('error', error => {
      if (!failed) reject(new ZipError(`the entry ${entry.name} is damaged (${error.message})`))
      failed = true
    })
    inflate.on('end', () => {
      if (!failed) resolve(total)
    })
    inflate.end(data)
  })
}
