/**
 * npm run bench:import [-- --data DIR] [--only postgres|pglite] [--sets essex,all] [--skip-pglite-forces] [--quick] [--keep]
 * npm run bench:import -- --archive [--quick] [--keep]   (the whole archive: see `archive` below)
 *
 * Benchmarks the police.uk import and the strategic assessment analyses. It prints figures; it is not a
 * test and asserts nothing.
 *
 *  1. Generates two data sets in a temporary folder from the real files (shared/data/real, or --data, or
 *     CSP_HUB_SAMPLE_DATA_DIR): one whole force (Essex) × 36 months, and all 43 forces of England and
 *     Wales × 12 months (about 6 million rows; each force's rows are moved to LSOAs of its own districts).
 *  2. Imports each into PostgreSQL (a new database on DATABASE_URL or the local server) and into PGlite
 *     (a data folder in the temporary folder), and prints rows a second and peak memory.
 *  3. In the same run, on the same files, times the database's own bulk load into an equivalent bare
 *     table (the same columns as police_records, no indexes) and prints our rate as a share of it:
 *     `psql \copy` for PostgreSQL, and PGlite's own `COPY … FROM '/dev/blob'` (a file a statement) for PGlite.
 *  4. Times the main analyses on the 36-month data (median and 95th percentile): the services behind the
 *     pages, and the pages themselves over HTTP.
 */
import { spawnSync } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { createReadStream, createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, type WriteStream } from 'node:fs'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { sql } from 'kysely'
import pg from 'pg'

import { createApp } from '../src/app.ts'
import { argon2Hasher } from '../src/capabilities/accounts/index.ts'
import { CsvRecordReader } from '../src/capabilities/police-data/domain/csv-records.ts'
import { monthRange } from '../src/core/calendar/index.ts'
import { parseStreetFileName, POLICE_COLUMNS, RECORD_COPY_COLUMNS } from '../src/capabilities/police-data/domain/police-rows.ts'
import { listPoliceFiles, type ImportFile } from '../src/capabilities/police-data/police-import-files.ts'
import { loadConfig } from '../src/config.ts'
import { createDatabase, type DatabaseHandle } from '../src/db/database.ts'
import { migrateToLatest } from '../src/db/migrate.ts'
import { createServerDatabase } from '../src/db/server-database.ts'
import { createLogger } from '../src/logger.ts'
import { memoryMailer } from '../src/mailer.ts'
import { createServices, type AppDeps } from '../src/services.ts'
import { systemClock } from '../src/shared/clock.ts'
import { enlargeYoungGeneration } from '../src/shared/young-generation.ts'

// As the csp-hub command does (src/cli.ts), so the figures are the command's.
enlargeYoungGeneration()

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const flag = (name: string) => args.includes(`--${name}`)
const option = (name: string) => {
  const i = args.indexOf(`--${name}`)
  return i === -1 ? undefined : args[i + 1]
}
// The real files: --data, CSP_HUB_SAMPLE_DATA_DIR, or shared/data/real beside the checkout (or beside a worktree's parent).
const DATA = path.resolve(
  option('data') ??
    process.env.CSP_HUB_SAMPLE_DATA_DIR ??
    [path.join(root, '..', 'shared', 'data', 'real'), path.join(root, '..', '..', 'shared', 'data', 'real')].find(dir => existsSync(dir)) ??
    path.join(root, '..', 'shared', 'data', 'real'),
)
const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres:postgres@localhost:5432/postgres'
const ACTOR = { userId: null, label: 'benchmark' }
const n = (value: number) => Math.round(value).toLocaleString('en-GB')
const mb = (bytes: number) => `${n(bytes / 1024 / 1024)} MB`
const log = (text = '') => process.stdout.write(`${text}\n`)
/** The machine's load: figures taken on a busy machine say so. */
const load = () => `load average ${os.loadavg().map(l => l.toFixed(1)).join(', ')}`

// The 43 territorial police forces of England and Wales, as police.uk names them.
const FORCES: [string, string][] = [
  ['avon-and-somerset', 'Avon and Somerset Constabulary'], ['bedfordshire', 'Bedfordshire Police'], ['cambridgeshire', 'Cambridgeshire Constabulary'],
  ['cheshire', 'Cheshire Constabulary'], ['city-of-london', 'City of London Police'], ['cleveland', 'Cleveland Police'], ['cumbria', 'Cumbria Constabulary'],
  ['derbyshire', 'Derbyshire Constabulary'], ['devon-and-cornwall', 'Devon & Cornwall Police'], ['dorset', 'Dorset Police'], ['durham', 'Durham Constabulary'],
  ['dyfed-powys', 'Dyfed-Powys Police'], ['essex', 'Essex Police'], ['gloucestershire', 'Gloucestershire Constabulary'], ['greater-manchester', 'Greater Manchester Police'],
  ['gwent', 'Gwent Police'], ['hampshire', 'Hampshire Constabulary'], ['hertfordshire', 'Hertfordshire Constabulary'], ['humberside', 'Humberside Police'],
  ['kent', 'Kent Police'], ['lancashire', 'Lancashire Constabulary'], ['leicestershire', 'Leicestershire Police'], ['lincolnshire', 'Lincolnshire Police'],
  ['merseyside', 'Merseyside Police'], ['metropolitan', 'Metropolitan Police Service'], ['norfolk', 'Norfolk Constabulary'], ['north-wales', 'North Wales Police'],
  ['north-yorkshire', 'North Yorkshire Police'], ['northamptonshire', 'Northamptonshire Police'], ['northumbria', 'Northumbria Police'], ['nottinghamshire', 'Nottinghamshire Police'],
  ['south-wales', 'South Wales Police'], ['south-yorkshire', 'South Yorkshire Police'], ['staffordshire', 'Staffordshire Police'], ['suffolk', 'Suffolk Constabulary'],
  ['surrey', 'Surrey Police'], ['sussex', 'Sussex Police'], ['thames-valley', 'Thames Valley Police'], ['warwickshire', 'Warwickshire Police'],
  ['west-mercia', 'West Mercia Police'], ['west-midlands', 'West Midlands Police'], ['west-yorkshire', 'West Yorkshire Police'], ['wiltshire', 'Wiltshire Police'],
]

