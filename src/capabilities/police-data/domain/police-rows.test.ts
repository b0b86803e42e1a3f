import { describe, expect, it } from 'vitest'

import type { Placement } from './geography.ts'
import { forceSlug, headerProblem, parseStreetFileName, POLICE_COLUMNS, PoliceRowChecker, recordCsvLine, vintageOf, type CheckedRow, type RowProblem } from './police-rows.ts'

const placement: Placement = {
  places: new Map([
    ['E01022645', { districtCode: 'E07000075', in2011: true, in2021: true }],
    ['E01021278', { districtCode: 'E07000066', in2011: true, in2021: false }],
    ['E01034355', { districtCode: 'E07000066', in2011: false, in2021: true }],
  ]),
  districtsByName: new Map([
    ['rochford', 'E07000075'],
    ['basildon', 'E07000066'],
  ]),
}

const row = (overrides: Partial<Record<(typeof POLICE_COLUMNS)[number], string>> = {}) => {
  const base: Record<string, string> = {
    'Crime ID': 'abc123',
    Month: '2025-01',
    'Reported by': 'Essex Police',
    'Falls within': 'Essex Police',
    Longitude: '0.706460',
    Latitude: '51.588630',
    Location: 'On or near Hall Road',
    'LSOA code': 'E01022645',
    'LSOA name': 'Rochford 005B',
    'Crime type': 'Burglary',
    'Last outcome category': 'Under investigation',
    Context: '',
  }
  return POLICE_COLUMNS.map(c => overrides[c] ?? base[c]!)
}

const check = (fields: string[], month: string | null = '2025-01') => new PoliceRowChecker(placement, month).check(7, fields)
const problems = (result: CheckedRow | RowProblem[]) => (Array.isArray(result) ? result.map(p => `${p.column}: ${p.message}`) : [])

describe('the police.uk header', () => {
  it('accepts the header as published, and the snake_case one a source rewrote it to', () => {
    expect(headerProblem([...POLICE_COLUMNS])).toBeNull()
    expect(headerProblem(['crime_id', 'month', 'reported_by', 'falls_within', 'longitude', 'latitude', 'location', 'lsoa_code', 'lsoa_name', 'crime_type', 'last_outcome_category', 'context'])).toBeNull()
  })

  it('names what is missing or unexpected in a malformed header', () => {
    expect(headerProblem(POLICE_COLUMNS.filter(c => c !== 'LSOA code'))).toMatch(/missing “LSOA code”/)
    expect(headerProblem([...POLICE_COLUMNS, 'Extra'])).toMatch(/unexpected “extra”/)
    expect(headerProblem([...POLICE_COLUMNS].reverse())).toMatch(/different order/)
    expect(headerProblem([''])).toMatch(/first line is empty/)
  })
})

describe('file names and forces', () => {
  it('reads the month and force from the archive name', () => {
    expect(parseStreetFileName('2018-01/2018-01-essex-street.csv')).toEqual({ month: '2018-01', force: 'essex' })
    expect(parseStreetFileName('2024-03-avon-and-somerset-street.csv')).toEqual({ month: '2024-03', force: 'avon-and-somerset' })
    expect(parseStreetFileName('2024-13-essex-street.csv')).toBeNull()
    expect(parseStreetFileName('crimes.csv')).toBeNull()
  })

  it('turns force names into police.uk force ids', () => {
    expect(forceSlug('Essex Police')).toBe('essex')
    expect(forceSlug('Metropolitan Police Service')).toBe('metropolitan')
    expect(forceSlug('Avon and Somerset Constabulary')).toBe('avon-and-somerset')
    expect(forceSlug('British Transport Police')).toBe('btp')
  })
})

