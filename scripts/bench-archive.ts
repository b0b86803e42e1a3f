/**
 * npm run bench:archive [-- --data DIR]
 *
 * The monthly police.uk archive fetch, end to end, on the real files: builds a police.uk-style ZIP from
 * every Essex month in shared/data/real (plus the same files under two other forces' names, which the
 * fetch must pass over), serves it from 127.0.0.1, and runs the fetch into a fresh PGlite database as the
 * monthly job does (new months of `essex` only), then once more (nothing new). Prints the archive's size,
 * rows a second and peak memory. It prints figures; it is not a test and asserts nothing.
 */
import { createReadStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { argon2Hasher } from '../src/capabilities/accounts/index.ts'
import { loadConfig } from '../src/config.ts'
import { createDatabase } from '../src/db/database.ts'
import { migrateToLatest } from '../src/db/migrate.ts'
import { createLogger } from '../src/logger.ts'
import { memoryMailer } from '../src/mailer.ts'
import { createServices } from '../src/services.ts'
import { systemClock } from '../src/shared/clock.ts'
import { enlargeYoungGeneration } from '../src/shared/young-generation.ts'
import { buildZip, type ZipPart } from '../test/helpers/zip-bomb.ts'

enlargeYoungGeneration()

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const dataOption = args.indexOf('--data') === -1 ? undefined : args[args.indexOf('--data') + 1]
const DATA = path.resolve(
  dataOption ??
    process.env.CSP_HUB_SAMPLE_DATA_DIR ??
    [path.join(root, '..', 'shared', 'data', 'real'), path.join(root, '..', '..', 'shared', 'data', 'real')].find(dir => existsSync(dir)) ??
    path.join(root, '..', 'shared', 'data', 'real'),
)
const ACTOR = { userId: null, label: 'benchmark' }
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`
const n = (value: number) => Math.round(value).toLocaleString('en-GB')

const work = mkdtempSync(path.join(os.tmpdir(), 'csp-hub-bench-archive-'))
try {
  const months = readdirSync(path.join(DATA, 'police-uk')).filter(m => /^\d{4}-\d{2}$/.test(m)).sort()
  const parts: ZipPart[] = []
  let unpacked = 0
  for (const month of months) {
    const data = readFileSync(path.join(DATA, 'police-uk', month, `${month}-essex-street.csv`))
    unpacked += data.length
    for (const force of ['essex', 'kent', 'norfolk']) parts.push({ name: `${month}/${month}-${force}-street.csv`, data })
  }
  const archive = path.join(work, 'archive.zip')
  writeFileSync(archive, buildZip(parts))
  parts.length = 0
  const archiveBytes = statSync(archive).size
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/zip', 'content-length': archiveBytes })
    createReadStream(archive).pipe(res)
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/archive.zip`
  console.log(`Archive: ${months.length} months × 3 forces, ${mb(archiveBytes)} (Essex's ${months.length} files unpack to ${mb(unpacked)})`)

  const database = await createDatabase({ dataDir: path.join(work, 'pglite') })
  await migrateToLatest(database.db)
  const config = loadConfig({
    NODE_ENV: 'production',
    CSP_HUB_BASE_URL: 'http://localhost',
    CSP_HUB_DATA_DIR: work,
    CSP_HUB_LOG_LEVEL: 'silent',
    CSP_HUB_POLICE_ARCHIVE_URL: url,
    CSP_HUB_POLICE_FORCES: 'essex',
  })
  const services = createServices({ config, logger: createLogger('silent'), database, clock: systemClock, mailer: memoryMailer(), hasher: argon2Hasher({ memoryCost: 1024, timeCost: 1 }) })
  const lookups = path.join(DATA, 'ons', 'lookups')
  for (const file of ['LSOA11_WD21_LAD21_EW_LU.csv', 'LSOA21_WD24_Lookup.csv', 'WD21_LAD21_UK_LU.csv']) await services.onsImporter.importFile(path.join(lookups, file), { actor: ACTOR })

  let peakRss = 0
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50)
  const timed = async (label: string) => {
    const before = process.memoryUsage().rss
    peakRss = before
    const started = performance.now()
    const result = await services.policeArchive.refresh({ trigger: 'admin', actor: ACTOR, partnershipId: null, months: 'new' })
    const seconds = (performance.now() - started) / 1000
    const rows = result.outcome.reduce((sum, o) => sum + (o.rows ?? 0), 0)
    console.log(`${label}: ${result.status}, ${result.outcome.length} force-months, ${n(rows)} rows in ${seconds.toFixed(1)} s${rows ? ` = ${n(rows / seconds)} rows/s` : ''}; RSS ${mb(before)} before, peak ${mb(peakRss)}`)
    if (result.status !== 'succeeded') console.log(`  ${result.message}`)
  }
  await timed('First fetch (every month new)')
  await timed('Second fetch (nothing new)')
  clearInterval(sampler)
  await database.close()
  await new Promise(resolve => server.close(resolve))
} finally {
  rmSync(work, { recursive: true, force: true })
}
