import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'

import type { DemoContext } from '../../demo/index.ts'

import { addMonths, monthOf } from '../../core/calendar/index.ts'
import { listPoliceFiles } from './police-import.ts'

/**
 * Demo data of the police data capability.
 *
 * - With CSP_HUB_SAMPLE_DATA_DIR set (a folder laid out like shared/data/real: ons/ and police-uk/), the
 *   ONS geography and population and every police.uk file in it are imported, once (not again when the
 *   data is already held), so the strategic assessment pages show real figures.
 * - The joint partnership's 2022/23 scoring matrix, from the seed report to the Review Committee: the
 *   priorities were "identified by a scoring matrix process… alongside the Police District Commander and
 *   Community Policing Team Inspector", with the draft priority areas listed below. The report did not
 *   publish the scores, so none are entered: the group scores them.
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

  const ctx = demo.partnerships['joint-2016']
  const months = await db.selectFrom('policeMonths').select('month').distinct().orderBy('month', 'desc').limit(1).execute()
  const to = months[0] ? monthOf(months[0].month) : '2022-03'
  const assessment = await services.priorities.create(ctx, {
    title: 'Scoring matrix 2022/23',
    periodFrom: addMonths(to, -11),
    periodTo: to,
    notes:
      'Completed by the Community Safety Officers of both councils with the Police District Commander and the Community Policing Team Inspector. The draft priority areas it identified were domestic abuse; anti-social behaviour; violence (including knife crime); violence against women and girls; and hate crime. The scores were not published: enter the group’s. (The police data period is the latest held, not 2021/22, which is not held.)',
  })
  // The 2022 report's own candidate that the usual list lacks, and the 2021/22 priority it built on.
  await services.priorities.addCandidate(ctx, assessment.id, {
    name: 'Violence against women and girls',
    crimeTypes: [],
    notes: 'A draft priority area for 2022/23. Not identifiable in police.uk data: score volume and trend from police or partner figures.',
  })
  await services.priorities.addCandidate(ctx, assessment.id, {
    name: 'Protecting vulnerable people',
    crimeTypes: [],
    notes: 'A priority area for 2021/22.',
  })
}