// --- Generating the data sets -------------------------------------------------------------------------

async function readCsv(file: string, each: (fields: string[], line: number) => void): Promise<void> {
  const reader = new CsvRecordReader()
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) for (const r of reader.push(chunk as string)) each(r.fields, r.line)
  for (const r of reader.end()) each(r.fields, r.line)
}

const csvLine = (fields: string[]) => `${fields.map(f => (/[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(',')}\n`

async function write(stream: WriteStream, text: string) {
  if (!stream.write(text)) await new Promise<void>(resolve => stream.once('drain', () => resolve()))
}

async function realMonths(): Promise<{ month: string; file: string; vintage: 2011 | 2021 }[]> {
  const folder = path.join(DATA, 'police-uk')
  return readdirSync(folder)
    .filter(d => /^\d{4}-\d{2}$/.test(d))
    .sort()
    .map(month => ({ month, file: path.join(folder, month, `${month}-essex-street.csv`), vintage: month < '2021' ? 2011 : 2021 }))
}

/** Essex × 36 months to September 2025: earlier months from the 2018–19 files, later ones from 2024–25. */
async function generateForce36(out: string): Promise<number> {
  const sources = await realMonths()
  const old = sources.filter(s => s.vintage === 2011)
  const recent = sources.filter(s => s.vintage === 2021)
  let rows = 0
  for (const [i, month] of monthRange('2022-10', '2025-09').entries()) {
    const source = month < '2023-01' ? old[i % old.length]! : recent[i % recent.length]!
    mkdirSync(path.join(out, month), { recursive: true })
    const stream = createWriteStream(path.join(out, month, `${month}-essex-street.csv`))
    await write(stream, `${POLICE_COLUMNS.join(',')}\n`)
    let k = 0
    const lines: string[] = []
    await readCsv(source.file, (fields, line) => {
      if (line === 1) return
      fields[0] = fields[0] ? `${month}${(k++).toString(16).padStart(57, '0')}` : ''
      fields[1] = month
      lines.push(csvLine(fields))
    })
    for (let j = 0; j < lines.length; j += 5000) await write(stream, lines.slice(j, j + 5000).join(''))
    rows += lines.length
    await new Promise<void>(resolve => stream.end(() => resolve()))
  }
  return rows
}

/** All forces × 12 months (or the months given): each force's copy of Essex's rows moved to LSOAs of its own districts. */
async function generateAllForces(out: string, months = monthRange('2024-10', '2025-09')): Promise<number> {
  const lookup = path.join(DATA, 'ons', 'lookups', 'LSOA21_WD24_Lookup.csv')
  const byDistrict = new Map<string, { code: string; name: string }[]>()
  await readCsv(lookup, (fields, line) => {
    if (line === 1 || !fields[6]?.startsWith('E') && !fields[6]?.startsWith('W')) return
    const list = byDistrict.get(fields[6]!) ?? []
    list.push({ code: fields[0]!, name: fields[1]! })
    byDistrict.set(fields[6]!, list)
  })
  const essexDistricts = ['E07000066', 'E07000067', 'E07000068', 'E07000069', 'E07000070', 'E07000071', 'E07000072', 'E07000073', 'E07000074', 'E07000075', 'E07000076', 'E07000077', 'E06000033', 'E06000034']
  const others = [...byDistrict.keys()].filter(d => !essexDistricts.includes(d)).sort()
  const recent = (await realMonths()).filter(s => s.vintage === 2021)
  let rows = 0
  let f = 0
  for (const [force, forceName] of FORCES) {
    // Essex keeps its own LSOAs; every other force gets a share of the other districts.
    const targets = force === 'essex' ? null : others.filter((_, i) => i % (FORCES.length - 1) === f).flatMap(d => byDistrict.get(d)!)
    if (force !== 'essex') f++
    const mapping = new Map<string, { code: string; name: string }>()
    for (const [i, month] of months.entries()) {
      const source = recent[(i + f) % recent.length]!
      mkdirSync(path.join(out, month), { recursive: true })
      const stream = createWriteStream(path.join(out, month, `${month}-${force}-street.csv`))
      await write(stream, `${POLICE_COLUMNS.join(',')}\n`)
      let k = 0
      let kept = 0
      let buffer = ''
      await readCsv(source.file, (fields, line) => {
        if (line === 1) return
        // Every eighth row is left out, to land near 6 million rows in all.
        if (k++ % 8 === 7) return
        fields[0] = fields[0] ? `${force}${month}${k.toString(16)}`.padEnd(64, '0') : ''
        fields[1] = month
        fields[2] = forceName
        fields[3] = forceName
        if (targets && fields[7]) {
          let target = mapping.get(fields[7])
          if (!target) {
            target = targets[mapping.size % targets.length]!
            mapping.set(fields[7], target)
          }
          fields[7] = target.code
          fields[8] = target.name
        }
        buffer += csvLine(fields)
        kept++
      })
      await write(stream, buffer)
      rows += kept
      await new Promise<void>(resolve => stream.end(() => resolve()))
    }
  }
  return rows
}

