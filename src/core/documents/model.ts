import type { ChartInput } from './chart.ts'

/**
 * A document the partnership circulates (a committee report, a plan update), described once and drawn by
 * three renderers: DOCX (docx.ts), PDF (pdf.ts) and HTML for the browser's print (html.ts with the appDocument
 * macro of views/macros/document.njk). Charts are one definition (chart.ts) drawn to all three. The model holds words and figures only; each renderer decides how they look.
 */

export interface ReportDocument {
  title: string
  subtitle?: string
  /** The council's name and logo at the head of the first page, above the title (drawn by logo.ts). */
  masthead?: DocumentMasthead
  /** Lines under the title: "Partnership: …", "Period: …", "Status: Draft". */
  metadata?: { label: string; value: string }[]
  sections: DocumentSection[]
  /** Sources and licences, printed at the end (e.g. the Open Government Licence attribution). */
  attribution?: string[]
  /** Words in the page footer beside the page number; the title when not given. */
  footer?: string
  /** The document's author for the file's properties (e.g. the partnership). */
  author?: string
  /** When the figures were taken from the records; the file's creation date. */
  generatedAt: Date
}

/** The council's own paper: its name and logo, printed above the title. */
export interface DocumentMasthead {
  name: string | null
  logo: DocumentLogo | null
}

/** A logo as a PNG (base64) with its size in pixels and its alt text ("Rochford District Council logo"). */
export interface DocumentLogo {
  png: string
  width: number
  height: number
  alt: string
}

export interface DocumentSection {
  /** "3" in "3 Background"; committee reports number their sections and paragraphs. */
  number?: string
  heading?: string
  blocks: Block[]
  /** Wide tables sit in a landscape section. */
  orientation?: 'portrait' | 'landscape'
  /** Start the section at the top of a page (each priority of a plan update, say). */
  startOnNewPage?: boolean
}

export type Block = HeadingBlock | ParagraphBlock | BulletsBlock | TableBlock | ChartBlock | NoteBlock

/** A heading inside a section: level 3 under the section's heading, level 4 under that. */
export interface HeadingBlock {
  kind: 'heading'
  text: string
  level: 3 | 4
}

export interface TextRun {
  text: string
  bold?: boolean
}

export interface ParagraphBlock {
  kind: 'paragraph'
  /** Plain text, or runs where some words are bold ("the Committee RESOLVES to note"). */
  text: string | TextRun[]
  /** "3.1": shown in a hanging column before the text. */
  number?: string
  /** Smaller, quieter text (a source line, a sign-off detail). */
  small?: boolean
}

export interface BulletsBlock {
  kind: 'bullets'
  items: string[]
}

export interface NoteBlock {
  kind: 'note'
  /** "Note", "About these figures". */
  title?: string
  paragraphs: string[]
}

export interface ChartBlock {
  kind: 'chart'
  chart: ChartInput
}

export interface TableColumn {
  header: string
  /** Relative width: the columns share the page in proportion to their widths. */
  width: number
  /** Right-aligned figures. */
  numeric?: boolean
}

/** A header cell of an extra header row, which may span several columns. */
export interface HeaderCell {
  text: string
  span?: number
}

/** A line inside a cell: a paragraph, a bullet point, or a small note (the author and date of an update). */
export interface CellLine {
  text: string
  bullet?: boolean
  bold?: boolean
  small?: boolean
}

/**
 * A table cell: plain text (lines split on newlines), a number, empty, or a richer cell. A `rag` cell shows the
 * status as its word ("Amber") on the status colour; `rag: null` means no status yet ("No update").
 */
export type CellValue =
  | string
  | number
  | null
  | {
      lines?: (string | CellLine)[]
      rag?: Rag | null
      /** The word for a RAG cell when it is not the status's own name. */
      ragText?: string
      bold?: boolean
      /** Columns the cell spans (default 1). */
      span?: number
    }

/** A row of cells, or a group row: one cell across the table that heads the rows after it. */
export type TableRow = { cells: CellValue[] } | { group: string }

export interface TableBlock {
  kind: 'table'
  caption: string
  columns: TableColumn[]
  /** Header rows above the row of column headers (e.g. a heading spanning two period columns). */
  extraHeaderRows?: HeaderCell[][]
  rows: TableRow[]
  /** The first cell of each row names the row (a row header). */
  rowHeaders?: boolean
  /** Text size: 'small' for dense tables such as a plan's actions. */
  size?: 'normal' | 'small'
}

/**
 * A status cell's RAG status: the plans' quarterly update statuses and the indicators' performance, drawn
 * with their words as the pages show them (there is no separate status for a complete action).
 */
export type Rag = 'red' | 'amber' | 'green'
export const RAG_WORDS: Record<Rag, string> = { red: 'Red', amber: 'Amber', green: 'Green' }
export const NO_RAG_WORD = 'No update'

/** Status colours for documents (text on fill meets 4.5:1): the word is always there too. */
export const RAG_COLOURS: Record<Rag | 'none', { fill: string; text: string }> = {
  red: { fill: 'D4351C', text: 'FFFFFF' },
  amber: { fill: 'F47738', text: '0B0C0C' },
  green: { fill: '00703C', text: 'FFFFFF' },
  none: { fill: 'F3F2F1', text: '0B0C0C' },
}
