import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'

import { fileName, neutralise, toCsv, toXlsx } from './spreadsheet.ts'

describe('neutralise', () => {
  it.each(['=SUM(A1:A9)', '+44 1702', '-2+3', '@cmd', '\t=1', '\r=1'])('defuses %j', value => {
    expect(neutralise(value)).toBe(`'${value}`)
  })

  it('leaves ordinary text and numbers alone', () => {
    expect(neutralise('Reduce ASB by 2%')).toBe('Reduce ASB by 2%')
    expect(neutralise(-2)).toBe(-2)
  })
})

describe('toCsv', () => {
  it('quotes commas and quotes, defuses formulas, and adds the notes', () => {
    const csv = toCsv({ name: 'x', headers: ['Priority', 'Count'], rows: [['Burglary, dwelling', 12], ['=HYPERLINK("http://evil")', -3]], notes: ['Contains public sector information'] })
    expect(csv.startsWith('\uFEFF')).toBe(true)
    expect(csv).toContain('"Burglary, dwelling",12\r\n')
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")",-3\r\n`)
    expect(csv).toContain('Contains public sector information')
  })
})

describe('toXlsx', () => {
  it('writes each table as a sheet, numbers as numbers and formulas as text', async () => {
    const buffer = await toXlsx([{ name: 'Actions', headers: ['Title', 'Count'], rows: [['=1+1', 5]] }])
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer)
    const sheet = workbook.getWorksheet('Actions')!
    expect(sheet.getCell('A2').value).toBe("'=1+1")
    expect(sheet.getCell('B2').value).toBe(5)
    expect(sheet.getCell('A2').formula).toBeUndefined()
  })
})

describe('fileName', () => {
  it('makes a safe download name', () => {
    expect(fileName('Castle Point & Rochford', 'plan 2016/17')).toBe('castle-point-rochford-plan-2016-17')
  })
})
