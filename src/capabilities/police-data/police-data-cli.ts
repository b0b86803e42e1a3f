import { createWriteStream } from 'node:fs'
import path from 'node:path'

import type { Command } from 'commander'
import { stringify } from 'csv-stringify/sync'

import type { DatabaseHandle } from '../../db/database.ts'
import { ValidationError } from '../../shared/errors.ts'
import { peakMemoryBytes } from '../../shared/peak-memory.ts'
import { CSV_OPTIONS, neutralise } from '../../shared/spreadsheet.ts'
import type { Actor } from '../../core/audit/audit-entry.ts'

import type { ImportFileOutcome } from './police-data-tables.ts'
import type { OnsImporter } from './ons-import.ts'
import { listPoliceFiles } from './police-import-files.ts'
import type { ImportProgress, PoliceImporter } from './police-import.ts'

/**
 * `csp-hub import police-uk | ons-lookup | population`. Registered by src/cli.ts, which opens and
 * migrates the database and hands the services over.
 */

/** The services the commands use. */
interface CliServices {
  policeImporter: PoliceImporter
  onsImporter: OnsImporter
}
type WithServices = <T>(fn: (services: CliServices, deps: unknown, database: DatabaseHandle) => Promise<T>) => Promise<T>

const CLI_ACTOR: Actor = { userId: null, label: 'command line' }

const formatDuration = (seconds: number) => {
  if (!Number.isFinite(seconds)) return '–'
  const s = Math.max(0, Math.round(seconds))
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const rest = String(s % 60).padStart(2, '0')
  return h ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`
}
const n = (value: number) => Math.round(value).toLocaleString('en-GB')
const count = (value: number, noun: string) => `${n(value)} ${value === 1 ? noun : `${noun}s`}`

/** A one-line progress bar on stderr (rows, rows a second, ETA) when it is a terminal; quiet otherwise. */
function progressBar(stream: NodeJS.WriteStream = process.stderr) {
  const started = Date.now()
  let last = 0
  let peakRss = 0
  let lastLine = ''
  return {
    update(p: ImportProgress, force = false) {
      peakRss = Math.max(peakRss, process.memoryUsage().rss)
      const now = Date.now()
      if (!force && now - last < 200) return
      last = now
      const seconds = Math.max(0.001, (now - started) / 1000)
      const fraction = p.bytesTotal ? Math.min(1, p.bytesDone / p.bytesTotal) : 0
      const rate = p.rowsDone / seconds
      const eta = fraction > 0 ? (seconds / fraction) * (1 - fraction) : Infinity
      const width = 24
      const filled = Math.round(fraction * width)
      lastLine = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.floor(fraction * 100)).padStart(3)}%  ${n(p.rowsDone)} rows  ${n(rate)} rows/s  ETA ${formatDuration(eta)}  ${p.file} (${p.fileIndex + 1}/${p.fileCount})`
      if (stream.isTTY) stream.write(`\r${lastLine.slice(0, (stream.columns ?? 120) - 1).padEnd((stream.columns ?? 120) - 1)}`)
    },
    done() {
      if (stream.isTTY && lastLine) stream.write('\n')
      const peak = Math.max(peakRss, peakMemoryBytes())
      return { seconds: (Date.now() - started) / 1000, peakRssMb: Math.round(peak / 1024 / 1024) }
    },
  }
}

function printOutcome(outcome: ImportFileOutcome): void {
  if (outcome.status === 'imported') {
    console.log(`✓ ${outcome.name}: ${outcome.force} ${outcome.month}, ${count(outcome.rows ?? 0, 'row')}${outcome.skipped ? `, ${count(outcome.skipped, 'bad row')} skipped` : ''}${outcome.replaced ? ' (replaced the month held)' : ''}. ${outcome.message ?? ''}`)
    return
  }
  console.log(`✗ ${outcome.name}${outcome.force ? ` (${outcome.force} ${outcome.month ?? ''})` : ''}: ${outcome.message ?? 'not imported'}. Nothing of this file was kept.`)
  for (const p of (outcome.problems ?? []).slice(0, 20)) console.log(`    line ${p.line}${p.column ? `, ${p.column}` : ''}: ${p.message}`)
  const more = (outcome.problemCount ?? 0) - Math.min(20, outcome.problems?.length ?? 0)
  if (more > 0) console.log(`    … and ${n(more)} more`)
}

