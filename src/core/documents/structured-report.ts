import type { Block, CellValue, DocumentSection as ReportSection, ReportDocument, TableBlock } from './model.ts'

import type { DocumentBlock, DocumentChart, DocumentTable, StructuredDocument } from './structured.ts'

/**
 * A StructuredDocument (the police data strategic assessment, the priority scoring matrix) in the document
 * model, so the one set of renderers (DOCX, PDF, print) draws it. Every table keeps its caption and has its caveats and source in a
 * note right after it; a chart goes as a chart (the renderers draw it as a picture with its figures table)
 * followed by the caveats of its figures. Wide tables (a long period by month) are cut into parts of at most
 * MAX_COLUMNS columns, each repeating the row names, and their section is printed landscape.
 */

/** The most columns a table part has: the row names and 14 figures fit a landscape A4 page in small text. */
export const MAX_COLUMNS = 15
/** Sections holding a table with more columns than this are landscape. */
const PORTRAIT_COLUMNS = 8

export interface ReportOptions {
  generatedAt: Date
  /** The partnership: the document's author, and the start of its footer. */
  partnershipName: string
}

const NO_FIGURES = 'No figures for this area and period.'

/** A column's relative width from the longest text in it (header words and cells). */
function columnWidth(table: DocumentTable, index: number): number {
  const header = Math.max(...(table.headers[index] ?? '').split(/\s+/).map(word => word.length), 4)
  const cells = table.rows.map(row => {
    const value = row[index]
    if (value === null || value === undefined) return 0
    return typeof value === 'number' ? value.toLocaleString('en-GB').length : value.length
  })
  const longest = Math.max(header, ...cells)
  const numeric = table.numericColumns?.includes(index) ?? false
  return numeric ? Math.min(3, Math.max(1, longest / 6)) : Math.min(6, Math.max(1.5, longest / 8))
}

/** Cut a table wider than MAX_COLUMNS into parts: each keeps the first column (the row names). */
export function splitWideTable(table: DocumentTable): DocumentTable[] {
  const columns = table.headers.length
  if (columns <= MAX_COLUMNS) return [table]
  const rest = Array.from({ length: columns - 1 }, (_, i) => i + 1)
  const parts = Math.ceil(rest.length / (MAX_COLUMNS - 1))
  const size = Math.ceil(rest.length / parts)
  return Array.from({ length: parts }, (_, part) => {
    const kept = [0, ...rest.slice(part * size, (part + 1) * size)]
    // "Jan 2024 to Nov 2024"; a last part ending with the totals column says so rather than "to Total".
    const named = kept.slice(1).map(i => table.headers[i]!)
    const withTotal = part === parts - 1 && /^total$/i.test(named.at(-1) ?? '') && named.length > 1
    const shown = withTotal ? named.slice(0, -1) : named
    const range = `${shown.length > 1 ? `${shown[0]} to ${shown.at(-1)}` : shown[0]}${withTotal ? ', and the total' : ''}`
    return {
      caption: `${table.caption} (part ${part + 1} of ${parts}: ${range})`,
      headers: kept.map(i => table.headers[i]!),
      rows: table.rows.map(row => kept.map(i => row[i] ?? null)),
      numericColumns: kept.flatMap((column, i) => (table.numericColumns?.includes(column) ? [i] : [])),
      ...(part === parts - 1 && table.notes ? { notes: table.notes } : {}),
      ...(table.totalRows ? { totalRows: table.totalRows } : {}),
    }
  })
}

/** One table (no wider than MAX_COLUMNS) as a table block. */
export function tableBlock(table: DocumentTable): TableBlock {
  const numeric = new Set(table.numericColumns ?? [])
  const columns = table.headers.map((header, i) => ({ header, width: columnWidth(table, i), ...(numeric.has(i) ? { numeric: true } : {}) }))
  const totals = table.totalRows ?? 0
  const rows = table.rows.map((row, index) => {
    const values = table.headers.map((_, i) => row[i] ?? null)
    const isTotal = index >= table.rows.length - totals
    const cells: CellValue[] = isTotal ? values.map(cell => (cell === null ? null : { lines: [typeof cell === 'number' ? cell.toLocaleString('en-GB') : cell], bold: true })) : values
    return { cells }
  })
  return {
    kind: 'table',
    caption: table.caption,
    columns,
    rows: rows.length ? rows : [{ cells: [{ lines: [NO_FIGURES], span: columns.length }] }],
    rowHeaders: !numeric.has(0),
    ...(columns.length > 6 ? { size: 'small' as const } : {}),
  }
}

function notesBlock(title: string, notes: string[] | undefined): Block[] {
  return notes?.length ? [{ kind: 'note', title, paragraphs: notes }] : []
}

/** Charts keep the figures' format of the pages: at most one decimal place, with separators. */
function chartInput(chart: DocumentChart) {
  return { ...chart, format: (value: number) => value.toLocaleString('en-GB', { maximumFractionDigits: 1 }) }
}

function toReportBlocks(block: DocumentBlock): Block[] {
  switch (block.type) {
    case 'paragraph':
      return [{ kind: 'paragraph', text: block.text }]
    case 'bullets':
      return block.items.length ? [{ kind: 'bullets', items: block.items }] : []
    case 'table': {
      const parts = splitWideTable(block.table)
      return [...parts.map(tableBlock), ...notesBlock('About this table', block.table.notes)]
    }
    case 'chart':
      // The renderers draw the chart and then its figures as a table, so the figures table is not repeated.
      return [{ kind: 'chart', chart: chartInput(block.chart) }, ...notesBlock('About these figures', block.table.notes)]
    case 'caveats':
      return notesBlock(block.title, block.items)
  }
}

/** The sections, each landscape when it holds a table too wide for a portrait page. */
export function toReportSections(document: Pick<StructuredDocument, 'sections'>): ReportSection[] {
  return document.sections.map(section => {
    const blocks = section.blocks.flatMap(toReportBlocks)
    const wide = blocks.some(block => block.kind === 'table' && block.columns.length > PORTRAIT_COLUMNS)
    return { heading: section.heading, blocks, ...(wide ? { orientation: 'landscape' as const } : {}) }
  })
}

/** The whole assessment as a document to download. */
export function toReportDocument(document: StructuredDocument, options: ReportOptions): ReportDocument {
  return {
    title: document.title,
    subtitle: document.subtitle,
    metadata: [{ label: 'Partnership', value: options.partnershipName }, ...(document.metadata ?? [])],
    sections: toReportSections(document),
    attribution: document.attribution,
    footer: `${options.partnershipName} – strategic assessment, ${document.subtitle}`,
    author: options.partnershipName,
    generatedAt: options.generatedAt,
  }
}
