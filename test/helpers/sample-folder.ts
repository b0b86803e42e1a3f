import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { fixtureMonth, ONS } from './police-data.ts'

/**
 * The police data fixtures laid out as a sample data folder (CSP_HUB_SAMPLE_DATA_DIR, like
 * shared/data/real): 6 ONS lookups and outlines, the district population, and 3 police.uk months, 10 files.
 * With `populationAsPipe`, the population file (the last ONS file, imported before any police.uk file) is
 * a named pipe instead, and the load waits there until something writes the file into `pipe`.
 */
export function sampleFolder(options: { populationAsPipe?: boolean } = {}): { dir: string; pipe: string; population: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'csp-hub-sample-'))
  const place = (from: string, to: string) => {
    mkdirSync(path.dirname(path.join(dir, to)), { recursive: true })
    copyFileSync(from, path.join(dir, to))
  }
  place(path.join(ONS, 'LSOA11_WD21_LAD21_EW_LU.csv'), 'ons/lookups/LSOA11_WD21_LAD21_EW_LU.csv')
  place(path.join(ONS, 'LSOA21_WD24_Lookup.csv'), 'ons/lookups/LSOA21_WD24_Lookup.csv')
  place(path.join(ONS, 'LSOA11_LSOA21_LAD22_best_fit.csv'), 'ons/lookups/LSOA_(2011)_to_LSOA_(2021)_to_Local_Authority_District_(2022)_Lookup_for_England_and_Wales_(Version_2).csv')
  place(path.join(ONS, 'WD21_LAD21_UK_LU.csv'), 'ons/lookups/WD21_LAD21_UK_LU.csv')
  place(path.join(ONS, 'LTLA21_UTLA21_lookup.csv'), 'ons/lookups/Lower_Tier_Local_Authority_to_Upper_Tier_Local_Authority__April_2021__Lookup_in_England_and_Wales.csv')
  place(path.join(ONS, 'outline_LAD22NM.geojson'), 'ons/boundaries/outline_LAD22NM.geojson')
  for (const month of ['2018-01', '2024-01', '2025-01']) place(fixtureMonth(month), `police-uk/${month}/${month}-essex-street.csv`)
  const population = path.join(ONS, 'Local_Authority_Name.csv')
  const pipe = path.join(dir, 'ons', 'population', 'Local_Authority_Name.csv')
  if (options.populationAsPipe) {
    mkdirSync(path.dirname(pipe), { recursive: true })
    const made = spawnSync('mkfifo', [pipe])
    if (made.status !== 0) throw new Error(`mkfifo failed: ${made.stderr}`)
  } else {
    place(population, 'ons/population/Local_Authority_Name.csv')
  }
  return { dir, pipe, population }
}
