import { describe, expect, it } from 'vitest'

import { plainText, plainValues } from './plain-text.ts'

describe('plainText', () => {
  it('drops NUL, shows control characters and broken characters as ?, and keeps ordinary text', () => {
    expect(plainText('a\u0000b')).toBe('ab')
    expect(plainText('bell\u0007 esc\u001b')).toBe('bell? esc?')
    expect(plainText('tab\tand\nnew line')).toBe('tab\tand\nnew line')
    expect(plainText('lone \ud800 surrogate')).toBe('lone ? surrogate')
    expect(plainText(Buffer.from([0x41, 0xff, 0xfe, 0x42]).toString('utf8'))).toBe('A??B')
    expect(plainText('Crime “type” – £5 café')).toBe('Crime “type” – £5 café')
  })

  it('cuts long text with an ellipsis', () => {
    expect(plainText('x'.repeat(50), 10)).toBe(`${'x'.repeat(9)}…`)
  })

  it('cleans every string of a JSON value, keys included', () => {
    expect(plainValues({ name: 'a\u0000.csv', problems: [{ row: ['\u0000', 'ok'], line: 2 }], 'k\u0000': null })).toEqual({
      name: 'a.csv',
      problems: [{ row: ['', 'ok'], line: 2 }],
      k: null,
    })
  })
})
