import { describe, expect, it } from 'vitest'

import type { Block, TableBlock } from './model.ts'
import { cellText } from './normalise.ts'

import { chartTable, type DocumentChart, type DocumentTable, type StructuredDocument } from './structured.ts'
import { MAX_COLUMNS, splitWideTable, toReportDocument, toReportSections } from './structured-report.ts'

const OGL = 'Contains public sector information licensed under the Open Government Licence v3.0.'
const CAVEATS = ['Locations are approximate.', 'Months missing from the chosen period: March 2025.']

const topTypes: DocumentTable = {
  caption: 'The top 2 types, Rochford, January to March 2025',
  headers: ['Rank', 'Crime type', 'Count', 'Share of all records (%)'],
  rows: [
    [1, 'Violence and sexual offences', 1234, 40.5],
    [2, 'Anti-social behaviour', 800, 26.3],
  ],
  numericColumns: [0, 2, 3],
  notes: [...CAVEATS, OGL],
}

const months = (n: number) => Array.from({ length: n }, (_, i) => `M${i + 1}`)
function byMonth(n: number): DocumentTable {
  return {
    caption: 'By type and month',
    headers: ['Crime type', ...months(n), 'Total'],
    rows: [
      ['Burglary', ...months(n).map((_, i) => (i === 2 ? null : i)), 99],
      ['All crime and anti-social behaviour', ...months(n).map(() => 5), 500],
    ],
    numericColumns: months(n).map((_, i) => i + 1).concat(n + 1),
    notes: [...CAVEATS, OGL],
    totalRows: 1,
  }
}

const chart: DocumentChart = {
  id: 'trend-12',
  title: 'Crime by month',
  description: 'Monthly totals.',
  kind: 'line',
  series: [{ name: '12 months', points: [{ label: 'Jan', value: 10 }, { label: 'Feb', value: null }] }],
}

const doc: StructuredDocument = {
  title: 'Strategic assessment: police recorded crime and anti-social behaviour',
  subtitle: 'Rochford (district), January to March 2025',
  date: '2025-06-01',
  metadata: [{ label: 'Months of police data held', value: '2 of 3; no data for March 2025' }],
  sections: [
    { heading: 'Summary', blocks: [{ type: 'bullets', items: ['Police.uk holds 2,034 records.'] }] },
    { heading: 'By type', blocks: [{ type: 'table', table: topTypes }, { type: 'table', table: byMonth(12) }] },
    { heading: 'Trends', blocks: [{ type: 'chart', chart, table: chartTable(chart, [...CAVEATS, OGL]) }, { type: 'paragraph', text: 'No seasonal peak.' }] },
    { heading: 'About these figures', blocks: [{ type: 'caveats', title: 'What these figures can and cannot tell you', items: CAVEATS }] },
  ],
  attribution: ['Source: data.police.uk', OGL],
}

const tables = (blocks: Block[]) => blocks.filter((b): b is TableBlock => b.kind === 'table')
const rowText = (table: TableBlock, index: number) => {
  const row = table.rows[index]!
  return 'cells' in row ? row.cells.map(cellText) : [row.group]
}

