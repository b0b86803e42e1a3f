import { auditSnapshot, type Actor } from '../../core/audit/audit-entry.ts'
import { monthStart, type Month } from '../../core/calendar/index.ts'
import type { DatabaseHandle } from '../../db/database.ts'

import { CsvFatalError, type CsvRecord } from './domain/csv-records.ts'
import type { Placement } from './domain/geography.ts'
import {
  copyRow,
  recordCsvLine,
  forceSlug,
  headerProblem,
  parseStreetFileName,
  PoliceRowChecker,
  RECORD_COPY_COLUMNS,
  vintageOf,
  type CheckedRow,
  type RowProblem,
} from './domain/police-rows.ts'
import type { ImportFileOutcome } from './police-data-tables.ts'
import { rawTx, type CopySink, type RawCopySink } from './police-import-copy.ts'
import { heldMonths, loadPlacement, summariseNewRanges } from './police-import-held.ts'
import { listPoliceFiles, readAhead, recordBatches, type Batch, type ImportFile } from './police-import-files.ts'

/**
 * Imports police.uk street-level CSV files, streaming: the file is read in pieces, each row checked and
 * written to the database with COPY as it comes (pg-copy-streams on PostgreSQL; on PGlite, COPY FROM
 * '/dev/blob' with a few megabytes at a time), so memory stays flat whatever the file size.
 *
 * One transaction per file: the force-month's earlier rows are deleted and the new ones copied in, so a
 * file imported again replaces its month, and a process killed half-way leaves the earlier data as it
 * was. A bad row (or header, or a cut-short file) makes the whole file fail with every problem listed
 * (file, line, column); with `skipBadRows` the good rows are imported and the bad ones reported.
 */

export interface ImportProgress {
  file: string
  fileIndex: number
  fileCount: number
  /** Bytes read so far, over every file of the run. */
  bytesDone: number
  bytesTotal: number
  /** Rows read so far in this run. */
  rowsDone: number
}

export interface SkippedRow {
  file: string
  line: number
  column: string | null
  message: string
  row: string[]
}

export interface PoliceImportOptions {
  actor: Actor
  skipBadRows?: boolean | undefined
  partnershipId?: number | null | undefined
  onProgress?: ((progress: ImportProgress) => void) | undefined
  /** Each skipped row (with skipBadRows), for the report. */
  onSkipped?: ((row: SkippedRow) => void) | undefined
  /** Called after each file, with its outcome (for job progress). */
  onFileDone?: ((outcome: ImportFileOutcome, index: number) => void | Promise<void>) | undefined
}

const MAX_LISTED_PROBLEMS = 100
/** PGlite: the largest file whose bytes go to COPY in one statement (a larger one is read row by row). */
const PGLITE_BYTES_LIMIT = 128 * 1024 * 1024
/** Said by importOne when the file's bytes could not go to COPY as they are: read it again, row by row. */
const RETRY_ROW_BY_ROW = Symbol('retry row by row')

/**
 * An error in the data COPY was given (SQLSTATE class 22, data exception, which includes 22P04 bad copy file
 * format; 08P01, protocol violation; 23502, a null where none may be), as opposed to a lost connection or a
 * server that stopped.
 */
