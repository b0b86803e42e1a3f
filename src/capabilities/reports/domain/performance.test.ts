import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { cellText } from '../../../core/documents/normalise.ts'

import { describeChange, percentChange, performanceTableBlock, type PerformanceTable } from './performance.ts'

describe('the change between two years', () => {
  it('works out the seeds’ own figures', () => {
    // "Achievements from Strategic Priorities 2010/2011" (seed 000)
    expect(describeChange({ previous: 325, current: 198, unit: 'offences' })).toBe('39.1% reduction (127 offences)')
    expect(describeChange({ previous: 23, current: 8, unit: 'offences' })).toBe('65.2% reduction (15 offences)')
    expect(describeChange({ previous: 181, current: 186, unit: 'offences' })).toBe('2.8% increase (5 offences)')
    expect(describeChange({ previous: 2650, current: 2401, unit: 'offences' })).toBe('9.4% reduction (249 offences)')
    expect(describeChange({ previous: 279, current: 179, unit: 'incidents' })).toBe('35.8% reduction (100 incidents)')
  })

  it('says so when nothing changed or a figure is missing', () => {
    expect(describeChange({ previous: 12, current: 12 })).toBe('No change')
    expect(describeChange({ previous: null, current: 12 })).toBe('')
    expect(describeChange({ previous: 0, current: 4, unit: 'incidents' })).toBe('increase of 4 incidents')
    expect(percentChange(0, 4)).toBeNull()
  })

  it('is the difference as a share of the first year, whatever the figures', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 0, max: 100_000 }), (previous, current) => {
        const change = percentChange(previous, current)!
        expect(previous + (change / 100) * previous).toBeCloseTo(current, 6)
      }),
    )
  })
})

describe('the performance table', () => {
  const table: PerformanceTable = {
    previousPeriodLabel: 'April 2009 – March 2010',
    currentPeriodLabel: 'April 2010 – March 2011',
    rows: [
      { group: '2010/2011 priorities', measure: 'Reduce Theft From Motor Vehicle by 10% during 2010/2011', previous: 325, current: 198, unit: 'offences', rag: 'green' },
      { group: '2010/2011 priorities', measure: 'Increase the reporting rates of domestic abuse by 10% during 2010/2011', previous: 626, current: 388, unit: 'incidents', rag: 'red' },
      { group: '2009/2010 priority', measure: 'Reduce the repeat victims of Domestic Violence cases reviewed at MARAC', previous: null, current: null, rag: null, commentary: 'Rochford District is grouped with Southend and Castle Point. Separate District data not available' },
    ],
  }

  it('has a row per target under its group, with both years, the change and the status', () => {
    const block = performanceTableBlock(table, 'Achievements')
    expect(block.columns.map(c => c.header)).toEqual(['Priority or target', 'April 2009 – March 2010', 'April 2010 – March 2011', 'Change', 'Performance'])
    const rows = block.rows.map(row => ('group' in row ? `[${row.group}]` : row.cells.map(cellText).join(' | ')))
    expect(rows).toEqual([
      '[2010/2011 priorities]',
      'Reduce Theft From Motor Vehicle by 10% during 2010/2011 | 325 | 198 | 39.1% reduction (127 offences) | Green',
      'Increase the reporting rates of domestic abuse by 10% during 2010/2011 | 626 | 388 | 38.0% reduction (238 incidents) | Red',
      '[2009/2010 priority]',
      'Reduce the repeat victims of Domestic Violence cases reviewed at MARAC | Rochford District is grouped with Southend and Castle Point. Separate District data not available | No status',
    ])
  })
})
