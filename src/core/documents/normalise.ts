import { renderChart, type Chart, type ChartInput } from './chart.ts'

import {
  NO_RAG_WORD,
  RAG_COLOURS,
  RAG_WORDS,
  type CellLine,
  type CellValue,
  type HeaderCell,
  type Rag,
  type TableBlock,
  type TextRun,
} from './model.ts'

/** What every renderer draws for a cell: its lines, its span, and its status if it is a RAG cell. */
export interface NormalCell {
  lines: CellLine[]
  span: number
  bold: boolean
  rag?: { status: Rag | 'none'; word: string; fill: string; text: string }
}

const toLines = (text: string): CellLine[] =>
  text
    .split(/\r?\n/)
    .map(line => line.trim())
    .filter(line => line !== '')
    .map(line => ({ text: line }))

function normaliseCell(value: CellValue): NormalCell {
  if (value === null || value === undefined) return { lines: [], span: 1, bold: false }
  if (typeof value === 'number') return { lines: [{ text: value.toLocaleString('en-GB') }], span: 1, bold: false }
  if (typeof value === 'string') return { lines: toLines(value), span: 1, bold: false }
  const span = Math.max(1, Math.floor(value.span ?? 1))
  const bold = value.bold ?? false
  const lines = (value.lines ?? []).flatMap(line => (typeof line === 'string' ? toLines(line) : [line]))
  if ('rag' in value) {
    const status = value.rag ?? 'none'
    const word = value.ragText ?? (value.rag ? RAG_WORDS[value.rag] : NO_RAG_WORD)
    return { lines: [{ text: word, bold: true }, ...lines], span, bold, rag: { status, word, ...RAG_COLOURS[status] } }
  }
  return { lines, span, bold }
}

/** The plain text of a cell, lines joined by newlines (for tests and spreadsheets). */
export function cellText(value: CellValue): string {
  return normaliseCell(value)
    .lines.map(line => (line.bullet ? `• ${line.text}` : line.text))
    .join('\n')
}

/** Each column's share of the table's width (they add up to 1). */
export function columnFractions(table: Pick<TableBlock, 'columns'>): number[] {
  const widths = table.columns.map(column => (column.width > 0 ? column.width : 1))
  const total = widths.reduce((sum, width) => sum + width, 0)
  return widths.map(width => width / total)
}

/**
 * Widen columns too narrow for their longest word (so no word is broken between letters), taking the width
 * from the columns with room to spare, in proportion to that room. `minimum` is each column's need, as a
 * share of the table's width. When the needs add up to more than the table, the shares are kept as they are.
 */
export function fitColumns(fractions: number[], minimum: number[]): number[] {
  const need = fractions.map((f, i) => Math.max(0, (minimum[i] ?? 0) - f))
  const deficit = need.reduce((sum, n) => sum + n, 0)
  if (deficit <= 0) return fractions
  const room = fractions.map((f, i) => Math.max(0, f - (minimum[i] ?? 0)))
  const spare = room.reduce((sum, r) => sum + r, 0)
  if (spare < deficit) return fractions
  return fractions.map((f, i) => f + need[i]! - (room[i]! / spare) * deficit)
}

/** The longest word of every cell of each column (header cells included), for `fitColumns`. */
export function longestWords(table: TableBlock): { text: string; bold: boolean }[][] {
  const words: { text: string; bold: boolean }[][] = table.columns.map(column => column.header.split(/\s+/).map(text => ({ text, bold: true })))
  for (const row of table.rows) {
    if ('group' in row) continue
    let column = 0
    for (const cell of bodyCells(table, row.cells)) {
      if (cell.span === 1) {
        for (const line of cell.lines) for (const text of line.text.split(/\s+/)) words[column]!.push({ text, bold: line.bold ?? cell.bold })
      }
      column += cell.span
    }
  }
  return words.map(list => {
    // Only the longest few by length need measuring.
    return [...list].sort((a, b) => b.text.length - a.text.length).slice(0, 5)
  })
}

/** Every header row, the column headers last. */
export function headerRows(table: TableBlock): HeaderCell[][] {
  return [...(table.extraHeaderRows ?? []), table.columns.map(column => ({ text: column.header }))]
}

/** The rows of cells, each padded or trimmed to the table's columns (counting spans). */
export function bodyCells(table: TableBlock, cells: CellValue[]): NormalCell[] {
  const normal: NormalCell[] = []
  let used = 0
  for (const cell of cells) {
    if (used >= table.columns.length) break
    const n = normaliseCell(cell)
    n.span = Math.min(n.span, table.columns.length - used)
    normal.push(n)
    used += n.span
  }
  while (used < table.columns.length) {
    normal.push({ lines: [], span: 1, bold: false })
    used++
  }
  return normal
}

export function runsOf(text: string | TextRun[]): TextRun[] {
  return typeof text === 'string' ? [{ text }] : text
}

export function plainText(text: string | TextRun[]): string {
  return runsOf(text)
    .map(run => run.text)
    .join('')
}

/** A chart drawn once (the SVG and its figures), shared by the renderers. */
export function drawChart(input: ChartInput): Chart {
  return renderChart(input)
}

/** The figures of a chart as a table block: every chart is shown with its figures. */
export function chartFiguresTable(chart: Chart): TableBlock {
  const [first, ...rest] = chart.table.head
  return {
    kind: 'table',
    caption: chart.table.caption,
    columns: [{ header: first || 'Period', width: 2 }, ...rest.map(header => ({ header, width: 1.5, numeric: true }))],
    rows: chart.table.rows.map(row => ({ cells: row })),
    rowHeaders: true,
    size: 'small',
  }
}
