import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'

import { toCsv, type Table } from '../../../shared/spreadsheet.ts'
import { nameKey } from '../domain/directory.ts'

import { SHEET_NAME, sheetHeaders } from './domain/sheet-columns.ts'

/**
 * Reading and writing the action plan spreadsheet as files: XLSX (Excel, LibreOffice, Google Sheets) and
 * CSV. The columns and the rules are in domain/ (sheet-columns.ts, sheet-reader.ts, sheet-writer.ts); this
 * turns files into rows of text and back (the workbook with its drop-down lists is plan-workbook.ts).
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
 * The rows of text of the action plan sheet in an uploaded file: the sheet called "Action plan" in an
 * XLSX workbook (or its first sheet), or the rows of a CSV file.
 */
export async function readSpreadsheetFile(buffer: Buffer, fileName: string): Promise<string[][]> {
  if (buffer.length === 0) throw new SpreadsheetError('The selected file is empty')
  if (looksLikeOldExcel(buffer)) throw new SpreadsheetError('The selected file is an old Excel (.xls) file: save it as an Excel Workbook (.xlsx) or CSV, then upload that')
  if (looksLikeZip(buffer)) {
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

/** The plan as a table (one row per action), for toCsv: the template's headings unless others are given. */
export function planTable(rows: string[][], headers = sheetHeaders()): Table {
  return { name: SHEET_NAME, headers, rows }
}

export function planCsv(rows: string[][], headers = sheetHeaders()): string {
  return toCsv(planTable(rows, headers))
}
