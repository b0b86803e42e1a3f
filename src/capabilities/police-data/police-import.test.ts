import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { aPartnership, contextFor } from '#test/helpers/builders'
import { countRaw, fixtureMonth, inDistrict, loadGeography, loadPoliceMonths, POLICE_UK } from '#test/helpers/police-data'
import { createTestApp, type TestApp } from '#test/helpers/test-app'

import { POLICE_COLUMNS } from './domain/police-rows.ts'
import type { ImportFileOutcome } from './police-data-tables.ts'

let t: TestApp
let dir: string
const actor = { userId: null, label: 'test' }

beforeAll(async () => {
  t = await createTestApp()
  dir = mkdtempSync(path.join(os.tmpdir(), 'csp-hub-police-test-'))
  await loadGeography(t)
})
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true })
  await t.close()
})

const HEADER = POLICE_COLUMNS.join(',')
const GOOD = 'aaa,2030-01,Essex Police,Essex Police,0.706460,51.588630,On or near Hall Road,E01021919,Rochford 005B,Burglary,Under investigation,'
const ASB = ',2030-01,Essex Police,Essex Police,0.706460,51.588630,On or near Hall Road,E01021919,Rochford 005B,Anti-social behaviour,,'

function writeFile(name: string, lines: string[], eol = '\n'): string {
  const file = path.join(dir, name)
  writeFileSync(file, lines.join(eol) + eol)
  return file
}

async function importFiles(files: string[], options: { skipBadRows?: boolean } = {}): Promise<ImportFileOutcome[]> {
  const list = await t.services.policeImporter.listFiles(files)
  const skipped: unknown[] = []
  const outcomes = await t.services.policeImporter.importFiles(list, { actor, ...options, onSkipped: row => skipped.push(row) })
  return Object.assign(outcomes, { skipped })
}

const monthRows = async (month: string) =>
  Number((await sql<{ n: number }>`select count(*) as n from police_records where force = 'essex' and month = ${month}`.execute(t.db)).rows[0]!.n)
const monthCounts = async (month: string) =>
  Number((await sql<{ n: number }>`select coalesce(sum(count), 0) as n from police_counts where force = 'essex' and month = ${`${month}-01`}`.execute(t.db)).rows[0]!.n)

