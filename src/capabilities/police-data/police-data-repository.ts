import { sql } from 'kysely'

import { monthOf, monthStart, type Month } from '../../core/calendar/index.ts'
import type { Db } from '../../db/database.ts'

import type { MonthTypeCount } from './domain/analyses.ts'

/**
 * Queries over the police counts and ONS geography. Whole districts are read from police_district_counts
 * (a few hundred rows a force-month); wards and LSOAs from police_counts (rows counted by force, month,
 * LSOA and crime type, with the LSOA's district), filtered by district first so the (district_code,
 * month) index does the work.
 */

/** Which records an area covers: districts, and optionally only some LSOAs of them. */
export interface AreaFilter {
  districtCodes: readonly string[]
  /** Only these LSOAs (an LSOA area). */
  lsoaCodes?: readonly string[] | undefined
  /** Only the LSOAs placed in this December 2021 ward. */
  wardCode?: string | undefined
  crimeTypes?: readonly string[] | undefined
}

export interface PopulationFigure {
  code: string
  population: number
  midYear: number
  boundaries: string
  source: string
}

function countsQuery(db: Db, filter: AreaFilter, from: Month, to: Month) {
  let query = db
    .selectFrom('policeCounts')
    .where('districtCode', 'in', filter.districtCodes.length ? [...filter.districtCodes] : [''])
    .where('month', '>=', monthStart(from))
    .where('month', '<=', monthStart(to))
  if (filter.lsoaCodes) query = query.where('lsoaCode', 'in', filter.lsoaCodes.length ? [...filter.lsoaCodes] : [''])
  if (filter.wardCode) {
    const ward = filter.wardCode
    query = query.where('lsoaCode', 'in', eb => eb.selectFrom('onsLsoaPlaces').select('code').where('wardCode', '=', ward))
  }
  if (filter.crimeTypes?.length) query = query.where('crimeType', 'in', [...filter.crimeTypes])
  return query
}

/** Whole districts: the small table of counts by district serves them. */
function districtCountsQuery(db: Db, districtCodes: readonly string[] | null, from: Month, to: Month, crimeTypes?: readonly string[]) {
  let query = db.selectFrom('policeDistrictCounts').where('month', '>=', monthStart(from)).where('month', '<=', monthStart(to))
  query = districtCodes ? query.where('districtCode', 'in', districtCodes.length ? [...districtCodes] : ['']) : query.where('districtCode', 'is not', null)
  if (crimeTypes?.length) query = query.where('crimeType', 'in', [...crimeTypes])
  return query
}

