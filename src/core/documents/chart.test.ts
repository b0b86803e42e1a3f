import { describe, expect, it } from 'vitest'

import { niceScale, renderChart } from './chart.ts'

describe('renderChart', () => {
  const chart = renderChart({
    id: 'asb',
    title: 'Anti-social behaviour incidents',
    description: 'Monthly incidents, April to June 2025, against last year',
    kind: 'line',
    series: [
      { name: '2025/26', points: [{ label: 'Apr', value: 368 }, { label: 'May', value: 338 }, { label: 'Jun', value: null }] },
      { name: '2024/25', points: [{ label: 'Apr', value: 361 }, { label: 'May', value: 400 }, { label: 'Jun', value: 389 }], dashed: true },
    ],
  })

  it('names the chart for screen readers with its title and description', () => {
    expect(chart.svg).toContain('role="img"')
    expect(chart.svg).toContain('aria-labelledby="asb-title asb-desc"')
    expect(chart.svg).toContain('<title id="asb-title">Anti-social behaviour incidents</title>')
  })

  it('draws a point for every known value and leaves gaps for missing ones', () => {
    expect(chart.svg.match(/<circle/g)).toHaveLength(5)
  })

  it('gives the same figures as a table, with a dash for a missing value', () => {
    expect(chart.table.head).toEqual(['', '2025/26', '2024/25'])
    expect(chart.table.rows).toEqual([
      ['Apr', '368', '361'],
      ['May', '338', '400'],
      ['Jun', '–', '389'],
    ])
  })

  it('escapes text that would break the SVG', () => {
    const hostile = renderChart({ id: 'x', title: '<script>alert(1)</script>', description: '"&"', kind: 'bar', series: [{ name: 'a<b', points: [{ label: 'Q1', value: 1 }] }] })
    expect(hostile.svg).not.toContain('<script>')
    expect(hostile.svg).toContain('&lt;script&gt;')
  })
})

describe('niceScale', () => {
  it('rounds the top of the axis up to a tidy step', () => {
    expect(niceScale(2090)).toEqual({ max: 2500, step: 500 })
    expect(niceScale(38)).toEqual({ max: 40, step: 10 })
    expect(niceScale(0)).toEqual({ max: 1, step: 0.2 })
  })
})
