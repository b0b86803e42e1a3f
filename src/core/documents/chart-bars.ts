import type { Chart, ChartInput } from './chart-model.ts'
import { COLOURS, defaultFormat, escapeXml, figuresTable, niceScale, svgElement } from './chart-svg.ts'

/**
 * Horizontal bar charts, one row per label: a stacked bar (the actions of each priority by RAG status) or
 * grouped bars (each funding stream's allocated, spent and available). Long names are written in full at the
 * left of their row, wrapped. Nothing is told by colour alone: every bar has a dark outline (so a pale fill
 * still stands out at 3:1 against the page and its neighbours), a stacked bar has its counts written inside
 * its parts where they fit and in words under it, and a grouped bar has its series' name and figure level with it,
 * in a column right of the scale.
 */

const WIDTH = 720
const LABEL_WIDTH = 228
const PLOT_LEFT = LABEL_WIDTH + 12
const TOP = 8
const FONT = 12
/** About how many characters of 12-pixel text fit in the label column. */
const LABEL_CHARACTERS = 36
const MAX_LABEL_LINES = 3
const OUTLINE = '#0b0c0c'
const TEXT = '#0b0c0c'

/** A label wrapped on spaces into at most three lines, the last shortened with an ellipsis (the table has it in full). */
export function wrapLabel(label: string, width = LABEL_CHARACTERS, maxLines = MAX_LABEL_LINES): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of label.split(/\s+/).filter(Boolean)) {
    if (!line) line = word
    else if (line.length + 1 + word.length <= width) line += ` ${word}`
    else {
      lines.push(line)
      line = word
    }
  }
  if (line) lines.push(line)
  if (lines.length <= maxLines) return lines.map(l => (l.length > width ? `${l.slice(0, width - 1)}…` : l))
  const kept = lines.slice(0, maxLines)
  const last = kept[maxLines - 1]!
  kept[maxLines - 1] = `${last.length > width - 1 ? last.slice(0, width - 1) : last}…`
  return kept
}

const text = (x: number, y: number, content: string, extra = '') =>
  `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-size="${FONT}" fill="${TEXT}"${extra}>${escapeXml(content)}</text>`

