import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'

import { Semaphore } from './semaphore.ts'
import { streamEntry, ZipError, zipDirectory, type ZipEntry } from './zip-inspect.ts'

/**
 * The rows of text of an uploaded spreadsheet: a sheet of an XLSX workbook (Excel, LibreOffice, Google
 * Sheets) or a CSV file (UTF-8, or Windows-1252 as older Excel saves it). Every import that takes a
 * spreadsheet reads it here, so each gets the same checks against hostile workbooks. Problems a user can
 * fix are SpreadsheetFileError with a message to show beside the file field.
 */
export class SpreadsheetFileError extends Error {}

/** A cell's value as text: dates as 'YYYY-MM-DD', formulas as their result, rich text as its words. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return ''
  // Excel dates carry no time zone: ExcelJS reads them as midnight UTC.
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return String(value)
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map(part => part.text).join('')
    if ('formula' in value || 'sharedFormula' in value) return cellText((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue)
    if ('hyperlink' in value) return String((value as ExcelJS.CellHyperlinkValue).text ?? '')
    if ('error' in value) return ''
    if ('text' in value) return String((value as { text: unknown }).text)
  }
  return String(value)
}

const isZip = (b: Buffer) => b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04
const isOldExcel = (b: Buffer) => b.length > 8 && b.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))

/** Text of a CSV file: UTF-8 (with or without a byte-order mark), or Windows-1252 as older Excel saves it. */
function decodeText(buffer: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer).replace(/^\uFEFF/, '')
  } catch {
    return new TextDecoder('windows-1252').decode(buffer)
  }
}

/**
 * What a workbook CSP Hub imports may hold. The largest is a plan's: one row per action, a few hundred rows
 * of some twenty columns, plus the template's help and names sheets. The limits are far above that and far
 * below what would strain the server.
 */
export const WORKBOOK_LIMITS = { parts: 500, unpackedBytes: 50 * 1024 * 1024, cells: 100_000, rows: 10_000 }

/** At most two workbooks are opened at once, whatever imports them; four more may wait; more are asked to try again. */
const workbooks = new Semaphore(2, 4)

const megabytes = (bytes: number) => `${Math.ceil(bytes / 1024 / 1024).toLocaleString('en-GB')} MB`
const UNREADABLE = 'The selected file could not be read as an Excel workbook: save it again as .xlsx or CSV'

/**
 * Refuse a workbook before it is opened, from its ZIP directory (how many parts, how big each says it is
 * once unpacked) and then from its parts streamed past a counter (each unpacks to no more than it says, and
 * the sheets hold at most so many cells and rows). Nothing is kept in memory but the piece being counted,
 * so a zip bomb costs a few megabytes, not gigabytes. `sheetName` names the sheet the import reads, for the
 * advice to save it alone as CSV.
 */
export async function checkWorkbook(buffer: Buffer, limits = WORKBOOK_LIMITS, sheetName?: string): Promise<void> {
  const sheet = sheetName ? `the “${sheetName}” sheet` : 'the sheet you need'
  const tooBig = (what: string) =>
    new SpreadsheetFileError(`The selected workbook is too large to import: ${what}. Delete the sheets you do not need, or save ${sheet} as CSV, and upload that`)
  let entries: ZipEntry[]
  try {
    entries = zipDirectory(buffer)
  } catch (error) {
    if (error instanceof ZipError) throw new SpreadsheetFileError(UNREADABLE)
    throw error
  }
  if (entries.length > limits.parts) throw tooBig(`it has ${entries.length.toLocaleString('en-GB')} parts, and a workbook CSP Hub imports has at most ${limits.parts}`)
  const claimed = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0)
  if (claimed > limits.unpackedBytes) throw tooBig(`it would take ${megabytes(claimed)} once opened, and the most CSP Hub opens is ${megabytes(limits.unpackedBytes)}`)
  let cells = 0
  let rows = 0
  for (const entry of entries) {
    const isSheet = /^xl\/worksheets\/[^/]+\.xml$/i.test(entry.name)
    let tail = ''
    try {
      await streamEntry(buffer, entry, limits.unpackedBytes, chunk => {
        if (!isSheet) return
        // Count the cells and rows as they stream past; a tag cut in two by the chunks is counted once.
        const text = tail + chunk.toString('latin1')
        for (const match of text.matchAll(/<(?:\w+:)?(c|row)[\s>/]/g)) {
          if (match.index + match[0].length <= tail.length) continue
          if (match[1] === 'c') cells++
          else rows++
        }
        tail = text.slice(-8)
        if (cells > limits.cells) throw tooBig(`its sheets hold more than ${limits.cells.toLocaleString('en-GB')} cells`)
        if (rows > limits.rows) throw tooBig(`its sheets hold more than ${limits.rows.toLocaleString('en-GB')} rows`)
      })
    } catch (error) {
      if (error instanceof ZipError) throw new SpreadsheetFileError(`${UNREADABLE} (${error.message})`)
      throw error
    }
  }
}

/** The rows of text of the named sheet (case and spacing aside), or the first sheet, of a workbook checked by checkWorkbook. */
async function readWorkbookRows(buffer: Buffer, sheetName: string | undefined): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer)
  } catch {
    throw new SpreadsheetFileError(UNREADABLE)
  }
  const key = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase()
  const wanted = sheetName === undefined ? undefined : key(sheetName)
  const sheet = workbook.worksheets.find(ws => key(ws.name) === wanted) ?? workbook.worksheets[0]
  if (!sheet) throw new SpreadsheetFileError('The workbook has no sheets')
  const rows: string[][] = []
  const width = sheet.columnCount
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r)
    const cells: string[] = []
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c).value))
    rows.push(cells)
  }
  return rows
}

export interface ReadOptions {
  /** The sheet to read in a workbook (case aside); the first sheet when there is none of that name. */
  sheetName?: string
  /** What to say when the file is a document (Word, PDF) rather than a spreadsheet. */
  documentMessage?: string
}

export async function readSpreadsheetRows(buffer: Buffer, fileName: string, options: ReadOptions = {}): Promise<string[][]> {
  if (buffer.length === 0) throw new SpreadsheetFileError('The selected file is empty')
  if (isOldExcel(buffer)) throw new SpreadsheetFileError('The selected file is an old Excel (.xls) file: save it as an Excel Workbook (.xlsx) or CSV, then upload that')
  if (isZip(buffer)) {
    // Opening a workbook takes memory in proportion to its cells: a few at a time, and never one whose
    // directory or contents say it is bigger than an import can be (checkWorkbook).
    const read = await workbooks.tryRun(async () => {
      await checkWorkbook(buffer, WORKBOOK_LIMITS, options.sheetName)
      return readWorkbookRows(buffer, options.sheetName)
    })
    if (!read) throw new SpreadsheetFileError('CSP Hub is opening several workbooks at the moment: wait a minute, then upload the file again')
    return read.value
  }
  if (/\.(docx?|pdf|odt)$/i.test(fileName)) {
    throw new SpreadsheetFileError(options.documentMessage ?? 'The selected file is a document, not a spreadsheet: save it as XLSX or CSV')
  }
  const text = decodeText(buffer)
  if (text.includes('\u0000')) throw new SpreadsheetFileError('The selected file must be an XLSX or CSV file')
  try {
    return parse(text, { relax_column_count: true, skip_empty_lines: false, bom: true }) as string[][]
  } catch (error) {
    const line = (error as { lines?: number }).lines
    throw new SpreadsheetFileError(`The selected file could not be read as CSV${line ? ` (near line ${line})` : ''}: check its quotation marks, or save it again from your spreadsheet program`)
  }
}
