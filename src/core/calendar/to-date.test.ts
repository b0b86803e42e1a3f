import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { financialYearFirstMonth, financialYearOfMonth } from './financial-year.ts'
import { addMonths, describeMonths, monthAt, monthIndexOf, monthRange, type Month } from './month.ts'
import { comparableMonthsToDate, monthsHeldSoFar, monthsToDate, yearToDateMonths } from './to-date.ts'

describe('the financial year to date', () => {
  it('runs from April to the month given', () => {
    expect(monthsToDate('2025-09')).toEqual(['2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09'])
    expect(monthsToDate('2026-01')).toHaveLength(10)
    expect(monthsToDate('2025-04')).toEqual(['2025-04'])
  })

  it('counts every month held so far, and compares only the months held in both years', () => {
    // April to September 2025 held; only April of 2024 held: "to date" counts six months, the comparison one.
    const held = new Set([...monthRange('2025-04', '2025-09'), '2024-04'])
    expect(monthsHeldSoFar('2025-09', held)).toEqual(monthRange('2025-04', '2025-09'))
    expect(comparableMonthsToDate('2025-09', held)).toEqual(['2025-04'])
    expect(yearToDateMonths('2025-09', held)).toMatchObject({
      financialYear: 2025,
      from: '2025-04',
      to: '2025-09',
      missingSoFar: [],
      missingLastYear: monthRange('2024-05', '2024-09'),
    })
  })

  it('for any months held, the held, missing and comparable months agree (property)', () => {
    const month = fc.integer({ min: monthIndexOf('2015-01'), max: monthIndexOf('2030-12') }).map(monthAt)
    fc.assert(
      fc.property(month, fc.uniqueArray(month, { maxLength: 40 }), (to: Month, heldList: Month[]) => {
        const held = new Set(heldList)
        const ytd = yearToDateMonths(to, held)
        // The year to date starts in April of the year `to` falls in, and has one month per month since.
        expect(ytd.from).toBe(financialYearFirstMonth(financialYearOfMonth(to)))
        expect(ytd.months).toEqual(monthRange(ytd.from, to))
        expect(ytd.months.length).toBeLessThanOrEqual(12)
        // Every month is either held or missing, never both.
        expect([...ytd.heldSoFar, ...ytd.missingSoFar].sort()).toEqual(ytd.months)
        expect(ytd.heldSoFar.every(m => held.has(m))).toBe(true)
        expect(ytd.missingSoFar.some(m => held.has(m))).toBe(false)
        // A comparison rests on held months whose month a year earlier is held too.
        expect(ytd.comparable.every(m => ytd.heldSoFar.includes(m) && held.has(addMonths(m, -12)))).toBe(true)
        expect(ytd.heldSoFar.filter(m => held.has(addMonths(m, -12)))).toEqual(ytd.comparable)
        expect(ytd.missingLastYear.every(m => !held.has(m) && ytd.months.includes(addMonths(m, 12)))).toBe(true)
        // The words for the months held name exactly those months.
        const label = describeMonths(ytd.heldSoFar)
        expect(label === '').toBe(ytd.heldSoFar.length === 0)
      }),
    )
  })
})