describe('importing police.uk street-level files', () => {
  it('imports the real files (CRLF and LF, 2011 and 2021 LSOAs, rows with no location, rows outside the force area) and keeps every row', async () => {
    const outcomes = await loadPoliceMonths(t)
    expect(outcomes.map(o => [o.name, o.status, o.rows])).toEqual([
      ['2018-01-essex-street.csv', 'imported', 512],
      ['2024-01-essex-street.csv', 'imported', 475],
      ['2025-01-essex-street.csv', 'imported', 365],
    ])
    const months = await t.db.selectFrom('policeMonths').select(['month', 'lsoaVintage', 'rowCount', 'rowsWithoutLocation']).orderBy('month').execute()
    expect(months).toEqual([
      { month: '2018-01-01', lsoaVintage: '2011', rowCount: 512, rowsWithoutLocation: 2 },
      { month: '2024-01-01', lsoaVintage: '2021', rowCount: 475, rowsWithoutLocation: 10 },
      { month: '2025-01-01', lsoaVintage: '2021', rowCount: 365, rowsWithoutLocation: 10 },
    ])
    expect(await monthRows('2018-01')).toBe(512)
    // Every located row is placed in a district, inside the force area or not.
    const unplaced = await sql<{ n: number }>`select count(*) as n from police_counts where lsoa_code is not null and district_code is null`.execute(t.db)
    expect(Number(unplaced.rows[0]!.n)).toBe(0)
    const outside = await sql<{ n: number }>`select coalesce(sum(count), 0) as n from police_counts where district_code not in ('E07000066', 'E07000069', 'E07000075')`.execute(t.db)
    expect(Number(outside.rows[0]!.n)).toBe(30)
  })

  it('keeps the records as published: a row of the file is a row of police_records', async () => {
    const [raw] = readFileSync(fixtureMonth('2025-01'), 'utf8').split('\n').slice(1, 2)
    const id = raw!.split(',')[0]!
    const stored = await t.db.selectFrom('policeRecords').selectAll().where('crimeId', '=', id).executeTakeFirstOrThrow()
    const fields = raw!.split(',')
    expect(stored).toMatchObject({ force: 'essex', month: '2025-01', fallsWithin: fields[3], lsoaCode: fields[7], lsoaName: fields[8], crimeType: fields[9] })
    expect(stored.longitude).toBeCloseTo(Number(fields[4]))
  })

  it('counts each district’s crimes by type exactly as the raw file does (counted independently)', async () => {
    for (const month of ['2018-01', '2024-01', '2025-01']) {
      const expected = Object.fromEntries(countRaw(fixtureMonth(month), inDistrict('Rochford')))
      const rows = await t.db
        .selectFrom('policeCounts')
        .select(['crimeType', eb => eb.fn.sum<number>('count').as('n')])
        .where('districtCode', '=', 'E07000075')
        .where('month', '=', `${month}-01`)
        .groupBy('crimeType')
        .execute()
      expect(Object.fromEntries(rows.map(r => [r.crimeType, Number(r.n)]))).toEqual(expected)
    }
  })

  it('places the Basildon LSOAs split in 2021 in the same December 2021 wards as the LSOAs they came from', async () => {
    const places = await t.db.selectFrom('onsLsoaPlaces').select(['code', 'wardCode', 'wardMethod']).where('code', 'in', ['E01021278', 'E01034354', 'E01034355', 'E01021296', 'E01034356', 'E01034357']).orderBy('code').execute()
    const ward = Object.fromEntries(places.map(p => [p.code, p.wardCode]))
    expect(ward.E01034354).toBe(ward.E01021278)
    expect(ward.E01034355).toBe(ward.E01021278)
    expect(ward.E01034356).toBe(ward.E01021296)
    expect(ward.E01034357).toBe(ward.E01021296)
    expect(places.find(p => p.code === 'E01034355')?.wardMethod).toBe('split')
  })

  it('replaces a force-month imported again instead of doubling it, and says so', async () => {
    const before = await monthCounts('2025-01')
    const [outcome] = await importFiles([fixtureMonth('2025-01')])
    expect(outcome).toMatchObject({ status: 'imported', rows: 365, replaced: true })
    expect(await monthCounts('2025-01')).toBe(before)
    expect(await monthRows('2025-01')).toBe(365)
    const audit = await t.db.selectFrom('auditEvents').select('summary').where('entityId', '=', 'essex/2025-01').orderBy('id', 'desc').executeTakeFirstOrThrow()
    expect(audit.summary).toMatch(/replacing the rows held for that month/)
  })

  it('summarises the block ranges filled since, before it looks for the force-month it replaces', async () => {
    // Without it, a block-range index reads every range not yet summarised: after a bulk load, every force's rows.
    const unsummarised = async () =>
      (
        await sql<{ records: number; counts: number }>`select brin_summarize_new_values('police_records_month_force_idx')::int as records, brin_summarize_new_values('police_counts_month_force_idx')::int as counts`.execute(t.db)
      ).rows[0]
    // More rows than the first range of blocks holds (128 blocks, summarised when the index was made).
    const rows = Array.from({ length: 6000 }, (_, i) => GOOD.replace('aaa', `id${i}`).replace('2030-01', '2031-05'))
    await importFiles([writeFile('2031-05-essex-street.csv', [HEADER, ...rows])])
    await importFiles([fixtureMonth('2024-01')])
    expect(await unsummarised()).toEqual({ records: 0, counts: 0 })
    expect(await monthRows('2024-01')).toBe(475)
  })

  it('imports a folder in the archive layout, and a force-month given twice in one run once', async () => {
    const copy = writeFile('2025-01-essex-street.csv', readFileSync(fixtureMonth('2025-01'), 'utf8').trimEnd().split('\n'))
    const outcomes = await importFiles([path.join(POLICE_UK, '2025-01'), copy])
    expect(outcomes.map(o => o.status)).toEqual(['imported', 'imported'])
    expect(outcomes[1]!.message).toMatch(/earlier in this import: this file replaced it/)
    expect(await monthRows('2025-01')).toBe(365)
  })

  it('places a row whose LSOA no lookup has by the district its LSOA name starts with, and says so', async () => {
    const file = writeFile('2030-09-essex-street.csv', [HEADER, GOOD.replace(/2030-01/g, '2030-09').replace('E01021919,Rochford 005B', 'E01099999,Rochford 099Z')])
    const [outcome] = await importFiles([file])
    expect(outcome).toMatchObject({ status: 'imported', rows: 1 })
    expect(outcome!.message).toMatch(/1 row was placed in a district by the district name in its LSOA name/)
    const place = await t.db.selectFrom('onsLsoaPlaces').selectAll().where('code', '=', 'E01099999').executeTakeFirstOrThrow()
    expect(place).toMatchObject({ districtCode: 'E07000075', districtMethod: 'name_prefix', wardCode: null })
    const months = await t.db.selectFrom('policeMonths').select('rowsPlacedByName').where('month', '=', '2030-09-01').executeTakeFirstOrThrow()
    expect(months.rowsPlacedByName).toBe(1)
  })

  describe('files whose bytes the database would not read as the rows checked are read row by row, with the same result', () => {
    const stored = (month: string) =>
      t.db.selectFrom('policeRecords').select(['force', 'crimeId', 'longitude', 'location', 'crimeType', 'lsoaCode']).where('month', '=', month).orderBy('crimeId').execute()

    it('quoted fields, a quoted empty coordinate and a crime type with spaces around it', async () => {
      const file = writeFile('2030-03-essex-street.csv', [
        HEADER,
        GOOD.replace(/2030-01/g, '2030-03').replace('On or near Hall Road', '"On or near Hall Road, Rochford"'),
        GOOD.replace(/2030-01/g, '2030-03').replace('aaa', 'bbb').replace('0.706460,51.588630', '"",""').replace('E01021919,Rochford 005B', ','),
        GOOD.replace(/2030-01/g, '2030-03').replace('aaa', 'ccc').replace('Burglary', ' Burglary '),
      ])
      const [outcome] = await importFiles([file])
      expect(outcome).toMatchObject({ status: 'imported', rows: 3 })
      expect(await stored('2030-03')).toEqual([
        { force: 'essex', crimeId: 'aaa', longitude: 0.70646, location: 'On or near Hall Road, Rochford', crimeType: 'Burglary', lsoaCode: 'E01021919' },
        { force: 'essex', crimeId: 'bbb', longitude: null, location: 'On or near Hall Road', crimeType: 'Burglary', lsoaCode: null },
        { force: 'essex', crimeId: 'ccc', longitude: 0.70646, location: 'On or near Hall Road', crimeType: 'Burglary', lsoaCode: 'E01021919' },
      ])
      expect(await monthCounts('2030-03')).toBe(3)
    })

    it('an empty coordinate in quotes on an otherwise plain line, which only the database notices', async () => {
      const file = writeFile('2030-04-essex-street.csv', [HEADER, GOOD.replace(/2030-01/g, '2030-04'), `${GOOD.replace(/2030-01/g, '2030-04').replace('aaa', 'bbb').replace('0.706460,51.588630', '"",""')}`])
      const [outcome] = await importFiles([file])
      expect(outcome).toMatchObject({ status: 'imported', rows: 2 })
      expect((await stored('2030-04')).map(r => r.longitude)).toEqual([0.70646, null])
    })

    it('mixed line ends, a blank line and a character that is not UTF-8', async () => {
      const file = path.join(dir, '2030-05-essex-street.csv')
      const good = GOOD.replace(/2030-01/g, '2030-05')
      writeFileSync(
        file,
        Buffer.concat([
          Buffer.from(`${HEADER}\r\n${good}\n\n${good.replace('aaa', 'bbb')}\r\n`),
          Buffer.from(`${good.replace('aaa', 'ccc')}caf`),
          Buffer.from([0xe9]),
          Buffer.from('\n'),
        ]),
      )
      const [outcome] = await importFiles([file])
      expect(outcome).toMatchObject({ status: 'imported', rows: 3 })
      const context = await t.db.selectFrom('policeRecords').select('context').where('month', '=', '2030-05').orderBy('crimeId').execute()
      expect(context.map(r => r.context)).toEqual([null, null, 'caf\ufffd'])
      expect(await monthCounts('2030-05')).toBe(3)
    })
  })

  it('keeps duplicated rows, as police.uk publishes them (the same crime ID twice is two rows)', async () => {
    const file = writeFile('2030-02-essex-street.csv', [HEADER, GOOD.replace(/2030-01/g, '2030-02'), GOOD.replace(/2030-01/g, '2030-02')])
    const [outcome] = await importFiles([file])
    expect(outcome).toMatchObject({ status: 'imported', rows: 2 })
    expect(await monthCounts('2030-02')).toBe(2)
  })
})

