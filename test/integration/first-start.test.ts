import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startCspHub, type RunningServer } from '#test/helpers/csp-hub-process'
import { databaseEnv, type DatabaseEnv } from '#test/helpers/database-env'
import { signIn } from '#test/helpers/http-session'
import { fixtureMonth, ONS } from '#test/helpers/police-data'

import { DEMO_PASSWORD } from '../../src/demo/index.ts'

/**
 * `npm start` on a fresh machine serves at once and loads the sample police.uk and ONS data in the
 * background. The sample folder here is the fixtures laid out as shared/data/real, except that its ONS
 * population file (the last ONS file, imported before any police.uk file) is a named pipe: the load cannot
 * go on until the test writes the file into it, so the first pages are asked for while it is certainly
 * still loading, with no timing involved.
 */
let sample: string
let dataDir: string
let database: DatabaseEnv
let server: RunningServer
const pipe = () => path.join(sample, 'ons', 'population', 'Local_Authority_Name.csv')

beforeAll(async () => {
  sample = mkdtempSync(path.join(os.tmpdir(), 'csp-hub-sample-'))
  const place = (from: string, to: string) => {
    mkdirSync(path.dirname(path.join(sample, to)), { recursive: true })
    copyFileSync(from, path.join(sample, to))
  }
  place(path.join(ONS, 'LSOA11_WD21_LAD21_EW_LU.csv'), 'ons/lookups/LSOA11_WD21_LAD21_EW_LU.csv')
  place(path.join(ONS, 'LSOA21_WD24_Lookup.csv'), 'ons/lookups/LSOA21_WD24_Lookup.csv')
  place(path.join(ONS, 'LSOA11_LSOA21_LAD22_best_fit.csv'), 'ons/lookups/LSOA_(2011)_to_LSOA_(2021)_to_Local_Authority_District_(2022)_Lookup_for_England_and_Wales_(Version_2).csv')
  place(path.join(ONS, 'WD21_LAD21_UK_LU.csv'), 'ons/lookups/WD21_LAD21_UK_LU.csv')
  place(path.join(ONS, 'LTLA21_UTLA21_lookup.csv'), 'ons/lookups/Lower_Tier_Local_Authority_to_Upper_Tier_Local_Authority__April_2021__Lookup_in_England_and_Wales.csv')
  place(path.join(ONS, 'outline_LAD22NM.geojson'), 'ons/boundaries/outline_LAD22NM.geojson')
  for (const month of ['2018-01', '2024-01', '2025-01']) place(fixtureMonth(month), `police-uk/${month}/${month}-essex-street.csv`)
  mkdirSync(path.dirname(pipe()), { recursive: true })
  expect(spawnSync('mkfifo', [pipe()]).status).toBe(0)

  dataDir = mkdtempSync(path.join(os.tmpdir(), 'csp-hub-first-start-'))
  database = await databaseEnv({ migrated: false })
  server = await startCspHub({ CSP_HUB_DATA_DIR: dataDir, ...database.env, CSP_HUB_DEMO_DATA: 'auto', CSP_HUB_SAMPLE_DATA_DIR: sample })
}, 120_000)

afterAll(async () => {
  await server?.stop()
  await database?.remove()
  rmSync(sample, { recursive: true, force: true })
  rmSync(dataDir, { recursive: true, force: true })
})

describe('the first start on a fresh machine', () => {
  it('serves before the sample data has loaded, shows how far the load has got where the figures will be, and then the figures', async () => {
    expect(server.output()).toContain('The sample police.uk and ONS data is loading in the background')
    expect((await fetch(`${server.url}/sign-in`)).status).toBe(200)

    const coordinator = await signIn(server.url, 'coordinator@csp-hub.example', DEMO_PASSWORD)
    const home = await (await coordinator.get('/')).text()
    const partnership = /href="(\/partnerships\/\d+)"/.exec(home)![1]!
    const assessment = `${partnership}/strategic-assessment`

    const loading = await coordinator.get(assessment)
    expect(loading.status).toBe(200)
    const during = await loading.text()
    expect(during).toContain('data-qa="sample-loading"')
    expect(during).toContain('The sample police.uk data is still loading')
    // Wherever it has got to, it is before the police.uk files (the pipe holds it at the sixth ONS file).
    expect(during).toMatch(/Starting the import|Importing the ONS geography and population: [0-6] of 10 files done \((0|10|20|30|40|50|60)%\)/)
    expect(during).toContain('No figures yet: they appear here as the first months are imported.')

    // Let the last file through; the load finishes, and the page shows its month with no notice.
    const finished = server.waitForLog(/Demo sample data: Loaded 10 sample files/)
    writeFileSync(pipe(), readFileSync(path.join(ONS, 'Local_Authority_Name.csv')))
    await finished
    const after = await (await coordinator.get(assessment)).text()
    expect(after).not.toContain('data-qa="sample-loading"')
    expect(after).not.toContain('No figures yet')
    expect(after).toContain('>January 2025</option>')
  }, 120_000)
})
