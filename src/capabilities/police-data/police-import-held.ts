import { sql } from 'kysely'

import type { DatabaseHandle } from '../../db/database.ts'
import { ValidationError } from '../../shared/errors.ts'

import { normaliseDistrictName, type Placement } from './domain/geography.ts'
import type { RawTx } from './police-import-copy.ts'

/**
 * What the police import reads of what is already held before it writes: the ONS geography that places each
 * row in a district, the force-months it may replace, and the block-range indexes it finds them through.
 */

type Db = DatabaseHandle['db']

/** Every LSOA place and district name, for placing rows; refused when no ONS geography has been imported. */
export async function loadPlacement(db: Db): Promise<Placement & { districtCount: number }> {
  const [places, districts] = await Promise.all([
    db.selectFrom('onsLsoaPlaces').select(['code', 'districtCode', 'districtMethod', 'inLsoa11', 'inLsoa21']).execute(),
    db.selectFrom('onsDistricts').select(['code', 'name']).execute(),
  ])
  if (!places.length && !districts.length) {
    throw new ValidationError({
      geography:
        'No ONS geography has been imported, so no row can be placed in a district. Import the LSOA lookups first: csp-hub import ons-lookup FILE',
    })
  }
  return {
    places: new Map(
      places.map(p => [
        p.code,
        {
          districtCode: p.districtCode,
          in2011: p.inLsoa11,
          in2021: p.inLsoa21,
          byName: p.districtMethod === 'name_prefix',
        },
      ]),
    ),
    districtsByName: new Map(districts.map(d => [normaliseDistrictName(d.name), d.code])),
    districtCount: districts.length,
  }
}

/** The force-months held, as 'force YYYY-MM'. */
export async function heldMonths(db: Db): Promise<Set<string>> {
  const rows = await db
    .selectFrom('policeMonths')
    .select(['force', sql<string>`to_char(month, 'YYYY-MM')`.as('month')])
    .execute()
  return new Set(rows.map(r => `${r.force} ${r.month}`))
}

/**
 * Replacing a force-month finds its rows through the block-range (BRIN) indexes on month and force. Such an
 * index knows only the ranges of blocks summarised so far, and reads every other block: PostgreSQL's
 * autovacuum summarises new ranges in its own time, and PGlite has no autovacuum, so after a bulk load a
 * replacement would read every force's rows, three times. This summarises the new ranges; later inserts keep
 * a summarised range up to date. Outside a file's transaction, so two files never wait on each other's lock.
 *
 * Only the indexes' owner may summarise them (the app, which made them, in every deployment the README
 * describes). Another role is refused (42501), and the replacement still works, reading more.
 */
export async function summariseNewRanges(tx: RawTx): Promise<void> {
  await tx
    .query(
      "select brin_summarize_new_values('police_records_month_force_idx'), brin_summarize_new_values('police_counts_month_force_idx')",
    )
    .catch((error: unknown) => {
      if ((error as { code?: unknown } | null)?.code !== '42501') throw error
    })
}
