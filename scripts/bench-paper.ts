/**
 * How long the council's own paper costs: cleaning an SVG logo and drawing it to PNG (cold, the first upload
 * loads jsdom), and the annual report with the council's logo, front matter and sections as DOCX and PDF, then
 * without the logo. On PGlite in memory. Set BENCH_PAPER_OUT=/some/dir to keep the DOCX and PDF.
 *
 *   node --import tsx scripts/bench-paper.ts
 */
import { writeFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'

import { argon2Hasher } from '../src/capabilities/accounts/index.ts'
import { loadConfig } from '../src/config.ts'
import { createDatabase } from '../src/db/database.ts'
import { migrateToLatest } from '../src/db/migrate.ts'
import { createLogger } from '../src/logger.ts'
import { memoryMailer } from '../src/mailer.ts'
import { createServices } from '../src/services.ts'
import { fixedClock } from '../src/shared/clock.ts'
import { checkLogo } from '../src/capabilities/reports/logo-file.ts'
import { layoutFromChoices, standardLayout } from '../src/capabilities/reports/domain/section-layout.ts'

const handle = await createDatabase({ dataDir: 'memory://' })
await migrateToLatest(handle.db)
const t = { services: createServices({ config: loadConfig({ NODE_ENV: 'test', CSP_HUB_DATA_DIR: '/nonexistent' }), logger: createLogger('silent'), database: handle, clock: fixedClock('2026-11-25T10:00:00Z'), mailer: memoryMailer(), hasher: argon2Hasher({ memoryCost: 1024, timeCost: 1 }) }), close: () => handle.close() }
const partnership = await handle.db.insertInto('partnerships').values({ name: 'Rochford District Community Safety Partnership', isPublished: false }).returningAll().executeTakeFirstOrThrow()
const ctx = { partnership: { id: partnership.id, name: partnership.name, shortName: null, isPublished: false }, access: 'coordinator' as const, actor: { userId: null, label: 'measure' }, signedIn: true, personId: null }
await t.services.reports.savePaperSettings(ctx, { councilName: 'Rochford District Council', agendaItem: '7', reportOf: 'Assistant Director, Community and Housing Services', portfolioHolder: null, wardsAffected: 'All wards', keyDecision: false, exempt: false, exemptReason: null, contactName: 'Community Safety Officer', contactPhone: '01702 546366', contactEmail: 'safety@rochford.gov.uk' })
const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="300" height="100" viewBox="0 0 300 100"><rect width="300" height="100" rx="8" fill="#00703c"/><text x="24" y="62" font-size="40" font-family="sans-serif" fill="#fff">RDC</text></svg>')
let started = performance.now()
const logo = await checkLogo({ buffer: svg, originalname: 'logo.svg' })
const sanitise = performance.now() - started
await t.services.reports.saveLogo(ctx, logo, 'logo.svg', svg.length)
await t.services.reports.saveSectionLayout(ctx, layoutFromChoices(standardLayout(), [{ key: 'recommendation', title: 'Recommendations', included: true, position: 2 }, { key: 'climate', title: '', included: true, position: null }]))
const report = await t.services.reports.create(ctx, { kind: 'annual_scrutiny_report', planId: null, year: 2016, quarter: null, title: null, committee: 'Review Committee', meetingDate: null })
const times: Record<string, number[]> = { docx: [], pdf: [] }
for (let i = 0; i < 6; i++) {
  for (const format of ['docx', 'pdf'] as const) {
    started = performance.now()
    const file = await t.services.reports.download(ctx, report.id, format)
    times[format]!.push(performance.now() - started)
    if (i === 0) if (process.env.BENCH_PAPER_OUT) writeFileSync(`${process.env.BENCH_PAPER_OUT}/annual.${format}`, file.body)
  }
}
const median = (xs: number[]) => [...xs.slice(1)].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!
console.log(`SVG logo cleaned and drawn to PNG (first, cold): ${sanitise.toFixed(0)} ms`)
console.log(`Annual report with logo and council sections, median of 5 after a cold run: DOCX ${median(times.docx!).toFixed(0)} ms, PDF ${median(times.pdf!).toFixed(0)} ms`)
await t.services.reports.removeLogo(ctx)
const without: Record<string, number[]> = { docx: [], pdf: [] }
for (let i = 0; i < 6; i++) {
  for (const format of ['docx', 'pdf'] as const) {
    started = performance.now()
    await t.services.reports.download(ctx, report.id, format)
    without[format]!.push(performance.now() - started)
  }
}
console.log(`The same report without the logo: DOCX ${median(without.docx!).toFixed(0)} ms, PDF ${median(without.pdf!).toFixed(0)} ms`)
await t.close()
