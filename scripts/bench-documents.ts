/**
 * How long each document takes to generate, on a plan the size of the Castle Point and Rochford 2016/17
 * joint plan (3 priorities, 14 objectives, 40 actions) with a year of updates (every action updated every
 * quarter), and on a plan three times that size. Each document is built from the database and written as
 * DOCX, PDF and the HTML page; the figures are the median of several runs after a first (cold) one.
 *
 *   npm run bench:documents                 (PGlite in memory)
 *   DATABASE_URL=postgres://… npm run bench:documents   (in a temporary database on that server, dropped after)
 */
import { randomBytes } from 'node:crypto'
import { performance } from 'node:perf_hooks'

import pg from 'pg'

import { htmlDocument } from '../src/capabilities/reports/document/html.ts'
import type { FundingSummary } from '../src/capabilities/reports/domain/funding.ts'
import type { PerformanceTable } from '../src/capabilities/reports/domain/performance.ts'
import { reportService } from '../src/capabilities/reports/report-service.ts'
import type { PartnershipContext } from '../src/capabilities/partnerships/domain/partnership-context.ts'
import { createDatabase } from '../src/db/database.ts'
import { migrateToLatest } from '../src/db/migrate.ts'
import { fixedClock } from '../src/shared/clock.ts'
import { configureNunjucks } from '../src/web/nunjucks.ts'
import { insertPlan, JOINT_PLAN_2016, withYearOfUpdates, type PlanDefinition } from '../test/fixtures/joint-plan-2016.ts'

const RUNS = Number(process.env.BENCH_RUNS ?? 5)

const performanceTable: PerformanceTable = {
  previousPeriodLabel: 'April 2015 – March 2016',
  currentPeriodLabel: 'April 2016 – March 2017',
  containsPublicSectorData: true,
  source: 'Essex Police recorded crime; police.uk',
  rows: [
    ['All crime', 2650, 2401],
    ['Anti-social behaviour incidents', 2120, 2090],
    ['Theft from motor vehicle', 325, 198],
    ['Robbery', 23, 8],
    ['Dwelling burglary', 181, 186],
    ['Repeat incidents of domestic abuse', 279, 179],
    ['Violence with injury', 410, 388],
    ['Hate incidents reported', 14, 17],
  ].map(([measure, previous, current], i) => ({ measure: measure as string, previous: previous as number, current: current as number, unit: 'offences', rag: (['green', 'amber', 'red'] as const)[i % 3]! })),
  charts: ['All crime', 'Anti-social behaviour'].map((name, i) => ({
    id: `chart-${i}`,
    title: `${name} by month`,
    description: `${name} recorded each month, April 2016 to March 2017`,
    kind: 'line' as const,
    series: [{ name, points: ['Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec', 'Jan', 'Feb', 'Mar'].map((label, m) => ({ label, value: 150 + ((m * 37 + i * 11) % 60) })) }],
  })),
}

const funding: FundingSummary = {
  financialYear: 2016,
  streams: [{ name: 'the Police and Crime Commissioner', amountPence: 1_401_900 }],
  rollOverPence: 0,
  availablePence: 1_401_900,
  allocatedPence: 1_300_000,
  spentPence: 1_100_000,
  committedPence: 150_000,
  forecastUnderspendPence: 151_900,
  allocations: [
    { name: 'Taxi marshalling', amountPence: 300_000, spentPence: 300_000 },
    { name: 'Sanctuary scheme', amountPence: 500_000, spentPence: 420_000 },
    { name: 'Crucial Crew', amountPence: 500_000, spentPence: 380_000 },
  ],
}

