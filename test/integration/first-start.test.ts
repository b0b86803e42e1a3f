import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startCspHub, type RunningServer } from '#test/helpers/csp-hub-process'
import { databaseEnv, type DatabaseEnv } from '#test/helpers/database-env'
import { signIn } from '#test/helpers/http-session'
import { sampleFolder } from '#test/helpers/sample-folder'

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
let pipe: string
let population: string

beforeAll(async () => {
  const folder = sampleFolder({ populationAsPipe: true })
  sample = folder.dir
  pipe = folder.pipe
  population = folder.population
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
    writeFileSync(pipe, readFileSync(population))
    await finished
    const after = await (await coordinator.get(assessment)).text()
    expect(after).not.toContain('data-qa="sample-loading"')
    expect(after).not.toContain('No figures yet')
    expect(after).toContain('>January 2025</option>')
  }, 120_000)
})