// --- Importing and timing -----------------------------------------------------------------------------

async function openApp(database: DatabaseHandle) {
  const config = loadConfig({ NODE_ENV: 'production', CSP_HUB_BASE_URL: 'http://localhost', CSP_HUB_DATA_DIR: os.tmpdir(), CSP_HUB_LOG_LEVEL: 'silent' })
  const deps: AppDeps = { config, logger: createLogger('silent'), database, clock: systemClock, mailer: memoryMailer(), hasher: argon2Hasher({ memoryCost: 1024, timeCost: 1 }) }
  return { deps, services: createServices(deps) }
}

async function loadGeography(services: ReturnType<typeof createServices>) {
  const lookups = path.join(DATA, 'ons', 'lookups')
  for (const file of ['LSOA11_WD21_LAD21_EW_LU.csv', 'LSOA21_WD24_Lookup.csv', 'LSOA_(2011)_to_LSOA_(2021)_to_Local_Authority_District_(2022)_Lookup_for_England_and_Wales_(Version_2).csv', 'WD21_LAD21_UK_LU.csv', 'Lower_Tier_Local_Authority_to_Upper_Tier_Local_Authority__April_2021__Lookup_in_England_and_Wales.csv']) {
    await services.onsImporter.importFile(path.join(lookups, file), { actor: ACTOR })
  }
  await services.onsImporter.importFile(path.join(DATA, 'ons', 'population', 'Local_Authority_Name.csv'), { actor: ACTOR, midYear: 2020 })
  await services.onsImporter.importFile(path.join(DATA, 'ons', 'population', 'Mid-2020_Persons_England_Wales_(2021_wards).csv'), { actor: ACTOR })
  await services.onsImporter.importFile(path.join(DATA, 'ons', 'boundaries', 'outline_LAD22NM.geojson'), { actor: ACTOR })
}

interface ImportFigures {
  rows: number
  seconds: number
  rowsPerSecond: number
  peakRss: number
  peakHeap: number
  /** RSS when 10%, 20%… 100% of the bytes had been read: flat if it does not grow with the rows. */
  rssByDecile: number[]
  /** The machine's busy core-seconds meanwhile (see machineBusy). */
  busy: number | null
  /** Of which the database server's processes, and this process. */
  databaseBusy: number | null
  nodeBusy: number
}

/** CPU time so far of each process named postgres (the server and its backends), by process id, in core-seconds. */
function postgresTimes(): Map<string, number> {
  const times = new Map<string, number>()
  try {
    for (const pid of readdirSync('/proc').filter(name => /^\d+$/.test(name))) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
        if (!stat.includes('(postgres)')) continue
        // After "(comm) ", utime and stime are the 12th and 13th fields.
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
        times.set(pid, (Number(fields[11]) + Number(fields[12])) / 100)
      } catch {
        // The process ended meanwhile.
      }
    }
  } catch {
    // No /proc.
  }
  return times
}
/** The database server's CPU time since `before` (a backend that ended meanwhile is not counted: the import's pool keeps its connections). */
function postgresSince(before: Map<string, number>): number | null {
  const after = postgresTimes()
  if (!after.size) return null
  let total = 0
  for (const [pid, time] of after) total += time - (before.get(pid) ?? 0)
  return total
}

/**
 * The whole machine's busy time so far, in core-seconds, from /proc/stat: every process (this one, the
 * database's, psql, and anything else running), so a quiet machine gives the cleanest figure. Null where there
 * is no /proc.
 */
function machineBusy(): number | null {
  try {
    const ticks = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1, 9).map(Number)
    // user, nice, system, idle, iowait, irq, softirq, steal; Linux counts them in hundredths of a second.
    return (ticks.reduce((a, b) => a + b, 0) - ticks[3]! - ticks[4]!) / 100
  } catch {
    return null
  }
}
const cpuSeconds = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1e6
const busySince = (before: number | null) => {
  const after = machineBusy()
  return before === null || after === null ? null : after - before
}

/**
 * What the machine's cores allow: our import kept the machine busy for `ours.busy` core-seconds, so on this
 * many cores it cannot take less than that divided by the cores, whatever runs in parallel; psql's \copy of
 * the same files took `anchor.seconds` (and kept the machine busy for `anchor.busy`).
 */
