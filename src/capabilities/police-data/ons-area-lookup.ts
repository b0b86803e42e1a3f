import { sql } from 'kysely'

import type { Db } from '../../db/database.ts'
import type { AreaLookup, DistrictGeography } from '../partnerships/index.ts'

/**
 * The partnerships' AreaLookup, answered from the ONS lookups imported here (ons_districts, ons_wards,
 * ons_lsoa_places) and the police.uk months held (which force covers a district).
 */
export function onsAreaLookup(db: Db): AreaLookup {
  const countyOf = (row: { code: string; countyCode: string | null; countyName: string | null }) =>
    row.countyCode && row.countyCode !== row.code && row.code.startsWith('E07') ? row.countyName : null

  return {
    async findDistricts(name) {
      const words = name.trim().toLowerCase()
      if (words.length < 2) return []
      const rows = await db
        .selectFrom('onsDistricts')
        .select(['code', 'name', 'countyCode', 'countyName'])
        .where(sql<boolean>`lower(name) like ${`%${words.replace(/[%_\\]/g, c => `\\${c}`)}%`}`)
        .orderBy(sql`case when lower(name) like ${`${words}%`} then 0 else 1 end`)
        .orderBy('name')
        .limit(20)
        .execute()
      return rows.map(row => ({ code: row.code, name: row.name, countyName: countyOf(row) }))
    },

    async district(code): Promise<DistrictGeography | undefined> {
      const row = await db.selectFrom('onsDistricts').select(['code', 'name', 'countyCode', 'countyName']).where('code', '=', code).executeTakeFirst()
      if (!row) return undefined
      const latest = await db.selectFrom('onsWards').select(eb => eb.fn.max('boundaryYear').as('year')).where('districtCode', '=', code).executeTakeFirst()
      const [wards, lsoas, force] = await Promise.all([
        latest?.year
          ? db.selectFrom('onsWards').select(['code', 'name']).where('districtCode', '=', code).where('boundaryYear', '=', latest.year).orderBy('name').execute()
          : Promise.resolve([]),
        db.selectFrom('onsLsoaPlaces').select(['code', 'name', 'wardCode']).where('districtCode', '=', code).where('inLsoa21', '=', true).orderBy('name').execute(),
        db
          .selectFrom('policeDistrictCounts')
          .innerJoin('policeMonths', 'policeMonths.force', 'policeDistrictCounts.force')
          .select(['policeMonths.forceName'])
          .select(eb => eb.fn.sum<number>('policeDistrictCounts.count').as('n'))
          .where('policeDistrictCounts.districtCode', '=', code)
          .groupBy('policeMonths.forceName')
          .orderBy('n', 'desc')
          .limit(1)
          .executeTakeFirst(),
      ])
      return { code: row.code, name: row.name, countyName: countyOf(row), wards, lsoas, policeForceName: force?.forceName ?? null }
    },
  }
}
