import { readSpreadsheetRows } from '../../../shared/spreadsheet-file.ts'
import { toCsv, type Table } from '../../../shared/spreadsheet.ts'

import { SHEET_NAME, sheetHeaders } from './domain/sheet-columns.ts'

/**
 * Reading and writing the action plan spreadsheet as files: XLSX (Excel, LibreOffice, Google Sheets) and
 * CSV. The columns and the rules are in domain/ (sheet-columns.ts, sheet-reader.ts, sheet-writer.ts); this
 * turns files into rows of text and back (the workbook with its drop-down lists is plan-workbook.ts).
 */

/** A problem with an uploaded plan file that the user can fix, shown beside the file field. */
export { SpreadsheetFileError as SpreadsheetError } from '../../../shared/spreadsheet-file.ts'

export const MAX_FILE_BYTES = 5 * 1024 * 1024

/**
 * The rows of text of the action plan sheet in an uploaded file: the sheet called "Action plan" in an
 * XLSX workbook (or its first sheet), or the rows of a CSV file.
 */
export function readSpreadsheetFile(buffer: Buffer, fileName: string): Promise<string[][]> {
  return readSpreadsheetRows(buffer, fileName, {
    sheetName: SHEET_NAME,
    documentMessage: 'The selected file is a document, not a spreadsheet: copy the plan’s table into the template (XLSX or CSV) first',
  })
}

/** The plan as a table (one row per action), for toCsv: the template's headings unless others are given. */
export function planTable(rows: string[][], headers = sheetHeaders()): Table {
  return { name: SHEET_NAME, headers, rows }
}

export function planCsv(rows: string[][], headers = sheetHeaders()): string {
  return toCsv(planTable(rows, headers))
}
