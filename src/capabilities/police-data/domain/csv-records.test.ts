import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { CsvFatalError, CsvRecordReader, type CsvRecord } from './csv-records.ts'

function readAll(text: string, chunkSizes: number[] = [text.length || 1], options = {}): CsvRecord[] {
  const reader = new CsvRecordReader(options)
  const records: CsvRecord[] = []
  let pos = 0
  let i = 0
  while (pos < text.length) {
    const size = Math.max(1, chunkSizes[i++ % chunkSizes.length]!)
    records.push(...reader.push(text.slice(pos, pos + size)))
    pos += size
  }
  records.push(...reader.end())
  return records
}

const simplify = (records: CsvRecord[]) => records.map(r => ({ line: r.line, fields: r.fields, problem: r.problem }))

describe('reading CSV records', () => {
  it('reads LF and CRLF lines alike, with their line numbers', () => {
    for (const nl of ['\n', '\r\n']) {
      const records = readAll(`a,b,c${nl}1,2,3${nl}4,,6${nl}`)
      expect(simplify(records)).toEqual([
        { line: 1, fields: ['a', 'b', 'c'], problem: undefined },
        { line: 2, fields: ['1', '2', '3'], problem: undefined },
        { line: 3, fields: ['4', '', '6'], problem: undefined },
      ])
    }
  })

  it('reads a last line with no line break, and skips blank lines while counting them', () => {
    expect(simplify(readAll('a,b\n\n1,2'))).toEqual([
      { line: 1, fields: ['a', 'b'], problem: undefined },
      { line: 3, fields: ['1', '2'], problem: undefined },
    ])
  })

  it('drops a byte-order mark at the start', () => {
    expect(readAll('\uFEFFCrime ID,Month\n1,2\n')[0]!.fields).toEqual(['Crime ID', 'Month'])
  })

  it('keeps an unquoted line as it was, for the fast path', () => {
    const [record] = readAll('x,2018-01,Essex Police\r\n')
    expect(record!.raw).toBe('x,2018-01,Essex Police')
  })

  it('reads quoted fields with commas, doubled quotes and line breaks, and counts the lines they span', () => {
    const records = readAll('a,"b, c","say ""hi"""\n"multi\nline",2,3\nnext,4,5\n')
    expect(simplify(records)).toEqual([
      { line: 1, fields: ['a', 'b, c', 'say "hi"'], problem: undefined },
      { line: 2, fields: ['multi\nline', '2', '3'], problem: undefined },
      { line: 4, fields: ['next', '4', '5'], problem: undefined },
    ])
    expect(records[0]!.raw).toBeNull()
  })

  it('gives the same records however the text is cut into chunks', () => {
    const text = 'h1,h2,h3\r\n"a ""q""",b,c\r\nplain,,x\r\n"multi\r\nline","x,y",z\r\nlast,1,"2"'
    const whole = simplify(readAll(text))
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 20 }), sizes => {
        expect(simplify(readAll(text, sizes))).toEqual(whole)
      }),
    )
  })

  it('says so when the file ends inside a quoted field (cut short)', () => {
    const records = readAll('a,b\n1,"unfinished\nmore')
    expect(records.at(-1)!.problem).toMatch(/ends inside a quoted field/)
    expect(records.at(-1)!.line).toBe(2)
  })

  it('marks text after a closing quote as a problem, keeping the record', () => {
    const [record] = readAll('"a"b,c\n')
    expect(record!.problem).toMatch(/after the closing quote/)
    expect(record!.fields).toEqual(['ab', 'c'])
  })

  it('keeps a quote inside an unquoted field as a character', () => {
    expect(readAll('5" pipe,b\n')[0]!.fields).toEqual(['5" pipe', 'b'])
  })

  it('marks a field longer than the limit, and cuts it down so memory stays small', () => {
    const [record] = readAll(`${'x'.repeat(5000)},b\n`, undefined, { maxFieldLength: 1000 })
    expect(record!.problem).toMatch(/Field 1 is longer than 1,000 characters/)
    expect(record!.fields[0]!.length).toBe(200)
  })

  it('stops on a line with no end longer than the record limit (not a CSV file of records)', () => {
    const reader = new CsvRecordReader({ maxRecordLength: 10_000 })
    reader.push('a,b\n')
    expect(() => {
      for (let i = 0; i < 20; i++) reader.push(`"${'y'.repeat(1000)}`)
    }).toThrow(CsvFatalError)
  })
})
