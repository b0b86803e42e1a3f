import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'

import { Semaphore } from '../../../shared/semaphore.ts'
import { toCsv, toXlsx, type Table } from '../../../shared/spreadsheet.ts'
import { streamEntry, ZipError, zipDirectory, type ZipEntry } from '../../../shared/zip-inspect.ts'
import type { Directory } from '../domain/directory.ts'
import { nameKey, personLabel } from '../domain/directory.ts'

import { SHEET_COLUMNS, SHEET_NAME, sheetHeaders } from './domain/sheet-columns.ts'

/**
 * Reading and writing the action plan spreadsheet as files: XLSX (Excel, LibreOffice, Google Sheets) and
 * CSV. The columns and the rules are in domain/ (sheet-columns.ts, sheet-reader.ts, sheet-writer.ts); this turns files into rows of text and back.
 */

export class SpreadsheetError extends Error {}

export const MAX_FILE_BYTES = 5 * 1024 * 1024

/** A cell's value as text: dates as 'YYYY-MM-DD', formulas as their result, rich text as its words. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) {
    // Excel dates carry no time zone: ExcelJS reads them as midnight UTC.
    return value.toISOString().slice(0, 10)
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (typeof value === 'string') return value
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map(part => part.text).join('')
    if ('formula' in value || 'sharedFormula' in value) return cellText((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue)
    if ('hyperlink' in value) return String((value as ExcelJS.CellHyperlinkValue).text ?? '')
    if ('error' in value) return ''
  }
  return String(value)
}

function looksLikeZip(buffer: Buffer) {
  return buffer.length > 4 && buffer[0] === 0x50 && buffer[1] === 0x4b && buffer[2] === 0x03 && buffer[3] === 0x04
}

function looksLikeOldExcel(buffer: Buffer) {
  return buffer.length > 8 && buffer.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))
}

/** Text of a CSV file: UTF-8 (with or without a byte-order mark), or Windows-1252 as older Excel saves it. */
function decodeText(buffer: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer).replace(/^\uFEFF/, '')
  } catch {
    return new TextDecoder('windows-1252').decode(buffer)
  }
}

/**
 * What a plan's workbook may hold. The plan sheet has one row per action: a few hundred rows of some twenty
 * columns, plus the template's help and names sheets. The limits are far above that and far below what would
 * strain the server.
 */
export const WORKBOOK_LIMITS = { parts: 500, unpackedBytes: 50 * 1024 * 1024, cells: 100_000, rows: 10_000 }

/** At most two workbooks are opened at once; four more may wait; more than that are asked to try again. */
const workbooks = new Semaphore(2, 4)

const megabytes = (bytes: number) => `${Math.ceil(bytes / 1024 / 1024).toLocaleString('en-GB')} MB`

/**
 * Refuse a workbook before it is opened, from its ZIP directory (how many parts, how big each says it is
 * once unpacked) and then from its parts streamed past a counter (each unpacks to no more than it says, and
 * the sheets hold at most so many cells and rows). Nothing is kept in memory but the piece being counted,
 * so a zip bomb costs a few megabytes, not gigabytes.
 */
export async function checkWorkbook(buffer: Buffer, limits = WORKBOOK_LIMITS): Promise<void> {
  const unreadable = 'The selected file could not be read as an Excel workbook: save it again as .xlsx or CSV'
  const tooBig = (what: string) =>
    new SpreadsheetError(`The selected workbook is too large to import: ${what}. Delete the sheets you do not need, or save the “${SHEET_NAME}” sheet as CSV, and upload that`)
  let entries: ZipEntry[]
  try {
    entries = zipDirectory(buffer)
  } catch (error) {
    if (error instanceof ZipError) throw new SpreadsheetError(unreadable)
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
      if (error instanceof ZipError) throw new SpreadsheetError(`${unreadable} (${error.message})`)
      throw error
    }
  }
}

/** The rows of text of the "Action plan" sheet (or the first sheet) of a workbook checked by checkWorkbook. */
async function readWorkbookRows(buffer: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer)
  } catch {
    throw new SpreadsheetError('The selected file could not be read as an Excel workbook: save it again as .xlsx or CSV')
  }
  const sheet = workbook.worksheets.find(ws => nameKey(ws.name) === nameKey(SHEET_NAME)) ?? workbook.worksheets[0]
  if (!sheet) throw new SpreadsheetError('The workbook has no sheets')
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

