import { describe, expect, it } from 'vitest'

import { monthIndex } from '../../../core/calendar/index.ts'
import { buildReport, type IndicatorRecord } from '../../indicators/index.ts'

import { figuresAsAt } from './indicator-figures.ts'

/** The Rochford 2011/12 ASB indicator: baseline 2,090 incidents in 2010/11, target a 2% reduction (2,048). */
const asb: IndicatorRecord = {
  id: 1,
  name: 'Anti-social behaviour incidents',
  definition: null,
  source: 'Police STORM database',
  unit: 'count',
  polarity: 'lower_is_better',
  frequency: 'monthly',
  countedAs: 'incidents',
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

const month = (year: number, m: number) => ({ start: monthIndex(year, m), months: 1 as const })

function asbReport(actuals: [number, number, number][]) {
  return buildReport({
    indicator: asb,
    baselines: [{ id: 10, year: 2010, value: 2090, note: null }],
    targets: [
      {
        id: 20,
        year: 2011,
        kind: 'percent_change',
        changePercent: -2,
        absoluteValue: null,
        baselineId: 10,
        statement: '2% reduction in ASB incidents by March 2012',
      },
    ],
    actuals: actuals.map(([y, m, value], i) => ({ id: 100 + i, period: month(y, m), value, note: null })),
    comparators: [],
    tolerancePercent: 0,
    ownAreaName: 'Rochford',
  })
}

describe('performance against the baseline in a highlight report', () => {
  it('shows the baseline, the target and, with no figures yet for the year, says so', () => {
    const figures = figuresAsAt(asbReport([]), 2011, '2011-06', 0)
    expect(figures.statement).toBe('2% reduction in ASB incidents by March 2012')
    expect(figures.baseline).toEqual({ text: '2,090', label: 'Baseline 2010/11' })
    expect(figures.targetText).toBe('2,048')
    expect(figures.thisYear.value).toBeNull()
    expect(figures.note).toBe('No figures yet for 2011/12')
  })

  it('counts only the figures of months ended by the report’s month, against the same months a year before', () => {
    const report = asbReport([
      [2010, 4, 180],
      [2010, 5, 190],
      [2010, 6, 200],
      [2011, 4, 170],
      [2011, 5, 171],
      [2011, 6, 190],
    ])
    const may = figuresAsAt(report, 2011, '2011-05', 0)
    expect(may.thisYear).toMatchObject({ value: 341, label: 'April to May 2011' })
    expect(may.lastYear).toMatchObject({ value: 370, label: 'April to May 2010' })
    expect(may.change).toMatchObject({ text: '7.8% (29 incidents)', direction: 'decrease' })
    expect(may.rag).toBe('green')
    const june = figuresAsAt(report, 2011, '2011-06', 0)
    expect(june.thisYear.value).toBe(531)
    expect(june.lastYear.value).toBe(570)
  })

  it('leaves out a quarter that had not ended by the report’s month', () => {
    const quarterly = buildReport({
      indicator: { ...asb, frequency: 'quarterly', name: 'Sexual offences', countedAs: 'offences' },
      baselines: [{ id: 10, year: 2010, value: 38, note: null }],
      targets: [
        {
          id: 20,
          year: 2011,
          kind: 'percent_change',
          changePercent: -2,
          absoluteValue: null,
          baselineId: 10,
          statement: null,
        },
      ],
      actuals: [{ id: 1, period: { start: monthIndex(2011, 4), months: 3 }, value: 9, note: null }],
      comparators: [],
      tolerancePercent: 0,
      ownAreaName: 'Rochford',
    })
    expect(figuresAsAt(quarterly, 2011, '2011-05', 0).thisYear.value).toBeNull()
    expect(figuresAsAt(quarterly, 2011, '2011-06', 0).thisYear.value).toBe(9)
  })
})
