import { describe, expect, it } from 'vitest'

import { renderChart } from './chart.ts'
import { wrapLabel } from './chart-bars.ts'
import { RAG_CHART_COLOURS, ragStackedChart } from './chart-rag.ts'
import { COLOURS } from './chart-svg.ts'
import { drawSvg, parseSvg, type VectorCanvas } from './pdf-chart.ts'

/** WCAG relative luminance and contrast ratio of two '#rrggbb' colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map(i => parseInt(hex.slice(i, i + 2), 16) / 255).map(c => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!
  }
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (hi! + 0.05) / (lo! + 0.05)
}

const rag = renderChart(
  ragStackedChart({
    id: 'rag-by-priority',
    title: 'Actions by RAG status, by priority',
    description: 'Stacked bar chart of the actions of each priority by their latest RAG status.',
    counted: 'Actions',
    noneLabel: 'No status yet',
    labelHeading: 'Priority',
    rows: [
      { label: 'Priority 1: Safeguarding vulnerable people from harm, including domestic abuse and hidden harm', red: 2, amber: 3, green: 5, none: 1 },
      { label: 'Priority 2: Anti-social behaviour', red: 0, amber: 1, green: 4, none: 0 },
    ],
  }),
)

const funding = renderChart({
  id: 'funding-by-stream',
  title: 'Funding by stream',
  description: 'Allocated, spent and available for each stream.',
  kind: 'grouped-bar',
  format: value => `£${value.toLocaleString('en-GB')}`,
  series: [
    { name: 'Allocated', points: [{ label: 'Serious Violence Duty', value: 42000 }, { label: 'Safer Streets', value: 10000 }] },
    { name: 'Spent', points: [{ label: 'Serious Violence Duty', value: 30000 }, { label: 'Safer Streets', value: 12500 }] },
    { name: 'Available', points: [{ label: 'Serious Violence Duty', value: 12000 }, { label: 'Safer Streets', value: -2500 }] },
  ],
})

const texts = (svg: string) => parseSvg(svg).elements.filter(e => e.name === 'text').map(e => e.text)

describe('a stacked bar chart of RAG statuses', () => {
  it('is named for screen readers by its title and description', () => {
    expect(rag.svg).toContain('aria-labelledby="rag-by-priority-title rag-by-priority-desc"')
    expect(rag.svg).toContain('<title id="rag-by-priority-title">Actions by RAG status, by priority</title>')
    expect(rag.svg).toContain('<desc id="rag-by-priority-desc">Stacked bar chart of the actions')
  })

  it('has a table of the same figures: a row per priority, a column per status', () => {
    expect(rag.table.head).toEqual(['Priority', 'Red', 'Amber', 'Green', 'No status yet'])
    expect(rag.table.rows).toEqual([
      ['Priority 1: Safeguarding vulnerable people from harm, including domestic abuse and hidden harm', '2', '3', '5', '1'],
      ['Priority 2: Anti-social behaviour', '0', '1', '4', '0'],
    ])
  })

  it('draws one outlined part per non-zero count, as wide as its count', () => {
    const parts = parseSvg(rag.svg).elements.filter(e => e.name === 'rect' && e.attributes.height === '26')
    expect(parts).toHaveLength(6)
    for (const part of parts) expect(part.attributes.stroke).toBe('#0b0c0c')
    const widths = parts.slice(0, 4).map(p => Number(p.attributes.width))
    expect(widths[2]! / widths[0]!).toBeCloseTo(5 / 2, 1)
  })

  it('says every count in words, not by colour alone', () => {
    expect(texts(rag.svg)).toContain('Red 2, Amber 3, Green 5, No status yet 1 (11 in all)')
    expect(texts(rag.svg)).toContain('Amber 1, Green 4 (5 in all)')
  })

  it('writes a long priority name wrapped at the left of its bar', () => {
    expect(texts(rag.svg)).toContain('Priority 1: Safeguarding vulnerable')
    expect(rag.height).toBeGreaterThan(100)
    expect(rag.svg).toContain(`viewBox="0 0 720 ${rag.height}"`)
  })
})

describe('grouped horizontal bars', () => {
  it('labels each bar with its series and figure, below zero too', () => {
    expect(texts(funding.svg)).toEqual(expect.arrayContaining(['Allocated: £42,000', 'Spent: £12,500', 'Available: £-2,500']))
    expect(funding.table.rows).toEqual([
      ['Serious Violence Duty', '£42,000', '£30,000', '£12,000'],
      ['Safer Streets', '£10,000', '£12,500', '£-2,500'],
    ])
  })

  it('draws a bar below zero to the left of the zero line', () => {
    const rects = parseSvg(funding.svg).elements.filter(e => e.name === 'rect' && e.attributes.height === '18')
    const zeroLine = parseSvg(funding.svg).elements.filter(e => e.name === 'line').at(-1)!
    const negative = rects[5]!
    expect(Number(negative.attributes.x) + Number(negative.attributes.width)).toBeCloseTo(Number(zeroLine.attributes.x1), 0)
  })

  it('draws on a PDF page with nothing left out', () => {
    const calls: string[] = []
    const canvas: VectorCanvas = new Proxy({} as VectorCanvas, {
      get: (_t, name: string) => (name === 'widthOfString' ? () => 10 : () => (calls.push(name), canvas)),
    })
    for (const chart of [rag, funding]) expect(drawSvg(canvas, chart.svg, 0, 0, 480).skipped).toEqual([])
    expect(calls).toContain('fillAndStroke')
  })
})

describe('colours', () => {
  it('every palette colour stands out from the page at 3:1 or more', () => {
    for (const colour of COLOURS) expect(contrast(colour, '#ffffff')).toBeGreaterThanOrEqual(3)
  })

  it('the counts written inside a RAG part are legible on it (4.5:1), and the outline stands out from the page and the pale parts', () => {
    for (const { colour, textColour } of Object.values(RAG_CHART_COLOURS)) expect(contrast(colour, textColour)).toBeGreaterThanOrEqual(4.5)
    expect(contrast('#0b0c0c', '#ffffff')).toBeGreaterThanOrEqual(3)
    for (const status of ['amber', 'none'] as const) expect(contrast('#0b0c0c', RAG_CHART_COLOURS[status].colour)).toBeGreaterThanOrEqual(3)
  })
})

describe('wrapLabel', () => {
  it('wraps on spaces and shortens what does not fit in three lines', () => {
    expect(wrapLabel('Reduce anti-social behaviour', 36)).toEqual(['Reduce anti-social behaviour'])
    expect(wrapLabel('one two three four five six', 9, 2)).toEqual(['one two', 'three…'])
  })
})
