import { describe, expect, it } from 'vitest'

import { renderChart } from './chart.ts'

import { DRAWN_ELEMENTS, drawSvg, parseSvg, type VectorCanvas } from './pdf-chart.ts'

const line = renderChart({
  id: 'tfmv',
  title: 'Theft from motor vehicles',
  description: 'Offences per year',
  kind: 'line',
  yLabel: 'Offences',
  reference: { label: 'Target', value: 290 },
  series: [
    { name: 'Offences', points: [{ label: '2009/10', value: 325 }, { label: '2010/11', value: 198 }, { label: '2011/12', value: null }] },
    { name: 'Last year', dashed: true, points: [{ label: '2009/10', value: 300 }, { label: '2010/11', value: 310 }] },
  ],
})
const bar = renderChart({ id: 'robbery', title: 'Robbery', description: 'Offences & more', kind: 'bar', series: [{ name: 'Robbery <all>', points: [{ label: 'Q1', value: 23 }, { label: 'Q2', value: 8 }] }] })

/** A stand-in for pdfkit that records what is drawn. */
function recorder() {
  const calls: string[] = []
  const texts: { text: string; x: number; y: number }[] = []
  const canvas = new Proxy({} as VectorCanvas, {
    get: (_target, name: string) => {
      if (name === 'widthOfString') return (text: string) => text.length * 6
      return (...args: unknown[]) => {
        calls.push(name)
        if (name === 'text') texts.push({ text: args[0] as string, x: args[1] as number, y: args[2] as number })
        return canvas
      }
    },
  })
  return { canvas, calls, texts }
}

describe('drawing a chart’s SVG on a PDF page', () => {
  it('knows every element the charts are made of, for line and bar charts alike', () => {
    for (const chart of [line, bar]) {
      const names = new Set(parseSvg(chart.svg).elements.map(element => element.name))
      expect([...names].filter(name => !(DRAWN_ELEMENTS as readonly string[]).includes(name))).toEqual([])
      const { skipped } = drawSvg(recorder().canvas, chart.svg, 0, 0, 480)
      expect(skipped).toEqual([])
    }
  })

  it('leaves out the titles read to screen readers and keeps the visible labels, unescaped', () => {
    const texts = parseSvg(bar.svg).elements.filter(e => e.name === 'text').map(e => e.text)
    expect(texts).toContain('Robbery <all>')
    expect(texts).toContain('Q1')
    expect(texts.some(text => text.includes('Robbery, Q1: 23'))).toBe(false) // a bar's tooltip title
  })

  it('scales the 720 × 320 chart to the width given', () => {
    const { canvas, calls } = recorder()
    const { height } = drawSvg(canvas, line.svg, 50, 100, 360)
    expect(height).toBe(160)
    expect(calls.slice(0, 3)).toEqual(['save', 'translate', 'scale'])
    expect(calls.at(-1)).toBe('restore')
  })

  it('draws dashed lines dashed, and the rotated axis title rotated', () => {
    const { canvas, calls } = recorder()
    drawSvg(canvas, line.svg, 0, 0, 720)
    expect(calls.filter(c => c === 'dash').length).toBeGreaterThanOrEqual(2) // the dashed series and the target line
    expect(calls).toContain('rotate')
    expect(calls.filter(c => c === 'circle')).toHaveLength(4) // one marker per point with a value
  })

  it('anchors labels as the SVG does: right-aligned y-axis labels end at their x', () => {
    const { canvas, texts } = recorder()
    drawSvg(canvas, line.svg, 0, 0, 720)
    const label = parseSvg(line.svg).elements.find(e => e.name === 'text' && e.attributes['text-anchor'] === 'end')!
    const drawn = texts.find(t => t.text === label.text)!
    expect(drawn.x + label.text.length * 6).toBeCloseTo(Number(label.attributes.x))
  })
})
