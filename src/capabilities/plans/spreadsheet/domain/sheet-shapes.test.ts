import { describe, expect, it } from 'vitest'

import { draftAction, draftPriority } from '../../domain/plan-draft.ts'

import { exportHeaders, formatRecordIds, parseRecordIds, sheetColumns, sheetHeaders } from './sheet-columns.ts'
import { readSheet } from './sheet-reader.ts'
import { writeSheet } from './sheet-writer.ts'

/** The spreadsheet with what plans now hold: strategic objectives above priorities, districts, several RAG dimensions and record IDs. */
const dimensions = [
  { id: 7, name: 'Milestone progress' },
  { id: 8, name: 'Outcome' },
]

function sheet(rows: Record<string, string>[], headers: string[]): string[][] {
  return [headers, ...rows.map(row => headers.map(h => row[h] ?? ''))]
}

describe('the columns of a partnership that assesses more than one RAG dimension', () => {
  it('have a RAG column per quarter for each further dimension, after the headline’s', () => {
    const headers = sheetHeaders(sheetColumns(dimensions))
    expect(headers.slice(headers.indexOf('Q1 update'), headers.indexOf('Q2 update'))).toEqual(['Q1 update', 'Q1 RAG', 'Q1 Outcome'])
    expect(sheetHeaders(sheetColumns([{ id: null, name: 'RAG status' }]))).toEqual(sheetHeaders())
  })

  it('read each dimension’s RAG into the update, and need it with the update', () => {
    const columns = sheetColumns(dimensions)
    const headers = sheetHeaders(columns)
    const ok = readSheet(sheet([{ Priority: 'ASB', Action: 'Taxi marshals', 'Q1 update': 'Started', 'Q1 RAG': 'Amber', 'Q1 Outcome': 'G' }], headers), columns)
    expect(ok.problems).toEqual([])
    expect(ok.priorities[0]!.actions[0]!.updates).toEqual([{ quarter: 1, body: 'Started', rag: 'amber', otherRags: { '8': 'green' } }])
    const missing = readSheet(sheet([{ Priority: 'ASB', Action: 'Taxi marshals', 'Q2 update': 'Behind', 'Q2 RAG': 'Red' }], headers), columns)
    expect(missing.problems.map(p => [p.row, p.column, p.message])).toEqual([[2, 'Q2 Outcome', 'Enter Q2 Outcome: Red, Amber or Green']])
  })
})

describe('strategic objectives above the priorities, and districts', () => {
  const headers = sheetHeaders()

  it('read a plan with strategic objectives, one of them with no local priority of its own', () => {
    const result = readSheet(
      sheet(
        [
          { 'Strategic objective (above the priority)': 'Keep people safe', Priority: 'Domestic abuse', Action: 'J9 training', District: 'Castle Point' },
          { 'Strategic objective (above the priority)': 'Keep people safe', Priority: 'Hate crime', Action: 'Third-party reporting centres' },
          { 'Strategic objective (above the priority)': 'Reduce reoffending' },
          { Priority: 'Road safety', Action: 'Speedwatch' },
        ],
        headers,
      ),
    )
    expect(result.problems).toEqual([])
    expect(result.strategicObjectives.map(o => [o.title, o.row])).toEqual([
      ['Keep people safe', 2],
      ['Reduce reoffending', 4],
    ])
    expect(result.priorities.map(p => [p.title, p.strategicObjective ?? null])).toEqual([
      ['Domestic abuse', 'Keep people safe'],
      ['Hate crime', 'Keep people safe'],
      ['Road safety', null],
    ])
    expect(result.priorities[0]!.actions[0]!.district).toBe('Castle Point')
    expect(result.priorities[1]!.actions[0]!.district).toBeNull()
  })

  it('refuses a priority whose strategic objective differs between its rows', () => {
    const result = readSheet(
      sheet(
        [
          { 'Strategic objective (above the priority)': 'Keep people safe', Priority: 'Domestic abuse', Action: 'A' },
          { 'Strategic objective (above the priority)': 'Reduce harm', Priority: 'Domestic abuse', Action: 'B' },
        ],
        headers,
      ),
    )
    expect(result.problems.map(p => [p.row, p.column])).toEqual([[3, 'Strategic objective (above the priority)']])
  })
})

describe('record IDs', () => {
  it('are written as S, P, O and A numbers, and read back; anything else is refused', () => {
    expect(formatRecordIds({ priority: 12, objective: 40, action: 101 })).toBe('P12 O40 A101')
    expect(parseRecordIds(' p12  O40 a101 ')).toEqual({ priority: 12, objective: 40, action: 101 })
    expect(parseRecordIds('')).toEqual({})
    expect(parseRecordIds('P12 P13')).toBeNull()
    expect(parseRecordIds('row 5')).toBeNull()
  })

  it('go in a last column of an export, after the current RAG, and come back on each row', () => {
    const columns = sheetColumns(dimensions, { recordIds: true })
    const priority = {
      ...draftPriority('ASB', { strategicObjective: 'Keep people safe', objectives: ['Night-time economy'], priorityId: 12, objectiveIds: { 'night-time economy': 40 } }),
      actions: [draftAction('Taxi marshals', { objective: 'Night-time economy', actionId: 101, district: 'Rochford', updates: [{ quarter: 1, body: 'Started', rag: 'amber', otherRags: { '8': 'green' } }] })],
    }
    const rows = writeSheet([priority], { currentRag: true, columns, strategicObjectives: [{ id: 3, title: 'Keep people safe', description: null }] })
    const headers = exportHeaders(columns)
    expect(headers.slice(-2)).toEqual(['Current RAG', 'Record IDs (do not change)'])
    expect(rows.map(r => r.at(-1))).toEqual(['S3', 'P12 O40 A101'])
    expect(rows[1]![headers.indexOf('Q1 Outcome')]).toBe('Green')
    const read = readSheet([headers, ...rows], columns)
    expect(read.problems).toEqual([])
    expect(read.hasRecordIds).toBe(true)
    expect(read.strategicObjectives).toEqual([{ row: 2, title: 'Keep people safe', description: null, id: 3 }])
    expect(read.priorities[0]).toMatchObject({ priorityId: 12, objectiveIds: { 'night-time economy': 40 }, strategicObjective: 'Keep people safe' })
    expect(read.priorities[0]!.actions[0]).toMatchObject({ actionId: 101, district: 'Rochford' })
    expect(writeSheet(read.priorities, { currentRag: true, columns, strategicObjectives: read.strategicObjectives })).toEqual(rows)
  })

  it('says which cell of IDs cannot be read', () => {
    const columns = sheetColumns([], { recordIds: true })
    const result = readSheet(sheet([{ Priority: 'ASB', Action: 'Taxi marshals', 'Record IDs (do not change)': 'copied by hand' }], sheetHeaders(columns)), columns)
    expect(result.problems.map(p => [p.row, p.column, p.message])).toEqual([
      [2, 'Record IDs (do not change)', 'The record IDs “copied by hand” cannot be read: copy them back from the exported file, or leave the cell empty on a new row'],
    ])
  })
})
