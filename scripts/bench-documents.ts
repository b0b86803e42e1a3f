/**
 * How long each document takes to generate:
 *  1. on the demo data: every demo report (the joint CSP's 2016/17 1st quarter update and its reports to the
 *     Review Committee for 2016/17 and 2021/22, Rochford's 2010/11 performance table), exactly as a
 *     coordinator downloads it, with the plans, indicators and funding read through their services;
 *  2. on larger plans: the demo 2016/17 plan with a year of updates (every action updated every quarter),
 *     and that plan three times over.
 * Each document is built from the database and written as DOCX, PDF and the HTML page; the figures are the
 * median of several runs after a first (cold) one. Exports (CSV, XLSX) of the plans are timed too.
 *
 *   npm run bench:documents                 (PGlite in memory)
 *   DATABASE_URL=postgres://… npm run bench:documents   (in a temporary database on that server, dropped after)
 */
import { randomBytes } from 'node:crypto'
import { performance } from 'node:perf_hooks'

import { argon2Hasher } from '../src/capabilities/accounts/index.ts'
import type { PartnershipContext } from '../src/core/access/partnership-context.ts'
import { planWorkbook } from '../src/capabilities/plans/spreadsheet/plan-workbook.ts'
import { planCsv } from '../src/capabilities/plans/spreadsheet/spreadsheet-files.ts'
import { htmlDocument } from '../src/core/documents/html.ts'
import { REPORT_KIND_LABELS } from '../src/capabilities/reports/domain/report-kinds.ts'
import { loadConfig } from '../src/config.ts'
import { createDatabase } from '../src/db/database.ts'
import { migrateToLatest } from '../src/db/migrate.ts'
import { createServerDatabase } from '../src/db/server-database.ts'
import { loadDemoData } from '../src/demo/index.ts'
import { createLogger } from '../src/logger.ts'
import { memoryMailer } from '../src/mailer.ts'
import { createServices, type AppDeps, type Services } from '../src/services.ts'
import { fixedClock } from '../src/shared/clock.ts'
import { configureNunjucks } from '../src/web/nunjucks.ts'
import { addDemoPlan, addDemoStructure, JOINT_2016_PLAN, tripled, withYearOfUpdates } from '../test/fixtures/demo-plans.ts'

const RUNS = Number(process.env.BENCH_RUNS ?? 5)

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

/** A database of its own for the run: PGlite in memory, or a temporary database on the PostgreSQL server given. */
async function benchDatabase() {
  const url = process.env.DATABASE_URL
  if (!url) return { handle: await createDatabase({ dataDir: 'memory://' }), drop: async () => {} }
  const server = await createServerDatabase(url, `csp_hub_bench_${randomBytes(6).toString('hex')}`)
  return { handle: await createDatabase({ databaseUrl: server.url, poolSize: 4 }), drop: server.drop }
}

const coordinatorOf = (partnership: { id: number; name: string; shortName: string | null }): PartnershipContext => ({
  partnership: { ...partnership, isPublished: true },
  access: 'coordinator',
  actor: { userId: null, label: 'bench' },
  signedIn: true,
  personId: null,
})

async function time(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now()
  await fn()
  return performance.now() - started
}

/** DOCX, PDF and HTML of one report: the median of RUNS after a cold run, and the files' sizes. */
async function measure(services: Services, ctx: PartnershipContext, reportId: number) {
  const nunjucks = configureNunjucks(undefined, { isProduction: true })
  const docx: number[] = []
  const pdf: number[] = []
  const html: number[] = []
  const sizes = { docx: 0, pdf: 0 }
  for (let run = 0; run <= RUNS; run++) {
    docx.push(await time(async () => (sizes.docx = (await services.reports.download(ctx, reportId, 'docx')).body.length)))
    pdf.push(await time(async () => (sizes.pdf = (await services.reports.download(ctx, reportId, 'pdf')).body.length)))
    html.push(
      await time(async () => {
        const { document } = await services.reports.document(ctx, reportId)
        nunjucks.renderString('{% from "macros/document.njk" import appDocument %}{{ appDocument(doc) }}', { doc: htmlDocument(document) })
      }),
    )
  }
  const cell = (values: number[]) => `${median(values.slice(1)).toFixed(0)} ms (cold ${values[0]!.toFixed(0)})`
  return { docx: cell(docx), pdf: cell(pdf), html: cell(html), size: `${(sizes.docx / 1024).toFixed(0)} KB / ${(sizes.pdf / 1024).toFixed(0)} KB` }
}

