/**
 * What a chart is, apart from how it is drawn: the input every renderer takes (chart.ts draws SVG, chart-bars.ts
 * the horizontal bars, pdf-chart.ts and chart-image.ts the PDF and Word pictures) and the drawn chart.
 */

export interface ChartPoint {
  /** The x-axis label: a month, a quarter, a year. */
  label: string
  value: number | null
}

export interface ChartSeries {
  name: string
  points: ChartPoint[]
  /** A dashed line, e.g. for a target or last year. */
  dashed?: boolean
  /** The series' own colour (e.g. a RAG status's); the palette's next colour when not given. */
  colour?: string
  /** The colour of a count written inside a bar of this colour (default white). */
  textColour?: string
}

export interface ChartInput {
  id: string
  title: string
  description: string
  /**
   * 'line' and 'bar' run along the x-axis (months, quarters, years). 'stacked-bar' and 'grouped-bar' are
   * horizontal, one row per label (a priority, a funding stream), so long names read in full: a stacked bar
   * adds the series up (actions by RAG), a grouped bar sets them side by side (allocated, spent, available).
   */
  kind: 'line' | 'bar' | 'stacked-bar' | 'grouped-bar'
  series: ChartSeries[]
  yLabel?: string
  /** A horizontal reference line, e.g. the target. */
  reference?: { label: string; value: number }
  /** The heading of the table's first column, naming what each row is ("Priority", "Year"); "Period" when not given. */
  labelHeading?: string
  /** Format of values in labels and the table (default: whole numbers with separators). */
  format?: (value: number) => string
}

export interface Chart {
  id: string
  title: string
  description: string
  svg: string
  /** The SVG's own size (its viewBox): horizontal charts grow with their rows. */
  width: number
  height: number
  table: { caption: string; head: string[]; rows: string[][] }
}
