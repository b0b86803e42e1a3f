import { describe, expect, it } from 'vitest'

import type { Block, TableBlock } from '../../../core/documents/model.ts'
import { cellText } from '../../../core/documents/normalise.ts'
import { toReportSections } from '../../../core/documents/structured-report.ts'

import { matrixSection, type MatrixForDocument } from './matrix-document.ts'

const OGL = 'Contains public sector information licensed under the Open Government Licence v3.0.'
const OFFENCES_NOT_TOLD_APART = 'Some offences cannot be told apart in this data: domestic abuse, hate crime and alcohol-related crime, for example, are recorded under their crime type.'

const tables = (blocks: Block[]) => blocks.filter((b): b is TableBlock => b.kind === 'table')
const rowText = (table: TableBlock, index: number) => {
  const row = table.rows[index]!
  return 'cells' in row ? row.cells.map(cellText) : [row.group]
}

describe('the priority scoring matrix in the document', () => {
  const matrix: MatrixForDocument = {
    title: 'Scoring matrix 2026/27',
    periodLabel: 'January to September 2025',
    previousPeriodLabel: 'April to December 2024',
    comparedMonths: 9,
    notes: null,
    criteria: [
      { name: 'Volume', weight: 2 },
      { name: 'Harm', weight: 3 },
    ],
    rows: [
      {
        rank: 1,
        name: 'Anti-social behaviour',
        isChosen: true,
        crimeTypes: ['Anti-social behaviour'],
        notes: null,
        cells: [
          { score: 5, from: 'data', dataScore: 5 },
          { score: 4, from: 'group', dataScore: null },
        ],
        total: 22,
        maxTotal: 25,
        scoredCount: 2,
        isComplete: true,
        evidence: { count: 1500, previous: 1400, change: 7.14, monthsCompared: 9 },
      },
      {
        rank: 2,
        name: 'Domestic abuse',
        isChosen: false,
        crimeTypes: [],
        notes: 'Cannot be told apart in police.uk data.',
        cells: [
          { score: null, from: 'none', dataScore: null },
          { score: 5, from: 'group', dataScore: null },
        ],
        total: 15,
        maxTotal: 25,
        scoredCount: 1,
        isComplete: false,
        evidence: null,
      },
    ],
  }

  it('ranks the issues with their scores, where each score came from, and what the data says', () => {
    const section = matrixSection(matrix, [OFFENCES_NOT_TOLD_APART, 'Source: data.police.uk', OGL])
    expect(section.heading).toBe('Priority scoring matrix')
    const [report] = toReportSections({ sections: [section] })
    const table = tables(report!.blocks)[0]!
    expect(table.columns.map(c => c.header)).toEqual(['Rank', 'Issue', 'Volume ×2', 'Harm ×3', 'Score', 'What the police data says'])
    expect(rowText(table, 0)).toEqual(['1', 'Anti-social behaviour (agreed)', '5 (data)', '4', '22 of 25', '1,500 records in the months held; +7% on the period before, over the 9 months held in both (Anti-social behaviour)'])
    expect(rowText(table, 1)).toEqual(['2', 'Domestic abuse', '', '5', '15 of 25\n1 of 2 scored', 'Not in police.uk data: scored by the group\nCannot be told apart in police.uk data.'])
    const text = report!.blocks.flatMap(b => (b.kind === 'paragraph' ? [b.text] : b.kind === 'note' ? b.paragraphs : [])).join(' ')
    expect(text).toMatch(/The highest scored issues were Anti-social behaviour \(22 of 25\), Domestic abuse \(15 of 25\)\. The agreed priorities: Anti-social behaviour\./)
    expect(text).toMatch(/domestic abuse/)
    expect(text).toContain(OGL)
  })
})