const cpuLine = (ours: ImportFigures, anchor: { seconds: number; busy: number | null }) =>
  ours.busy === null || anchor.busy === null
    ? ''
    : `    CPU: the machine was busy for ${ours.busy.toFixed(1)} core-seconds during our import (the database's processes ${ours.databaseBusy?.toFixed(1) ?? '?'}, this process ${ours.nodeBusy.toFixed(1)}) and ${anchor.busy.toFixed(1)} during psql \\copy; on ${os.cpus().length} cores our import cannot take less than ${(ours.busy / os.cpus().length).toFixed(1)} s, a ratio of at most ${(anchor.seconds / (ours.busy / os.cpus().length)).toFixed(2)}`

async function timeImport(services: ReturnType<typeof createServices>, files: ImportFile[], label: string): Promise<ImportFigures> {
  let peakRss = 0
  let peakHeap = 0
  let lastPrint = 0
  const rssByDecile: number[] = []
  const busyBefore = machineBusy()
  const databaseBefore = postgresTimes()
  const nodeBefore = process.cpuUsage()
  const started = performance.now()
  const outcomes = await services.policeImporter.importFiles(files, {
    actor: ACTOR,
    onProgress: p => {
      const memory = process.memoryUsage()
      peakRss = Math.max(peakRss, memory.rss)
      peakHeap = Math.max(peakHeap, memory.heapUsed)
      const decile = Math.floor((p.bytesDone / p.bytesTotal) * 10)
      while (rssByDecile.length < decile) rssByDecile.push(memory.rss)
      if (process.stderr.isTTY && Date.now() - lastPrint > 500) {
        lastPrint = Date.now()
        process.stderr.write(`\r  ${label}: ${n(p.rowsDone)} rows, ${Math.floor((p.bytesDone / p.bytesTotal) * 100)}%   `)
      }
    },
  })
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K')
  const seconds = (performance.now() - started) / 1000
  const failed = outcomes.filter(o => o.status !== 'imported')
  if (failed.length) throw new Error(`${failed.length} files failed: ${failed[0]!.name}: ${failed[0]!.message} ${JSON.stringify(failed[0]!.problems?.slice(0, 3))}`)
  const rows = outcomes.reduce((s, o) => s + (o.rows ?? 0), 0)
  return { rows, seconds, rowsPerSecond: rows / seconds, peakRss, peakHeap, rssByDecile, busy: busySince(busyBefore), databaseBusy: postgresSince(databaseBefore), nodeBusy: cpuSeconds(process.cpuUsage(nodeBefore)) }
}

/**
 * Replacing force-months while the national data set is held: the two largest files of the set, imported
 * again one after the other. Their rows are found through the block-range indexes on month and force, whose
 * ranges filled by the bulk load are summarised before the first (see police-import.ts); the second shows a
 * replacement once they are.
 */
async function timeReplacements(services: ReturnType<typeof createServices>, files: ImportFile[]): Promise<string> {
  const [first, second] = [...files].sort((a, b) => b.size - a.size)
  const times: string[] = []
  for (const file of [first!, second!]) {
    const started = performance.now()
    const [outcome] = await services.policeImporter.importFiles([file], { actor: ACTOR })
    const seconds = (performance.now() - started) / 1000
    if (outcome?.status !== 'imported' || !outcome.replaced) throw new Error(`${file.name} was not imported again: ${outcome?.message}`)
    times.push(`${file.name} (${n(outcome.rows ?? 0)} rows) ${seconds.toFixed(2)} s`)
  }
  return `Replacing a force-month with every force held: first ${times[0]}, then ${times[1]} (${load()})`
}

/**
 * The same files through `csp-hub import police-uk DIR`, the command a user runs, in a process of its own: the
 * rate it prints, and its peak memory (the process's own high-water mark, VmHWM). The database
 * must not be open in this process when it is PGlite (one process per data folder).
 */
function timeCommand(env: Record<string, string>, dir: string, expectedRows: number): { rowsPerSecond: number; peakRssMb: number; build: string } {
  // The file itself, as `npx csp-hub` runs it: its first line gives Node the command's options (see bin/csp-hub.js).
  const result = spawnSync(path.join(root, 'bin', 'csp-hub.js'), ['import', 'police-uk', dir], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    env: { ...process.env, CSP_HUB_LOG_LEVEL: 'silent', NODE_ENV: 'production', CSP_HUB_BASE_URL: 'http://localhost', ...env },
  })
  const summary = /([\d,]+) rows? in [^(]+\(([\d,]+) rows\/s; peak memory ([\d,]+) MB\)/.exec(result.stdout)
  if (result.status !== 0 || !summary) throw new Error(`csp-hub import police-uk failed (${result.status}): ${result.stderr.slice(-2000)}${result.stdout.slice(-2000)}`)
  const number = (text: string) => Number(text.replace(/,/g, ''))
  if (number(summary[1]!) !== expectedRows) throw new Error(`csp-hub import police-uk imported ${summary[1]} rows, expected ${expectedRows}`)
  const build = existsSync(path.join(root, 'dist', 'cli.js')) && !process.env.CSP_HUB_FROM_SOURCE ? 'compiled dist/' : 'TypeScript sources through tsx'
  return { rowsPerSecond: number(summary[2]!), peakRssMb: number(summary[3]!), build }
}

