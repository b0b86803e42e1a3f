import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'

import type { DemoContext } from '../../demo/demo-context.ts'

import { listPoliceFiles } from './police-import-files.ts'

/**
 * Demo data of the police data capability.
 *
 * - With CSP_HUB_SAMPLE_DATA_DIR set (a folder laid out like shared/data/real: ons/ and police-uk/), the
 *   ONS geography and population and every police.uk file in it are imported, once (not again when the
 *   data is already held), so the strategic assessment pages show real figures. Under `npm start` this runs
 *   after the server is up, as the background job SAMPLE_DATA_JOB (src/demo/startup.ts), whose progress
 *   the pages show.
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

export interface SampleDataProgress {
  step: string
  /** Files imported so far, of `total`. */
  done: number
  total: number
}

/** Whether the configured sample folder holds police.uk files to load. */
export function hasSampleData(demo: Pick<DemoContext, 'deps'>): boolean {
  const dir = demo.deps.config.sampleDataDir
  return Boolean(dir && existsSync(path.join(dir, 'police-uk')))
}

/**
 * Import the sample folder's ONS files, then its police.uk files, one transaction per file (a month already
 * held is replaced), telling `onProgress` after each. Nothing happens without a sample folder.
 */
export async function importSampleData(
  demo: Pick<DemoContext, 'deps' | 'services'>,
  onProgress: (progress: SampleDataProgress) => Promise<void> = async () => undefined,
): Promise<{ files: number; rows: number }> {
  const { deps, services } = demo
  const dir = deps.config.sampleDataDir
  if (!dir || !hasSampleData(demo)) return { files: 0, rows: 0 }
  const actor = { userId: null, label: ACTOR_LABEL }
  const population = path.join(dir, 'ons', 'population')
  const onsFiles = [
    ...ONS_FILES.map(file => ({ file: path.join(dir, 'ons', file), midYear: undefined })).filter(f => existsSync(f.file)),
    ...(existsSync(population) ? readdirSync(population).filter(f => f.endsWith('.csv')).sort().map(f => ({ file: path.join(population, f), midYear: 2020 })) : []),
  ]
  const policeFiles = await listPoliceFiles([path.join(dir, 'police-uk')])
  const total = onsFiles.length + policeFiles.length
  let done = 0
  await onProgress({ step: 'Importing the ONS geography and population', done, total })
  for (const { file, midYear } of onsFiles) {
    await services.onsImporter.importFile(file, { actor, ...(midYear ? { midYear } : {}) })
    await onProgress({ step: 'Importing the ONS geography and population', done: ++done, total })
  }
  await onProgress({ step: 'Importing the police.uk files', done, total })
  const outcomes = await services.policeImporter.importFiles(policeFiles, {
    actor,
    onFileDone: () => onProgress({ step: 'Importing the police.uk files', done: ++done, total }),
  })
  const failed = outcomes.filter(o => o.status !== 'imported')
  if (failed.length) throw new Error(`${failed.length} of the sample police.uk files could not be imported: ${failed.map(o => o.name).join(', ')}`)
  const rows = outcomes.reduce((s, o) => s + (o.rows ?? 0), 0)
  deps.logger.info({ files: outcomes.length, rows }, 'Demo: imported the sample police.uk files')
  return { files: total, rows }
}

/** The demo's police data, all at once (`csp-hub demo`; tests): the sample folder, unless police data is held. */
export async function loadPoliceDataDemo(demo: DemoContext): Promise<void> {
  const held = await demo.deps.database.db.selectFrom('policeMonths').select('force').limit(1).execute()
  if (!held.length) await importSampleData(demo)
}