describe('a file with a problem is not imported at all', () => {
  const cases: [string, string[], RegExp][] = [
    ['a malformed header', ['Crime ID,Month,Where,Crime type', GOOD], /Line 1: The header is not a police.uk street-level header/],
    ['a bad month', [HEADER, GOOD, GOOD.replace(',2030-01,', ',January,')], /“January” is not a month/],
    ['a month of another file', [HEADER, GOOD, GOOD.replace(',2030-01,', ',2030-02,')], /Month 2030-02 differs from the file’s month 2030-01/],
    ['non-numeric coordinates', [HEADER, GOOD, GOOD.replace('0.706460', 'east')], /“east” is not a longitude/],
    ['an unknown LSOA', [HEADER, GOOD, GOOD.replace('E01021919,Rochford 005B', 'E01099998,Nowhere 001A')], /Unknown LSOA E01099998/],
    ['a line cut short', [HEADER, GOOD, GOOD.slice(0, 40)], /Expected 12 columns, found 5: the line may be cut short/],
    ['a file that ends inside quotes', [HEADER, GOOD, `${GOOD.slice(0, 57)}"On or near`], /ends inside a quoted field/],
    ['a huge field', [HEADER, GOOD, GOOD.replace('On or near Hall Road', `"${'x'.repeat(20_000)}"`)], /longer than 10,000 characters/],
  ]

  for (const [what, lines, message] of cases) {
    it(`refuses ${what}, with the file and line, and keeps the month held before`, async () => {
      const name = '2030-01-essex-street.csv'
      await importFiles([writeFile(name, [HEADER, GOOD, ASB])])
      expect(await monthCounts('2030-01')).toBe(2)
      const [outcome] = await importFiles([writeFile(name, lines)])
      expect(outcome!.status).toBe('failed')
      expect(outcome!.name).toBe(name)
      const text = [outcome!.message, ...(outcome!.problems ?? []).map(p => `Line ${p.line}: ${p.message}`)].join(' ')
      expect(text).toMatch(message)
      if (!/header/.test(what)) expect(text).toMatch(/Line [23]/)
      expect(await monthCounts('2030-01')).toBe(2)
      expect(await monthRows('2030-01')).toBe(2)
    })
  }

  it('lists every bad row of the file, not just the first', async () => {
    const good = GOOD.replace(',2030-01,', ',2030-03,')
    const bad = good.replace('0.706460', 'x')
    const [outcome] = await importFiles([writeFile('2030-03-essex-street.csv', [HEADER, bad, good, bad, bad])])
    expect(outcome!.problems!.map(p => p.line)).toEqual([2, 4, 5])
    expect(outcome!.problemCount).toBe(3)
  })

  it('refuses an empty file and a file with only its header', async () => {
    const [empty, headerOnly] = await importFiles([writeFile('2030-04-essex-street.csv', []).replace(/$/, ''), writeFile('2030-05-essex-street.csv', [HEADER])])
    expect(empty!.message).toMatch(/empty|no rows/)
    expect(headerOnly!.message).toMatch(/header but no rows/)
  })

  it('with skip-bad-rows, imports the good rows and reports the bad ones', async () => {
    const file = writeFile('2030-06-essex-street.csv', [HEADER, GOOD, GOOD.replace('0.706460', 'east'), ASB].map(l => l.replace(/2030-01/g, '2030-06')), '\r\n')
    const outcomes = (await importFiles([file], { skipBadRows: true })) as ImportFileOutcome[] & { skipped: { line: number; message: string }[] }
    expect(outcomes[0]).toMatchObject({ status: 'imported', rows: 2, skipped: 1 })
    expect(outcomes.skipped).toMatchObject([{ line: 3, message: '“east” is not a longitude' }])
    expect(await monthCounts('2030-06')).toBe(2)
  })
})

