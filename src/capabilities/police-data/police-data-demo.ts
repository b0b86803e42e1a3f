import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'

import type { DemoContext } from '../../demo/demo-context.ts'

import { listPoliceFiles } from './police-import-files.ts'

/**
 * Demo data of the police data capability.
 *
 * - With CSP_HUB_SAMPLE_DATA_DIR set (a folder laid out like shared/data/real: ons/ and police-uk/), the
 *   ONS geography and population and every police.uk file in it are imported, once (not again when the
 *   data is already held), so the strategic assessment pages show real figures.
 */
const ACTOR_LABEL = 'demo data'

const ONS_FILES = [
  'lookups/LSOA11_WD21_LAD21_EW_LU.csv',
  'lookups/LSOA21_WD24_Lookup.csv',
  'lookups/LSOA_(2011)_to_LSOA_(2021)_to_Local_Authority_District_(2022)_Lookup_for_England_and_Wales_(Version_2).csv',
  'lookups/WD21_LAD21_UK_LU.csv',
  'lookups/Lower_Tier_Local_Authority_to_Upper_Tier_Local_Authority__April_2021__Lookup_in_England_and_Wales.csv',
  'boundaries/outline_LAD22NM.geojson',
]

export async function loadPoliceDataDemo(demo: DemoContext): Promise<void> {
  const { deps, services } = demo
  const db = deps.database.db
  const actor = { userId: null, label: ACTOR_LABEL }
  const dir = deps.config.sampleDataDir
  if (dir && existsSync(path.join(dir, 'police-uk'))) {
    const held = await db.selectFrom('policeMonths').select('force').limit(1).execute()
    if (!held.length) {
      for (const file of ONS_FILES) {
        const full = path.join(dir, 'ons', file)
        if (existsSync(full)) await services.onsImporter.importFile(full, { actor })
      }
      const population = path.join(dir, 'ons', 'population')
      if (existsSync(population)) {
        for (const file of readdirSync(population).filter(f => f.endsWith('.csv'))) {
          await services.onsImporter.importFile(path.join(population, file), { actor, midYear: 2020 })
        }
      }
      const files = await listPoliceFiles([path.join(dir, 'police-uk')])
      const outcomes = await services.policeImporter.importFiles(files, { actor })
      deps.logger.info({ files: outcomes.length, rows: outcomes.reduce((s, o) => s + (o.rows ?? 0), 0) }, 'Demo: imported the sample police.uk files')
    }
  }
}