export function registerPoliceDataCommands(program: Command, withServices: WithServices): void {
  const importCommand = program.commands.find(c => c.name() === 'import') ?? program.command('import').description('Import data from files.')

  importCommand
    .command('police-uk')
    .description(
      'Import police.uk street-level crime CSV files: files, folders, or the archive layout YYYY-MM/YYYY-MM-<force>-street.csv. A force-month imported again replaces the one held. A file with any bad row is not imported at all (each problem is listed with its line), unless --skip-bad-rows.',
    )
    .argument('<paths...>', 'files or folders')
    .option('--skip-bad-rows', 'import the good rows of a file and skip the bad ones, writing them to a report', false)
    .option('--report <file>', 'where to write the skipped rows (with --skip-bad-rows; default police-uk-skipped-rows-<time>.csv)')
    .action(async (paths: string[], options: { skipBadRows: boolean; report?: string }) => {
      const files = await listPoliceFiles(paths)
      await withServices(async services => {
        const bar = progressBar()
        let report: ReturnType<typeof createWriteStream> | undefined
        let reportPath: string | undefined
        let skipped = 0
        if (options.skipBadRows) {
          reportPath = path.resolve(options.report ?? `police-uk-skipped-rows-${new Date().toISOString().replace(/[-:]/g, '').slice(0, 15)}.csv`)
        }
        const outcomes = await services.policeImporter.importFiles(files, {
          actor: CLI_ACTOR,
          skipBadRows: options.skipBadRows,
          onProgress: p => bar.update(p),
          onSkipped: row => {
            if (!report) {
              report = createWriteStream(reportPath!)
              report.write(`\uFEFF${stringify([['File', 'Line', 'Column', 'Problem', 'Row as read']], CSV_OPTIONS)}`)
            }
            skipped++
            report.write(stringify([[row.file, row.line, row.column ?? '', row.message, row.row.join(',')].map(v => String(neutralise(v) ?? ''))], CSV_OPTIONS))
          },
          onFileDone: outcome => {
            if (process.stderr.isTTY) process.stderr.write('\r\x1b[K')
            printOutcome(outcome)
          },
        })
        const { seconds, peakRssMb } = bar.done()
        if (report) await new Promise<void>(resolve => report!.end(resolve))
        const imported = outcomes.filter(o => o.status === 'imported')
        const rows = imported.reduce((s, o) => s + (o.rows ?? 0), 0)
        console.log(`${imported.length} of ${count(outcomes.length, 'file')} imported: ${count(rows, 'row')} in ${formatDuration(seconds)} (${n(rows / Math.max(seconds, 0.001))} rows/s; peak memory ${peakRssMb} MB).`)
        if (skipped) console.log(`${count(skipped, 'bad row')} skipped; listed in ${reportPath}.`)
        console.log('Contains public sector information licensed under the Open Government Licence v3.0.')
        const failed = outcomes.length - imported.length
        if (failed) throw new ValidationError({ import: `${failed} of ${outcomes.length} files could not be imported; nothing of ${failed === 1 ? 'it' : 'them'} was kept (see above).` })
      })
    })

  importCommand
    .command('ons-lookup')
    .description(
      'Import ONS geography: LSOA (2011 or 2021) to ward to district lookups, the LSOA 2011 to 2021 best-fit lookup, ward to district and district to county lookups, or district boundaries (GeoJSON, LADyyNM). Recognised by their columns.',
    )
    .argument('<files...>', 'ONS CSV or GeoJSON files')
    .action(async (files: string[]) => {
      await withServices(async services => {
        for (const file of files) {
          const result = await services.onsImporter.importFile(file, { actor: CLI_ACTOR })
          console.log(`✓ ${result.file}: ${result.description}, ${n(result.rows)} rows.`)
        }
        console.log('Source: Office for National Statistics licensed under the Open Government Licence v3.0.')
      })
    })

  importCommand
    .command('population')
    .description('Import ONS mid-year population estimates: by district (Code, Name, All ages) or by ward by single year of age (ward, 0, 1, … 90).')
    .argument('<files...>', 'ONS population CSV files')
    .option('--mid-year <year>', 'the mid-year of the estimates, when the file name does not say it (e.g. 2020)')
    .action(async (files: string[], options: { midYear?: string }) => {
      const midYear = options.midYear === undefined ? undefined : Number(options.midYear)
      if (midYear !== undefined && !(Number.isInteger(midYear) && midYear >= 1990 && midYear <= 2100)) throw new ValidationError({ midYear: '--mid-year must be a year, like 2020' })
      await withServices(async services => {
        for (const file of files) {
          const result = await services.onsImporter.importFile(file, { actor: CLI_ACTOR, midYear })
          console.log(`✓ ${result.file}: ${result.description}, ${n(result.rows)} rows.`)
        }
        console.log('Source: Office for National Statistics licensed under the Open Government Licence v3.0.')
      })
    })
}
