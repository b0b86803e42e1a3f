import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { aPartnership, aUser, contextFor } from '#test/helpers/builders'
import { page } from '#test/helpers/html'
import { binary, readDocx, readPdf } from '#test/helpers/read-documents'
import { createTestApp, type TestApp } from '#test/helpers/test-app'
import { addDemoPlan, addDemoStructure, editActions, JOINT_2016_PLAN, withRag } from '#test/fixtures/demo-plans'
import type { PartnershipContext } from '../../core/access/partnership-context.ts'

/**
 * The papers as the committee receives them, downloaded through the app's own services (the indicators and
 * funding connected as in production) and read back: the DOCX's WordprocessingML and the PDF's text.
 */
let t: TestApp
let ctx: PartnershipContext
let planId: number

beforeAll(async () => {
  t = await createTestApp()
  const { partnership } = await aPartnership(t, { name: 'Castle Point and Rochford CSP' })
  ctx = contextFor(partnership, 'coordinator')
  await addDemoStructure(t, ctx)
  let plan = editActions(JOINT_2016_PLAN, '‘Crucial Crew’', () => ({ status: 'complete' }))
  plan = withRag(plan, 'To pilot a Well Homes Scheme', 1, 'red')
  plan = withRag(plan, 'Continue to support taxi Marshalls', 1, 'red')
  plan = withRag(plan, 'Re-introduce the J9', 1, 'amber')
  plan = withRag(plan, 'To continue to provide a sanctuary', 1, 'green')
  planId = await addDemoPlan(t, ctx, plan)
})
afterAll(() => t.close())

const newReport = (kind: 'annual_scrutiny_report' | 'quarterly_plan_update', over: { year?: number; planId?: number | null } = {}) =>
  t.services.reports.create(ctx, {
    kind,
    planId: over.planId === undefined ? planId : over.planId,
    year: over.year ?? null,
    quarter: kind === 'quarterly_plan_update' ? 1 : null,
    title: null,
    committee: 'Review Committee',
    meetingDate: null,
  })

describe('which action is red, and why', () => {
  it('the annual report names the red and amber actions and ends with every action, exceptions first, in DOCX and PDF', async () => {
    const report = await newReport('annual_scrutiny_report')
    const docx = await readDocx((await t.services.reports.download(ctx, report.id, 'docx')).body)
    // Numbered paragraphs carry their number before a tab: "3.4\t2 actions are rated red:".
    const body = docx.paragraphs.map(p => p.text.replace(/^\d+\.\d+\t/, ''))
    expect(body).toContain('2 actions are rated red:')
    expect(body).toContain('One action is rated amber:')
    expect(body.some(text => text.startsWith('Continue to support taxi Marshalls in Rayleigh Town Centre') && text.includes('(Priority 2: Anti-Social Behaviour; lead: '))).toBe(true)
    expect(body).toContain('Appendix A: progress on every action')
    const appendix = docx.tables[docx.captions.indexOf('Every action of Partnership Plan 2016/17, exceptions first')]!
    expect(appendix.rows[0]).toEqual(['Priority', 'Action', 'Lead', 'RAG', 'Latest commentary'])
    expect(appendix.headerRows).toBe(1)
    expect(appendix.rows).toHaveLength(50)
    expect(appendix.rows.slice(1, 5).map(row => `${row[1]!.slice(0, 24)} | ${row[3]}`)).toEqual([
      'To pilot a Well Homes Sc | Red',
      'Continue to support taxi | Red',
      'Re-introduce the J9 sche | Amber',
      expect.stringMatching(/ \| No update$/),
    ])
    expect(appendix.rows[2]![4]).toContain('June – scheme closed.')

    const pdf = await readPdf((await t.services.reports.download(ctx, report.id, 'pdf')).body)
    expect(pdf.flat).toContain('2 actions are rated red:')
    expect(pdf.flat).toContain('Appendix A: progress on every action')
    const appendixPage = pdf.pages.findIndex(lines => lines.some(line => line.includes('Appendix A: progress on every action')))
    const page = pdf.pages[appendixPage]!.join(' ')
    expect(page.indexOf('To pilot a Well Homes')).toBeLessThan(page.indexOf('Continue to support taxi'))
    expect(page.indexOf('Continue to support taxi')).toBeLessThan(page.indexOf('Re-introduce the J9'))
  })

  it('the quarterly update names them in its summary and ends with the same appendix for the quarter', async () => {
    const report = await newReport('quarterly_plan_update')
    const docx = await readDocx((await t.services.reports.download(ctx, report.id, 'docx')).body)
    expect(docx.paragraphs.map(p => p.text)).toContain('2 actions are rated red in Q1 2016/17 (April to June 2016):')
    const appendix = docx.tables[docx.captions.indexOf('Every action of Partnership Plan 2016/17 in Q1 2016/17 (April to June 2016), exceptions first')]!
    expect(appendix.rows[0]!.at(-1)).toBe('Latest Q1 commentary')
    expect(appendix.rows.slice(1, 4).map(row => row[3])).toEqual(['Red', 'Red', 'Amber'])
    const pdf = await readPdf((await t.services.reports.download(ctx, report.id, 'pdf')).body)
    expect(pdf.flat).toContain('Appendix: every action by status, exceptions first')
    expect(pdf.flat).toContain('24 open actions have no update for Q1')
  })
})

