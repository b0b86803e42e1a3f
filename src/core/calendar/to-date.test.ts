import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { financialYearFirstMonth, financialYearOfMonth, monthsOfFinancialYear } from './financial-year.ts'
import { addMonths, describeMonths, monthAt, monthIndexOf, MONTH_NAMES, monthRange, type Month } from './month.ts'
import { comparableMonthsToDate, describeMonthsOfYear, heldInYear, latestRunOfMonths, monthsHeldSoFar, monthsToDate, yearToDateMonths } from './to-date.ts'

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

/** Read a label of describeMonths back into its months ("April to June 2024 and March 2025"): the test's own reader. */
function monthsNamedBy(label: string): Month[] {
  const names = MONTH_NAMES as readonly string[]
  const parts = label.split(/, | and /)
  const months: Month[] = []
  let pendingFrom: string | null = null // "August" of "August and September 2018"
  for (const part of parts) {
    const words = part.split(' ')
    if (words.length === 1) {
      pendingFrom = part
      continue
    }
    const range = /^(\w+)(?: (\d{4}))? to (\w+) (\d{4})$/.exec(part)
    if (range) {
      const to = `${range[4]}-${String(names.indexOf(range[3]!) + 1).padStart(2, '0')}`
      const fromYear = range[2] ?? range[4]!
      months.push(...monthRange(`${fromYear}-${String(names.indexOf(range[1]!) + 1).padStart(2, '0')}`, to))
    } else {
      const month = `${words[1]}-${String(names.indexOf(words[0]!) + 1).padStart(2, '0')}`
      if (pendingFrom) months.push(`${words[1]}-${String(names.indexOf(pendingFrom) + 1).padStart(2, '0')}`)
      months.push(month)
    }
    pendingFrom = null
  }
  return months
}

describe('words for the months held', () => {
  it('say which months a part year holds, and how many', () => {
    const held = heldInYear(2024, ['2024-04', '2024-05', '2024-06', '2025-03'])
    expect(held).toMatchObject({ count: 4, complete: false, label: 'April to June 2024 and March 2025', countText: '4 of 12 months held' })
    expect(heldInYear(2024, monthsOfFinancialYear(2024))).toMatchObject({ complete: true, label: 'April 2024 to March 2025', countText: 'all 12 months held' })
    expect(heldInYear(2024, [])).toMatchObject({ count: 0, label: '', countText: 'no month held' })
    expect(describeMonthsOfYear(['2025-04'])).toBe('April')
    expect(describeMonthsOfYear(['2025-04', '2025-05', '2025-06', '2025-09'])).toBe('April to June and September')
  })

  it('for any set of months held, the label names exactly those months and the count agrees (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2090 }), fc.uniqueArray(fc.integer({ min: 0, max: 11 }), { maxLength: 12 }), (year, offsets) => {
        const months = offsets.map(i => monthsOfFinancialYear(year)[i]!)
        const held = heldInYear(year, [...months, `${year - 1}-06`, `${year + 1}-05`])
        expect(held.count).toBe(months.length)
        expect(monthsNamedBy(held.label)).toEqual([...months].sort())
        expect(held.countText).toBe(months.length === 12 ? 'all 12 months held' : months.length === 0 ? 'no month held' : `${months.length} of 12 months held`)
        expect(held.complete).toBe(months.length === 12)
      }),
    )
  })

  it('the year to date counts every month held so far, and its label names them (property)', () => {
    const month = fc.integer({ min: monthIndexOf('2015-01'), max: monthIndexOf('2030-12') }).map(monthAt)
    fc.assert(
      fc.property(month, fc.uniqueArray(month, { maxLength: 40 }), (to: Month, heldList: Month[]) => {
        const ytd = yearToDateMonths(to, new Set(heldList))
        const counted = heldList.filter(m => ytd.months.includes(m)).sort()
        expect(ytd.heldSoFar).toEqual(counted)
        expect(monthsNamedBy(describeMonths(ytd.heldSoFar))).toEqual(counted)
      }),
    )
  })

  it('the default period is the latest run of months held, never starting on a month with no data', () => {
    const held = [...monthRange('2024-01', '2024-04'), ...monthRange('2025-01', '2025-09')]
    expect(latestRunOfMonths(held)).toEqual({ from: '2025-01', to: '2025-09' })
    expect(latestRunOfMonths(monthRange('2020-01', '2025-09'))).toEqual({ from: '2024-10', to: '2025-09' })
    expect(latestRunOfMonths([])).toBeNull()
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: monthIndexOf('2015-01'), max: monthIndexOf('2020-12') }).map(monthAt), { minLength: 1, maxLength: 50 }), list => {
        const run = latestRunOfMonths(list)!
        expect(monthRange(run.from, run.to).every(m => list.includes(m))).toBe(true)
        expect(run.to).toBe([...list].sort().at(-1))
        expect(monthRange(run.from, run.to).length).toBeLessThanOrEqual(12)
      }),
    )
  })
})