async function main() {
  const { handle, drop } = await benchDatabase()
  await migrateToLatest(handle.db)
  const clock = fixedClock('2026-11-25T10:00:00Z')
  const deps: AppDeps = {
    config: loadConfig({ NODE_ENV: 'test', CSP_HUB_DATA_DIR: '/nonexistent' }),
    logger: createLogger('silent'),
    database: handle,
    clock,
    mailer: memoryMailer(),
    hasher: argon2Hasher({ memoryCost: 1024, timeCost: 1 }),
  }
  const services = createServices(deps)
  const loading = performance.now()
  await loadDemoData(deps, services, { onlyIfEmpty: false })
  console.log(`Demo data loaded in ${((performance.now() - loading) / 1000).toFixed(1)} s`)

  // One untimed pass, so the first figures do not include loading the libraries and fonts.
  const reports = await handle.db
    .selectFrom('reports')
    .innerJoin('partnerships', 'partnerships.id', 'reports.partnershipId')
    .select(['reports.id', 'reports.kind', 'reports.title', 'partnerships.id as partnershipId', 'partnerships.name', 'partnerships.shortName'])
    .orderBy('reports.id')
    .execute()
  for (const report of reports) {
    const ctx = coordinatorOf({ id: report.partnershipId, name: report.name, shortName: report.shortName })
    for (const format of ['docx', 'pdf'] as const) await services.reports.download(ctx, report.id, format)
  }

  console.log('\n1. The demo documents (as a coordinator downloads them)')
  for (const report of reports) {
    const ctx = coordinatorOf({ id: report.partnershipId, name: report.name, shortName: report.shortName })
    const m = await measure(services, ctx, report.id)
    console.log(`  ${report.shortName ?? report.name}: ${REPORT_KIND_LABELS[report.kind]} — ${report.title}`)
    console.log(`    DOCX ${m.docx.padEnd(22)} PDF ${m.pdf.padEnd(22)} HTML ${m.html.padEnd(20)} ${m.size}`)
  }

  console.log('\n2. Larger plans')
  for (const [label, plan] of [
    ['the demo 2016/17 plan with a year of updates', withYearOfUpdates(JOINT_2016_PLAN)],
    ['the same plan three times over', withYearOfUpdates(tripled(JOINT_2016_PLAN))],
  ] as const) {
    const partnership = await handle.db.insertInto('partnerships').values({ name: `Bench ${label} ${Date.now()}` }).returning(['id', 'name', 'shortName']).executeTakeFirstOrThrow()
    const ctx = coordinatorOf(partnership)
    await addDemoStructure({ services }, ctx)
    const planId = await addDemoPlan({ services }, ctx, plan)
    const view = await services.plans.planView(ctx, planId)
    const actions = view.priorities.flatMap(p => p.actions)
    console.log(`  ${label}: ${view.priorities.length} priorities, ${actions.length} actions, ${actions.reduce((n, a) => n + a.updates.length, 0)} updates`)
    for (const [name, input] of [
      ['Quarterly plan update (Q4)', { kind: 'quarterly_plan_update' as const, planId, year: null, quarter: 4 }],
      ['Annual scrutiny report', { kind: 'annual_scrutiny_report' as const, planId, year: null, quarter: null }],
      ['Strategic assessment', { kind: 'strategic_assessment' as const, planId, year: 2017, quarter: null }],
    ] as const) {
      const report = await services.reports.create(ctx, { ...input, title: null, committee: 'Review Committee', meetingDate: '2017-09-06' })
      const m = await measure(services, ctx, report.id)
      console.log(`    ${name.padEnd(28)} DOCX ${m.docx.padEnd(22)} PDF ${m.pdf.padEnd(22)} HTML ${m.html.padEnd(20)} ${m.size}`)
    }
    const csv: number[] = []
    const xlsx: number[] = []
    for (let run = 0; run <= RUNS; run++) {
      csv.push(
        await time(async () => {
          const sheet = await services.plans.exportSheet(ctx, planId)
          planCsv(sheet.rows, sheet.headers)
        }),
      )
      xlsx.push(
        await time(async () => {
          const sheet = await services.plans.exportSheet(ctx, planId)
          await planWorkbook({ title: sheet.plan.title, columns: sheet.columns, headers: sheet.headers, rows: sheet.rows, directory: sheet.directory, partnershipName: ctx.partnership.name, sheets: sheet.sheets })
        }),
      )
    }
    console.log(`    ${'Plan export'.padEnd(28)} CSV ${median(csv.slice(1)).toFixed(0)} ms   XLSX ${median(xlsx.slice(1)).toFixed(0)} ms`)
  }
  console.log(`\nDatabase: ${handle.kind}; Node ${process.version}; median of ${RUNS} runs after a cold one; times include reading the records.`)
  await handle.close()
  await drop()
}

await main()