describe('a year with no funding recorded', () => {
  it('says “No funding recorded for 2025/26” under Resource implications, in DOCX, PDF and on the report’s page', async () => {
    const report = await newReport('annual_scrutiny_report', { planId: null, year: 2025 })
    expect(await t.services.reports.generatedParts(ctx, report)).toMatchObject({ funding: 'none' })
    const docx = await readDocx((await t.services.reports.download(ctx, report.id, 'docx')).body)
    const resources = docx.paragraphs.findIndex(p => p.text.endsWith('Resource implications'))
    const legal = docx.paragraphs.findIndex(p => p.text.endsWith('Legal implications'))
    expect(docx.paragraphs.slice(resources, legal).map(p => p.text)).toContain('6.2\tNo funding recorded for 2025/26.')
    const pdf = await readPdf((await t.services.reports.download(ctx, report.id, 'pdf')).body)
    expect(pdf.flat).toMatch(/Resource implications .*No funding recorded for 2025\/26\./)

    const coordinator = await t.as(await aUser(t, { role: 'coordinator', partnershipId: ctx.partnership.id }))
    const reportPage = page((await coordinator.get(`/partnerships/${ctx.partnership.id}/reports/${report.id}`).expect(200)).text)
    expect(reportPage.text('main')).toContain('No funding is recorded for 2025/26: the report says “No funding recorded for 2025/26” under Resource implications.')
    // The downloads a coordinator gets over HTTP say the same.
    const http = await coordinator.get(`/partnerships/${ctx.partnership.id}/reports/${report.id}/document.docx`).buffer(true).parse(binary).expect(200)
    expect((await readDocx(http.body as Buffer)).text).toContain('No funding recorded for 2025/26.')
  })
})

describe('a new report does not silently carry last year’s words into another year', () => {
  it('flags the sections copied from the last report on its page and in the draft’s DOCX and PDF, until each is edited or confirmed and the report is final', async () => {
    const coordinator = await t.as(await aUser(t, { role: 'coordinator', partnershipId: ctx.partnership.id }))
    const base = `/partnerships/${ctx.partnership.id}/reports`
    const last = await t.services.reports.previousReport(ctx, 'annual_scrutiny_report')
    expect(last).toMatchObject({ year: 2025 })
    const created = await coordinator.post(`${base}/new`, { kind: 'annual_scrutiny_report', planId: '', year: '2026', committee: 'Review Committee', startFrom: 'previous' }).expect(303)
    const id = Number(/\/reports\/(\d+)$/.exec(created.headers.location!)![1])
    const copied = ['Purpose of report', 'Introduction', 'Crime and disorder implications', 'Legal implications', 'Equality and diversity implications', 'Recommendation', 'Author and contact']

    const shown = page((await coordinator.get(`${base}/${id}`).expect(200)).text)
    expect(shown.text('[data-qa="copied-warning"]')).toContain(`7 sections are still as copied from “${last!.title}” (2025/26).`)
    expect(shown.$('[data-qa="narrative-sections"] .govuk-summary-list__row').filter((_, row) => shown.$(row).find('[data-qa="copied-tag"]').length > 0).map((_, row) => shown.$(row).find('dt').text().trim()).get()).toEqual(copied)

    const note = async () => {
      const docx = await readDocx((await coordinator.get(`${base}/${id}/document.docx`).buffer(true).parse(binary).expect(200)).body as Buffer)
      const pdf = await readPdf((await coordinator.get(`${base}/${id}/document.pdf`).buffer(true).parse(binary).expect(200)).body as Buffer)
      return { docx: docx.text, pdf: pdf.flat }
    }
    const listed = `These sections still hold the words of “${last!.title}” (2025/26) as they were copied, unedited: ${copied.join('; ')}.`
    const first = await note()
    expect(first.docx).toContain('Draft: words copied from an earlier report, not yet checked')
    expect(first.docx).toContain(listed)
    expect(first.pdf).toContain('Draft: words copied from an earlier report, not yet checked')
    expect(first.pdf.replace(/\s+/g, ' ')).toContain(listed)
    // The copied purpose still speaks of last year: that is what the note is for.
    expect(first.docx).toContain('during 2025/26')

    // Edit the purpose, confirm the legal wording as it stands, and write the sections a final report needs.
    const { narrative } = await t.db.selectFrom('reports').select('narrative').where('id', '=', id).executeTakeFirstOrThrow()
    const form = page((await coordinator.get(`${base}/${id}/narrative`).expect(200)).text)
    expect(form.all('input[name="confirmed"] + label')).toEqual(copied)
    await coordinator
      .post(`${base}/${id}/narrative`, {
        ...narrative,
        purpose: narrative.purpose!.replace('2025/26', '2026/27'),
        background: 'The partnership meets quarterly.',
        risk: 'Little risk.',
        resources: 'Funded by the PFCC grant.',
        confirmed: ['legal'],
      })
      .expect(303)
    const after = await note()
    expect(after.docx).toContain(`unedited: ${copied.filter(h => h !== 'Purpose of report' && h !== 'Legal implications').join('; ')}.`)
    expect(page((await coordinator.get(`${base}/${id}`).expect(200)).text).text('[data-qa="copied-warning"]')).toContain('5 sections are still as copied')

    // Marked final, the document carries no note (and the page no flags).
    await coordinator.post(`${base}/${id}/edit`, { planId: '', year: '2026', committee: 'Review Committee', status: 'final' }).expect(303)
    const final = await note()
    expect(final.docx).not.toContain('Draft: words copied')
    expect(final.pdf).not.toContain('Draft: words copied')
    const finalPage = page((await coordinator.get(`${base}/${id}`).expect(200)).text)
    expect(finalPage.$('[data-qa="copied-warning"], [data-qa="copied-tag"]')).toHaveLength(0)
  })
})

