import { describe, expect, it } from 'vitest'

import { financialYearFirstMonthIndex } from '../../../core/calendar/index.ts'
import { buildReport, isInYear, monthlyCountsToActuals, performanceRow, type IndicatorRecord, type ReportInput } from './report.ts'

const indicator: IndicatorRecord = {
  id: 1,
  name: 'Theft from motor vehicle',
  definition: null,
  source: 'Police crime data',
  unit: 'count',
  polarity: 'lower_is_better',
  frequency: 'annual',
  countedAs: 'offences',
  denominator: 83200,
  denominatorNote: null,
  areaId: 7,
  areaName: 'Rochford District',
  priority: null,
  sourceKind: 'manual',
  policeDefinition: null,
  notes: null,
  position: 1,
}
const year = (y: number) => ({ start: financialYearFirstMonthIndex(y), months: 12 as const })

const input: ReportInput = {
  indicator,
  baselines: [{ id: 11, year: 2009, value: 325, note: null }],
  targets: [{ id: 21, year: 2010, kind: 'percent_change', changePercent: -10, absoluteValue: null, baselineId: 11, statement: null }],
  actuals: [
    { id: 31, period: year(2009), value: 325, note: null },
    { id: 32, period: year(2010), value: 198, note: null },
  ],
  comparators: [
    { id: 41, year: 2010, groupName: 'Essex CSPs', areaName: 'Castle Point', value: 450, denominator: 88000 },
    { id: 42, year: 2010, groupName: 'Essex CSPs', areaName: 'Maldon', value: 100, denominator: 62000 },
    { id: 43, year: 2011, groupName: 'Essex CSPs', areaName: 'Maldon', value: 100, denominator: 62000 },
  ],
  tolerancePercent: 0,
  ownAreaName: 'Rochford District',
}

describe('an indicator’s report', () => {
  const report = buildReport(input)

  it('works out the target, its RAG and the wording of the target', () => {
    expect(report.targets[0]).toMatchObject({
      statementText: 'Reduce theft from motor vehicle by 10% during 2010/2011',
      computed: { value: 293, valueText: '293' },
      assessment: { rag: 'green', reason: 'Target of 293 beaten', basis: 'full_year' },
    })
  })

  it('gives each year against the year before, with its rate per 1,000', () => {
    expect(report.years.map(y => [y.label, y.currentText, y.previousText, y.change?.text ?? null, y.rate])).toEqual([
      ['2010/11', '198', '325', '39.1% (127 offences)', 2.4],
      ['2009/10', '325', '', null, 3.9],
    ])
  })

  it('ranks the area per 1,000, and says why it cannot when it has no whole year', () => {
    expect(report.rankings.map(r => [r.yearLabel, r.text, r.ownMissing])).toEqual([
      ['2011/12', '', 'There are no figures for the whole of 2011/12 for Rochford District yet'],
      ['2010/11', 'Ranked 2nd of 3 (1st is the lowest)', null],
    ])
  })

  it('makes a performance table row like the seed’s', () => {
    expect(isInYear(report, 2010)).toBe(true)
    expect(isInYear(report, 2012)).toBe(false)
    expect(performanceRow(report, 2010)).toMatchObject({
      statement: 'Reduce theft from motor vehicle by 10% during 2010/2011',
      lastYear: { value: 325, label: 'April 2009 to March 2010' },
      thisYear: { value: 198, label: 'April 2010 to March 2011' },
      change: { text: '39.1% (127 offences)' },
      rag: 'green',
      note: null,
    })
    expect(performanceRow(report, 2011)).toMatchObject({ lastYear: { value: 198, label: '2010/11' }, thisYear: { value: null }, rag: null, reason: 'No target for 2011/12', note: 'No figures yet for 2011/12' })
  })
})

describe('a performance row before the year’s first figure', () => {
  it('shows the target’s baseline as last year’s figure when last year has no figure of its own', () => {
    const report = buildReport({
      ...input,
      actuals: [],
      comparators: [],
      baselines: [{ id: 12, year: 2010, value: 38, note: null }],
      targets: [{ id: 22, year: 2011, kind: 'percent_change', changePercent: -2, absoluteValue: null, baselineId: 12, statement: '2% reduction in sexual offences by March 2012' }],
    })
    expect(performanceRow(report, 2011)).toMatchObject({
      lastYear: { value: 38, text: '38', label: 'Baseline 2010/11' },
      thisYear: { value: null },
      change: null,
      rag: null,
      note: 'No figures yet for 2011/12',
    })
  })
})

describe('police data months as an indicator’s periods', () => {
  const months = (from: number, counts: number[]) => counts.map((count, i) => ({ month: `${2025 + Math.floor((from - 1 + i) / 12)}-${String(((from - 1 + i) % 12) + 1).padStart(2, '0')}`, count }))

  it('keeps months as they are for a monthly indicator', () => {
    expect(monthlyCountsToActuals(months(1, [5, 6]), 'monthly').map(a => a.value)).toEqual([5, 6])
  })

  it('adds up whole financial years only', () => {
    expect(monthlyCountsToActuals(months(4, Array(12).fill(10)), 'annual')).toEqual([{ id: null, period: year(2025), value: 120, note: null }])
    expect(monthlyCountsToActuals(months(4, Array(11).fill(10)), 'annual')).toEqual([])
  })
})
