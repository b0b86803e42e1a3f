import { describe, expect, it } from 'vitest'

import { quarterLabel, quarterOrdinal } from './periods.ts'

describe('quarters in the documents', () => {
  it('names a quarter with its plan year and months, Q4 in the next calendar year', () => {
    expect(quarterLabel(2016, 2)).toBe('Q2 2016/17 (July to September 2016)')
    expect(quarterLabel(2016, 4)).toBe('Q4 2016/17 (January to March 2017)')
    expect(quarterOrdinal(1)).toBe('1st Quarter')
  })
})