describe('the council’s paper front matter', () => {
  it('is kept per partnership, checked, audited, and printed on the annual report’s front page in DOCX and PDF', async () => {
    const coordinator = await t.as(await aUser(t, { role: 'coordinator', partnershipId: ctx.partnership.id }))
    const base = `/partnerships/${ctx.partnership.id}/reports`
    const form = page((await coordinator.get(`${base}/paper`).expect(200)).text)
    expect(form.h1()).toBe('The council’s paper front matter')

    const bad = await coordinator.post(`${base}/paper`, { agendaItem: '7', contactPhone: 'ring me', contactEmail: 'not an address', keyDecision: 'maybe' }).expect(400)
    expect(page(bad.text).errorSummary()).toEqual([
      { text: 'Select whether the report is a key decision', href: '#keyDecision' },
      { text: 'Enter a telephone number, like 01702 546366 or +44 1702 546366', href: '#contactPhone' },
      { text: 'Enter an email address in the correct format, like name@example.com', href: '#contactEmail' },
    ])
    expect(await t.db.selectFrom('reportPaperSettings').selectAll().where('partnershipId', '=', ctx.partnership.id).execute()).toEqual([])

    await coordinator
      .post(`${base}/paper`, {
        agendaItem: '7',
        reportOf: 'Assistant Director, Community and Housing Services',
        portfolioHolder: 'Cllr J Smith, Community Safety',
        wardsAffected: 'All wards',
        keyDecision: 'no',
        exempt: 'no',
        exemptReason: 'ignored when not exempt',
        contactName: 'Community Safety Officer',
        contactPhone: '01702 546366',
        contactEmail: 'Safety@Rochford.gov.uk',
      })
      .expect(303)
    const audit = await t.db.selectFrom('auditEvents').select(['action', 'entityType']).where('partnershipId', '=', ctx.partnership.id).where('entityType', '=', 'report paper settings').execute()
    expect(audit).toEqual([{ action: 'create', entityType: 'report paper settings' }])
    expect(page((await coordinator.get(`${base}/paper`).expect(200)).text).fieldValue('contactEmail')).toBe('safety@rochford.gov.uk')

    const report = await newReport('annual_scrutiny_report')
    const lines = [
      'Agenda item',
      '7',
      'Report of',
      'Assistant Director, Community and Housing Services',
      'Portfolio holder',
      'Wards affected',
      'All wards',
      'Key decision',
      'Exempt information',
      'No: this report is open to the public',
      'Contact officer',
      'Community Safety Officer, 01702 546366, safety@rochford.gov.uk',
    ]
    const docx = await readDocx((await t.services.reports.download(ctx, report.id, 'docx')).body)
    const front = docx.text.slice(0, docx.text.indexOf('Purpose of report'))
    for (const line of lines) expect(front).toContain(line)
    expect(front).not.toContain('ignored when not exempt')
    const pdf = await readPdf((await t.services.reports.download(ctx, report.id, 'pdf')).body)
    const firstPage = pdf.pages[0]!.join(' ')
    for (const line of lines) expect(firstPage).toContain(line)
  })
})
