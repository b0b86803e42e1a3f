/**
 * Draws a chart's SVG (from chart.ts) on a PDF page as vector graphics, so the PDF shows exactly
 * the chart the web page shows, sharp at any zoom. renderChart writes a small, known set of elements — line,
 * polyline, circle, rect and text (once rotated) — and this replays them with pdfkit's drawing operations.
 * Anything else is reported, so a change to the chart code cannot go missing silently (see the test).
 */

export interface SvgElement {
  name: string
  attributes: Record<string, string>
  text: string
}

const unescape = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&')

/** The drawable elements of the SVG, in order (titles and descriptions are left out: they are read aloud, not drawn). */
export function parseSvg(svg: string): { viewBox: [number, number, number, number]; elements: SvgElement[] } {
  const viewBoxMatch = /viewBox="([\d.\s-]+)"/.exec(svg)
  const viewBox = (viewBoxMatch?.[1]?.trim().split(/\s+/).map(Number) ?? [0, 0, 720, 320]) as [number, number, number, number]
  const elements: SvgElement[] = []
  const tag = /<(\/?)([a-zA-Z]+)((?:\s+[\w:-]+="[^"]*")*)\s*(\/?)>/g
  let depthInIgnored = 0
  let open: SvgElement | null = null
  let last = 0
  for (let match = tag.exec(svg); match; match = tag.exec(svg)) {
    const [, closing, name = '', attributeText = '', selfClosing] = match
    const between = svg.slice(last, match.index)
    last = tag.lastIndex
    if (open && depthInIgnored === 0) open.text += between
    if (name === 'title' || name === 'desc') {
      if (closing) depthInIgnored--
      else if (!selfClosing) depthInIgnored++
      continue
    }
    if (depthInIgnored > 0 || name === 'svg') continue
    if (closing) {
      if (open && open.name === name) {
        open.text = unescape(open.text)
        open = null
      }
      continue
    }
    const attributes: Record<string, string> = {}
    for (const attribute of attributeText.matchAll(/([\w:-]+)="([^"]*)"/g)) attributes[attribute[1]!] = unescape(attribute[2]!)
    const element = { name, attributes, text: '' }
    elements.push(element)
    if (!selfClosing) open = element
  }
  return { viewBox, elements }
}

/** The part of pdfkit the replay uses (kept small so it can be tested with a recording stand-in). */
export interface VectorCanvas {
  save(): this
  restore(): this
  translate(x: number, y: number): this
  rotate(angle: number, options?: { origin?: [number, number] }): this
  scale(factor: number): this
  moveTo(x: number, y: number): this
  lineTo(x: number, y: number): this
  circle(x: number, y: number, radius: number): this
  rect(x: number, y: number, w: number, h: number): this
  lineWidth(width: number): this
  dash(length: number, options?: { space?: number }): this
  undash(): this
  stroke(colour?: string): this
  fill(colour?: string): this
  fillAndStroke(fill?: string, stroke?: string): this
  fillColor(colour: string): this
  fontSize(size: number): this
  widthOfString(text: string): number
  text(text: string, x: number, y: number, options?: Record<string, unknown>): this
}

export const DRAWN_ELEMENTS = ['line', 'polyline', 'circle', 'rect', 'text'] as const

/** Draw the SVG's elements at (x, y), scaled to `width`; returns the height used. Unknown elements are returned. */
export function drawSvg(canvas: VectorCanvas, svg: string, x: number, y: number, width: number, fit: (text: string) => string = t => t): { height: number; skipped: string[] } {
  const { viewBox, elements } = parseSvg(svg)
  const [, , viewWidth, viewHeight] = viewBox
  const factor = width / viewWidth
  const skipped: string[] = []
  canvas.save()
  canvas.translate(x, y)
  canvas.scale(factor)
  const number = (value: string | undefined, fallback = 0) => (value === undefined || value === '' ? fallback : Number(value))
  const withDash = (attributes: Record<string, string>) => {
    const dash = attributes['stroke-dasharray']?.split(/[\s,]+/).map(Number)
    if (dash?.length && dash[0]! > 0) canvas.dash(dash[0]!, { space: dash[1] ?? dash[0]! })
    else canvas.undash()
  }
  for (const element of elements) {
    const a = element.attributes
    switch (element.name) {
      case 'line':
        canvas.save()
        canvas.lineWidth(number(a['stroke-width'], 1))
        withDash(a)
        canvas.moveTo(number(a.x1), number(a.y1)).lineTo(number(a.x2), number(a.y2)).stroke(a.stroke ?? '#000000')
        canvas.restore()
        break
      case 'polyline': {
        const points = (a.points ?? '')
          .trim()
          .split(/\s+/)
          .map(pair => pair.split(',').map(Number) as [number, number])
        if (points.length < 2) break
        canvas.save()
        canvas.lineWidth(number(a['stroke-width'], 1))
        withDash(a)
        canvas.moveTo(...points[0]!)
        for (const point of points.slice(1)) canvas.lineTo(...point)
        canvas.stroke(a.stroke ?? '#000000')
        canvas.restore()
        break
      }
      case 'circle':
        canvas.circle(number(a.cx), number(a.cy), number(a.r)).fill(a.fill ?? '#000000')
        break
      case 'rect':
        if (a.stroke) {
          // An outlined bar: the outline keeps a pale fill apart from the page and from its neighbours.
          canvas.save()
          canvas.lineWidth(number(a['stroke-width'], 1))
          canvas.undash()
          canvas.rect(number(a.x), number(a.y), number(a.width), number(a.height)).fillAndStroke(a.fill ?? '#000000', a.stroke)
          canvas.restore()
        } else canvas.rect(number(a.x), number(a.y), number(a.width), number(a.height)).fill(a.fill ?? '#000000')
        break
      case 'text': {
        const text = fit(element.text)
        const size = number(a['font-size'], 12)
        canvas.save()
        let tx = number(a.x)
        let ty = number(a.y)
        const transform = a.transform ?? ''
        const translate = /translate\(\s*([\d.-]+)[\s,]+([\d.-]+)\s*\)/.exec(transform)
        const rotate = /rotate\(\s*([\d.-]+)\s*\)/.exec(transform)
        if (translate) canvas.translate(Number(translate[1]), Number(translate[2]))
        if (rotate) canvas.rotate(Number(rotate[1]), { origin: [0, 0] })
        if (translate || rotate) {
          tx = 0
          ty = 0
        }
        canvas.fontSize(size)
        const textWidth = canvas.widthOfString(text)
        const anchor = a['text-anchor']
        const left = anchor === 'end' ? tx - textWidth : anchor === 'middle' ? tx - textWidth / 2 : tx
        canvas.fillColor(a.fill ?? '#0b0c0c')
        canvas.text(text, left, ty, { lineBreak: false, baseline: 'alphabetic' })
        canvas.restore()
        break
      }
      default:
        skipped.push(element.name)
    }
  }
  canvas.restore()
  return { height: viewHeight * factor, skipped }
}
