import { describe, expect, it } from 'vitest'

import { formatDifference, formatValue, parseValue, singularOf, valueForInput } from './indicator.ts'

describe('reading a figure in its unit', () => {
  it('reads counts with thousands separators', () => {
    expect(parseValue('2,090', 'count')).toEqual({ ok: true, value: 2090 })
    expect(parseValue(' 2090 ', 'rate_per_1000_population')).toEqual({ ok: true, value: 2090 })
    expect(parseValue(14, 'count')).toEqual({ ok: true, value: 14 })
  })

  it('refuses what is not a whole number of things', () => {
    expect(parseValue('2.5', 'count')).toEqual({ ok: false, message: 'The figure must be a whole number, like 2,090' })
    expect(parseValue('-3', 'count')).toEqual({ ok: false, message: 'The figure must be 0 or more' })
    expect(parseValue('', 'count', 'the baseline')).toEqual({ ok: false, message: 'Enter the baseline' })
    expect(parseValue('20,90', 'count').ok).toBe(false)
  })

  it('reads percentages between 0 and 100', () => {
    expect(parseValue('9.9%', 'percentage')).toEqual({ ok: true, value: 9.9 })
    expect(parseValue('100.5', 'percentage').ok).toBe(false)
    expect(parseValue('9.999', 'percentage').ok).toBe(false)
  })

  it('reads money in pounds and keeps pence', () => {
    expect(parseValue('£1,250.50', 'money')).toEqual({ ok: true, value: 125050 })
    expect(parseValue('5000', 'money')).toEqual({ ok: true, value: 500000 })
    expect(parseValue('£12.345', 'money').ok).toBe(false)
    expect(valueForInput(125050, 'money')).toBe('1250.50')
    expect(valueForInput(500000, 'money')).toBe('5000')
  })
})

describe('showing figures', () => {
  it('shows each unit as people read it', () => {
    expect(formatValue(2090, 'count')).toBe('2,090')
    expect(formatValue(9.9, 'percentage')).toBe('9.9%')
    expect(formatValue(125050, 'money')).toBe('£1,250.50')
    expect(formatValue(null, 'count')).toBe('')
  })

  it('names a difference with its noun, singular for one', () => {
    expect(formatDifference(-127, 'count', 'offences')).toBe('127 offences')
    expect(formatDifference(1, 'count', 'offences')).toBe('1 offence')
    expect(formatDifference(1, 'count', 'families')).toBe('1 family')
    expect(formatDifference(1.1, 'percentage', '')).toBe('1.1 percentage points')
    expect(singularOf('incidents')).toBe('incident')
    expect(singularOf('witnesses')).toBe('witness')
  })
})