function isDatabaseDataError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && (code.startsWith('22') || code === '08P01' || code === '23502')
}
const rejoin = (fields: readonly string[]) => fields.map(f => (/[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f))

export function policeImporter(database: DatabaseHandle) {
  const { db } = database

  async function importFiles(files: readonly ImportFile[], options: PoliceImportOptions): Promise<ImportFileOutcome[]> {
    const [placement, heldBefore] = await Promise.all([loadPlacement(db), heldMonths(db)])
    const bytesTotal = files.reduce((sum, f) => sum + f.size, 0)
    let bytesDone = 0
    let rowsDone = 0
    const inFlight = new Map<number, { bytes: number; rows: number }>()
    const outcomes: ImportFileOutcome[] = new Array<ImportFileOutcome>(files.length)
    const seenMonths = new Map<string, string>()
    const replacing = { heldBefore, insertedSinceSummary: true }
    // PostgreSQL takes two files at once, on two connections (each in its own transaction), so one file's
    // rows are copied while the other's counts are written and committed. That needs every file named as
    // police.uk names them, so two files of the same force-month never run together; PGlite has one
    // connection, and reads the next file ahead instead.
    const named = files.map(f => parseStreetFileName(f.name))
    const concurrency = database.kind === 'postgres' && named.every(Boolean) ? 2 : 1
    const running = new Map<string, Promise<unknown>>()
    const readers = new Map<number, ReturnType<typeof readAhead>>()
    const reader = (index: number) => {
      let existing = readers.get(index)
      if (!existing && files[index]) {
        existing = readAhead(recordBatches(files[index]!))
        readers.set(index, existing)
      }
      return existing
    }
    let next = 0
    const worker = async () => {
      for (;;) {
        const index = next++
        const file = files[index]
        if (!file) return
        const key = named[index] ? `${named[index]!.force} ${named[index]!.month}` : `#${index}`
        while (running.has(key)) await running.get(key)!.catch(() => undefined)
        const batches = reader(index)!
        if (concurrency === 1) reader(index + 1)
        inFlight.set(index, { bytes: 0, rows: 0 })
        const progress = (bytesRead: number, rows: number) => {
          inFlight.set(index, { bytes: bytesRead, rows })
          let bytes = bytesDone
          let done = rowsDone
          for (const f of inFlight.values()) {
            bytes += f.bytes
            done += f.rows
          }
          options.onProgress?.({ file: file.name, fileIndex: index, fileCount: files.length, bytesDone: bytes, bytesTotal, rowsDone: done })
        }
        const task = (async () => {
          const first = await importOne(file, batches, placement, options, progress, seenMonths, replacing, 'bytes').finally(() => batches.close())
          if (first !== RETRY_ROW_BY_ROW) return first
          // The file's bytes could not go to COPY as they are (see importOne): the file again, row by row.
          const again = readAhead(recordBatches(file))
          const second = await importOne(file, again, placement, options, progress, seenMonths, replacing, 'rows').finally(() => again.close())
          if (second === RETRY_ROW_BY_ROW) throw new Error('unreachable: a row-by-row import does not ask to be tried again')
          return second
        })()
        running.set(key, task)
        const outcome = await task.finally(() => running.delete(key))
        readers.delete(index)
        inFlight.delete(index)
        outcomes[index] = outcome
        bytesDone += file.size
        rowsDone += (outcome.rows ?? 0) + (outcome.skipped ?? 0)
        await options.onFileDone?.(outcome, index)
      }
    }
    await Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, () => worker()))
    if (outcomes.some(o => o.status === 'imported')) {
      // Fresh statistics after a bulk load, so the planner picks the indexes.
      await database.withRawConnection(async connection => {
        await rawTx(connection).query('analyze police_counts; analyze police_district_counts; analyze police_months')
      })
    }
    return outcomes
  }

  async function importOne(
    file: ImportFile,
    batches: AsyncGenerator<Batch>,
    placement: Placement,
    options: PoliceImportOptions,
    progress: (bytesRead: number, rows: number) => void,
    seenMonths: Map<string, string>,
    replacing: { heldBefore: ReadonlySet<string>; insertedSinceSummary: boolean },
    how: 'bytes' | 'rows',
  ): Promise<ImportFileOutcome | typeof RETRY_ROW_BY_ROW> {
    const fromName = parseStreetFileName(file.name)
    const problems: RowProblem[] = []
    let problemCount = 0
    const failed = (message: string): ImportFileOutcome => ({
      name: file.name,
      status: 'failed',
      force: fromName?.force,
      month: fromName?.month,
      message,
      problems: problems.slice(0, MAX_LISTED_PROBLEMS),
      problemCount,
    })
    if (file.size === 0) return failed('The file is empty')

    // Read up to the first data row: the header must be police.uk's, and the first row (or the file's
    // name) says which force and month the file holds.
    const pending: CsvRecord[] = []
    /** The bytes those records came from, for a COPY of the file's bytes as they are. */
    const pendingBytes: Uint8Array[] = []
    let header: CsvRecord | undefined
    let bytesRead = 0
    try {
      while (!header || pending.length === 0) {
        const next = await batches.next()
        if (next.done) break
        bytesRead = next.value.bytesRead
        pendingBytes.push(next.value.bytes)
        for (const record of next.value.records) {
          if (!header) header = record
          else pending.push(record)
        }
      }
    } catch (error) {
      if (error instanceof CsvFatalError) return failed(`Line ${error.line}: ${error.message}`)
      throw error
    }
    if (!header) return failed('The file is empty')
    const badHeader = header.problem ?? headerProblem(header.fields)
    if (badHeader) return failed(`Line 1: ${badHeader}`)
    if (!pending.length) return failed('The file has a header but no rows')

    const checker = new PoliceRowChecker(placement, fromName?.month ?? null)
    const firstGood = pending.find(r => /^\d{4}-\d{2}$/.test(r.fields[1] ?? '') && (r.fields[3] ?? '').trim())
    const month: Month | undefined = fromName?.month ?? firstGood?.fields[1]
    const forceName = (firstGood ?? pending[0]!).fields[3]?.trim() ?? ''
    const force = fromName?.force ?? (forceName ? forceSlug(forceName) : undefined)
    if (!month || !force) return failed('No row says which month and force the file holds, and its name does not (name files like 2024-01-essex-street.csv)')
    checker.month = month
    const monthKey = `${force} ${month}`
    const earlierInRun = seenMonths.get(monthKey)
    seenMonths.set(monthKey, file.name)
    /** Give up the COPY of the file's bytes: the file is read again, row by row, as if this never happened. */
    const retry = (): typeof RETRY_ROW_BY_ROW => {
      if (earlierInRun === undefined) seenMonths.delete(monthKey)
      else seenMonths.set(monthKey, earlierInRun)
      return RETRY_ROW_BY_ROW
    }
    // The fastest way: the file's bytes go to COPY as they are (the server reads the CSV; no line is written
    // again here) while every row is checked and counted here, as it would be row by row. It holds only while
    // every line is plain (no quotes, nothing trimmed), so the server reads exactly the fields checked here,
    // and the server copies as many rows as were checked; else the file is read again row by row. Bad rows
    // are only skipped row by row. PGlite takes the bytes in one statement, so only files of a bounded size.
    const asBytes = how === 'bytes' && !options.skipBadRows && (database.kind === 'postgres' || file.size <= PGLITE_BYTES_LIMIT)
    let plain = true

    let rows = 0
    let skipped = 0
    let withoutLocation = 0
    let placedByName = 0
    const vintage = { only2011: 0, only2021: 0 }
    // Rows counted by LSOA ('' for no location) and crime type, for police_counts.
    const counts = new Map<string, { districtCode: string | null; types: Map<string, number> }>()
    const newPlaces = new Map<string, { name: string; districtCode: string }>()
    const monthDate = monthStart(month)

    /** Check one record; its COPY line (empty when the bytes are copied as they are), or null when it is bad (recorded in problems). */
    const take = (record: CsvRecord): string | null => {
      const result: CheckedRow | RowProblem[] = record.problem
        ? [{ line: record.line, column: null, message: record.problem }]
        : checker.check(record.line, record.fields, record.raw)
      if (Array.isArray(result)) {
        problemCount += result.length
        for (const p of result) {
          if (problems.length < MAX_LISTED_PROBLEMS) problems.push(p)
          if (options.skipBadRows) options.onSkipped?.({ file: file.name, ...p, row: rejoin(record.fields) })
        }
        if (options.skipBadRows) skipped++
        return null
      }
      rows++
      const lsoa = result.fields[7]!
      if (!lsoa) withoutLocation++
      else {
        if (result.vintage === 2011) vintage.only2011++
        else if (result.vintage === 2021) vintage.only2021++
        if (result.placedByName) {
          placedByName++
          if (!newPlaces.has(lsoa)) newPlaces.set(lsoa, { name: result.fields[8]!, districtCode: result.districtCode! })
        }
      }
      let entry = counts.get(lsoa)
      if (!entry) {
        entry = { districtCode: result.districtCode, types: new Map() }
        counts.set(lsoa, entry)
      }
      const crimeType = result.fields[9]!
      entry.types.set(crimeType, (entry.types.get(crimeType) ?? 0) + 1)
      if (!asBytes) return recordCsvLine(force, result, record.raw)
      // CSV's end-of-data marker on its own line would end the COPY early.
      if (record.raw === null || result.changed || record.raw === '\\.') plain = false
      return ''
    }

    const writeStart = Date.now()
    let committed = false
    let fatal: string | undefined
    let replaced = false
    let openSink: CopySink | RawCopySink | undefined
    let retrying = false
    try {
      await database.withRawConnection(async connection => {
        const tx = rawTx(connection)
        // Before the file's transaction, so two files never wait for each other's lock on the index.
        if ((replacing.heldBefore.has(monthKey) || earlierInRun !== undefined) && replacing.insertedSinceSummary) {
          replacing.insertedSinceSummary = false
          await summariseNewRanges(tx)
        }
        // On PostgreSQL, the commit need not wait for the log to reach the disk: a crash of the server
        // could lose the last import (all of it, never part), which is imported again; nothing else.
        await tx.query(connection.kind === 'postgres' ? 'begin; set local synchronous_commit = off' : 'begin')
        try {
          // One import of a force-month at a time (a second waits here), so a month is never doubled.
          const [held] = await tx.rows('select pg_advisory_xact_lock(hashtext($1)), exists (select 1 from police_months where force = $2 and month = $3) as held', [
            `police_month ${force} ${month}`,
            force,
            monthDate,
          ])
          replaced = held?.held === true
          if (replaced) {
            // Statistics may be stale in the middle of a bulk load: use the indexes, never a whole-table scan.
            await tx.query('set local enable_seqscan = off')
            await tx.query('delete from police_records where month = $1 and force = $2', [month, force])
            await tx.query('delete from police_counts where force = $1 and month = $2', [force, monthDate])
            await tx.query('delete from police_district_counts where force = $1 and month = $2', [force, monthDate])
            await tx.query('set local enable_seqscan = on')
          }
          let sink: CopySink | undefined
          let bytesSink: RawCopySink | undefined
          if (asBytes) {
            await tx.query("select set_config('csp_hub.import_force', $1, true)", [force])
            bytesSink = tx.copyCsvBytes('police_records', RECORD_COPY_COLUMNS.slice(1))
            openSink = bytesSink
          } else {
            sink = tx.copy('police_records', RECORD_COPY_COLUMNS, 'csv')
            openSink = sink
          }
          let lastReport = 0
          // Every record is checked; once one is bad (and bad rows are not skipped), nothing more is written.
          const writeBatch = async (records: CsvRecord[], bytes: readonly Uint8Array[]) => {
            let text = ''
            let good = true
            for (const record of records) {
              const line = take(record)
              if (line === null && !options.skipBadRows) good = false
              if (good && line) text += line
            }
            if (!good || !plain) return good
            if (bytesSink) for (const piece of bytes) await bytesSink.write(piece)
            else if (text) await sink!.write(text)
            return good
          }
          let ok = await writeBatch(pending, pendingBytes)
          progress(bytesRead, rows + skipped)
          while (ok && plain) {
            const next = await batches.next()
            if (next.done) break
            bytesRead = next.value.bytesRead
            ok = await writeBatch(next.value.records, [next.value.bytes])
            if (Date.now() - lastReport > 100) {
              lastReport = Date.now()
              progress(bytesRead, rows + skipped)
            }
          }
          // A bad row fails the file; a line that is not plain sends it row by row. Either way nothing is kept.
          if (!ok || !plain) {
            retrying = ok
            await openSink.abort()
            openSink = undefined
            await tx.query('rollback')
            return
          }
          if (bytesSink) {
            const copied = await bytesSink.end()
            openSink = undefined
            if (copied !== rows) {
              retrying = true
              await tx.query('rollback')
              return
            }
          } else {
            await sink!.end()
            openSink = undefined
          }
          const countRows: string[] = []
          const byDistrict = new Map<string, number>()
          for (const [lsoa, entry] of counts) {
            for (const [crimeType, count] of entry.types) {
              countRows.push(copyRow([force, monthDate, lsoa || null, entry.districtCode, crimeType, count]))
              const key = `${entry.districtCode ?? ''}\t${crimeType}`
              byDistrict.set(key, (byDistrict.get(key) ?? 0) + count)
            }
          }
          const districtRows = [...byDistrict].map(([key, count]) => {
            const [district, crimeType] = key.split('\t') as [string, string]
            return copyRow([force, monthDate, district || null, crimeType, count])
          })
          const countSink = tx.copy('police_counts', ['force', 'month', 'lsoa_code', 'district_code', 'crime_type', 'count'])
          await countSink.write(countRows.join(''))
          await countSink.end()
          const districtSink = tx.copy('police_district_counts', ['force', 'month', 'district_code', 'crime_type', 'count'])
          await districtSink.write(districtRows.join(''))
          await districtSink.end()
          for (const [code, place] of newPlaces) {
            await tx.query(
              `insert into ons_lsoa_places (code, name, district_code, district_method, ward_code, ward_method, in_lsoa11, in_lsoa21)
               values ($1, $2, $3, 'name_prefix', null, null, false, false) on conflict (code) do nothing`,
              [code, place.name, place.districtCode],
            )
          }
          await tx.query(
            `insert into police_months (force, month, force_name, file_name, row_count, rows_without_location, rows_placed_by_name, skipped_rows, lsoa_vintage, imported_at, imported_by)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, now(), $10)
             on conflict (force, month) do update set force_name = excluded.force_name, file_name = excluded.file_name, row_count = excluded.row_count,
               rows_without_location = excluded.rows_without_location, rows_placed_by_name = excluded.rows_placed_by_name, skipped_rows = excluded.skipped_rows,
               lsoa_vintage = excluded.lsoa_vintage, imported_at = excluded.imported_at, imported_by = excluded.imported_by`,
            [force, monthDate, forceName, file.name, rows, withoutLocation, placedByName, skipped, vintageOf(vintage), options.actor.label],
          )
          const summary = `Imported police.uk ${forceName || force} ${month}: ${rows.toLocaleString('en-GB')} rows from ${file.name}${skipped ? `, ${skipped.toLocaleString('en-GB')} bad rows skipped` : ''}${replaced ? ' (replacing the rows held for that month)' : ''}`
          await tx.query(
            `insert into audit_events (actor_user_id, actor_label, partnership_id, action, entity_type, entity_id, summary, after, request_id)
             values ($1, $2, $3, 'import', 'police_month', $4, $5, $6, $7)`,
            [
              options.actor.userId,
              options.actor.label,
              options.partnershipId ?? null,
              `${force}/${month}`,
              summary,
              JSON.stringify(auditSnapshot({ force, month, file: file.name, rows, skipped, withoutLocation, placedByName, lsoaVintage: vintageOf(vintage) })),
              options.actor.requestId ?? null,
            ],
          )
          await tx.query('commit')
          committed = true
          replacing.insertedSinceSummary = true
        } catch (error) {
          // A read that failed mid-file (an archive entry damaged, or unpacking to more than it says) leaves the COPY open.
          await openSink?.abort().catch(() => undefined)
          await tx.query('rollback').catch(() => undefined)
          // The server could not read the bytes as the rows checked here (an encoding, a quoted empty number,
          // mixed line ends): row by row decides.
          if (asBytes && isDatabaseDataError(error)) {
            retrying = true
            return
          }
          throw error
        }
      })
    } catch (error) {
      if (error instanceof CsvFatalError) fatal = `Line ${error.line}: ${error.message}`
      else throw error
    }

    if (retrying) return retry()
    if (!committed) {
      // Keep reading (without writing) to list every bad row of the file.
      try {
        for (;;) {
          const next = await batches.next()
          if (next.done) break
          for (const record of next.value.records) take(record)
          progress(next.value.bytesRead, rows + skipped)
        }
      } catch (error) {
        if (error instanceof CsvFatalError) fatal ??= `Line ${error.line}: ${error.message}`
        else throw error
      }
      const outcome = failed(fatal ?? `${problemCount.toLocaleString('en-GB')} ${problemCount === 1 ? 'problem' : 'problems'} found`)
      return { ...outcome, force, month }
    }
    for (const [code, place] of newPlaces) placement.places.set(code, { districtCode: place.districtCode, in2011: false, in2021: false, byName: true })
    progress(bytesRead, rows + skipped)
    const seconds = (Date.now() - writeStart) / 1000
    return {
      name: file.name,
      status: 'imported',
      force,
      month,
      rows,
      skipped,
      replaced: replaced || Boolean(earlierInRun),
      problems: problems.slice(0, MAX_LISTED_PROBLEMS),
      problemCount,
      message: [
        earlierInRun ? `The same force and month was in ${earlierInRun}, earlier in this import: this file replaced it.` : '',
        placedByName
          ? `${placedByName.toLocaleString('en-GB')} ${placedByName === 1 ? 'row was' : 'rows were'} placed in a district by the district name in ${placedByName === 1 ? 'its' : 'their'} LSOA name (no lookup imported has the LSOA).`
          : '',
        `${Math.round(rows / Math.max(seconds, 0.001)).toLocaleString('en-GB')} rows a second.`,
      ]
        .filter(Boolean)
        .join(' '),
    }
  }

  return { importFiles, loadPlacement: () => loadPlacement(db), listFiles: listPoliceFiles }
}
export type PoliceImporter = ReturnType<typeof policeImporter>
