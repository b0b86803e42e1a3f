import type { ChartInput } from './chart.ts'

/**
 * A document as structured content (sections of headings, paragraphs, tables with captions and notes, charts
 * with their figures, and caveats), as the strategic assessment is built: structured-report.ts turns it into
 * a ReportDocument for the renderers (DOCX, PDF, print); spreadsheets take its tables. Pure data, no
 * formatting decisions beyond words.
 */

export type DocumentCell = string | number | null

export interface DocumentTable {
  caption: string
  headers: string[]
  rows: DocumentCell[][]
  /** Columns (0-based) holding numbers, to right-align. */
  numericColumns?: number[]
  /** Notes printed under the table: caveats that apply to it, the source. */
  notes?: string[]
  /** How many of the last rows are totals (shown in bold). */
  totalRows?: number
}

/** A chart of the assessment: the one chart definition every page and document draws, without formatting. */
export type DocumentChart = Pick<ChartInput, 'id' | 'title' | 'description' | 'kind' | 'series' | 'yLabel'>

export type DocumentBlock =
  | { type: 'paragraph'; text: string }
  | { type: 'bullets'; items: string[] }
  | { type: 'table'; table: DocumentTable }
  | { type: 'chart'; chart: DocumentChart; table: DocumentTable }
  | { type: 'caveats'; title: string; items: string[] }

export interface DocumentSection {
  heading: string
  blocks: DocumentBlock[]
}

export interface StructuredDocument {
  title: string
  subtitle: string
  /** 'YYYY-MM-DD' */
  date: string
  /** What the figures are: the area, the period, the months held, the population a rate uses. */
  metadata?: { label: string; value: string }[]
  sections: DocumentSection[]
  /** Licence and source lines to print at the end (or in the footer). */
  attribution: string[]
}

/** The figures table of a chart: one row per label, one column per series. */
export function chartTable(chart: DocumentChart, notes: string[] = []): DocumentTable {
  const labels = [...new Set(chart.series.flatMap(s => s.points.map(p => p.label)))]
  return {
    caption: `${chart.title}: the figures`,
    headers: ['', ...chart.series.map(s => s.name)],
    rows: labels.map(label => [label, ...chart.series.map(s => s.points.find(p => p.label === label)?.value ?? null)]),
    numericColumns: chart.series.map((_, i) => i + 1),
    notes,
  }
}