describe('checking a row', () => {
  it('passes a good row and places it in its district', () => {
    const result = check(row())
    expect(problems(result)).toEqual([])
    expect(result).toMatchObject({ districtCode: 'E07000075', placedByName: false, vintage: null, changed: false })
  })

  it('passes a row with no location (no coordinates, no LSOA)', () => {
    const result = check(row({ Longitude: '', Latitude: '', Location: 'No Location', 'LSOA code': '', 'LSOA name': '' }))
    expect(result).toMatchObject({ districtCode: null })
  })

  it('tells the 2011-only and 2021-only LSOA codes apart, for the file’s vintage', () => {
    expect(check(row({ 'LSOA code': 'E01021278', 'LSOA name': 'Basildon 014E' }))).toMatchObject({ vintage: 2011 })
    expect(check(row({ 'LSOA code': 'E01034355', 'LSOA name': 'Basildon 014G' }))).toMatchObject({ vintage: 2021 })
    expect(vintageOf({ only2011: 3, only2021: 0 })).toBe('2011')
    expect(vintageOf({ only2011: 0, only2021: 0 })).toBe('either')
    expect(vintageOf({ only2011: 1, only2021: 1 })).toBe('mixed')
  })

  it('places an LSOA no lookup has by the district name its own name starts with', () => {
    expect(check(row({ 'LSOA code': 'E01099999', 'LSOA name': 'Rochford 099Z' }))).toMatchObject({ districtCode: 'E07000075', placedByName: true })
  })

  it('refuses an unknown LSOA, a bad month, a month of another file and non-numeric coordinates', () => {
    expect(problems(check(row({ 'LSOA code': 'E01099999', 'LSOA name': 'Nowhere 001A' })))).toEqual([
      'LSOA code: Unknown LSOA E01099999 (“Nowhere 001A”): it is in no ONS lookup imported and its name does not start with a known district',
    ])
    expect(problems(check(row({ Month: 'Jan-25' })))).toEqual(['Month: “Jan-25” is not a month like 2024-01'])
    expect(problems(check(row({ Month: '2025-02' })))).toEqual(['Month: Month 2025-02 differs from the file’s month 2025-01'])
    expect(problems(check(row({ Longitude: 'east', Latitude: '51.5x' })))).toEqual(['Longitude: “east” is not a longitude', 'Latitude: “51.5x” is not a latitude'])
    expect(problems(check(row({ Latitude: '' })))).toEqual(['Latitude: “” is not a latitude'])
    expect(problems(check(row({ 'LSOA code': 'Rochford' })))).toEqual(['LSOA code: “Rochford” is not an LSOA code like E01021296'])
  })

  it('takes the month from the first row when the file name does not give it', () => {
    const checker = new PoliceRowChecker(placement, null)
    expect(problems(checker.check(2, row({ Month: '2024-06' })))).toEqual([])
    expect(problems(checker.check(3, row({ Month: '2024-07' })))).toEqual(['Month: Month 2024-07 differs from the file’s month 2024-06'])
  })

  it('refuses a row with the wrong number of columns, saying it may be cut short', () => {
    expect(problems(check(row().slice(0, 5)))).toEqual(['null: Expected 12 columns, found 5: the line may be cut short'])
  })

  it('refuses NUL characters, line breaks and over-long text, whatever the field', () => {
    expect(problems(check(row({ Location: 'a\0b' })))).toEqual(['Location: Contains a NUL character'])
    expect(problems(check(row({ Location: 'a\nb' })))).toEqual(['Location: Contains a line break'])
    expect(problems(check(row({ 'Last outcome category': 'x'.repeat(501) })))).toEqual(['Last outcome category: Longer than 500 characters'])
  })
})

describe('writing rows for COPY', () => {
  it('copies an unchanged unquoted line as it came, after the force', () => {
    const fields = row()
    const result = check(fields) as CheckedRow
    expect(recordCsvLine('essex', result, fields.join(','))).toBe(`essex,${fields.join(',')}\n`)
  })

  it('quotes fields with commas or quotes, and keeps formula-like text as text (downloads neutralise it)', () => {
    const fields = row({ Location: 'On or near "The Street", Rayleigh', 'Crime type': '=HYPERLINK("http://x")' })
    const result = check(fields) as CheckedRow
    expect(recordCsvLine('essex', result, null)).toContain(',"On or near ""The Street"", Rayleigh",')
    expect(recordCsvLine('essex', result, null)).toContain(',"=HYPERLINK(""http://x"")",')
  })

  it('writes a trimmed crime type rather than the raw line', () => {
    const fields = row({ 'Crime type': ' Burglary ' })
    const result = check(fields) as CheckedRow
    expect(result.changed).toBe(true)
    expect(recordCsvLine('essex', result, fields.join(','))).toContain(',Burglary,')
  })
})
