import { describe, expect, it } from 'vitest'

import { parseQuery, withoutNul } from './body.ts'

describe('withoutNul', () => {
  it('takes NUL characters out of every string, key and value, however deep', () => {
    expect(withoutNul({ 'na\u0000me': 'a\u0000b', list: ['\u0000x', 2], nested: { deep: 'c\u0000' }, n: 5, b: true, nothing: null })).toEqual({
      name: 'ab',
      list: ['x', 2],
      nested: { deep: 'c' },
      n: 5,
      b: true,
      nothing: null,
    })
  })

  it('keeps a key named __proto__ a plain key, never the object’s prototype', () => {
    const clean = withoutNul(JSON.parse('{"__proto__": {"polluted": true}, "a": "1"}') as Record<string, unknown>)
    expect((clean as { polluted?: boolean }).polluted).toBeUndefined()
    expect(Object.keys(clean)).toEqual(['__proto__', 'a'])
  })

  it('leaves buffers and dates alone', () => {
    const buffer = Buffer.from([0, 1])
    expect(withoutNul({ buffer }).buffer).toBe(buffer)
  })

  it('reads a query string as Express does, without NUL characters', () => {
    expect(parseQuery('a=1%002&b=x&b=y%00')).toEqual({ a: '12', b: ['x', 'y'] })
  })
})
