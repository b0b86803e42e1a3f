import type { DocumentSection, DocumentTable } from '../../../core/documents/structured.ts'
import type { Cell, CandidateEvidence } from './scoring.ts'

/**
 * The priority scoring matrix as a section of the strategic assessment document: the candidate issues ranked
 * by weighted score, each score marked where it came from the police data, with what the data says about the
 * issue. As on the matrix page.
 */

export interface MatrixForDocument {
  title: string
  periodLabel: string
  previousPeriodLabel: string
  /** Months held both in the period and in the period before (the trend compares those). */
  comparedMonths: number
  notes: string | null
  criteria: { name: string; weight: number }[]
  rows: {
    rank: number
    name: string
    isChosen: boolean
    crimeTypes: string[]
    notes: string | null
    cells: Pick<Cell, 'score' | 'from' | 'dataScore'>[]
    total: number
    maxTotal: number
    scoredCount: number
    isComplete: boolean
    evidence: CandidateEvidence | null
  }[]
}

const DATA_SCORES_NOTE =
  '“(data)” marks a score filled from police.uk figures: volume against the issue with the most records (80% of it or more scores 5, 40% 4, 20% 3, 10% 2, less 1); trend from the change on the period before (up 10% or more scores 5, up 3% 4, within 3% 3, down 3% 2, down 10% 1). The group can overrule them.'

const n = (value: number) => value.toLocaleString('en-GB')

function evidenceText(row: MatrixForDocument['rows'][number]): string {
  const lines: string[] = []
  if (row.evidence) {
    const change = row.evidence.change
    lines.push(
      `${n(row.evidence.count)} records in the months held` +
        (change === null ? '' : `; ${change > 0 ? '+' : ''}${change.toFixed(0)}% on the period before, over the ${row.evidence.monthsCompared === 1 ? 'month' : `${row.evidence.monthsCompared} months`} held in both`) +
        ` (${row.crimeTypes.join(', ')})`,
    )
  } else if (!row.crimeTypes.length) lines.push('Not in police.uk data: scored by the group')
  if (row.notes) lines.push(row.notes)
  return lines.join('\n')
}

function scoreText(cell: MatrixForDocument['rows'][number]['cells'][number]): string | null {
  if (cell.score === null) return null
  if (cell.from === 'data') return `${cell.score} (data)`
  if (cell.dataScore !== null && cell.dataScore !== cell.score) return `${cell.score} (data: ${cell.dataScore})`
  return String(cell.score)
}

/** `sourceNotes`: what the police figures cannot tell apart, their source and licence, printed under the table. */
function matrixTable(m: MatrixForDocument, sourceNotes: readonly string[]): DocumentTable {
  const criteria = m.criteria.map((c, i) => ({ header: `${c.name} ×${c.weight}`, index: i }))
  return {
    caption: `Candidate issues ranked by weighted score (each score 1 to 5, times the criterion’s weight): ${m.title}`,
    headers: ['Rank', 'Issue', ...criteria.map(c => c.header), 'Score', 'What the police data says'],
    rows: m.rows.map(row => [
      row.rank,
      `${row.name}${row.isChosen ? ' (agreed)' : ''}`,
      ...criteria.map(c => scoreText(row.cells[c.index] ?? { score: null, from: 'none', dataScore: null })),
      `${n(row.total)} of ${n(row.maxTotal)}${row.isComplete ? '' : `\n${row.scoredCount} of ${m.criteria.length} scored`}`,
      evidenceText(row),
    ]),
    numericColumns: [0, ...criteria.map(c => c.index + 2), criteria.length + 2],
    notes: [DATA_SCORES_NOTE, ...sourceNotes],
  }
}

export function matrixSection(m: MatrixForDocument, sourceNotes: readonly string[]): DocumentSection {
  const agreed = m.rows.filter(r => r.isChosen).map(r => r.name)
  const top = m.rows.filter(r => r.rank <= 3).map(r => `${r.name} (${n(r.total)} of ${n(r.maxTotal)})`)
  const trend = m.comparedMonths
    ? `trend against ${m.previousPeriodLabel}, over the ${m.comparedMonths === 1 ? 'month' : `${m.comparedMonths} months`} held in both`
    : 'no month is held in both this period and the one before, so trend cannot come from the data'
  return {
    heading: 'Priority scoring matrix',
    blocks: [
      { type: 'paragraph', text: `The partnership scored candidate issues on weighted criteria in the scoring matrix “${m.title}”. Police data: ${m.periodLabel}; ${trend}.` },
      ...(m.notes ? [{ type: 'paragraph' as const, text: m.notes }] : []),
      ...(m.rows.length
        ? [{ type: 'paragraph' as const, text: `The highest scored ${top.length === 1 ? 'issue was' : 'issues were'} ${top.join(', ')}.${agreed.length ? ` The agreed priorities: ${agreed.join(', ')}.` : ''}` }]
        : []),
      { type: 'table', table: matrixTable(m, sourceNotes) },
    ],
  }
}
