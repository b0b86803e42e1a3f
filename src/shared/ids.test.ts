import { describe, expect, it } from 'vitest'

import { MAX_ROW_ID, parseRowId } from './ids.ts'

describe('parseRowId', () => {
  it('reads the ids a record can have', () => {
    expect(parseRowId('1')).toBe(1)
    expect(parseRowId('0500')).toBe(500)
    expect(parseRowId(String(MAX_ROW_ID))).toBe(MAX_ROW_ID)
    expect(parseRowId(42)).toBe(42)
  })

  it('refuses anything the database could not hold as a record id', () => {
    for (const value of ['0', '-1', '2147483648', '99999999999', '9007199254740993', '1e3', '0x10', ' 5', '5 ', '1.5', '', 'abc', '5\u0000', undefined, null, 2147483648, 1.5]) {
      expect(parseRowId(value), String(value)).toBeUndefined()
    }
  })
})