describe('the police data strategic assessment as a report document', () => {
  it('keeps the title, the area and period, what the data holds, and the attribution', () => {
    const report = toReportDocument(doc, { generatedAt: new Date('2025-06-01T09:00:00Z'), partnershipName: 'Castle Point and Rochford CSP' })
    expect(report.title).toBe(doc.title)
    expect(report.subtitle).toBe('Rochford (district), January to March 2025')
    expect(report.metadata).toEqual([
      { label: 'Partnership', value: 'Castle Point and Rochford CSP' },
      { label: 'Months of police data held', value: '2 of 3; no data for March 2025' },
    ])
    expect(report.attribution).toContain(OGL)
    expect(report.footer).toBe('Castle Point and Rochford CSP – strategic assessment, Rochford (district), January to March 2025')
    expect(report.sections.map(s => s.heading)).toEqual(['Summary', 'By type', 'Trends', 'About these figures'])
  })

  it('puts each table’s caveats and licence in a note right after it, and keeps its caption and figures', () => {
    const [, byType] = toReportSections(doc)
    const blocks = byType!.blocks
    expect(blocks.map(b => b.kind)).toEqual(['table', 'note', 'table', 'note'])
    const [top] = tables(blocks)
    expect(top!.caption).toBe(topTypes.caption)
    expect(top!.columns.map(c => [c.header, c.numeric ?? false])).toEqual([
      ['Rank', true],
      ['Crime type', false],
      ['Count', true],
      ['Share of all records (%)', true],
    ])
    expect(rowText(top!, 0)).toEqual(['1', 'Violence and sexual offences', '1,234', '40.5'])
    expect(blocks[1]).toEqual({ kind: 'note', title: 'About this table', paragraphs: [...CAVEATS, OGL] })
  })

  it('shows a month with no data as a blank, not a zero, and the total row in bold', () => {
    const [, byType] = toReportSections(doc)
    const table = tables(byType!.blocks)[1]!
    expect(rowText(table, 0)[3]).toBe('')
    const total = table.rows[1]!
    expect('cells' in total && total.cells.every(c => c !== null && typeof c === 'object' && c.bold)).toBe(true)
  })

  it('prints a section with a wide table landscape, and the others portrait', () => {
    const sections = toReportSections(doc)
    expect(sections.map(s => s.orientation ?? 'portrait')).toEqual(['portrait', 'landscape', 'portrait', 'portrait'])
  })

  it('cuts a table of a long period into parts that each repeat the crime types, with the notes after the last', () => {
    const parts = splitWideTable(byMonth(24))
    expect(parts).toHaveLength(2)
    expect(parts.every(p => p.headers.length <= MAX_COLUMNS && p.headers[0] === 'Crime type')).toBe(true)
    expect(parts.flatMap(p => p.headers.slice(1))).toEqual([...months(24), 'Total'])
    expect(parts[0]!.caption).toBe('By type and month (part 1 of 2: M1 to M13)')
    expect(parts[1]!.caption).toBe('By type and month (part 2 of 2: M14 to M24, and the total)')
    expect(parts[0]!.notes).toBeUndefined()
    expect(parts[1]!.notes).toEqual([...CAVEATS, OGL])
    expect(parts[1]!.rows[0]).toEqual(['Burglary', ...Array.from({ length: 11 }, (_, i) => i + 13), 99])
    expect(parts[1]!.numericColumns).toEqual(Array.from({ length: 12 }, (_, i) => i + 1))
    expect(splitWideTable(topTypes)).toEqual([topTypes])
  })

  it('draws a chart as a chart (the renderers add its figures table) followed by the caveats of its figures', () => {
    const [, , trends] = toReportSections(doc)
    const [chartBlock, note, paragraph] = trends!.blocks
    expect(chartBlock!.kind).toBe('chart')
    expect(chartBlock?.kind === 'chart' && chartBlock.chart.title).toBe('Crime by month')
    expect(chartBlock?.kind === 'chart' && chartBlock.chart.format?.(1234.56)).toBe('1,234.6')
    expect(note).toEqual({ kind: 'note', title: 'About these figures', paragraphs: [...CAVEATS, OGL] })
    expect(paragraph).toEqual({ kind: 'paragraph', text: 'No seasonal peak.' })
  })

  it('says so when a table has no rows, rather than printing an empty table', () => {
    const [section] = toReportSections({ sections: [{ heading: 'Wards', blocks: [{ type: 'table', table: { ...topTypes, rows: [] } }] }] })
    const table = tables(section!.blocks)[0]!
    expect(rowText(table, 0)).toEqual(['No figures for this area and period.'])
  })

  it('turns the caveats into a note under their title', () => {
    const about = toReportSections(doc)[3]!
    expect(about.blocks).toEqual([{ kind: 'note', title: 'What these figures can and cannot tell you', paragraphs: CAVEATS }])
  })
})
