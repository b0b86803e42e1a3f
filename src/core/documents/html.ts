import type { Chart } from './chart.ts'

import type { Block, CellLine, Rag, ReportDocument, TableBlock, TextRun } from './model.ts'
import { bodyCells, columnFractions, drawChart, headerRows, runsOf } from './normalise.ts'

/**
 * The view model the browser page draws a ReportDocument from (macro appDocument in views/macros/document.njk): the
 * same words and tables as the DOCX and PDF, with GOV.UK table markup, RAG tags with their words, charts as
 * accessible SVG with their figures, and a print stylesheet that gives landscape sections landscape pages.
 * Column widths become classes (app-col-w-1 … app-col-w-100), as the content security policy allows no
 * inline styles.
 */

export interface HtmlCell {
  lines: CellLine[]
  span: number
  bold: boolean
  numeric: boolean
  /** The first cell of a row that names the row. */
  isRowHeader: boolean
  /** Set for a RAG cell: the status ('none' for no status yet) and its word. */
  rag?: { status: Rag | null; word: string }
}

export interface HtmlTable {
  caption: string
  head: { text: string; span: number; numeric: boolean }[][]
  widthClasses: string[]
  /** One tbody per group of rows; `group` heads the tbody (a row header spanning the table). */
  bodies: { group: string | null; rows: HtmlCell[][] }[]
  small: boolean
  columnCount: number
}

export type HtmlBlock =
  | { kind: 'heading'; text: string; level: 3 | 4 }
  | { kind: 'paragraph'; runs: TextRun[]; number: string | null; small: boolean }
  | { kind: 'bullets'; items: string[] }
  | { kind: 'note'; title: string | null; paragraphs: string[] }
  | { kind: 'table'; table: HtmlTable }
  | { kind: 'chart'; chart: Chart }

export interface HtmlDocument {
  title: string
  subtitle: string | null
  metadata: { label: string; value: string }[]
  sections: { id: string; number: string | null; heading: string | null; landscape: boolean; startOnNewPage: boolean; blocks: HtmlBlock[] }[]
  attribution: string[]
}

/** A share of the width as a whole-percent class, at least 1%. */
export function widthClass(fraction: number): string {
  const percent = Math.min(100, Math.max(1, Math.round(fraction * 100)))
  return `app-col-w-${percent}`
}

function htmlTable(table: TableBlock): HtmlTable {
  const bodies: HtmlTable['bodies'] = []
  for (const row of table.rows) {
    if ('group' in row) {
      bodies.push({ group: row.group, rows: [] })
      continue
    }
    if (!bodies.length) bodies.push({ group: null, rows: [] })
    let column = 0
    bodies.at(-1)!.rows.push(
      bodyCells(table, row.cells).map((cell, index) => {
        const start = column
        column += cell.span
        return {
          lines: cell.rag ? cell.lines.slice(1) : cell.lines,
          span: cell.span,
          bold: cell.bold,
          numeric: cell.span === 1 && table.columns[start]?.numeric === true && !cell.rag,
          isRowHeader: table.rowHeaders === true && index === 0,
          rag: cell.rag ? { status: cell.rag.status === 'none' ? null : cell.rag.status, word: cell.rag.word } : undefined,
        }
      }),
    )
  }
  const head = headerRows(table).map(cells => {
    let column = 0
    return cells.map(cell => {
      const span = Math.max(1, cell.span ?? 1)
      const numeric = span === 1 && table.columns[column]?.numeric === true
      column += span
      return { text: cell.text, span, numeric }
    })
  })
  return {
    caption: table.caption,
    head,
    widthClasses: columnFractions(table).map(widthClass),
    bodies,
    small: table.size === 'small',
    columnCount: table.columns.length,
  }
}

function htmlBlock(block: Block): HtmlBlock {
  switch (block.kind) {
    case 'heading':
      return block
    case 'paragraph':
      return { kind: 'paragraph', runs: runsOf(block.text), number: block.number ?? null, small: block.small ?? false }
    case 'bullets':
      return block
    case 'note':
      return { kind: 'note', title: block.title ?? null, paragraphs: block.paragraphs }
    case 'table':
      return { kind: 'table', table: htmlTable(block) }
    case 'chart':
      return { kind: 'chart', chart: drawChart(block.chart) }
  }
}

export function htmlDocument(document: ReportDocument): HtmlDocument {
  return {
    title: document.title,
    subtitle: document.subtitle ?? null,
    metadata: document.metadata ?? [],
    sections: document.sections.map((section, index) => ({
      id: `section-${index + 1}`,
      number: section.number ?? null,
      heading: section.heading ?? null,
      landscape: section.orientation === 'landscape',
      startOnNewPage: section.startOnNewPage ?? false,
      blocks: section.blocks.map(htmlBlock),
    })),
    attribution: document.attribution ?? [],
  }
}
