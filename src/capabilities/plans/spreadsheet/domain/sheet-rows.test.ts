import { describe, expect, it } from 'vitest'

import { parseSheetDate } from './sheet-rows.ts'

describe('dates in the spreadsheet', () => {
  it('reads the ways people write dates, and refuses impossible ones', () => {
    expect(parseSheetDate('2017-03-31')).toBe('2017-03-31')
    expect(parseSheetDate('31/03/2017')).toBe('2017-03-31')
    expect(parseSheetDate('1/4/17')).toBe('2017-04-01')
    expect(parseSheetDate('31.10.2016')).toBe('2016-10-31')
    expect(parseSheetDate('29/02/2017')).toBeNull()
    expect(parseSheetDate('Sept 16')).toBeNull()
  })
})
