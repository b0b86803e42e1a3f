import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'

/**
 * The rows of text of an uploaded spreadsheet: a sheet of an XLSX workbook (Excel, LibreOffice, Google
 * Sheets) or a CSV file (UTF-8, or Windows-1252 as older Excel saves it). Problems a user can fix are
 * SpreadsheetFileError with a message to show beside the file field.
 */
export class SpreadsheetFileError extends Error {}

/** A cell's value as text: dates as 'YYYY-MM-DD', formulas as their result, rich text as its words. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return ''
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

function decodeText(buffer: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer).replace(/^\uFEFF/, '')
  } catch {
    return new TextDecoder('windows-1252').decode(buffer)
  }
}

/** `sheetName`: the sheet to read in a workbook (case aside); the first sheet when there is none of that name. */
export async function readSpreadsheetRows(buffer: Buffer, fileName: string, sheetName?: string): Promise<string[][]> {
  if (buffer.length === 0) throw new SpreadsheetFileError('The selected file is empty')
  if (isOldExcel(buffer)) throw new SpreadsheetFileError('The selected file is an old Excel (.xls) file: save it as an Excel Workbook (.xlsx) or CSV, then upload that')
  if (isZip(buffer)) {
    const workbook = new ExcelJS.Workbook()
    try {
      await workbook.xlsx.load(buffer as unknown as ArrayBuffer)
    } catch {
      throw new SpreadsheetFileError('The selected file could not be read as an Excel workbook: save it again as .xlsx or CSV')
    }
    const wanted = sheetName?.trim().toLowerCase()
    const sheet = workbook.worksheets.find(ws => ws.name.trim().toLowerCase() === wanted) ?? workbook.worksheets[0]
    if (!sheet) throw new SpreadsheetFileError('The workbook has no sheets')
    const rows: string[][] = []
    for (let r = 1; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r)
      const cells: string[] = []
      for (let c = 1; c <= sheet.columnCount; c++) cells.push(cellText(row.getCell(c).value))
      rows.push(cells)
    }
    return rows
  }
  if (/\.(docx?|pdf|odt)$/i.test(fileName)) throw new SpreadsheetFileError('The selected file is a document, not a spreadsheet: save it as XLSX or CSV')
  const text = decodeText(buffer)
  if (text.includes('\u0000')) throw new SpreadsheetFileError('The selected file must be an XLSX or CSV file')
  try {
    return parse(text, { relax_column_count: true, skip_empty_lines: false, bom: true }) as string[][]
  } catch (error) {
    const line = (error as { lines?: number }).lines
    throw new SpreadsheetFileError(`The selected file could not be read as CSV${line ? ` (near line ${line})` : ''}: check its quotation marks, or save it again from your spreadsheet program`)
  }
}
