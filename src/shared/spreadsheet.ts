import { stringify } from 'csv-stringify/sync'
import ExcelJS from 'exceljs'

/**
 * Tables for CSV and XLSX downloads. A cell that begins with = + - @ (or a tab or carriage return) is
 * neutralised with a leading apostrophe, so a spreadsheet program never runs it as a formula (CSV/formula
 * injection). Numbers stay numbers.
 */
export type Cell = string | number | boolean | Date | null | undefined

export interface Table {
  /** Sheet name in an XLSX file (at most 31 characters). */
  name: string
  headers: string[]
  rows: Cell[][]
  /** Lines written under the table: caveats, attribution. */
  notes?: string[]
}

const DANGEROUS = /^[=+\-@\t\r]/

export function neutralise(value: Cell): Cell {
  if (typeof value === 'string' && DANGEROUS.test(value)) return `'${value}`
  return value
}

function toText(value: Cell): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return value.toISOString()
  return String(value)
}

/**
 * CSV as RFC 4180 has it: CRLF between records, and a field quoted when it holds a comma, a double quote or a
 * line break of any kind. csv-stringify quotes a field holding the record delimiter (CRLF) by itself, but not
 * one holding a bare LF, which is how text typed in a browser's text box comes back: `quoted_match` adds it.
 */
export const CSV_OPTIONS = { record_delimiter: '\r\n', quoted_match: /[\r\n]/ } as const

/** One table as CSV (UTF-8 with a byte-order mark, so Excel reads the accents), notes after a blank line. */
export function toCsv(table: Table): string {
  const body = stringify([table.headers, ...table.rows].map(row => row.map(cell => toText(neutralise(cell)))), CSV_OPTIONS)
  const notes = table.notes?.length ? `\r\n${stringify(table.notes.map(note => [toText(neutralise(note))]), CSV_OPTIONS)}` : ''
  return `\uFEFF${body}${notes}`
}

/** Several tables as sheets of one XLSX workbook. */
export async function toXlsx(tables: Table[], metadata: { title?: string; creator?: string } = {}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = metadata.creator ?? 'CSP Hub'
  workbook.title = metadata.title ?? ''
  workbook.created = new Date(0)
  const used = new Set<string>()
  for (const table of tables) {
    let name = table.name.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || 'Sheet'
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${name.slice(0, 28)} ${n}`
    used.add(name.toLowerCase())
    const sheet = workbook.addWorksheet(name)
    sheet.addRow(table.headers).font = { bold: true }
    for (const row of table.rows) sheet.addRow(row.map(cell => neutralise(cell) ?? null))
    if (table.notes?.length) {
      sheet.addRow([])
      for (const note of table.notes) sheet.addRow([neutralise(note) ?? ''])
    }
    sheet.columns.forEach((column, index) => {
      const longest = Math.max(...[table.headers[index] ?? '', ...table.rows.map(r => toText(r[index]))].map(v => v.length))
      column.width = Math.min(60, Math.max(10, longest + 2))
    })
    sheet.views = [{ state: 'frozen', ySplit: 1 }]
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/** A file name safe for Content-Disposition: letters, digits, dashes. */
export function fileName(...parts: string[]): string {
  return parts
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
}