/**
 * The rows of text of the action plan sheet in an uploaded file: the sheet called "Action plan" in an
 * XLSX workbook (or its first sheet), or the rows of a CSV file.
 */
export async function readSpreadsheetFile(buffer: Buffer, fileName: string): Promise<string[][]> {
  if (buffer.length === 0) throw new SpreadsheetError('The selected file is empty')
  if (looksLikeOldExcel(buffer)) throw new SpreadsheetError('The selected file is an old Excel (.xls) file: save it as an Excel Workbook (.xlsx) or CSV, then upload that')
  if (looksLikeZip(buffer)) {
    // Opening a workbook takes memory in proportion to its cells: a few at a time, and never one whose
    // directory or contents say it is bigger than a plan can be (checkWorkbook).
    const read = await workbooks.tryRun(async () => {
      await checkWorkbook(buffer)
      return readWorkbookRows(buffer)
    })
    if (!read) throw new SpreadsheetError('CSP Hub is opening several workbooks at the moment: wait a minute, then upload the file again')
    return read.value
  }
  if (/\.(docx?|pdf|odt)$/i.test(fileName)) {
    throw new SpreadsheetError('The selected file is a document, not a spreadsheet: copy the plan’s table into the template (XLSX or CSV) first')
  }
  const text = decodeText(buffer)
  if (text.includes('\u0000')) throw new SpreadsheetError('The selected file must be an XLSX or CSV file')
  try {
    return parse(text, { relax_column_count: true, skip_empty_lines: false, bom: true }) as string[][]
  } catch (error) {
    const line = (error as { lines?: number }).lines
    throw new SpreadsheetError(`The selected file could not be read as CSV${line ? ` (near line ${line})` : ''}: check its quotation marks, or save it again from your spreadsheet program`)
  }
}

/** The plan as a table (one row per action), for toCsv and toXlsx: the template's headings unless others are given. */
export function planTable(rows: string[][], headers = sheetHeaders()): Table {
  return { name: SHEET_NAME, headers, rows }
}

export function planCsv(rows: string[][], headers = sheetHeaders()): string {
  return toCsv(planTable(rows, headers))
}

/** The plan's workbook: the "Action plan" sheet the import reads first, then any other sheets. */
export async function planXlsx(rows: string[][], title: string, headers = sheetHeaders(), sheets: Table[] = []): Promise<Buffer> {
  return toXlsx([planTable(rows, headers), ...sheets], { title })
}

/**
 * The empty template: the "Action plan" sheet with its headings, a sheet that explains every column,
 * and a sheet with the names of the partnership's organisations, people and groups as the import
 * expects them.
 */
export async function templateXlsx(directory: Directory, partnershipName: string): Promise<Buffer> {
  const help: Table = {
    name: 'How to fill it in',
    headers: ['Column', 'What to write', 'Example'],
    rows: SHEET_COLUMNS.map(c => [c.header + (c.required ? ' (required)' : ''), c.description, c.example]),
    notes: [
      'One row per action. Repeat the priority (and its objective) on every row of the priority.',
      'Put several items in one cell on separate lines (Alt+Enter in Excel, Ctrl+Enter in Google Sheets).',
      'Nothing is imported unless the whole file is right: the import lists every problem by row and column.',
    ],
  }
  const longest = Math.max(directory.organisations.length, directory.people.length, directory.groups.length)
  const names: Table = {
    name: 'Names you can use',
    headers: ['Organisations', 'People', 'Groups'],
    rows: Array.from({ length: longest }, (_, i) => [
      directory.organisations[i]?.name ?? '',
      directory.people[i] ? personLabel(directory, directory.people[i]) : '',
      directory.groups[i]?.name ?? '',
    ]),
    notes: [`The organisations, people and groups of ${partnershipName} on the day the template was downloaded. Add missing ones in CSP Hub before importing.`],
  }
  return toXlsx([planTable([]), help, names], { title: 'Action plan template' })
}

export function templateCsv(): string {
  return planCsv([])
}
