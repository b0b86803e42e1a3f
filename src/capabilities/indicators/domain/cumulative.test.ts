import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { addMonths, financialYearFirstMonth, financialYearLabel, monthRangeLabel } from '../../../core/calendar/index.ts'

import { comparePartYear, partYearComparisons, partYearOf } from './cumulative.ts'
import type { Actual } from './performance.ts'

const monthly = (year: number, values: number[]): Actual[] => values.map((value, i) => ({ period: { start: partYearOf(year, 1).start + i, months: 1 }, value }))

describe('a part-year actual', () => {
  it('is compared with the same months of last year and labelled by its months: "April to December 2025: 640, against 702 in April to December 2024, −8.8%"', () => {
    const actuals: Actual[] = [
      { period: partYearOf(2025, 9), value: 640 },
      { period: partYearOf(2024, 9), value: 702 },
    ]
    const c = comparePartYear(actuals, partYearOf(2025, 9), 640, 'count', 'offences')
    expect(c.text).toBe('April to December 2025: 640, against 702 in April to December 2024, −8.8%')
    expect(c.previous?.from).toBe('part_year')
  })

  it('takes last year’s same months from its monthly or quarterly figures when it has no part-year figure', () => {
    const months = monthly(2024, [70, 80, 90, 75, 85, 95, 60, 70, 77, 50, 50, 50])
    expect(comparePartYear(months, partYearOf(2025, 9), 640, 'count', 'offences').text).toBe('April to December 2025: 640, against 702 in April to December 2024, −8.8%')
    const quarters: Actual[] = [0, 1, 2].map(q => ({ period: { start: partYearOf(2024, 1).start + 3 * q, months: 3 }, value: 234 }))
    const c = comparePartYear(quarters, partYearOf(2025, 9), 640, 'count', 'offences')
    expect(c.previous).toMatchObject({ value: 702, from: 'quarters' })
    // Two quarters do not make April to November: no comparison is invented.
    expect(comparePartYear(quarters, partYearOf(2025, 8), 600, 'count', 'offences').text).toBe('April to November 2025: 600. There is no figure for April to November 2024 to compare it with')
  })

  it('never adds up a percentage: only last year’s own part-year figure compares with it', () => {
    const months = monthly(2024, [30, 30, 30])
    expect(comparePartYear(months, partYearOf(2025, 3), 28.5, 'percentage', 'respondents').previous).toBeNull()
  })

  it('says so when last year’s figure was 0, rather than print a % change', () => {
    const actuals: Actual[] = [{ period: partYearOf(2024, 6), value: 0 }]
    expect(comparePartYear(actuals, partYearOf(2025, 6), 3, 'count', 'offences').text).toBe('April to September 2025: 3, against 0 in April to September 2024 (no % change from 0)')
  })

  it('lists every part-year figure, latest first, leaving the months, quarters and years alone', () => {
    const actuals: Actual[] = [...monthly(2025, [1, 2]), { period: partYearOf(2024, 9), value: 702 }, { period: partYearOf(2025, 9), value: 640 }]
    expect(partYearComparisons(actuals, 'count', 'offences').map(c => c.label)).toEqual(['April to December 2025', 'April to December 2024'])
  })

  it('for any run of months from April, the label and the comparison name the same months, a year apart, and the figures agree (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2000, max: 2090 }),
        fc.integer({ min: 1, max: 11 }),
        fc.integer({ min: 0, max: 5000 }),
        fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 11, maxLength: 11 }),
        fc.boolean(),
        (year, months, value, lastYear, asPartYear) => {
          const period = partYearOf(year, months)
          const previousMonths = lastYear.slice(0, months)
          const previousTotal = previousMonths.reduce((a, b) => a + b, 0)
          const actuals: Actual[] = asPartYear ? [{ period: partYearOf(year - 1, months), value: previousTotal }] : monthly(year - 1, previousMonths)
          const c = comparePartYear([...actuals, { period, value }], period, value, 'count', 'offences')
          const first = financialYearFirstMonth(year)
          const label = monthRangeLabel(first, addMonths(first, months - 1))
          const previousLabel = monthRangeLabel(addMonths(first, -12), addMonths(first, months - 13))
          expect(c.label).toBe(label)
          expect(c.previous?.label).toBe(previousLabel)
          expect(c.previous?.value).toBe(previousTotal)
          expect(c.text.startsWith(`${label}: `)).toBe(true)
          expect(c.text).toContain(` in ${previousLabel}`)
          // Never called a quarter or a year.
          expect(c.text).not.toMatch(/\bQ[1-4]\b|quarter|year/i)
          expect(c.text).not.toContain(financialYearLabel(year))
          if (previousTotal > 0) {
            const percent = Math.round(((value - previousTotal) / previousTotal) * 1000) / 10
            expect(Math.abs(c.change!.percent! - percent)).toBeLessThanOrEqual(0.1)
            const shown = Math.abs(c.change!.percent!).toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 })
            expect(c.text.endsWith(`, ${c.change!.percent! > 0 ? '+' : c.change!.percent! < 0 ? '−' : ''}${shown}%`)).toBe(true)
            expect(Math.sign(c.change!.percent!)).toBe(Math.sign(percent))
          }
        },
      ),
    )
  })
})
