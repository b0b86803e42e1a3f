import { describe, expect, it } from 'vitest'

import { monthRange } from '../../../core/calendar/index.ts'

import {
  crimeTypeByMonth,
  percentChange,
  rankAreas,
  ratePer1000,
  seasonalPeaks,
  summarise,
  topTypes,
  totalsByMonth,
  totalsByType,
  trendDirection,
  trendSeries,
  yearToDate,
  type MonthTypeCount,
} from './analyses.ts'
import { caveatsFor } from './caveats.ts'

const c = (month: string, crimeType: string, count: number): MonthTypeCount => ({ month, crimeType, count })

describe('counts by crime type and month', () => {
  const counts = [c('2025-01', 'Burglary', 5), c('2025-01', 'Anti-social behaviour', 10), c('2025-03', 'Burglary', 2)]

  it('shows a month not held as missing, not zero, and leaves it out of totals', () => {
    const table = crimeTypeByMonth(counts, ['2025-01', '2025-02', '2025-03'], new Set(['2025-01', '2025-03']))
    expect(table.rows.map(r => [r.crimeType, r.byMonth, r.total])).toEqual([
      ['Anti-social behaviour', [10, null, 0], 10],
      ['Burglary', [5, null, 2], 7],
    ])
    expect(table.monthTotals).toEqual([15, null, 2])
    expect(table).toMatchObject({ total: 17, asbTotal: 10, heldCount: 2 })
  })
})

describe('financial year to date against last year', () => {
  it('compares only the months held in both years, and says which', () => {
    const counts = [c('2025-04', 'Burglary', 12), c('2025-05', 'Burglary', 8), c('2024-04', 'Burglary', 10), c('2024-05', 'Burglary', 99)]
    const held = new Set(['2025-04', '2025-05', '2024-04'])
    const ytd = yearToDate(counts, '2025-05', held)
    expect(ytd).toMatchObject({ financialYear: '2025/26', previousFinancialYear: '2024/25', comparableMonths: ['2025-04'], isComplete: false, missingLastYear: ['2024-05'] })
    expect(ytd.total).toMatchObject({ current: 12, previous: 10, difference: 2 })
    expect(ytd.total.change).toBeCloseTo(20)
  })

  it('uses the seeds’ own example: 2,120 then 2,090 is a 1.4% reduction', () => {
    expect(percentChange(2120, 2090)).toBeCloseTo(-1.415, 2)
    expect(percentChange(23, 8)).toBeCloseTo(-65.2, 1)
    expect(percentChange(0, 5)).toBeNull()
  })
})

describe('rates, top types and ranking', () => {
  it('gives rates per 1,000 residents only with a population', () => {
    expect(ratePer1000(2534, 87627)).toBeCloseTo(28.92, 2)
    expect(ratePer1000(10, null)).toBeNull()
  })

  it('says what share of all records the top N make up', () => {
    const top = topTypes(new Map([['A', 50], ['B', 30], ['C', 15], ['D', 5]]), 2)
    expect(top.items.map(i => i.crimeType)).toEqual(['A', 'B'])
    expect(top.topShare).toBe(80)
    expect(topTypes(new Map([['Anti-social behaviour', 50], ['B', 30]]), 5, { excludeAsb: true }).total).toBe(30)
  })

  it('ranks by rate with areas lacking a population last and unranked', () => {
    const ranked = rankAreas(
      [
        { code: 'a', name: 'A', count: 100, population: 10_000, rate: 10 },
        { code: 'b', name: 'B', count: 50, population: 2_000, rate: 25 },
        { code: 'c', name: 'C', count: 500, population: null, rate: null },
      ],
      'rate',
    )
    expect(ranked.map(r => [r.code, r.rank])).toEqual([['b', 1], ['a', 2], ['c', null]])
  })
})

describe('trends and seasonal peaks', () => {
  const months = monthRange('2024-01', '2024-12')
  const asb = [100, 95, 100, 105, 110, 115, 160, 170, 110, 140, 130, 100]
  const counts = months.map((m, i) => c(m, 'Anti-social behaviour', asb[i]!))
  const held = new Set(months)

  it('calls out the summer holidays and Halloween and bonfire night when they run above the average', () => {
    const series = trendSeries(totalsByMonth(counts), '2024-12', 12, held)
    const peaks = seasonalPeaks(series, 'Anti-social behaviour')
    expect(peaks.map(p => p.season)).toEqual(['summer', 'halloween'])
    expect(peaks[0]!.aboveAverage).toBeGreaterThan(30)
  })

  it('does not look for peaks or a trend with fewer than six months held', () => {
    const series = trendSeries(totalsByMonth(counts), '2024-12', 12, new Set(months.slice(6, 11)))
    expect(seasonalPeaks(series, 'x')).toEqual([])
    expect(trendDirection(series).direction).toBe('unknown')
  })

  it('reads a steady rise as rising and a flat series as level', () => {
    expect(trendDirection(months.map((month, i) => ({ month, value: 100 + i * 5 }))).direction).toBe('rising')
    expect(trendDirection(months.map(month => ({ month, value: 100 }))).direction).toBe('level')
  })

  it('writes a summary that says which months are missing and what the comparison uses', () => {
    const all = [...counts, c('2023-04', 'Anti-social behaviour', 90)]
    const period = monthRange('2024-01', '2024-12')
    const someHeld = new Set(period.filter(m => m !== '2024-02' && m !== '2024-03').concat('2023-04'))
    const table = crimeTypeByMonth(all.filter(x => x.month >= '2024-01'), period, someHeld)
    const sentences = summarise({
      areaName: 'Rochford',
      from: '2024-01',
      to: '2024-12',
      table,
      population: { value: 87627, description: 'the ONS mid-2020 population estimate for Rochford, 87,627 residents' },
      top: topTypes(totalsByType(all), 10),
      yearToDate: yearToDate(all, '2024-12', someHeld),
      trend12: trendSeries(totalsByMonth(all), '2024-12', 12, someHeld),
      peaks: [],
    })
    const text = sentences.join(' ')
    expect(text).toContain('No data is held for February and March 2024: the figures cover 10 of the 12 months')
    expect(text).toContain('per 1,000 residents over the 10 months held, using the ONS mid-2020 population estimate for Rochford')
    expect(text).toMatch(/Only April 2024 can be compared with the same month a year earlier/)
  })
})

describe('caveats', () => {
  it('always say locations are approximate and some offences cannot be told apart, and name missing months, vintage and population', () => {
    const caveats = caveatsFor({
      missingMonths: ['2018-08', '2018-09'],
      vintages: [
        { month: '2018-07', vintage: '2011' },
        { month: '2024-01', vintage: '2021' },
      ],
      population: { description: 'the ONS mid-2020 population estimate for Rochford' },
      belowDistrict: true,
      rowsWithoutLocation: 12,
    }).join(' ')
    expect(caveats).toMatch(/Locations are approximate/)
    expect(caveats).toMatch(/domestic abuse/)
    expect(caveats).toMatch(/Months missing from the chosen period: August and September 2018/)
    expect(caveats).toMatch(/July 2018 use 2011 LSOA boundaries; January 2024 use 2021 LSOA boundaries/)
    expect(caveats).toMatch(/best-fit/)
    expect(caveats).toMatch(/Rates per 1,000 residents use the ONS mid-2020 population estimate for Rochford/)
    expect(caveats).toMatch(/12 records of the force/)
  })
})