/** The plan three times over: 9 priorities, 120 actions. */
function tripled(definition: PlanDefinition): PlanDefinition {
  return { ...definition, priorities: [1, 2, 3].flatMap(n => definition.priorities.map(p => ({ ...p, title: `${p.title} (${n})` }))) }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

/** A database of its own for the run: PGlite in memory, or a temporary database on the PostgreSQL server given. */
async function benchDatabase() {
  const url = process.env.DATABASE_URL
  if (!url) return { handle: await createDatabase({ dataDir: 'memory://' }), drop: async () => {} }
  const name = `csp_hub_bench_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`create database ${name}`)
  const benchUrl = new URL(url)
  benchUrl.pathname = `/${name}`
  return {
    handle: await createDatabase({ databaseUrl: benchUrl.toString(), poolSize: 4 }),
    drop: async () => {
      await admin.query(`drop database if exists ${name} with (force)`)
      await admin.end()
    },
  }
}

async function main() {
  const { handle, drop } = await benchDatabase()
  await migrateToLatest(handle.db)
  const db = handle.db
  const clock = fixedClock('2017-04-20T10:00:00Z')
  const reports = reportService({ db, clock, sources: { performance: async () => performanceTable, funding: async () => funding } })
  const nunjucks = configureNunjucks(undefined, { isProduction: true })
  const results: string[][] = []
  let warmedUp = false

  for (const [label, definition] of [
    ['2016/17 joint plan, a year of updates', withYearOfUpdates(JOINT_PLAN_2016)],
    ['the same plan three times over', withYearOfUpdates(tripled(JOINT_PLAN_2016))],
  ] as const) {
    const partnership = await db.insertInto('partnerships').values({ name: `Bench ${label} ${Date.now()}` }).returning(['id', 'name']).executeTakeFirstOrThrow()
    const planId = await insertPlan(db, partnership.id, definition)
    const updates = await db.selectFrom('actionUpdates').select(eb => eb.fn.countAll<number>().as('n')).where('partnershipId', '=', partnership.id).executeTakeFirstOrThrow()
    const actions = await db.selectFrom('actions').select(eb => eb.fn.countAll<number>().as('n')).where('partnershipId', '=', partnership.id).executeTakeFirstOrThrow()
    console.log(`\n${label}: ${definition.priorities.length} priorities, ${actions.n} actions, ${updates.n} updates`)
    const ctx: PartnershipContext = {
      partnership: { id: partnership.id, name: partnership.name, shortName: null, isPublished: false },
      access: 'coordinator',
      actor: { userId: null, label: 'bench' },
      signedIn: true,
      personId: null,
    }
    const kinds = [
      { name: 'Quarterly plan update (Q4)', input: { kind: 'quarterly_plan_update' as const, planId, year: null, quarter: 4 } },
      { name: 'Annual scrutiny report', input: { kind: 'annual_scrutiny_report' as const, planId, year: null, quarter: null } },
      { name: 'Performance table', input: { kind: 'performance_table' as const, planId: null, year: 2016, quarter: null } },
      { name: 'Strategic assessment', input: { kind: 'strategic_assessment' as const, planId, year: 2017, quarter: null } },
    ]
    const created = []
    for (const kind of kinds) created.push({ ...kind, report: await reports.create(ctx, { ...kind.input, title: null, committee: 'Review Committee', meetingDate: '2017-09-06' }) })
    if (!warmedUp) {
      // One untimed pass over every document, so the first figures do not include loading the libraries.
      for (const { report } of created) for (const format of ['docx', 'pdf'] as const) await reports.download(ctx, report.id, format)
      warmedUp = true
    }
    for (const { name, report } of created) {
      const time = async (fn: () => Promise<unknown>) => {
        const started = performance.now()
        await fn()
        return performance.now() - started
      }
      const docx: number[] = []
      const pdf: number[] = []
      const html: number[] = []
      let sizes = { docx: 0, pdf: 0 }
      for (let run = 0; run <= RUNS; run++) {
        let docxFile: Buffer | undefined
        let pdfFile: Buffer | undefined
        docx.push(await time(async () => (docxFile = (await reports.download(ctx, report.id, 'docx')).body)))
        pdf.push(await time(async () => (pdfFile = (await reports.download(ctx, report.id, 'pdf')).body)))
        html.push(
          await time(async () => {
            const { document } = await reports.document(ctx, report.id)
            nunjucks.renderString('{% from "reports/views/document.njk" import appDocument %}{{ appDocument(doc) }}', { doc: htmlDocument(document) })
          }),
        )
        sizes = { docx: docxFile!.length, pdf: pdfFile!.length }
      }
      const cell = (values: number[]) => `${median(values.slice(1)).toFixed(0)} ms (cold ${values[0]!.toFixed(0)})`
      results.push([label, name, cell(docx), cell(pdf), cell(html), `${(sizes.docx / 1024).toFixed(0)} KB / ${(sizes.pdf / 1024).toFixed(0)} KB`])
      console.log(`  ${name.padEnd(28)} DOCX ${cell(docx).padEnd(22)} PDF ${cell(pdf).padEnd(22)} HTML ${cell(html).padEnd(20)} ${results.at(-1)![5]}`)
    }
    const csv: number[] = []
    const xlsx: number[] = []
    for (let run = 0; run <= RUNS; run++) {
      csv.push((await reports.planExport(ctx, planId, 'csv')).milliseconds)
      xlsx.push((await reports.planExport(ctx, planId, 'xlsx')).milliseconds)
    }
    console.log(`  ${'Plan export'.padEnd(28)} CSV ${median(csv.slice(1)).toFixed(0)} ms   XLSX ${median(xlsx.slice(1)).toFixed(0)} ms`)
  }
  console.log(`\nDatabase: ${handle.kind}; Node ${process.version}; median of ${RUNS} runs after a cold one; times include reading the records.`)
  await handle.close()
  await drop()
}

await main()
