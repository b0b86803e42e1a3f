import { createReadStream, promises as fs } from 'node:fs'
import path from 'node:path'

import { parse } from 'csv-parse'
import {
  sql,
  type Kysely,
  type OnConflictBuilder,
  type OnConflictDoNothingBuilder,
  type OnConflictUpdateBuilder,
} from 'kysely'

import type { Db } from '../../db/database.ts'
import type { Database } from '../../db/tables.ts'
import { ValidationError } from '../../shared/errors.ts'
import { auditLog } from '../../core/audit/audit-log.ts'
import type { Actor } from '../../core/audit/audit-entry.ts'

import { derivePlaces, type BestFit, type LookupLsoa } from './domain/geography.ts'
import {
  isOnsCode,
  midYearFromFileName,
  ONS_KIND_LABELS,
  parsePopulation,
  recogniseOnsHeader,
  wardYearFromFileName,
  type OnsFileKind,
} from './domain/ons-files.ts'

/**
 * Imports ONS reference files: LSOA → ward → district lookups (2011 and 2021 LSOAs), the 2011 → 2021
 * best-fit lookup, ward and county lookups, mid-year population estimates and district boundaries.
 * Each file is checked whole and written in one transaction, or not at all. After a lookup, the place of
 * every LSOA is worked out again (see domain/geography.ts) and police counts are moved to match.
 */

export interface OnsImportResult {
  file: string
  kind: OnsFileKind['kind'] | 'boundaries'
  description: string
  rows: number
}

export interface OnsImportOptions {
  actor: Actor
  /** The mid-year of a population file whose name does not say it. */
  midYear?: number | undefined
}

interface Problem {
  line: number
  message: string
}

const BATCH = 1000
const MAX_PROBLEMS = 20

async function* csvRows(file: string): AsyncGenerator<{ line: number; fields: string[] }> {
  const parser = createReadStream(file).pipe(
    parse({ bom: true, relax_column_count: true, skip_empty_lines: true, max_record_size: 1_000_000, info: true }),
  )
  for await (const record of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    yield { line: record.info.lines, fields: record.record }
  }
}

function fail(file: string, problems: Problem[], total: number): never {
  const lines = problems.slice(0, MAX_PROBLEMS).map(p => `line ${p.line}: ${p.message}`)
  const more = total > lines.length ? ` (and ${total - lines.length} more)` : ''
  throw new ValidationError({ file: `${path.basename(file)}: nothing was imported. ${lines.join('; ')}${more}` })
}

// Kysely cannot type a table chosen at run time; the callers name their columns.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyTable = any
type Conflict = (
  oc: OnConflictBuilder<AnyTable, AnyTable>,
) => OnConflictDoNothingBuilder<AnyTable, AnyTable> | OnConflictUpdateBuilder<AnyTable, AnyTable>

async function insertBatches(
  trx: Kysely<Database>,
  table: keyof Database,
  rows: Record<string, unknown>[],
  conflict: Conflict,
): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    await (trx as Kysely<AnyTable>)
      .insertInto(table)
      .values(rows.slice(i, i + BATCH))
      .onConflict(conflict)
      .execute()
  }
}