describe('the analyses against figures counted from the raw files', () => {
  it('counts the partnership area by type and month, and the year to date, as the raw files do', async () => {
    const { partnership } = await aPartnership(t) // its district is Rochford, E07000075
    const ctx = contextFor(partnership, 'member')
    const q = await t.services.policeData.query(ctx, 'partnership', { from: '2024-01', to: '2025-01' })
    const a = await t.services.policeData.assessment(q)
    const raw24 = countRaw(fixtureMonth('2024-01'), inDistrict('Rochford'))
    const raw25 = countRaw(fixtureMonth('2025-01'), inDistrict('Rochford'))
    for (const row of a.table.rows) {
      expect(row.byMonth[0], row.crimeType).toBe(raw24.get(row.crimeType) ?? 0)
      expect(row.byMonth[12], row.crimeType).toBe(raw25.get(row.crimeType) ?? 0)
      expect(row.byMonth[5]).toBeNull() // June 2024 is not held
    }
    const total = (m: Map<string, number>) => [...m.values()].reduce((s, v) => s + v, 0)
    expect(a.table.total).toBe(total(raw24) + total(raw25))
    expect(a.missingMonths).toHaveLength(11)
    // Financial year 2024/25 to January: only January is held in both 2025 and 2024.
    expect(a.yearToDate.comparableMonths).toEqual(['2025-01'])
    expect(a.yearToDate.total).toMatchObject({ current: total(raw25), previous: total(raw24), difference: total(raw25) - total(raw24) })
    // Rate per 1,000 residents on Rochford's mid-2020 population, 87,627.
    expect(a.rate).toBeCloseTo(((total(raw24) + total(raw25)) / 87627) * 1000, 6)
    expect(a.caveats.join(' ')).toMatch(/Months missing from the chosen period: February to December 2024/)
  })

  it('ranks wards and the districts compared, from the same counts', async () => {
    const { partnership } = await aPartnership(t)
    const q = await t.services.policeData.query(contextFor(partnership, 'member'), 'partnership', { from: '2025-01', to: '2025-01' })
    const h = await t.services.policeData.hotspots(q)
    const raw = countRaw(fixtureMonth('2025-01'), inDistrict('Rochford'))
    const total = [...raw.values()].reduce((s, v) => s + v, 0)
    expect(h.wardsByCount.reduce((s, w) => s + w.count, 0)).toBe(total)
    expect(h.lsoas.reduce((s, l) => s + l.count, 0)).toBe(total)
    expect(h.wardsByRate.every(w => w.population !== null)).toBe(true)
    const c = await t.services.policeData.comparison(q, 'county')
    const rochford = c.districts.find(d => d.code === 'E07000075')!
    expect(rochford).toMatchObject({ count: total, population: 87627, isChosen: true })
    const basildon = countRaw(fixtureMonth('2025-01'), inDistrict('Basildon'))
    expect(c.districts.find(d => d.code === 'E07000066')!.count).toBe([...basildon.values()].reduce((s, v) => s + v, 0))
  })

  it('gives the indicators seam monthly counts for crime types in an area, null for months not held', async () => {
    const result = await t.services.policeData.countsByMonth({ crimeTypes: ['Anti-social behaviour'], areaCodes: ['E07000075'], from: '2024-12', to: '2025-01' })
    expect(result.months).toEqual([
      { month: '2024-12', count: null },
      { month: '2025-01', count: countRaw(fixtureMonth('2025-01'), row => inDistrict('Rochford')(row) && row['Crime type'] === 'Anti-social behaviour').get('Anti-social behaviour') },
    ])
    expect(result.caveats.join(' ')).toMatch(/Months missing from the chosen period: December 2024/)
  })
})
