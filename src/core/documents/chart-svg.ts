import type { Chart, ChartInput, ChartSeries } from './chart-model.ts'

/** What the chart kinds share: the palette, escaping, the axis scale, the figures table and the svg element. */

// Colours from the GOV.UK palette with at least 3:1 contrast against white (WCAG 2.2 non-text contrast);
// series are told apart by line style, markers and labels as well, never by colour alone.
export const COLOURS = ['#1d70b8', '#d4351c', '#00703c', '#4c2c92', '#912b88', '#003078']

export const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

export const defaultFormat = (value: number) => value.toLocaleString('en-GB', { maximumFractionDigits: 1 })

/** A round upper bound and tick step for the y-axis. */
export function niceScale(max: number, ticks = 5): { max: number; step: number } {
  if (!(max > 0)) return { max: 1, step: 0.2 }
  const rough = max / ticks
  const magnitude = 10 ** Math.floor(Math.log10(rough))
  const step = [1, 2, 2.5, 5, 10].map(m => m * magnitude).find(s => s >= rough) ?? 10 * magnitude
  return { max: Math.ceil(max / step) * step, step }
}

/** The figures of a chart as a table: a row per label, a column per series, a dash for a missing value. */
export function figuresTable(input: ChartInput, labels: string[], format: (value: number) => string): Chart['table'] {
  const byLabel = (series: ChartSeries, label: string) => series.points.find(p => p.label === label)?.value ?? null
  return {
    caption: `${input.title}: the figures`,
    head: [input.labelHeading ?? '', ...input.series.map(s => s.name)],
    rows: labels.map(label => [
      label,
      ...input.series.map(s => {
        const value = byLabel(s, label)
        return value === null ? '–' : format(value)
      }),
    ]),
  }
}

/** The svg element with its title and description, named for screen readers. */
export function svgElement(input: Pick<ChartInput, 'id' | 'title' | 'description'>, width: number, height: number, parts: string[]): string {
  const titleId = `${input.id}-title`
  const descId = `${input.id}-desc`
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${titleId} ${descId}" class="app-chart__svg" focusable="false">` +
    `<title id="${titleId}">${escapeXml(input.title)}</title><desc id="${descId}">${escapeXml(input.description)}</desc>` +
    parts.join('') +
    '</svg>'
  )
}
