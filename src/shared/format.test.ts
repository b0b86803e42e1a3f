import { describe, expect, it } from 'vitest'

import { formatDate, formatMoney, formatNumber, formatPercent, formatUpTo, plural } from './format.ts'

describe('formatDate', () => {
  it('writes a calendar day the UK way, whatever the time zone', () => {
    expect(formatDate('2016-03-14')).toBe('14 March 2016')
    expect(formatDate('2016-03-14', 'short')).toBe('14 Mar 2016')
    expect(formatDate('2016-03-14', 'month')).toBe('March 2016')
  })

  it('writes a time in London time', () => {
    expect(formatDate(new Date('2026-07-01T14:04:00Z'), 'datetime')).toBe('1 July 2026 at 3:04pm')
  })

  it('writes nothing for no date', () => {
    expect(formatDate(null)).toBe('')
  })
})

describe('formatMoney', () => {
  it('writes whole pounds without pence and keeps pence when there are some', () => {
    expect(formatMoney(1_233_700)).toBe('£12,337')
    expect(formatMoney(1_233_750)).toBe('£12,337.50')
    expect(formatMoney(-151_800)).toBe('−£1,518')
    expect(formatMoney(0)).toBe('£0')
  })
})

describe('formatNumber and formatPercent', () => {
  it('separates thousands and rounds to the decimals asked for', () => {
    expect(formatNumber(2090)).toBe('2,090')
    expect(formatNumber(28.94, 1)).toBe('28.9')
    expect(formatPercent(39.0769)).toBe('39.1%')
    expect(formatPercent(Number.POSITIVE_INFINITY)).toBe('')
  })

  it('writes at most the decimals asked for, without trailing zeros, whichever format was made first', () => {
    expect(formatNumber(28, 1)).toBe('28.0')
    expect(formatUpTo(28, 1)).toBe('28')
    expect(formatUpTo(28.96, 1)).toBe('29')
    expect(formatUpTo(1234.56, 1)).toBe('1,234.6')
    expect(formatUpTo(4.44, 0)).toBe('4')
    expect(formatNumber(28, 1)).toBe('28.0')
  })

  it('pluralises counts', () => {
    expect(plural(1, 'action')).toBe('1 action')
    expect(plural(1200, 'action')).toBe('1,200 actions')
  })
})