const EMPTY_POLICE_TABLES = 'truncate police_records, police_counts, police_district_counts, police_months'

/** The bulk loads' anchor: a bare table with police_records' columns and no index, and the file's 12 columns. */
const BARE_TABLE = "create table bench_bare_records (force text not null default 'x', crime_id text, month text not null, reported_by text, falls_within text, longitude double precision, latitude double precision, location text, lsoa_code text, lsoa_name text, crime_type text not null, last_outcome text, context text)"
const BARE_COLUMNS = RECORD_COPY_COLUMNS.slice(1).join(', ')

/** psql \copy of the same files, one session, into a bare table with police_records' columns. */
function timePsqlCopy(url: string, files: ImportFile[]): { seconds: number; rows: number; busy: number | null } {
  const script = [
    `drop table if exists bench_bare_records; ${BARE_TABLE};`,
    '\\timing on',
    ...files.map(f => `\\copy bench_bare_records (${BARE_COLUMNS}) from '${f.path.replace(/'/g, "''")}' with (format csv, header true)`),
    '\\timing off',
    'select count(*) from bench_bare_records;',
    'drop table bench_bare_records;',
  ].join('\n')
  const scriptFile = path.join(os.tmpdir(), `bench-psql-${process.pid}.sql`)
  writeFileSync(scriptFile, script)
  const parsed = new URL(url)
  const busyBefore = machineBusy()
  const result = spawnSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-f', scriptFile, '-d', url], { encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, PGPASSWORD: decodeURIComponent(parsed.password) } })
  const busy = busySince(busyBefore)
  rmSync(scriptFile, { force: true })
  if (result.status !== 0) throw new Error(`psql failed: ${result.stderr}`)
  // psql prints "Time: 123.456 ms" after each \copy: the time the server took, without psql's start-up.
  const times = [...result.stdout.matchAll(/Time: ([\d.]+) ms/g)].map(m => Number(m[1]))
  const rows = Number(/^\s*(\d+)\s*$/m.exec(result.stdout)?.[1] ?? 0)
  return { seconds: times.reduce((s, t) => s + t, 0) / 1000, rows, busy }
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

async function timeAnalyses(database: DatabaseHandle, services: ReturnType<typeof createServices>, deps: AppDeps, runs: number) {
  const db = database.db
  const partnership = await db.insertInto('partnerships').values({ name: `Benchmark Partnership ${Date.now()}`, isPublished: true }).returningAll().executeTakeFirstOrThrow()
  for (const [name, code] of [['Castle Point', 'E07000069'], ['Rochford', 'E07000075']]) {
    await db.insertInto('areas').values({ partnershipId: partnership.id, type: 'district', name: name!, code }).execute()
  }
  const ctx = {
    partnership: { id: partnership.id, name: partnership.name, shortName: null, isPublished: true },
    access: 'public' as const,
    actor: ACTOR,
    signedIn: false,
    personId: null,
  }
  const period = { from: '2024-10', to: '2025-09' }
  const pd = services.policeData
  const cases: [string, () => Promise<unknown>][] = [
    ['overview (partnership area, 12 months + 36-month trend)', async () => pd.assessment(await pd.query(ctx, 'partnership', period))],
    ['overview (a ward)', async () => pd.assessment(await pd.query(ctx, 'ward:E05010851', period))],
    ['hotspots (wards and LSOAs)', async () => pd.hotspots(await pd.query(ctx, 'partnership', period))],
    ['districts compared (force area)', async () => pd.comparison(await pd.query(ctx, 'partnership', period), 'force')],
    ['indicator seam: countsByMonth, 36 months', () => pd.countsByMonth({ crimeTypes: ['Anti-social behaviour'], areaCodes: ['E07000075'], from: '2022-10', to: '2025-09' })],
  ]
  const app = createApp(deps, services)
  const server = app.listen(0)
  await new Promise<void>(resolve => server.once('listening', () => resolve()))
  const port = (server.address() as AddressInfo).port
  const pages = ['', '/crime-types', '/trends', '/hotspots', '/map', '/districts', '/map?group=county', '/districts?group=county']
  for (const pagePath of pages) {
    const url = `http://127.0.0.1:${port}/partnerships/${partnership.id}/strategic-assessment${pagePath}${pagePath.includes('?') ? '&' : '?'}from=${period.from}&to=${period.to}`
    cases.push([`page GET /strategic-assessment${pagePath}`, async () => {
      const res = await fetch(url)
      if (res.status !== 200) throw new Error(`${url} → ${res.status}`)
      await res.text()
    }])
  }
  const results: { name: string; median: number; p95: number }[] = []
  for (const [name, run] of cases) {
    await run() // warm up
    const times: number[] = []
    for (let i = 0; i < runs; i++) {
      const started = performance.now()
      await run()
      times.push(performance.now() - started)
    }
    results.push({ name, median: percentile(times, 50), p95: percentile(times, 95) })
  }
  await new Promise<void>(resolve => server.close(() => resolve()))
  return results
}

function printAnalyses(results: { name: string; median: number; p95: number }[]) {
  for (const r of results) log(`    ${r.name.padEnd(58)} median ${r.median.toFixed(0).padStart(5)} ms   p95 ${r.p95.toFixed(0).padStart(5)} ms`)
}

// --- The run ------------------------------------------------------------------------------------------

/** PGlite's own COPY … FROM '/dev/blob' of the same files, one file a statement, into a bare table with police_records' columns. */
async function timePgliteCopy(database: DatabaseHandle, files: ImportFile[]): Promise<{ seconds: number; rows: number }> {
  return database.withRawConnection(async connection => {
    if (connection.kind !== 'pglite') throw new Error('PGlite only')
    const client = connection.client
    await client.exec(
      `drop table if exists bench_bare_records; ${BARE_TABLE}`,
    )
    let seconds = 0
    for (const file of files) {
      // Reading the file is not timed, as psql's start-up is not: only the statement.
      const blob = new Blob([await readFile(file.path)])
      const started = performance.now()
      await client.query(`copy bench_bare_records (${BARE_COLUMNS}) from '/dev/blob' with (format csv, header true)`, [], { blob })
      seconds += (performance.now() - started) / 1000
    }
    const rows = Number((await client.query<{ count: number }>('select count(*)::int as count from bench_bare_records')).rows[0]!.count)
    await client.exec('drop table bench_bare_records')
    return { seconds, rows }
  })
}

/**
 * PGlite's floor for the import, with no work in Node at all: the same files copied into a table like
 * police_records as the import copies them (the force from the transaction's setting; the block-range index),
 * and the counts by LSOA the import wrote for those files (it must have run), copied again into a table like
 * police_counts.
 * Nothing is checked or counted, yet this is the least the database does for an import, on its one thread.
 */
async function timePgliteFloor(database: DatabaseHandle, files: ImportFile[]): Promise<{ records: number; counts: number; countRows: number }> {
  return database.withRawConnection(async connection => {
    if (connection.kind !== 'pglite') throw new Error('PGlite only')
    const client = connection.client
    await client.exec('drop table if exists bench_records; drop table if exists bench_counts; create table bench_records (like police_records including all); create table bench_counts (like police_counts including all)')
    let records = 0
    for (const file of files) {
      const blob = new Blob([await readFile(file.path)])
      const force = parseStreetFileName(file.name)?.force ?? 'x'
      const started = performance.now()
      await client.exec('begin')
      await client.query("select set_config('csp_hub.import_force', $1, true)", [force])
      await client.query(`copy bench_records (${BARE_COLUMNS}) from '/dev/blob' with (format csv, header true)`, [], { blob })
      await client.exec('commit')
      records += (performance.now() - started) / 1000
    }
    const held = files.map(f => parseStreetFileName(f.name)).filter(name => name !== null).map(name => `('${name.force}', '${name.month}-01'::date)`)
    const dump = await client.query(`copy (select * from police_counts where (force, month) in (${held.join(', ')})) to '/dev/blob'`)
    const started = performance.now()
    await client.query('copy bench_counts from \'/dev/blob\'', [], { blob: dump.blob! })
    const counts = (performance.now() - started) / 1000
    const countRows = Number((await client.query<{ count: number }>('select count(*)::int as count from bench_counts')).rows[0]!.count)
    await client.exec('drop table bench_records; drop table bench_counts')
    return { records, counts, countRows }
  })
}
const floorLine = (floor: Awaited<ReturnType<typeof timePgliteFloor>>, bare: { seconds: number }) =>
  `The floor, with no work in Node: the files COPY'd into a table like police_records ${floor.records.toFixed(1)} s, and the ${n(floor.countRows)} counts by LSOA ${floor.counts.toFixed(1)} s: a ratio of at most ${(bare.seconds / (floor.records + floor.counts)).toFixed(2)} (${load()})`

const commandLine = (command: ReturnType<typeof timeCommand>, anchor: { seconds: number; rows: number }, anchorName: string) =>
  `The command \`csp-hub import police-uk\` on the same files, in its own process (${command.build}): ${n(command.rowsPerSecond)} rows/s, ratio ${(command.rowsPerSecond / (anchor.rows / anchor.seconds)).toFixed(2)} of ${anchorName}; peak memory ${n(command.peakRssMb)} MB (goal ≤ 500 MB) (${load()})`
const ratio = (ours: ImportFigures, anchor: { seconds: number; rows: number }) => (ours.rowsPerSecond / (anchor.rows / anchor.seconds)).toFixed(2)
const memoryLine = (figures: ImportFigures) =>
  `peak RSS ${mb(figures.peakRss)}, peak JS heap ${mb(figures.peakHeap)}; RSS at each tenth of the data: ${figures.rssByDecile.map(r => n(r / 1024 / 1024)).join(', ')} MB`

/** A new database on the PostgreSQL server; `drop` removes it (unless --keep). */
async function serverDatabase(name: string): Promise<{ url: URL; drop: () => Promise<void> }> {
  const database = await createServerDatabase(SERVER, name, { replace: true })
  return { url: new URL(database.url), drop: async () => (flag('keep') ? undefined : database.drop()) }
}

/**
 * --archive: the whole archive, all 43 forces × 5 years (about 30 million rows), into PostgreSQL: the import
 * rate, the disk it takes per million rows, and every strategic assessment page's p95 with it all held.
 */
async function archive(work: string) {
  const started = performance.now()
  const dir = path.join(work, 'all-forces-60-months')
  const rows = await generateAllForces(dir, monthRange('2020-10', '2025-09'))
  const files = await listPoliceFiles([dir])
  log(`Generated in ${((performance.now() - started) / 1000).toFixed(0)} s: all ${FORCES.length} forces × 60 months, ${n(rows)} rows (${files.length} files, ${mb(files.reduce((s, f) => s + f.size, 0))})`)
  const { url, drop } = await serverDatabase(`csp_hub_bench_archive_${process.pid}`)
  try {
    const database = await createDatabase({ databaseUrl: url.toString(), poolSize: 4 })
    await migrateToLatest(database.db)
    const { deps, services } = await openApp(database)
    await loadGeography(services)
    const sizeOf = async () => {
      const client = new pg.Client({ connectionString: url.toString() })
      await client.connect()
      try {
        const result = await client.query(
          "select coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint as bytes from pg_class c join pg_namespace s on s.oid = c.relnamespace where s.nspname = 'public' and c.relkind = 'r' and c.relname like 'police%'",
        )
        return Number(result.rows[0].bytes)
      } finally {
        await client.end()
      }
    }
    const before = await sizeOf()
    const figures = await timeImport(services, files, 'PostgreSQL, the whole archive')
    const bytes = (await sizeOf()) - before
    log(`\nPostgreSQL (${SERVER.replace(/:[^:@/]+@/, ':…@')}), the whole archive:`)
    log(`  ${n(figures.rows)} rows in ${figures.seconds.toFixed(0)} s = ${n(figures.rowsPerSecond)} rows/s (${load()})`)
    log(`  Disk: ${mb(bytes)} for the police tables and their indexes = ${mb(bytes / (figures.rows / 1e6))} per million rows`)
    log(`  Memory: ${memoryLine(figures)}`)
    log(`  Pages and analyses with the whole archive held (${flag('quick') ? 5 : 20} runs each; goals: a partnership's pages ≤ 100 ms, force-wide and county comparisons ≤ 300 ms):`)
    printAnalyses(await timeAnalyses(database, services, deps, flag('quick') ? 5 : 20))
    await database.close()
  } finally {
    await drop()
  }
}

async function main() {
  if (flag('archive')) {
    const work = mkdtempSync(path.join(os.tmpdir(), 'csp-hub-bench-archive-'))
    log(`CSP Hub whole-archive benchmark — ${new Date().toISOString().slice(0, 16)}Z, ${os.cpus().length} CPUs, Node ${process.version}, ${load()}`)
    try {
      await archive(work)
    } finally {
      if (!flag('keep')) rmSync(work, { recursive: true, force: true })
    }
    return
  }
  if (!existsSync(path.join(DATA, 'police-uk'))) throw new Error(`No real data in ${DATA}: give --data DIR (laid out like shared/data/real)`)
  const only = option('only')
  if (only && only !== 'postgres' && only !== 'pglite') throw new Error('--only takes postgres or pglite')
  const sets = new Set((option('sets') ?? 'essex,all').split(','))
  if ([...sets].some(set => set !== 'essex' && set !== 'all')) throw new Error('--sets takes essex, all or essex,all')
  const runs = flag('quick') ? 10 : 30
  const work = mkdtempSync(path.join(os.tmpdir(), 'csp-hub-bench-'))
  log(`CSP Hub import benchmark — ${new Date().toISOString().slice(0, 16)}Z, ${os.cpus().length} CPUs, Node ${process.version}, ${load()}`)
  log(`Real files: ${DATA}`)
  log(`Generated files and the PGlite database: ${work}`)
  try {
    let started = performance.now()
    const force36Dir = path.join(work, 'essex-36-months')
    const allDir = path.join(work, 'all-forces-12-months')
    const force36Rows = await generateForce36(force36Dir)
    const allRows = sets.has('all') ? await generateAllForces(allDir) : 0
    const force36 = await listPoliceFiles([force36Dir])
    const all = sets.has('all') ? await listPoliceFiles([allDir]) : []
    const size = (files: ImportFile[]) => files.reduce((s, f) => s + f.size, 0)
    log(`Generated in ${((performance.now() - started) / 1000).toFixed(0)} s: Essex × 36 months ${n(force36Rows)} rows (${force36.length} files, ${mb(size(force36))})${sets.has('all') ? `; all ${FORCES.length} forces × 12 months ${n(allRows)} rows (${all.length} files, ${mb(size(all))})` : ''}`)
    // The 36-month data is imported (for the analyses) even when only the all-forces set is compared.

    if (only !== 'pglite') {
      const { url, drop } = await serverDatabase(`csp_hub_bench_${process.pid}`)
      try {
        const database = await createDatabase({ databaseUrl: url.toString(), poolSize: 4 })
        await migrateToLatest(database.db)
        const { deps, services } = await openApp(database)
        started = performance.now()
        await loadGeography(services)
        log(`\nPostgreSQL (${SERVER.replace(/:[^:@/]+@/, ':…@')}): ONS geography loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`)
        const pg36 = await timeImport(services, force36, 'PostgreSQL, Essex × 36')
        if (sets.has('essex')) {
          const psql36 = timePsqlCopy(url.toString(), force36)
          log(`  Essex × 36 months:      ${n(pg36.rows)} rows in ${pg36.seconds.toFixed(1)} s = ${n(pg36.rowsPerSecond)} rows/s; psql \\copy ${psql36.seconds.toFixed(1)} s = ${n(psql36.rows / psql36.seconds)} rows/s; ratio ${ratio(pg36, psql36)} (${load()})`)
          log(`    Memory: ${memoryLine(pg36)}`)
          log(cpuLine(pg36, psql36))
          log(`  Analyses on the 36-month data (${runs} runs each):`)
          printAnalyses(await timeAnalyses(database, services, deps, runs))
          await sql.raw(EMPTY_POLICE_TABLES).execute(database.db)
          const command = timeCommand({ DATABASE_URL: url.toString() }, force36Dir, pg36.rows)
          log(`  ${commandLine(command, psql36, 'psql \\copy')}`)
        }
        if (sets.has('all')) {
          const pgAll = await timeImport(services, all, 'PostgreSQL, all forces')
          const psqlAll = timePsqlCopy(url.toString(), all)
          log(`  All forces × 12 months: ${n(pgAll.rows)} rows in ${pgAll.seconds.toFixed(1)} s = ${n(pgAll.rowsPerSecond)} rows/s; psql \\copy ${psqlAll.seconds.toFixed(1)} s = ${n(psqlAll.rows / psqlAll.seconds)} rows/s; ratio ${ratio(pgAll, psqlAll)} (${load()})`)
          log(`    Memory: ${memoryLine(pgAll)}`)
          log(cpuLine(pgAll, psqlAll))
          log(`  ${await timeReplacements(services, all)}`)
          log(`  Analyses with all forces held (12 + 36 months):`)
          printAnalyses(await timeAnalyses(database, services, deps, flag('quick') ? 5 : 10))
          await sql.raw(EMPTY_POLICE_TABLES).execute(database.db)
          const command = timeCommand({ DATABASE_URL: url.toString() }, allDir, pgAll.rows)
          log(`  ${commandLine(command, psqlAll, 'psql \\copy')}`)
        }
        await database.close()
      } finally {
        await drop()
      }
    }

    if (only !== 'postgres') {
      // The command (timeCommand) finds this folder as CSP_HUB_DATA_DIR/pglite.
      const folder = path.join(work, 'pglite')
      let database = await createDatabase({ dataDir: folder })
      await migrateToLatest(database.db)
      const { deps, services } = await openApp(database)
      started = performance.now()
      await loadGeography(services)
      log(`\nPGlite (data folder ${folder}): ONS geography loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`)
      const lite36 = await timeImport(services, force36, 'PGlite, Essex × 36')
      let bare36: { seconds: number; rows: number } | undefined
      let bareAll: { seconds: number; rows: number } | undefined
      let liteAll: ImportFigures | undefined
      if (sets.has('essex')) {
        bare36 = await timePgliteCopy(database, force36)
        log(`  Essex × 36 months:      ${n(lite36.rows)} rows in ${lite36.seconds.toFixed(1)} s = ${n(lite36.rowsPerSecond)} rows/s; PGlite's bare COPY FROM '/dev/blob' ${bare36.seconds.toFixed(1)} s = ${n(bare36.rows / bare36.seconds)} rows/s; ratio ${ratio(lite36, bare36)} (${load()})`)
        log(`    Memory: ${memoryLine(lite36)}`)
        log(`    ${floorLine(await timePgliteFloor(database, force36), bare36)}`)
        log(`  Analyses on the 36-month data (${runs} runs each):`)
        printAnalyses(await timeAnalyses(database, services, deps, runs))
      }
      if (sets.has('all') && !flag('skip-pglite-forces')) {
        liteAll = await timeImport(services, all, 'PGlite, all forces')
        bareAll = await timePgliteCopy(database, all)
        log(`  All forces × 12 months: ${n(liteAll.rows)} rows in ${liteAll.seconds.toFixed(1)} s = ${n(liteAll.rowsPerSecond)} rows/s; PGlite's bare COPY FROM '/dev/blob' ${bareAll.seconds.toFixed(1)} s = ${n(bareAll.rows / bareAll.seconds)} rows/s; ratio ${ratio(liteAll, bareAll)} (${load()})`)
        log(`    Memory: ${memoryLine(liteAll)}`)
        log(`  ${await timeReplacements(services, all)}`)
      }
      // The command, in its own process, on the same files: the database is emptied of police data first.
      for (const [files, dir, figures, bare] of [[force36, force36Dir, lite36, bare36], [all, allDir, liteAll, bareAll]] as const) {
        if (!figures || !bare) continue
        await sql.raw(EMPTY_POLICE_TABLES).execute(database.db)
        await database.close()
        const command = timeCommand({ CSP_HUB_DATA_DIR: work }, dir, figures.rows)
        log(`  ${files === all ? 'All forces' : 'Essex × 36'}: ${commandLine(command, bare, "PGlite's bare COPY")}`)
        database = await createDatabase({ dataDir: folder })
      }
      await database.close()
    }
    log('\nContains public sector information licensed under the Open Government Licence v3.0.')
  } finally {
    if (!flag('keep')) rmSync(work, { recursive: true, force: true })
  }
}

await main()
process.exit(0)
