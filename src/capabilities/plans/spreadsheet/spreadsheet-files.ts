import { readSpreadsheetRows } from '../../../shared/spreadsheet-file.ts'
import { toCsv, toXlsx, type Table } from '../../../shared/spreadsheet.ts'
import type { Directory } from '../domain/directory.ts'
import { personLabel } from '../domain/directory.ts'

import { SHEET_COLUMNS, SHEET_NAME, sheetHeaders } from './domain/sheet-columns.ts'

/**
 * Reading and writing the action plan spreadsheet as files: XLSX (Excel, LibreOffice, Google Sheets) and
 * CSV. The columns and the rules are in domain/ (sheet-columns.ts, sheet-reader.ts, sheet-writer.ts); this turns files into rows of text and back.
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
