import { renderBarRows } from './chart-bars.ts'
import type { Chart, ChartInput } from './chart-model.ts'
import { COLOURS, defaultFormat, escapeXml, figuresTable, niceScale, svgElement } from './chart-svg.ts'

export { niceScale } from './chart-svg.ts'
export type { Chart, ChartInput, ChartPoint, ChartSeries } from './chart-model.ts'

/**
 * Server-rendered SVG charts: no JavaScript. Each chart has a title and a description (read by screen
 * readers through aria-labelledby) and is always shown with a table of its figures (see the `appChart`
 * macro in views/macros/chart.njk). Colours are distinguished by line style and markers as well.
 */

const WIDTH = 720
const HEIGHT = 320
const MARGIN = { top: 20, right: 20, bottom: 60, left: 64 }
const DASHES = ['', '6 4', '2 3', '8 3 2 3']

export function renderChart(input: ChartInput): Chart {
  if (input.kind === 'stacked-bar' || input.kind === 'grouped-bar') return renderBarRows(input)
  const format = input.format ?? defaultFormat
  const labels = [...new Set(input.series.flatMap(s => s.points.map(p => p.label)))]
  const values = input.series.flatMap(s => s.points.map(p => p.value)).filter((v): v is number => v !== null)
  const { max, step } = niceScale(Math.max(0, ...values, input.reference?.value ?? 0))
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom
  const y = (value: number) => MARGIN.top + plotHeight - (value / max) * plotHeight
  const band = plotWidth / Math.max(1, labels.length)
  const xCentre = (index: number) => MARGIN.left + band * index + band / 2

  const parts: string[] = []
  // Grid and y-axis labels.
  for (let tick = 0; tick <= max + step / 2; tick += step) {
    parts.push(`<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y(tick).toFixed(1)}" y2="${y(tick).toFixed(1)}" stroke="#b1b4b6" stroke-width="1"/>`)
    parts.push(`<text x="${MARGIN.left - 8}" y="${(y(tick) + 4).toFixed(1)}" text-anchor="end" font-size="12" fill="#0b0c0c">${escapeXml(format(tick))}</text>`)
  }
  if (input.yLabel) {
    parts.push(`<text transform="translate(14 ${MARGIN.top + plotHeight / 2}) rotate(-90)" text-anchor="middle" font-size="12" fill="#0b0c0c">${escapeXml(input.yLabel)}</text>`)
  }
  // X-axis labels: thin them out when there are many.
  const every = Math.ceil(labels.length / 12)
  labels.forEach((label, index) => {
    if (index % every !== 0) return
    parts.push(`<text x="${xCentre(index).toFixed(1)}" y="${HEIGHT - MARGIN.bottom + 18}" text-anchor="middle" font-size="12" fill="#0b0c0c">${escapeXml(label)}</text>`)
  })
  parts.push(`<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y(0)}" y2="${y(0)}" stroke="#0b0c0c" stroke-width="1"/>`)

  input.series.forEach((series, seriesIndex) => {
    const colour = series.colour ?? COLOURS[seriesIndex % COLOURS.length]!
    const dash = series.dashed ? '6 4' : DASHES[seriesIndex % DASHES.length]!
    const indexOf = (label: string) => labels.indexOf(label)
    if (input.kind === 'bar') {
      const barWidth = (band * 0.8) / input.series.length
      for (const point of series.points) {
        if (point.value === null) continue
        const x = MARGIN.left + band * indexOf(point.label) + band * 0.1 + barWidth * seriesIndex
        parts.push(
          `<rect x="${x.toFixed(1)}" y="${y(point.value).toFixed(1)}" width="${barWidth.toFixed(1)}" height="${(y(0) - y(point.value)).toFixed(1)}" fill="${colour}"><title>${escapeXml(`${series.name}, ${point.label}: ${format(point.value)}`)}</title></rect>`,
        )
      }
    } else {
      const segments: string[][] = [[]]
      for (const point of series.points) {
        if (point.value === null) {
          segments.push([])
          continue
        }
        segments.at(-1)!.push(`${xCentre(indexOf(point.label)).toFixed(1)},${y(point.value).toFixed(1)}`)
      }
      for (const segment of segments.filter(s => s.length)) {
        parts.push(`<polyline points="${segment.join(' ')}" fill="none" stroke="${colour}" stroke-width="3"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`)
      }
      for (const point of series.points) {
        if (point.value === null) continue
        parts.push(
          `<circle cx="${xCentre(indexOf(point.label)).toFixed(1)}" cy="${y(point.value).toFixed(1)}" r="4" fill="${colour}"><title>${escapeXml(`${series.name}, ${point.label}: ${format(point.value)}`)}</title></circle>`,
        )
      }
    }
  })
  if (input.reference) {
    const ry = y(input.reference.value).toFixed(1)
    parts.push(`<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${ry}" y2="${ry}" stroke="#0b0c0c" stroke-width="2" stroke-dasharray="2 4"/>`)
    parts.push(`<text x="${WIDTH - MARGIN.right}" y="${(Number(ry) - 6).toFixed(1)}" text-anchor="end" font-size="12" fill="#0b0c0c">${escapeXml(`${input.reference.label}: ${format(input.reference.value)}`)}</text>`)
  }
  // Legend under the axis.
  input.series.forEach((series, index) => {
    const x = MARGIN.left + index * 180
    const colour = series.colour ?? COLOURS[index % COLOURS.length]!
    const dash = series.dashed ? '6 4' : DASHES[index % DASHES.length]!
    parts.push(`<line x1="${x}" x2="${x + 24}" y1="${HEIGHT - 14}" y2="${HEIGHT - 14}" stroke="${colour}" stroke-width="3"${dash && input.kind === 'line' ? ` stroke-dasharray="${dash}"` : ''}/>`)
    parts.push(`<text x="${x + 30}" y="${HEIGHT - 10}" font-size="12" fill="#0b0c0c">${escapeXml(series.name)}</text>`)
  })

  return {
    id: input.id,
    title: input.title,
    description: input.description,
    svg: svgElement(input, WIDTH, HEIGHT, parts),
    width: WIDTH,
    height: HEIGHT,
    table: figuresTable(input, labels, format),
  }
}
