import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { div, exact, mul, roundHalfAwayFromZero } from './exact.ts'
import { formatDifference, formatValue, parseValue } from './indicator.ts'
import { change, rankAreas } from './performance.ts'
import { formatRate, rateFromCount, rateSourceText, readRateFigure } from './rates.ts'
import { targetValue } from './targets.ts'

describe('rates as rates', () => {
  it('turns a count over its denominator into its rate: 980 over 65,000 households is 15.08 per 1,000', () => {
    expect(rateFromCount(980, 65_000, 'rate_per_1000')).toBe(15.08)
    expect(rateFromCount(980, 65_000, 'rate_per_100000')).toBe(1507.69)
    expect(formatRate(15.08, 'rate_per_1000', 'households')).toBe('15.08 per 1,000 households')
    expect(formatValue(12.4, 'rate_per_1000')).toBe('12.40 per 1,000')
    expect(formatValue(35.2, 'rate_per_100000')).toBe('35.20 per 100,000')
    expect(rateSourceText(980, 65_000, 'households')).toBe('980 over 65,000 households')
    expect(rateSourceText(null, 65_000, 'households')).toBe('Entered as a rate, of 65,000 households')
    expect(rateSourceText(null, null, 'households')).toBeNull()
  })

  it('accepts the rate as printed, with or without its denominator', () => {
    expect(readRateFigure({ value: '12.40' }, 'rate_per_1000')).toEqual({ ok: true, figure: { value: 12.4, count: null, denominator: null } })
    expect(readRateFigure({ value: '12.4 per 1,000', denominator: '65,000' }, 'rate_per_1000')).toEqual({ ok: true, figure: { value: 12.4, count: null, denominator: 65_000 } })
    expect(readRateFigure({ value: 35.2 }, 'rate_per_100000')).toEqual({ ok: true, figure: { value: 35.2, count: null, denominator: null } })
    expect(readRateFigure({ count: '980', denominator: '65,000' }, 'rate_per_1000')).toEqual({ ok: true, figure: { value: 15.08, count: 980, denominator: 65_000 } })
    expect(parseValue('12.40', 'rate_per_1000')).toEqual({ ok: true, value: 12.4 })
  })

  it('says what is wrong with each field', () => {
    expect(readRateFigure({}, 'rate_per_1000', 'the baseline')).toEqual({ ok: false, errors: [{ field: 'value', message: 'Enter the baseline as a rate per 1,000, or the count and its denominator' }] })
    expect(readRateFigure({ count: '980' }, 'rate_per_1000')).toEqual({
      ok: false,
      errors: [{ field: 'denominator', message: 'Enter the denominator the count is over, like 65,000, to work out the rate per 1,000' }],
    })
    expect(readRateFigure({ value: '12.345' }, 'rate_per_1000').ok).toBe(false)
    expect(readRateFigure({ value: '-1' }, 'rate_per_1000').ok).toBe(false)
    expect(readRateFigure({ value: '12', denominator: '0' }, 'rate_per_1000')).toEqual({
      ok: false,
      errors: [{ field: 'denominator', message: 'The denominator must be a whole number greater than 0, like 65,000' }],
    })
    expect(readRateFigure({ value: '15.00', count: '980', denominator: '65000' }, 'rate_per_1000', 'the figure')).toEqual({
      ok: false,
      errors: [{ field: 'value', message: 'The figure of 15.00 is not the rate the count and denominator give (15.08 per 1,000): leave it empty, or correct it' }],
    })
    expect(readRateFigure({ value: '15.08', count: '980', denominator: '65000' }, 'rate_per_1000').ok).toBe(true)
  })

  it('works targets and % change on the rate, to two decimal places', () => {
    // 5% off 15.08 is 14.326 → 14.33.
    expect(targetValue({ kind: 'percent_change', changePercent: -5, absoluteValue: null }, 15.08, 'rate_per_1000')).toEqual({
      value: 14.33,
      explanation: '5% reduction on 15.08 per 1,000 is 14.33, rounded to two decimal places, halves rounded up: 14.33 per 1,000',
      problem: null,
    })
    expect(change(12.4, 15.08, 'rate_per_1000', 'offences')).toMatchObject({ percent: 21.6, text: '21.6% (2.68 per 1,000)' })
    expect(formatDifference(-2.68, 'rate_per_1000', 'offences')).toBe('2.68 per 1,000')
  })

  it('gives the rate of count × base ÷ denominator, rounded once, halves away from zero (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 1, max: 100_000_000 }), fc.constantFrom('rate_per_1000' as const, 'rate_per_100000' as const), (count, denominator, unit) => {
        const base = unit === 'rate_per_1000' ? 1000 : 100_000
        const rate = rateFromCount(count, denominator, unit)
        const exactRate = (count * base) / denominator
        expect(Math.abs(rate - exactRate)).toBeLessThanOrEqual(0.005 + 1e-9 * Math.max(1, exactRate))
        // The same figures read back as a count and denominator give the same rate.
        const read = readRateFigure({ count: String(count), denominator: String(denominator) }, unit)
        expect(read).toEqual({ ok: true, figure: { value: rate, count, denominator } })
      }),
    )
  })

  it('does not change a rate when count and denominator are scaled together (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 50 }), (count, denominator, k) => {
        expect(rateFromCount(count * k, denominator * k, 'rate_per_1000')).toBe(rateFromCount(count, denominator, 'rate_per_1000'))
        expect(rateFromCount(count, denominator, 'rate_per_1000')).toBe(roundHalfAwayFromZero(div(mul(exact(count), exact(1000)), exact(denominator)), 2))
      }),
    )
  })

  it('reads back every rate it shows (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), cents => {
        const value = cents / 100
        const shown = formatValue(value, 'rate_per_1000')
        expect(readRateFigure({ value: shown }, 'rate_per_1000')).toEqual({ ok: true, figure: { value, count: null, denominator: null } })
      }),
    )
  })
})

describe('comparing areas by a rate held as the rate', () => {
  it('ranks by the rates themselves, without a denominator', () => {
    const ranking = rankAreas(
      [
        { name: 'Rochford', value: 12.4, denominator: null, isOwn: true },
        { name: 'Castle Point', value: 15.08, denominator: null, isOwn: false },
        { name: 'Maldon', value: 9.5, denominator: null, isOwn: false },
      ],
      'rate_per_1000',
      'lower_is_better',
    )!
    expect(ranking.rows.map(r => [r.name, r.position, r.comparedText])).toEqual([
      ['Maldon', 1, '9.50 per 1,000'],
      ['Rochford', 2, '12.40 per 1,000'],
      ['Castle Point', 3, '15.08 per 1,000'],
    ])
  })
})
