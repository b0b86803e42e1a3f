import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'

import { readSpreadsheetRows, SpreadsheetFileError } from './spreadsheet-file.ts'

describe('reading an uploaded spreadsheet', () => {
  it('reads a CSV file with a byte-order mark and quoted cells', async () => {
    const csv = Buffer.from('\uFEFFName,Email address\r\n"Bloggs, Jo",jo@example.org\r\n')
    expect(await readSpreadsheetRows(csv, 'people.csv')).toEqual([['Name', 'Email address'], ['Bloggs, Jo', 'jo@example.org']])
  })

  it('reads the named sheet of a workbook, or its first', async () => {
    const workbook = new ExcelJS.Workbook()
    workbook.addWorksheet('Notes').addRow(['ignore me'])
    const sheet = workbook.addWorksheet('People')
    sheet.addRow(['Name', 'Email address'])
    sheet.addRow(['Jo', { text: 'jo@example.org', hyperlink: 'mailto:jo@example.org' }])
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer())
    expect(await readSpreadsheetRows(buffer, 'x.xlsx', { sheetName: 'people' })).toEqual([['Name', 'Email address'], ['Jo', 'jo@example.org']])
    expect(await readSpreadsheetRows(buffer, 'x.xlsx')).toEqual([['ignore me']])
  })

  it('says what to do with an empty file, an old Excel file or a document', async () => {
    await expect(readSpreadsheetRows(Buffer.alloc(0), 'x.csv')).rejects.toThrow(new SpreadsheetFileError('The selected file is empty'))
    await expect(readSpreadsheetRows(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]), 'x.xls')).rejects.toThrow(/old Excel/)
    await expect(readSpreadsheetRows(Buffer.from('hello'), 'x.docx')).rejects.toThrow(/a document, not a spreadsheet/)
  })
})
