import { describe, expect, it } from 'vitest'

import { scoreMatrix, trendScore, volumeScore } from './scoring.ts'

describe('the priority scoring matrix', () => {
  it('scores volume against the biggest issue and trend by the change', () => {
    expect([100, 80, 40, 20, 10, 5].map(n => volumeScore(n, 100))).toEqual([5, 5, 4, 3, 2, 1])
    expect([15, 5, 0, -5, -20, null].map(trendScore)).toEqual([5, 4, 3, 2, 1, null])
  })

  it('ranks by weighted total, fills volume and trend from the data, and lets the group overrule them', () => {
    const criteria = [
      { id: 1, name: 'Volume', weight: 2, source: 'volume' as const },
      { id: 2, name: 'Trend', weight: 2, source: 'trend' as const },
      { id: 3, name: 'Harm', weight: 3, source: 'group' as const },
    ]
    const candidates = [
      { id: 10, name: 'Anti-social behaviour', crimeTypes: ['Anti-social behaviour'] },
      { id: 11, name: 'Domestic abuse', crimeTypes: [] },
    ]
    const evidence = new Map([[10, { count: 400, previous: 300, change: 33.3, monthsCompared: 12 }]])
    const scores = new Map([
      ['10:3', 3],
      ['11:1', 4],
      ['11:2', 3],
      ['11:3', 5],
      ['10:2', 4],
    ])
    const rows = scoreMatrix(criteria, candidates, scores, evidence)
    expect(rows.map(r => [r.candidate.name, r.total, r.rank])).toEqual([
      ['Domestic abuse', 4 * 2 + 3 * 2 + 5 * 3, 1],
      ['Anti-social behaviour', 5 * 2 + 4 * 2 + 3 * 3, 2],
    ])
    const asb = rows[1]!
    expect(asb.cells[0]).toMatchObject({ score: 5, from: 'data' })
    expect(asb.cells[1]).toMatchObject({ score: 4, from: 'group', dataScore: 5 })
  })
})