export function onsImporter(db: Db) {
  /** Work out every LSOA's place again from the lookups, and move police counts to match. */
  async function refreshPlaces(trx: Kysely<Database>): Promise<void> {
    const lsoas = await trx
      .selectFrom('onsLsoas')
      .select(['code', 'name', 'vintage', 'wardCode', 'districtCode'])
      .execute()
    const bestFits = await trx.selectFrom('onsLsoaBestFit').select(['lsoa11Code', 'lsoa21Code']).execute()
    const places = derivePlaces(lsoas as LookupLsoa[], bestFits as BestFit[])
    await trx.deleteFrom('onsLsoaPlaces').where('districtMethod', '=', 'lookup').execute()
    const rows = places.map(p => ({
      code: p.code,
      name: p.name,
      districtCode: p.districtCode,
      districtMethod: p.districtMethod,
      wardCode: p.wardCode,
      wardMethod: p.wardMethod,
      inLsoa11: p.in2011,
      inLsoa21: p.in2021,
    }))
    // A lookup now covers an LSOA that an earlier police import placed by its name: the lookup wins.
    await insertBatches(trx, 'onsLsoaPlaces', rows, oc =>
      oc.column('code').doUpdateSet(eb => ({
        name: eb.ref('excluded.name'),
        districtCode: eb.ref('excluded.districtCode'),
        districtMethod: eb.ref('excluded.districtMethod'),
        wardCode: eb.ref('excluded.wardCode'),
        wardMethod: eb.ref('excluded.wardMethod'),
        inLsoa11: eb.ref('excluded.inLsoa11'),
        inLsoa21: eb.ref('excluded.inLsoa21'),
      })),
    )
    const moved = await sql`
      update police_counts c set district_code = p.district_code
      from ons_lsoa_places p
      where p.code = c.lsoa_code and c.district_code is distinct from p.district_code`.execute(trx)
    if (Number(moved.numAffectedRows ?? 0) > 0) {
      // The district counts follow: rebuilt from the LSOA counts.
      await sql`delete from police_district_counts`.execute(trx)
      await sql`
        insert into police_district_counts (force, month, district_code, crime_type, count)
        select force, month, district_code, crime_type, sum(count) from police_counts group by force, month, district_code, crime_type`.execute(trx)
    }
  }

  async function upsertDistricts(trx: Kysely<Database>, districts: Map<string, string>): Promise<void> {
    const rows = [...districts].map(([code, name]) => ({ code, name }))
    await insertBatches(trx, 'onsDistricts', rows, oc =>
      oc.column('code').doUpdateSet({ name: sql`excluded.name`, updatedAt: sql`now()` }),
    )
  }

  async function upsertWards(
    trx: Kysely<Database>,
    wards: Map<string, { name: string; districtCode: string }>,
    year: number,
  ): Promise<void> {
    const rows = [...wards].map(([code, w]) => ({
      code,
      name: w.name,
      districtCode: w.districtCode,
      boundaryYear: year,
    }))
    await insertBatches(trx, 'onsWards', rows, oc =>
      oc.column('code').doUpdateSet({
        name: sql`excluded.name`,
        districtCode: sql`excluded.district_code`,
        boundaryYear: sql`greatest(ons_wards.boundary_year, excluded.boundary_year)`,
        updatedAt: sql`now()`,
      }),
    )
  }

  async function record(trx: Kysely<Database>, actor: Actor, result: OnsImportResult): Promise<void> {
    await auditLog.record(trx, actor, {
      partnershipId: null,
      action: 'import',
      entityType: 'ons_reference_data',
      entityId: result.file,
      summary: `Imported ${result.description} from ${result.file}: ${result.rows.toLocaleString('en-GB')} rows`,
    })
  }

  async function importCsv(file: string, options: OnsImportOptions): Promise<OnsImportResult> {
    const name = path.basename(file)
    const rows = csvRows(file)
    const first = await rows.next()
    if (first.done) throw new ValidationError({ file: `${name} is empty` })
    const kind = recogniseOnsHeader(first.value.fields)
    if (typeof kind === 'string') throw new ValidationError({ file: `${name}: ${kind}` })

    const problems: Problem[] = []
    let problemCount = 0
    const problem = (line: number, message: string) => {
      problemCount++
      if (problems.length < MAX_PROBLEMS) problems.push({ line, message })
    }
    const field = (fields: string[], index: number) => (fields[index] ?? '').trim()
    let count = 0
    /** The file's rows are all read and good: write them and the audit record in one transaction. */
    const save = async (description: string, write: (trx: Kysely<Database>) => Promise<void>) => {
      await db.transaction().execute(async trx => {
        await write(trx)
        await record(trx, options.actor, { file: name, kind: kind.kind, description, rows: count })
      })
      return { file: name, kind: kind.kind, description, rows: count }
    }

    switch (kind.kind) {
      case 'lsoa_lookup': {
        const c = kind.columns
        const lsoas: Record<string, unknown>[] = []
        const districts = new Map<string, string>()
        const wards = new Map<string, { name: string; districtCode: string }>()
        for await (const { line, fields } of rows) {
          const [code, lsoaName, wardCode, wardName, districtCode, districtName] = [
            c.lsoaCode,
            c.lsoaName,
            c.wardCode,
            c.wardName,
            c.districtCode,
            c.districtName,
          ].map(i => field(fields, i)) as [string, string, string, string, string, string]
          if (!/^[EW]01\d{6}$/.test(code)) problem(line, `“${code}” is not an LSOA code`)
          else if (!isOnsCode(districtCode)) problem(line, `“${districtCode}” is not a district code`)
          else if (wardCode && !isOnsCode(wardCode)) problem(line, `“${wardCode}” is not a ward code`)
          else if (!lsoaName || !districtName) problem(line, 'The LSOA or district has no name')
          else {
            lsoas.push({
              vintage: kind.vintage,
              code,
              name: lsoaName,
              wardCode: wardCode || null,
              wardYear: wardCode ? kind.wardYear : null,
              districtCode,
            })
            districts.set(districtCode, districtName)
            if (wardCode) wards.set(wardCode, { name: wardName, districtCode })
          }
          count++
        }
        if (problemCount) fail(file, problems, problemCount)
        const description = `${ONS_KIND_LABELS[kind.kind]} (${kind.vintage} LSOAs, ${kind.wardYear} wards)`
        return save(description, async trx => {
          await upsertDistricts(trx, districts)
          await upsertWards(trx, wards, kind.wardYear)
          // An older ward lookup (WD20) never replaces a newer one (WD21) for the same LSOA.
          await insertBatches(trx, 'onsLsoas', lsoas, oc =>
            oc
              .columns(['vintage', 'code'])
              .doUpdateSet({
                name: sql`excluded.name`,
                wardCode: sql`excluded.ward_code`,
                wardYear: sql`excluded.ward_year`,
                districtCode: sql`excluded.district_code`,
              })
              .where(sql`coalesce(excluded.ward_year, 0)`, '>=', sql`coalesce(ons_lsoas.ward_year, 0)`),
          )
          await refreshPlaces(trx)
        })
      }

      case 'best_fit': {
        const c = kind.columns
        const fits = new Map<string, string>()
        for await (const { line, fields } of rows) {
          const from = field(fields, c.lsoa11Code)
          const to = field(fields, c.lsoa21Code)
          if (!/^[EW]01\d{6}$/.test(from) || !/^[EW]01\d{6}$/.test(to))
            problem(line, `“${from}” → “${to}” are not LSOA codes`)
          else fits.set(from, to)
          count++
        }
        if (problemCount) fail(file, problems, problemCount)
        const description = ONS_KIND_LABELS[kind.kind]
        return save(description, async trx => {
          await insertBatches(
            trx,
            'onsLsoaBestFit',
            [...fits].map(([lsoa11Code, lsoa21Code]) => ({ lsoa11Code, lsoa21Code })),
            oc => oc.column('lsoa11Code').doUpdateSet({ lsoa21Code: sql`excluded.lsoa21_code` }),
          )
          await refreshPlaces(trx)
        })
      }

      case 'ward_lookup': {
        const c = kind.columns
        const districts = new Map<string, string>()
        const wards = new Map<string, { name: string; districtCode: string }>()
        for await (const { line, fields } of rows) {
          const [wardCode, wardName, districtCode, districtName] = [
            c.wardCode,
            c.wardName,
            c.districtCode,
            c.districtName,
          ].map(i => field(fields, i)) as [string, string, string, string]
          if (!isOnsCode(wardCode) || !isOnsCode(districtCode))
            problem(line, `“${wardCode}”, “${districtCode}” are not ONS codes`)
          else if (!wardName || !districtName) problem(line, 'The ward or district has no name')
          else {
            // Only England and Wales: police.uk covers them, and ONS population files too.
            if (/^[EW]/.test(districtCode)) {
              districts.set(districtCode, districtName)
              wards.set(wardCode, { name: wardName, districtCode })
            }
          }
          count++
        }
        if (problemCount) fail(file, problems, problemCount)
        const description = `${ONS_KIND_LABELS[kind.kind]} (${kind.wardYear} wards)`
        return save(description, async trx => {
          await upsertDistricts(trx, districts)
          await upsertWards(trx, wards, kind.wardYear)
        })
      }

      case 'county_lookup': {
        const c = kind.columns
        const counties = new Map<string, { name: string; countyCode: string; countyName: string }>()
        for await (const { line, fields } of rows) {
          const [districtCode, districtName, countyCode, countyName] = [
            c.districtCode,
            c.districtName,
            c.countyCode,
            c.countyName,
          ].map(i => field(fields, i)) as [string, string, string, string]
          if (!isOnsCode(districtCode) || !isOnsCode(countyCode))
            problem(line, `“${districtCode}”, “${countyCode}” are not ONS codes`)
          else counties.set(districtCode, { name: districtName, countyCode, countyName })
          count++
        }
        if (problemCount) fail(file, problems, problemCount)
        const description = ONS_KIND_LABELS[kind.kind]
        return save(description, async trx => {
          await insertBatches(
            trx,
            'onsDistricts',
            [...counties].map(([code, v]) => ({
              code,
              name: v.name,
              countyCode: v.countyCode,
              countyName: v.countyName,
            })),
            oc =>
              oc
                .column('code')
                .doUpdateSet({
                  countyCode: sql`excluded.county_code`,
                  countyName: sql`excluded.county_name`,
                  updatedAt: sql`now()`,
                }),
          )
        })
      }

      case 'district_population':
      case 'ward_population': {
        const midYear = options.midYear ?? midYearFromFileName(name)
        if (!midYear) {
          throw new ValidationError({
            midYear: `${name}: the file name does not say which mid-year estimate it holds. Give it with --mid-year (for the ONS mid-2020 estimates: --mid-year 2020)`,
          })
        }
        const populations = new Map<string, number>()
        const names = new Map<string, string>()
        for await (const { line, fields } of rows) {
          count++
          if (kind.kind === 'district_population') {
            const code = field(fields, kind.columns.code)
            const population = parsePopulation(fields[kind.columns.total] ?? '')
            if (!isOnsCode(code)) problem(line, `“${code}” is not an ONS code`)
            else if (population === null)
              problem(line, `“${(fields[kind.columns.total] ?? '').trim()}” is not a whole number of people`)
            else if (/^(E0[6-9]|W06)/.test(code)) {
              populations.set(code, population)
              names.set(code, field(fields, kind.columns.name))
            }
          } else {
            const code = field(fields, 0)
            if (!isOnsCode(code)) {
              problem(line, `“${code}” is not a ward code`)
              continue
            }
            let total = 0
            for (const index of kind.columns.ages) {
              const value = parsePopulation(fields[index] ?? '')
              if (value === null) {
                problem(line, `age column ${index}: “${(fields[index] ?? '').trim()}” is not a whole number`)
                total = -1
                break
              }
              total += value
            }
            if (total >= 0) populations.set(code, total)
          }
        }
        if (problemCount) fail(file, problems, problemCount)
        const wardYear = kind.kind === 'ward_population' ? (wardYearFromFileName(name) ?? 2021) : null
        const boundaries =
          kind.kind === 'district_population'
            ? `local authority districts as in the mid-${midYear} estimates`
            : `wards (December ${wardYear} boundaries)`
        const description = `${ONS_KIND_LABELS[kind.kind]}, mid-${midYear}`
        return save(description, async trx => {
          if (kind.kind === 'district_population') {
            // Keep names we have; add districts we do not.
            await insertBatches(
              trx,
              'onsDistricts',
              [...names].map(([code, n]) => ({ code, name: n })),
              oc => oc.column('code').doNothing(),
            )
          }
          await insertBatches(
            trx,
            'onsPopulations',
            [...populations].map(([code, population]) => ({
              areaType: kind.kind === 'district_population' ? 'district' : 'ward',
              code,
              midYear,
              boundaries,
              population,
              source: name,
            })),
            oc =>
              oc
                .columns(['areaType', 'code', 'midYear'])
                .doUpdateSet({
                  population: sql`excluded.population`,
                  boundaries: sql`excluded.boundaries`,
                  source: sql`excluded.source`,
                }),
          )
        })
      }
    }
  }

  async function importBoundaries(file: string, options: OnsImportOptions): Promise<OnsImportResult> {
    const name = path.basename(file)
    const stat = await fs.stat(file)
    if (stat.size > 50 * 1024 * 1024)
      throw new ValidationError({ file: `${name} is larger than 50 MB: use simplified district outlines` })
    let document: unknown
    try {
      document = JSON.parse(await fs.readFile(file, 'utf8'))
    } catch {
      throw new ValidationError({ file: `${name} is not valid JSON` })
    }
    const features = (document as { type?: string; features?: unknown[] })?.features
    if ((document as { type?: string })?.type !== 'FeatureCollection' || !Array.isArray(features)) {
      throw new ValidationError({ file: `${name} is not a GeoJSON FeatureCollection` })
    }
    const rows: { districtName: string; geometry: string; source: string }[] = []
    for (const [i, feature] of features.entries()) {
      const f = feature as { properties?: Record<string, unknown>; geometry?: { type?: string } }
      const key = Object.keys(f.properties ?? {}).find(k => /^LAD\d{2}NM$/i.test(k))
      const districtName = key ? String(f.properties![key]).trim() : ''
      if (!districtName || !['Polygon', 'MultiPolygon'].includes(f.geometry?.type ?? '')) {
        throw new ValidationError({
          file: `${name}: feature ${i + 1} has no district name (LADyyNM) or is not a polygon`,
        })
      }
      rows.push({ districtName, geometry: JSON.stringify(f.geometry), source: name })
    }
    const description = 'district boundaries'
    await db.transaction().execute(async trx => {
      await insertBatches(trx, 'onsBoundaries', rows, oc =>
        oc.column('districtName').doUpdateSet({ geometry: sql`excluded.geometry`, source: sql`excluded.source` }),
      )
      await record(trx, options.actor, { file: name, kind: 'boundaries', description, rows: rows.length })
    })
    return { file: name, kind: 'boundaries', description, rows: rows.length }
  }

  return {
    /** Import one ONS file, recognised by its header (CSV) or as GeoJSON boundaries. */
    async importFile(file: string, options: OnsImportOptions): Promise<OnsImportResult> {
      try {
        await fs.access(file)
      } catch {
        throw new ValidationError({ file: `There is no file ${file}` })
      }
      if (/\.(geo)?json$/i.test(file)) return importBoundaries(file, options)
      return importCsv(file, options)
    },
    refreshPlaces: () => db.transaction().execute(trx => refreshPlaces(trx)),
  }
}
export type OnsImporter = ReturnType<typeof onsImporter>
