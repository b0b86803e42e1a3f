import { describe, expect, it } from 'vitest'

import { financialYearFirstMonthIndex } from '../../../core/calendar/index.ts'
import { buildReport, type IndicatorRecord } from './report.ts'
import { targetHistory } from './target-history.ts'

const indicator: IndicatorRecord = {
  id: 1,
  name: 'Theft from motor vehicle',
  definition: null,
  source: null,
  unit: 'count',
  polarity: 'lower_is_better',
  frequency: 'quarterly',
  countedAs: 'offences',
  denominator: null,
  denominatorNote: null,
  areaId: null,
  areaName: null,
  priority: null,
  sourceKind: 'manual',
  policeDefinition: null,
  notes: null,
  position: 1,
}
const quarter = (year: number, q: number) => ({ start: financialYearFirstMonthIndex(year) + (q - 1) * 3, months: 3 as const })
const report = buildReport({
  indicator,
  baselines: [{ id: 11, year: 2009, value: 400, note: null }],
  targets: [
    { id: 21, year: 2010, kind: 'percent_change', changePercent: -10, absoluteValue: null, baselineId: 11, statement: null },
    { id: 22, year: 2011, kind: 'percent_change', changePercent: -20, absoluteValue: null, baselineId: 11, statement: null },
    { id: 23, year: 2012, kind: 'direction', changePercent: null, absoluteValue: null, baselineId: 11, statement: null },
  ],
  actuals: [
    ...[1, 2, 3, 4].map((q, i) => ({ id: 30 + i, period: quarter(2009, q), value: 100, note: null })),
    ...[1, 2, 3, 4].map((q, i) => ({ id: 40 + i, period: quarter(2010, q), value: 85, note: null })),
    ...[1, 2].map((q, i) => ({ id: 50 + i, period: quarter(2011, q), value: 90, note: null })),
  ],
  comparators: [],
  tolerancePercent: 0,
  ownAreaName: 'Rochford',
})

describe('an indicator against its target, year by year', () => {
  it('gives the figures the RAG compared: the whole year, then the year to date against the target to date', () => {
    const history = targetHistory(report, 2011)!
    expect(history.measure).toBe('offences')
    expect(history.years.map(y => [y.label, y.actual, y.target, y.toDate])).toEqual([
      ['2010/11', 340, 360, false],
      ['2011/12 to date', 180, 160, true],
    ])
  })

  it('has nothing for a year whose target has no figure (a direction only), or with no target', () => {
    expect(targetHistory(report, 2012)).toBeNull()
    expect(targetHistory(report, 2013)).toBeNull()
  })
})
