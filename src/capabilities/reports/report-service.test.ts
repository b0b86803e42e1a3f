import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { aPartnership, contextFor } from '#test/helpers/builders'
import { readDocx, readPdf } from '#test/helpers/read-documents'
import { createTestApp, type TestApp } from '#test/helpers/test-app'
import { addDemoPlan, addDemoStructure } from '#test/fixtures/demo-plans'
import { UnauthenticatedError } from '../../shared/errors.ts'
import type { PartnershipContext } from '../../core/access/partnership-context.ts'

import type { FundingSummary } from './domain/funding.ts'
import type { PerformanceTable } from './domain/performance.ts'
import { reportService, type ReportDataSources } from './report-service.ts'

/**
 * The reports service with the data sources the integrator connects (indicators → performance,
 * funding → funding), here stand-ins returning the seeds' figures.
 */
let t: TestApp
let ctx: PartnershipContext
let planId: number
const calls: string[] = []

const performance: PerformanceTable = {
  previousPeriodLabel: '2020/21',
  currentPeriodLabel: '2021/22',
  rows: [{ measure: 'Violence with injury', previous: 410, current: 388, unit: 'offences', rag: 'green' }],
  containsPublicSectorData: true,
  source: 'police.uk street-level crime',
}
const funding: FundingSummary = {
  financialYear: 2016,
  streams: [{ name: 'the Police, Fire and Crime Commissioner', amountPence: 1_233_700, note: null }],
  rollOverPence: 1_014_200,
  availablePence: 2_247_900,
  allocatedPence: 2_000_000,
  spentPence: 1_500_000,
  committedPence: 0,
  forecastUnderspendPence: 151_800,
  allocations: [],
  bids: [],
  notes: [],
}
const sources: ReportDataSources = {
  performance: async (c, year) => {
    calls.push(`performance ${c.partnership.id} ${year}`)
    return year === 2016 ? performance : null
  },
  funding: async (c, year) => {
    calls.push(`funding ${c.partnership.id} ${year}`)
    return year === 2016 ? funding : null
  },
}

beforeAll(async () => {
  t = await createTestApp()
  const { partnership } = await aPartnership(t, { name: 'Castle Point and Rochford CSP' })
  ctx = contextFor(partnership, 'coordinator')
  await addDemoStructure(t, ctx)
  planId = await addDemoPlan(t, ctx)
})
afterAll(() => t.close())

describe('documents with figures from the indicators and funding', () => {
  it('put the performance table and the funding figures into the annual report, and attribute police data', async () => {
    const reports = reportService({ db: t.db, clock: t.clock, plans: t.services.plans, sources })
    const report = await reports.create(ctx, { kind: 'annual_scrutiny_report', planId, year: null, quarter: null, title: null, committee: 'Review Committee', meetingDate: null })
    calls.length = 0
    const file = await reports.download(ctx, report.id, 'docx')
    expect(calls.sort()).toEqual([`funding ${ctx.partnership.id} 2016`, `performance ${ctx.partnership.id} 2016`])
    const docx = await readDocx(file.body)
    expect(docx.tables[docx.captions.indexOf('Achievements from strategic priorities 2016/17')]!.rows[1]).toEqual(['Violence with injury', '410', '388', '5.4% reduction (22 offences)', 'Green'])
    expect(docx.tables[docx.captions.indexOf('Funding for 2016/17')]!.rows.map(r => r.join(' | '))).toContain('Total available | £22,479')
    expect(docx.text).toContain('In addition, an underspend of £10,142 from 2015/16 was approved for roll over into 2016/17, giving £22,479 in all.')
    expect(docx.paragraphs.at(-1)!.text).toBe('Contains public sector information licensed under the Open Government Licence v3.0.')
    expect(await reports.generatedParts(ctx, report)).toMatchObject({ performance: 'included', funding: 'included' })
  })

  it('leave those parts out when a source has nothing for the year, or is not connected', async () => {
    const connected = reportService({ db: t.db, clock: t.clock, plans: t.services.plans, sources })
    const report = await connected.create(ctx, { kind: 'performance_table', planId: null, year: 2019, quarter: null, title: null, committee: null, meetingDate: null })
    expect(await connected.generatedParts(ctx, report)).toEqual({ plan: null, performance: 'none', funding: 'not_needed', policeData: 'not_needed', policeDataPeriod: null })
    const pdf = await readPdf((await connected.download(ctx, report.id, 'pdf')).body)
    expect(pdf.flat).toContain('No indicator figures are recorded for 2019/20.')

    const unconnected = reportService({ db: t.db, clock: t.clock, plans: t.services.plans })
    const annual = await unconnected.create(ctx, { kind: 'annual_scrutiny_report', planId, year: null, quarter: null, title: null, committee: null, meetingDate: null })
    expect(await unconnected.generatedParts(ctx, annual)).toMatchObject({ performance: 'no_source', funding: 'no_source' })
    const docx = await readDocx((await unconnected.download(ctx, annual.id, 'docx')).body)
    expect(docx.captions).not.toContain('Funding for 2016/17')
    expect(docx.text).not.toContain('Open Government Licence')
  })

  it('ask for the year before for a strategic assessment (it looks back to set the next priorities)', async () => {
    const reports = reportService({ db: t.db, clock: t.clock, plans: t.services.plans, sources })
    const report = await reports.create(ctx, { kind: 'strategic_assessment', planId, year: 2017, quarter: null, title: null, committee: null, meetingDate: null })
    calls.length = 0
    const { document } = await reports.document(ctx, report.id)
    expect(calls).toEqual([`performance ${ctx.partnership.id} 2016`])
    expect(document.title).toBe('Strategic Assessment 2017/18')
    expect(document.sections.map(s => s.heading)).toEqual(['Delivery of Partnership Plan 2016/17', 'Performance'])
  })

  it('are not generated for someone who may not see the partnership’s records', async () => {
    const reports = reportService({ db: t.db, clock: t.clock, plans: t.services.plans, sources })
    const report = await reports.create(ctx, { kind: 'quarterly_plan_update', planId, year: null, quarter: 1, title: null, committee: null, meetingDate: null })
    const visitor = { ...ctx, access: 'public' as const, signedIn: false }
    await expect(reports.download(visitor, report.id, 'pdf')).rejects.toBeInstanceOf(UnauthenticatedError)
  })

  it('measure how long each document takes', async () => {
    const reports = reportService({ db: t.db, clock: t.clock, plans: t.services.plans, sources })
    const report = await reports.create(ctx, { kind: 'quarterly_plan_update', planId, year: null, quarter: 1, title: null, committee: null, meetingDate: null })
    const file = await reports.download(ctx, report.id, 'pdf')
    expect(file.milliseconds).toBeGreaterThan(0)
    expect(file.contentType).toBe('application/pdf')
  })
})