export function renderBarRows(input: ChartInput): Chart {
  const stacked = input.kind === 'stacked-bar'
  const format = input.format ?? defaultFormat
  const labels = [...new Set(input.series.flatMap(s => s.points.map(p => p.label)))]
  const valueOf = (seriesIndex: number, label: string) => input.series[seriesIndex]!.points.find(p => p.label === label)?.value ?? null
  const colourOf = (seriesIndex: number) => input.series[seriesIndex]!.colour ?? COLOURS[seriesIndex % COLOURS.length]!

  // The scale: totals of a stacked bar; a grouped bar may go below zero (a stream spent beyond its allocation).
  const values = stacked
    ? labels.map(label => input.series.reduce((sum, _s, i) => sum + Math.max(0, valueOf(i, label) ?? 0), 0))
    : input.series.flatMap((_s, i) => labels.map(label => valueOf(i, label))).filter((v): v is number => v !== null)
  const highest = Math.max(0, ...values)
  const lowest = Math.min(0, ...values)
  const { step } = niceScale(Math.max(highest, -lowest) || 5)
  const hi = Math.max(step, Math.ceil(highest / step) * step)
  const lo = Math.floor(lowest / step) * step
  const right = stacked ? 24 : 170
  const plotWidth = WIDTH - PLOT_LEFT - right
  const x = (value: number) => PLOT_LEFT + ((value - lo) / (hi - lo)) * plotWidth

  const barHeight = stacked ? 26 : 18
  const rowHeight = stacked ? barHeight + 46 : input.series.length * (barHeight + 4) + 18
  const plotTop = TOP
  const plotBottom = plotTop + labels.length * rowHeight
  const parts: string[] = []

  // Vertical grid lines with the scale under the rows. A stacked bar's lines run only beside its bar, so
  // the words under it are not struck through.
  const bands = stacked ? labels.map((_l, row) => [plotTop + row * rowHeight + 2, plotTop + row * rowHeight + 14 + barHeight] as const) : [[plotTop, plotBottom] as const]
  for (let tick = lo; tick <= hi + step / 2; tick += step) {
    const tx = x(tick).toFixed(1)
    for (const [y1, y2] of bands) parts.push(`<line x1="${tx}" x2="${tx}" y1="${y1}" y2="${y2}" stroke="#b1b4b6" stroke-width="1"/>`)
    parts.push(text(Number(tx), plotBottom + 18, format(tick), ' text-anchor="middle"'))
  }
  if (input.yLabel) parts.push(text(PLOT_LEFT + plotWidth / 2, plotBottom + 38, input.yLabel, ' text-anchor="middle"'))

  labels.forEach((label, row) => {
    const top = plotTop + row * rowHeight + 8
    const blockHeight = stacked ? barHeight : input.series.length * (barHeight + 4) - 4
    const lines = wrapLabel(label)
    const firstBaseline = top + blockHeight / 2 - ((lines.length - 1) * 15) / 2 + 4
    lines.forEach((line, i) => parts.push(text(LABEL_WIDTH, firstBaseline + i * 15, line, ' text-anchor="end"')))

    if (stacked) {
      let from = 0
      const said: string[] = []
      input.series.forEach((series, i) => {
        const value = Math.max(0, valueOf(i, label) ?? 0)
        if (value <= 0) return
        const x1 = x(from)
        const width = x(from + value) - x1
        parts.push(
          `<rect x="${x1.toFixed(1)}" y="${top}" width="${width.toFixed(1)}" height="${barHeight}" fill="${colourOf(i)}" stroke="${OUTLINE}" stroke-width="1"><title>${escapeXml(`${label}, ${series.name}: ${format(value)}`)}</title></rect>`,
        )
        const figure = format(value)
        if (width >= figure.length * 7 + 8) {
          parts.push(`<text x="${(x1 + width / 2).toFixed(1)}" y="${top + barHeight / 2 + 4}" text-anchor="middle" font-size="${FONT}" font-weight="bold" fill="${series.textColour ?? '#ffffff'}">${escapeXml(figure)}</text>`)
        }
        said.push(`${series.name} ${figure}`)
        from += value
      })
      const total = format(from)
      parts.push(text(PLOT_LEFT, top + barHeight + 20, said.length ? `${said.join(', ')} (${total} in all)` : 'None', ''))
    } else {
      input.series.forEach((series, i) => {
        const value = valueOf(i, label)
        const y = top + i * (barHeight + 4)
        // The series and figure in a column to the right of the scale, level with the bar, clear of the grid.
        const labelX = PLOT_LEFT + plotWidth + 10
        if (value === null) {
          parts.push(text(labelX, y + barHeight / 2 + 4, `${series.name}: no figure`))
          return
        }
        const x1 = Math.min(x(0), x(value))
        const width = Math.abs(x(value) - x(0))
        parts.push(
          `<rect x="${x1.toFixed(1)}" y="${y}" width="${width.toFixed(1)}" height="${barHeight}" fill="${colourOf(i)}" stroke="${OUTLINE}" stroke-width="1"><title>${escapeXml(`${label}, ${series.name}: ${format(value)}`)}</title></rect>`,
        )
        parts.push(text(labelX, y + barHeight / 2 + 4, `${series.name}: ${format(value)}`))
      })
    }
  })
  for (const [y1, y2] of bands) parts.push(`<line x1="${x(0).toFixed(1)}" x2="${x(0).toFixed(1)}" y1="${y1}" y2="${y2}" stroke="${OUTLINE}" stroke-width="1"/>`)

  // The key: a swatch with its name, four to a line.
  const keyTop = plotBottom + (input.yLabel ? 52 : 34)
  input.series.forEach((series, i) => {
    const kx = PLOT_LEFT + (i % 4) * 120
    const ky = keyTop + Math.floor(i / 4) * 20
    parts.push(`<rect x="${kx}" y="${ky}" width="14" height="14" fill="${colourOf(i)}" stroke="${OUTLINE}" stroke-width="1"/>`)
    parts.push(text(kx + 20, ky + 11, series.name))
  })
  const height = Math.ceil(keyTop + Math.ceil(input.series.length / 4) * 20 + 6)

  return {
    id: input.id,
    title: input.title,
    description: input.description,
    svg: svgElement(input, WIDTH, height, parts),
    width: WIDTH,
    height,
    table: figuresTable(input, labels, format),
  }
}
