import { describe, expect, it } from 'vitest'

import { financialYearLabel, ukDate } from './dates.ts'

describe('days and financial years', () => {
  it('takes the UK calendar day of an instant, in summer time too', () => {
    expect(ukDate(new Date('2016-06-30T23:30:00Z'))).toBe('2016-07-01')
    expect(ukDate(new Date('2017-01-31T23:30:00Z'))).toBe('2017-01-31')
  })

  it('names a financial year as the seeds do', () => {
    expect(financialYearLabel(2016)).toBe('2016/17')
    expect(financialYearLabel(1999)).toBe('1999/00')
  })
})
