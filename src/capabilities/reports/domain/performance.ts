import type { ChartInput } from '../../../core/documents/chart.ts'
import { formatNumber, formatPercent } from '../../../shared/format.ts'
import type { Rag, TableBlock, TableRow } from '../../../core/documents/model.ts'

import type { IndicatorTrend } from './report-charts.ts'

/**
 * The performance table ("Achievements from Strategic Priorities", seed 000): each target with the figure for
 * the year before and the year reported, the change, and a RAG status. The figures come from the indicators
 * capability through the `performance` data source (see report-service.ts); the reports only lay them out.
 */
export interface PerformanceTable {
  /** Column headings of the two periods, e.g. "Year to date (April 2009 – March 2010)". */
  previousPeriodLabel: string
  currentPeriodLabel: string
  rows: PerformanceRow[]
  /** Where the figures come from, printed under the table: "Essex Police recorded crime; iQuanta". */
  source?: string
  /** True when any figure is police.uk / ONS data: the Open Government Licence attribution is then printed. */
  containsPublicSectorData?: boolean
  /** Charts of the indicators (each printed with its figures). */
  charts?: ChartInput[]
  /** Each indicator with a target in the year, against its target year by year: drawn as a chart with its figures. */
  trends?: IndicatorTrend[]
  /** Caveats: "Rochford data is grouped with Castle Point and Southend for MARAC cases." */
  notes?: string[]
}

export interface PerformanceRow {
  /** Rows with the same group sit under one heading row: "2010/2011 priorities". */
  group?: string
  /** The target or measure as the plan words it: "Reduce Theft From Motor Vehicle by 10% during 2010/2011". */
  measure: string
  previous: number | null
  current: number | null
  /** What is counted, for the change: "offences", "incidents". */
  unit?: string
  /** Decimal places of the figures (default 0). */
  decimals?: number
  rag: Rag | null
  /** Words instead of (or beside) figures: "Separate district data not available". */
  commentary?: string
  /** The figures and change as the source capability wrote them (e.g. a rate, a percentage, money, or the
   * indicators' exact "39.1% (127 offences)"); when given, they are shown instead of being worked out here. */
  previousText?: string
  currentText?: string
  change?: string
  /** The indicator the row is about, with its target's wording, baseline and target figure in their own columns
   * (given by the indicators capability; a row without them is laid out as the seeds' priority table). */
  indicator?: string
  target?: string
  baselineText?: string
  targetText?: string
}

/** Percentage change from `previous` to `current` (39 means 39%), or null when it cannot be worked out. */
export function percentChange(previous: number | null, current: number | null): number | null {
  if (previous === null || current === null || previous === 0) return null
  return ((current - previous) / Math.abs(previous)) * 100
}

/** "39.1% reduction (127 offences)", "2.8% increase (5 offences)", "No change", or '' without both figures. */
export function describeChange(row: Pick<PerformanceRow, 'previous' | 'current' | 'unit' | 'decimals'>): string {
  if (row.previous === null || row.current === null) return ''
  const difference = row.current - row.previous
  if (difference === 0) return 'No change'
  const amount = `${formatNumber(Math.abs(difference), row.decimals ?? 0)}${row.unit ? ` ${row.unit}` : ''}`
  const change = percentChange(row.previous, row.current)
  const direction = difference < 0 ? 'reduction' : 'increase'
  return change === null ? `${direction} of ${amount}` : `${formatPercent(Math.abs(change), 1)} ${direction} (${amount})`
}

export function performanceTableBlock(table: PerformanceTable, caption: string): TableBlock {
  const rows: TableRow[] = []
  const withIndicators = table.rows.some(row => row.indicator !== undefined)
  let group: string | undefined
  for (const row of table.rows) {
    if (row.group && row.group !== group) rows.push({ group: row.group })
    group = row.group
    const figure = (value: number | null, text?: string) => text ?? (value === null ? '' : formatNumber(value, row.decimals ?? 0))
    const hasFigures = row.previous !== null || row.current !== null
    const status = { rag: row.rag, ragText: row.rag ? undefined : 'No status' }
    const byIndicator = withIndicators ? [row.indicator ?? row.measure, row.target ?? '', row.baselineText ?? '', row.targetText ?? ''] : [row.measure]
    if (!hasFigures && row.commentary) {
      rows.push({ cells: [...byIndicator, { lines: [row.commentary], span: 3 }, status] })
      continue
    }
    const change = row.change ?? describeChange(row)
    rows.push({ cells: [...byIndicator, figure(row.previous, row.previousText), figure(row.current, row.currentText), { lines: [change, ...(row.commentary ? [{ text: row.commentary, small: true }] : [])] }, status] })
  }
  if (withIndicators) {
    return {
      kind: 'table',
      caption,
      columns: [
        { header: 'Indicator', width: 2.2 },
        { header: 'Target', width: 2.4 },
        { header: 'Baseline', width: 1.2, numeric: true },
        { header: 'Target figure', width: 1.1, numeric: true },
        { header: table.previousPeriodLabel, width: 1.3, numeric: true },
        { header: table.currentPeriodLabel, width: 1.3, numeric: true },
        { header: 'Change', width: 2.6 },
        { header: 'Performance', width: 1.3 },
      ],
      rows,
      rowHeaders: true,
    }
  }
  return {
    kind: 'table',
    caption,
    columns: [
      { header: 'Priority or target', width: 4 },
      { header: table.previousPeriodLabel, width: 1.6, numeric: true },
      { header: table.currentPeriodLabel, width: 1.6, numeric: true },
      { header: 'Change', width: 2 },
      { header: 'Performance', width: 1.3 },
    ],
    rows,
    rowHeaders: true,
  }
}
