import { renderChart, type Chart } from '../../../core/documents/chart.ts'
import { formatMoney } from '../../../shared/format.ts'

import type { YearSummary } from './year-summary.ts'

/**
 * The year page's picture: the money available, allocated and spent — the partnership's own money as one
 * pot (its streams are pooled: allocations draw on the pot, not on a stream) and each stream it administers
 * for others on its own row. Drawn on the server with its figures in a table; null for a year with no money.
 */
export function fundingYearChart(summary: Pick<YearSummary, 'year' | 'figures' | 'administered'>): Chart | null {
  const own = { label: 'The partnership’s own money', available: summary.figures.available.totalPence, allocated: summary.figures.allocated.totalPence, spent: summary.figures.spent.totalPence }
  const rows = [
    ...(own.available || own.allocated || own.spent ? [own] : []),
    ...summary.administered.map(s => ({ label: `${s.name} (administered for others)`, available: s.amountPence, allocated: s.allocatedPence, spent: s.spentPence })),
  ]
  if (!rows.length) return null
  const pounds = (pence: number | null) => (pence === null ? null : pence / 100)
  const label = summary.year.label
  return renderChart({
    id: 'funding-year-chart',
    title: `Available, allocated and spent, ${label}`,
    description: `Bar chart with three bars for ${rows.length === 1 ? 'the partnership’s money' : `each of ${rows.length} pots of money`}: the money available (held, for a stream administered for others), the amount allocated and the amount spent in ${label}. Each bar has its figure written beside it.`,
    kind: 'grouped-bar',
    labelHeading: 'Money',
    yLabel: 'Pounds',
    format: value => formatMoney(Math.round(value * 100)),
    series: (['available', 'allocated', 'spent'] as const).map((key, i) => ({
      name: ['Available', 'Allocated', 'Spent'][i]!,
      colour: ['#1d70b8', '#4c2c92', '#00703c'][i]!,
      points: rows.map(row => ({ label: row.label, value: pounds(row[key]) })),
    })),
  })
}
