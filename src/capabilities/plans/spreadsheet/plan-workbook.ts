import ExcelJS from 'exceljs'

import { neutralise, type Table } from '../../../shared/spreadsheet.ts'
import { personLabel, type Directory } from '../domain/directory.ts'
import { RAG_LABELS, RAGS } from '../domain/rag.ts'
import { ACTION_STATUS_LABELS, ACTION_STATUSES } from '../domain/schedule.ts'

import { SHEET_NAME, type SheetColumn } from './domain/sheet-columns.ts'

/**
 * The action plan as an Excel workbook: the "Action plan" sheet (the one an import reads), whose columns of
 * names and statuses have drop-down lists fed from the "Names you can use" sheet — RAG, status, delivering
 * group, district, lead and supporting organisations and lead people — so that names cannot be misspelt
 * (the organisation and people columns warn rather than refuse, as a cell may name several); the record IDs
 * column of an export is hidden. Then a sheet that explains every column, the lists, and any other sheets.
 */

export const LISTS_SHEET = 'Names you can use'

/** The sheet's data validations by range: ExcelJS writes ranges ('B2:B500') but leaves this out of its types. */
const validations = (sheet: ExcelJS.Worksheet) => (sheet as unknown as { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } }).dataValidations

/** The rows of the action plan sheet given drop-down lists: those filled, and room for a few hundred more. */
const VALIDATED_ROWS = 500

interface List {
  header: string
  values: string[]
  /** 'stop' refuses other values; 'warning' asks (for cells that may hold several names). */
  style: 'stop' | 'warning'
  /** The column keys that use it. */
  keys: (key: string) => boolean
}

function listsOf(directory: Directory): List[] {
  return [
    { header: 'Organisations', values: directory.organisations.map(o => o.name), style: 'warning', keys: k => k === 'leadOrganisations' || k === 'supportingPartners' },
    { header: 'People', values: directory.people.map(p => personLabel(directory, p)), style: 'warning', keys: k => k === 'leadPeople' },
    { header: 'Groups', values: directory.groups.map(g => g.name), style: 'stop', keys: k => k === 'deliveringGroup' },
    { header: 'Districts', values: (directory.districts ?? []).map(d => d.name), style: 'stop', keys: k => k === 'district' },
    { header: 'RAG', values: RAGS.map(r => RAG_LABELS[r]), style: 'stop', keys: k => /^q[1-4]Rag\d*$/.test(k) },
    { header: 'Status', values: ACTION_STATUSES.map(s => ACTION_STATUS_LABELS[s]), style: 'stop', keys: k => k === 'status' },
  ]
}

const columnName = (index: number) => {
  let n = index + 1
  let out = ''
  while (n > 0) {
    const rem = (n - 1) % 26
    out = String.fromCharCode(65 + rem) + out
    n = Math.floor((n - 1) / 26)
  }
  return out
}

function addTable(workbook: ExcelJS.Workbook, table: Table) {
  const sheet = workbook.addWorksheet(table.name.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31))
  sheet.addRow(table.headers).font = { bold: true }
  for (const row of table.rows) sheet.addRow(row.map(cell => neutralise(cell) ?? null))
  if (table.notes?.length) {
    sheet.addRow([])
    for (const note of table.notes) sheet.addRow([neutralise(note) ?? ''])
  }
  sheet.columns.forEach((column, index) => {
    const longest = Math.max(...[table.headers[index] ?? '', ...table.rows.map(r => String(r[index] ?? ''))].map(v => v.length))
    column.width = Math.min(60, Math.max(10, longest + 2))
  })
  sheet.views = [{ state: 'frozen', ySplit: 1 }]
  return sheet
}

export interface PlanWorkbookInput {
  title: string
  /** The action plan sheet's columns (the partnership's), in order; the headings may add the current RAG. */
  columns: readonly SheetColumn[]
  headers: readonly string[]
  rows: readonly (readonly string[])[]
  directory: Directory
  partnershipName: string
  sheets?: Table[]
}

export async function planWorkbook(input: PlanWorkbookInput): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'CSP Hub'
  workbook.title = input.title
  workbook.created = new Date(0)

  const plan = addTable(workbook, { name: SHEET_NAME, headers: [...input.headers], rows: input.rows.map(r => [...r]) })
  plan.getRow(1).alignment = { wrapText: true, vertical: 'top' }

  const lists = listsOf(input.directory)
  const longest = Math.max(1, ...lists.map(l => l.values.length))
  const help: Table = {
    name: 'How to fill it in',
    headers: ['Column', 'What to write', 'Example'],
    rows: input.columns.map(c => [c.header + (c.required ? ' (required)' : ''), c.description, c.example]),
    notes: [
      'One row per action. Repeat the priority (and its objective) on every row of the priority.',
      'Put several items in one cell on separate lines (Alt+Enter in Excel, Ctrl+Enter in Google Sheets).',
      `The columns of names, RAG and status offer a drop-down list from the “${LISTS_SHEET}” sheet.`,
      'Nothing is imported unless the whole file is right: the import lists every problem by row and column, and shows what it will change before anything is saved.',
    ],
  }
  addTable(workbook, help)
  addTable(workbook, {
    name: LISTS_SHEET,
    headers: lists.map(l => l.header),
    rows: Array.from({ length: longest }, (_, i) => lists.map(l => l.values[i] ?? '')),
    notes: [`The organisations, people, groups and districts of ${input.partnershipName} on the day this file was made. Add missing ones in CSP Hub before importing.`],
  })

  const lastRow = Math.max(VALIDATED_ROWS, input.rows.length + 100)
  input.columns.forEach((column, index) => {
    const letter = columnName(index)
    if (column.key === 'recordIds') {
      plan.getColumn(input.headers.indexOf(column.header) + 1).hidden = true
      return
    }
    const list = lists.find(l => l.keys(column.key))
    if (!list || list.values.length === 0) return
    const listLetter = columnName(lists.indexOf(list))
    validations(plan).add(`${letter}2:${letter}${lastRow}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`'${LISTS_SHEET}'!$${listLetter}$2:$${listLetter}$${list.values.length + 1}`],
      showErrorMessage: true,
      errorStyle: list.style,
      errorTitle: `Not in the list of ${list.header.toLowerCase()}`,
      error:
        list.style === 'stop'
          ? `Choose one of the ${list.header.toLowerCase()} in the list.`
          : `This is not one of the partnership’s ${list.header.toLowerCase()}. Several names may go in one cell, separated by semicolons; a name not in CSP Hub will be refused on import.`,
    })
  })
  for (const sheet of input.sheets ?? []) addTable(workbook, sheet)
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
