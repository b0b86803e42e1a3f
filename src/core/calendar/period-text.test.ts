import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { monthAt, monthIndexOf } from './month.ts'
import { readFinancialYear, readPeriod, typedPeriodText, type TypedPeriod } from './period-text.ts'

describe('the one reader of a typed period', () => {
  it.each([
    ['2024/25', { kind: 'financial_year', year: 2024 }],
    ['2024-25', { kind: 'financial_year', year: 2024 }],
    ['2024/2025', { kind: 'financial_year', year: 2024 }],
    ['2024-2025', { kind: 'financial_year', year: 2024 }],
    ['2024 to 2025', { kind: 'financial_year', year: 2024 }],
    ['2024–25', { kind: 'financial_year', year: 2024 }],
    ['FY 2024/25', { kind: 'financial_year', year: 2024 }],
    ['Q1 2025/26', { kind: 'quarter', year: 2025, quarter: 1 }],
    ['2025/26 Q1', { kind: 'quarter', year: 2025, quarter: 1 }],
    ['Q4 2025-26', { kind: 'quarter', year: 2025, quarter: 4 }],
    ['2025-26 Q3', { kind: 'quarter', year: 2025, quarter: 3 }],
    ['quarter 2 2025/2026', { kind: 'quarter', year: 2025, quarter: 2 }],
    ['April 2025', { kind: 'month', month: '2025-04' }],
    ['Apr 2025', { kind: 'month', month: '2025-04' }],
    ['2025-04', { kind: 'month', month: '2025-04' }],
    ['04/2025', { kind: 'month', month: '2025-04' }],
    ['April to December 2025', { kind: 'part_year', year: 2025, to: '2025-12' }],
    ['Apr–Dec 2025', { kind: 'part_year', year: 2025, to: '2025-12' }],
    ['April 2025 to February 2026', { kind: 'part_year', year: 2025, to: '2026-02' }],
    ['April to February 2026', { kind: 'part_year', year: 2025, to: '2026-02' }],
    ['2025/26 April to December', { kind: 'part_year', year: 2025, to: '2025-12' }],
    ['2025/26 to June', { kind: 'part_year', year: 2025, to: '2025-06' }],
  ] as [string, TypedPeriod][])('reads “%s”', (text, period) => {
    expect(readPeriod(text)).toEqual({ ok: true, period })
  })

  it('reads a year-month as a month where months are taken, and as a financial year where only years are', () => {
    expect(readPeriod('2011-12', ['month', 'financial_year'])).toEqual({ ok: true, period: { kind: 'month', month: '2011-12' } })
    expect(readPeriod('2011-12', ['financial_year'])).toEqual({ ok: true, period: { kind: 'financial_year', year: 2011 } })
    expect(readPeriod('2024-25', ['month', 'financial_year'])).toEqual({ ok: true, period: { kind: 'financial_year', year: 2024 } })
  })

  it('says what is wrong, in words', () => {
    expect(readFinancialYear('')).toMatchObject({ ok: false, message: 'Enter the financial year' })
    expect(readFinancialYear('2024/26')).toMatchObject({ ok: false, message: 'The two years of a financial year must follow each other, like 2024/25' })
    expect(readFinancialYear('next year')).toMatchObject({ ok: false, message: 'Enter the financial year like 2024/25' })
    expect(readPeriod('June to December 2025', ['part_year'])).toMatchObject({ ok: false, message: expect.stringMatching(/^A figure for part of a year runs from April/) })
    expect(readPeriod('Q5 2025/26', ['quarter'])).toMatchObject({ ok: false, message: 'Enter the quarter like Q1 2025/26' })
  })

  it('names a look-alike character instead of calling the period wrong', () => {
    expect(readFinancialYear('2024／25')).toMatchObject({ ok: false, message: '“2024／25” has the fullwidth solidus, which looks like /: type the financial year again, like 2024/25' })
    expect(readPeriod('Q１ 2025/26', ['quarter'])).toMatchObject({ ok: false, message: expect.stringContaining('the fullwidth digit 1, which looks like 1') })
  })

  it('reads back every period it writes (property)', () => {
    const month = fc.integer({ min: monthIndexOf('1999-04'), max: monthIndexOf('2099-12') }).map(monthAt)
    const period = fc.oneof(
      fc.integer({ min: 1999, max: 2099 }).map((year): TypedPeriod => ({ kind: 'financial_year', year })),
      fc.record({ year: fc.integer({ min: 1999, max: 2099 }), quarter: fc.constantFrom(1, 2, 3, 4) }).map((p): TypedPeriod => ({ kind: 'quarter', ...p }) as TypedPeriod),
      month.map((m): TypedPeriod => ({ kind: 'month', month: m })),
      month
        .filter(m => !m.endsWith('-03') && !m.endsWith('-04'))
        .map((to): TypedPeriod => ({ kind: 'part_year', year: Number(to.slice(5)) >= 4 ? Number(to.slice(0, 4)) : Number(to.slice(0, 4)) - 1, to })),
    )
    fc.assert(
      fc.property(period, p => {
        expect(readPeriod(typedPeriodText(p))).toEqual({ ok: true, period: p })
      }),
    )
  })
})