export const policeDataRepository = {
  async countsByMonthAndType(db: Db, filter: AreaFilter, from: Month, to: Month): Promise<MonthTypeCount[]> {
    if (!filter.lsoaCodes && !filter.wardCode) {
      const rows = await districtCountsQuery(db, filter.districtCodes, from, to, filter.crimeTypes)
        .select(['month', 'crimeType', eb => eb.fn.sum<number>('count').as('count')])
        .groupBy(['month', 'crimeType'])
        .execute()
      return rows.map(r => ({ month: monthOf(r.month), crimeType: r.crimeType, count: Number(r.count) }))
    }
    const rows = await countsQuery(db, filter, from, to)
      .select(['month', 'crimeType', eb => eb.fn.sum<number>('count').as('count')])
      .groupBy(['month', 'crimeType'])
      .execute()
    return rows.map(r => ({ month: monthOf(r.month), crimeType: r.crimeType, count: Number(r.count) }))
  },

  async countsByLsoa(db: Db, filter: AreaFilter, from: Month, to: Month) {
    const rows = await countsQuery(db, filter, from, to)
      .where('lsoaCode', 'is not', null)
      .select(['lsoaCode', eb => eb.fn.sum<number>('count').as('count')])
      .groupBy('lsoaCode')
      .execute()
    return rows.map(r => ({ lsoaCode: r.lsoaCode!, count: Number(r.count) }))
  },

  async countsByDistrict(db: Db, districtCodes: readonly string[] | null, from: Month, to: Month, crimeTypes?: readonly string[]) {
    const rows = await districtCountsQuery(db, districtCodes, from, to, crimeTypes)
      .select(['districtCode', eb => eb.fn.sum<number>('count').as('count')])
      .groupBy('districtCode')
      .execute()
    return rows.map(r => ({ districtCode: r.districtCode!, count: Number(r.count) }))
  },

  /** Districts holding at least `share` of a force's located records in the period. */
  async forceDistricts(db: Db, forces: readonly string[], from: Month, to: Month, share = 0.01) {
    if (!forces.length) return []
    const rows = await db
      .selectFrom('policeDistrictCounts')
      .where('force', 'in', [...forces])
      .where('districtCode', 'is not', null)
      .where('month', '>=', monthStart(from))
      .where('month', '<=', monthStart(to))
      .select(['districtCode', eb => eb.fn.sum<number>('count').as('count')])
      .groupBy('districtCode')
      .execute()
    const total = rows.reduce((s, r) => s + Number(r.count), 0)
    return rows.filter(r => Number(r.count) >= total * share).map(r => r.districtCode!)
  },

  /** The forces whose records make up at least 5% of the districts' records (ever). */
  async principalForces(db: Db, districtCodes: readonly string[]): Promise<string[]> {
    if (!districtCodes.length) return []
    const rows = await db
      .selectFrom('policeDistrictCounts')
      .where('districtCode', 'in', [...districtCodes])
      .select(['force', eb => eb.fn.sum<number>('count').as('count')])
      .groupBy('force')
      .execute()
    const total = rows.reduce((s, r) => s + Number(r.count), 0)
    return rows
      .filter(r => Number(r.count) >= total * 0.05)
      .map(r => r.force)
      .sort()
  },

  /** Every force-month held, with its LSOA vintage and counts. */
  async months(db: Db, forces?: readonly string[]) {
    let query = db.selectFrom('policeMonths').selectAll()
    if (forces) query = query.where('force', 'in', forces.length ? [...forces] : [''])
    const rows = await query.orderBy('month').orderBy('force').execute()
    return rows.map(r => ({ ...r, month: monthOf(r.month) }))
  },

  async rowsPlacedByName(db: Db, filter: AreaFilter, from: Month, to: Month): Promise<number> {
    const row = await countsQuery(db, filter, from, to)
      .where('lsoaCode', 'in', eb => eb.selectFrom('onsLsoaPlaces').select('code').where('districtMethod', '=', 'name_prefix'))
      .select(eb => eb.fn.coalesce(eb.fn.sum<number>('count'), sql<number>`0`).as('count'))
      .executeTakeFirst()
    return Number(row?.count ?? 0)
  },

  async districts(db: Db, codes?: readonly string[]) {
    let query = db.selectFrom('onsDistricts').selectAll()
    if (codes) query = query.where('code', 'in', codes.length ? [...codes] : [''])
    return query.orderBy('name').execute()
  },

  /** Whether LSOAs are placed in this ward (a December 2021 ward). */
  async isPlacementWard(db: Db, code: string): Promise<boolean> {
    return Boolean(await db.selectFrom('onsLsoaPlaces').select('code').where('wardCode', '=', code).limit(1).executeTakeFirst())
  },

  async ward(db: Db, code: string) {
    return db.selectFrom('onsWards').selectAll().where('code', '=', code).executeTakeFirst()
  },

  /** December 2021 wards (the ones LSOAs are placed in) of some districts. */
  async wardsOf(db: Db, districtCodes: readonly string[]) {
    if (!districtCodes.length) return []
    return db
      .selectFrom('onsWards')
      .where('districtCode', 'in', [...districtCodes])
      .where('code', 'in', eb => eb.selectFrom('onsLsoaPlaces').select('wardCode').distinct().where('districtCode', 'in', [...districtCodes]))
      .select(['code', 'name', 'districtCode'])
      .orderBy('name')
      .execute()
  },

  async wards(db: Db, codes: readonly string[]) {
    if (!codes.length) return []
    return db.selectFrom('onsWards').select(['code', 'name', 'districtCode']).where('code', 'in', [...codes]).execute()
  },

  async lsoa(db: Db, code: string) {
    return db.selectFrom('onsLsoaPlaces').selectAll().where('code', '=', code).executeTakeFirst()
  },

  async places(db: Db, codes: readonly string[]) {
    if (!codes.length) return []
    return db.selectFrom('onsLsoaPlaces').selectAll().where('code', 'in', [...codes]).execute()
  },

  /**
   * The population of each area: the latest mid-year estimate no later than `year`, else the earliest
   * after it.
   */
  async populations(db: Db, areaType: 'district' | 'ward', codes: readonly string[], year: number): Promise<Map<string, PopulationFigure>> {
    if (!codes.length) return new Map()
    const rows = await db
      .selectFrom('onsPopulations')
      .where('areaType', '=', areaType)
      .where('code', 'in', [...codes])
      .select(['code', 'population', 'midYear', 'boundaries', 'source'])
      .execute()
    const best = new Map<string, PopulationFigure>()
    const score = (midYear: number) => (midYear <= year ? year - midYear : 1000 + midYear - year)
    for (const row of rows) {
      const current = best.get(row.code)
      if (!current || score(row.midYear) < score(current.midYear)) best.set(row.code, row)
    }
    return best
  },

  async boundaries(db: Db, districtNames: readonly string[]) {
    if (!districtNames.length) return []
    return db.selectFrom('onsBoundaries').select(['districtName', 'geometry']).where('districtName', 'in', [...districtNames]).execute()
  },

  async crimeTypes(db: Db): Promise<string[]> {
    const rows = await db.selectFrom('policeDistrictCounts').select('crimeType').distinct().orderBy('crimeType').execute()
    return rows.map(r => r.crimeType)
  },

  async geographyStatus(db: Db) {
    const [places, populations, boundaries, districts] = await Promise.all([
      db.selectFrom('onsLsoaPlaces').select(eb => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      db.selectFrom('onsPopulations').select(['areaType', 'midYear', eb => eb.fn.countAll<number>().as('n')]).groupBy(['areaType', 'midYear']).execute(),
      db.selectFrom('onsBoundaries').select(eb => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      db.selectFrom('onsDistricts').select(eb => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ])
    return {
      lsoas: Number(places.n),
      districts: Number(districts.n),
      boundaries: Number(boundaries.n),
      populations: populations.map(p => ({ areaType: p.areaType, midYear: p.midYear, count: Number(p.n) })),
    }
  },

  /** The districts of a county. */
  async districtsOfCounty(db: Db, countyCode: string): Promise<string[]> {
    const rows = await db.selectFrom('onsDistricts').select('code').where('countyCode', '=', countyCode).execute()
    return rows.map(row => row.code)
  },
}
