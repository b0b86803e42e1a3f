import { constants, crc32, deflateRawSync } from 'node:zlib'

/**
 * ZIP files built in the test, so that no multi-megabyte bomb is committed: parts given as plain bytes,
 * or as a piece repeated many times (deflated as a stream, never held whole), each optionally claiming
 * another size in the directory than it really unpacks to, as a hostile file would.
 */
export interface ZipPart {
  name: string
  data: Buffer | { head?: string; repeat: string; times: number; tail?: string }
  /** The uncompressed size written in the headers (default: the true size). */
  claimSize?: number
}

/**
 * Deflate a part. A repeated piece is deflated once and its compressed form repeated: each piece is
 * flushed in full (Z_FULL_FLUSH), so it refers to nothing before it and the copies join into one valid
 * stream, which the tail ends. Building a 1.5 GB bomb then costs its checksum, not 1.5 GB of compressing.
 */
function deflatePart(part: ZipPart): { compressed: Buffer; crc: number; size: number } {
  const flushed = (text: string | Buffer) => deflateRawSync(text, { level: 9, finishFlush: constants.Z_FULL_FLUSH })
  if (Buffer.isBuffer(part.data)) return { compressed: deflateRawSync(part.data), crc: crc32(part.data) >>> 0, size: part.data.length }
  const { head = '', repeat, times, tail = '' } = part.data
  const per = Math.max(1, Math.floor((1024 * 1024) / repeat.length))
  const block = Buffer.from(repeat.repeat(per))
  const rest = Buffer.from(repeat.repeat(times % per))
  const blocks = Math.floor(times / per)
  let crc = crc32(head)
  for (let i = 0; i < blocks; i++) crc = crc32(block, crc)
  crc = crc32(tail, crc32(rest, crc))
  const compressedBlock = flushed(block)
  const compressed = Buffer.concat([flushed(head), ...Array.from({ length: blocks }, () => compressedBlock), flushed(rest), deflateRawSync(tail)])
  return { compressed, crc: crc >>> 0, size: Buffer.byteLength(head) + block.length * blocks + rest.length + Buffer.byteLength(tail) }
}

export function buildZip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const part of parts) {
    const { compressed, crc, size } = deflatePart(part)
    const name = Buffer.from(part.name)
    const claimed = part.claimSize ?? size
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(8, 8)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(compressed.length, 18)
    local.writeUInt32LE(claimed, 22)
    local.writeUInt16LE(name.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(8, 10)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(compressed.length, 20)
    central.writeUInt32LE(claimed, 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, name, compressed)
    centrals.push(central, name)
    offset += local.length + name.length + compressed.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(parts.length, 8)
  end.writeUInt16LE(parts.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
const RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
const WORKBOOK =
  '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Action plan" sheetId="1" r:id="rId1"/></sheets></workbook>'
const WORKBOOK_RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'

/**
 * An XLSX workbook whose one sheet unpacks to `unpackedBytes` of rows (each a cell holding a very long
 * number), compressing to about a thousandth of that. `claim: 'honest'` writes the true size in the
 * directory; 'small' claims 1 KB.
 */
export function xlsxBomb(unpackedBytes: number, claim: 'honest' | 'small' = 'honest'): Buffer {
  const row = `<row><c><v>${'0'.repeat(16_000)}</v></c></row>`
  return buildZip([
    { name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES) },
    { name: '_rels/.rels', data: Buffer.from(RELS) },
    { name: 'xl/workbook.xml', data: Buffer.from(WORKBOOK) },
    { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(WORKBOOK_RELS) },
    {
      name: 'xl/worksheets/sheet1.xml',
      data: {
        head: '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
        repeat: row,
        times: Math.ceil(unpackedBytes / row.length),
        tail: '</sheetData></worksheet>',
      },
      ...(claim === 'small' ? { claimSize: 1024 } : {}),
    },
  ])
}

/** A small workbook (well under a megabyte packed) whose sheet holds `cells` cells. */
export function xlsxWithCells(cells: number): Buffer {
  return buildZip([
    { name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES) },
    { name: '_rels/.rels', data: Buffer.from(RELS) },
    { name: 'xl/workbook.xml', data: Buffer.from(WORKBOOK) },
    { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(WORKBOOK_RELS) },
    {
      name: 'xl/worksheets/sheet1.xml',
      data: {
        head: '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">',
        repeat: '<c><v>1</v></c>',
        times: cells,
        tail: '</row></sheetData></worksheet>',
      },
    },
  ])
}
