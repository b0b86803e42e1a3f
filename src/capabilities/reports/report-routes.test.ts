import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { addDemoPlan, addDemoStructure } from '#test/fixtures/demo-plans'
import { aPartnership, aUser, contextFor } from '#test/helpers/builders'
import { page } from '#test/helpers/html'
import { binary, readDocx, readPdf } from '#test/helpers/read-documents'
import { createTestApp, TEST_NOW, type TestApp, type TestClient } from '#test/helpers/test-app'

let t: TestApp
let partnership: Awaited<ReturnType<typeof aPartnership>>['partnership']
let planId: number
let coordinator: TestClient
let member: TestClient
let base: string

beforeAll(async () => {
  t = await createTestApp()
  ;({ partnership } = await aPartnership(t, { name: 'Castle Point and Rochford Community Safety Partnership' }))
  await addDemoStructure(t, contextFor(partnership, 'admin'))
  planId = await addDemoPlan(t, contextFor(partnership, 'admin'))
  coordinator = await t.as(await aUser(t, { role: 'coordinator', partnershipId: partnership.id }))
  member = await t.as(await aUser(t, { role: 'member', partnershipId: partnership.id }))
  base = `/partnerships/${partnership.id}/reports`
})
afterAll(() => t.close())

async function createQuarterly(quarter = '1', startFrom = 'starting_words') {
  const res = await coordinator.post(`${base}/new`, { kind: 'quarterly_plan_update', planId: String(planId), quarter, startFrom })
  expect(res.status).toBe(303)
  return Number(/\/reports\/(\d+)$/.exec(res.headers.location!)![1])
}

describe('creating a report', () => {
  it('asks first for the kind of report, then for the details of that kind', async () => {
    const choose = page((await coordinator.get(`${base}/new`).expect(200)).text)
    expect(choose.$('h1').text().trim()).toBe('What kind of report do you want to create?')
    expect(choose.all('.govuk-radios__label')).toEqual(['Quarterly partnership plan update', 'Annual report to the scrutiny committee', 'Performance table', 'Strategic assessment'])

    const details = page((await coordinator.get(`${base}/new?kind=quarterly_plan_update`).expect(200)).text)
    expect(details.h1()).toBe('New quarterly partnership plan update')
    expect(details.all('#planId option')).toEqual(['Partnership Plan 2016/17 (2016/17)'])
    expect(details.$('input[name="quarter"]')).toHaveLength(4)
    expect(details.$('#year')).toHaveLength(0)
  })

  it('when no kind is chosen, then it says so', async () => {
    const res = await coordinator.get(`${base}/new?kind=`).expect(400)
    expect(page(res.text).errorSummary()).toEqual([{ text: 'Select the kind of report', href: '#kind' }])
  })

  it('when the plan or quarter is missing, then each gets its own message and nothing is saved', async () => {
    const before = await t.db.selectFrom('reports').select(eb => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
    const res = await coordinator.post(`${base}/new`, { kind: 'quarterly_plan_update', planId: '', quarter: '' })
    expect(res.status).toBe(400)
    expect(page(res.text).errorSummary()).toEqual([
      { text: 'Select the plan the report is about', href: '#planId' },
      { text: 'Select the quarter', href: '#quarter' },
    ])
    expect(await t.db.selectFrom('reports').select(eb => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).toEqual(before)
  })

  it('when the meeting date is not a real date, then the error links to its day box', async () => {
    const res = await coordinator.post(`${base}/new`, { kind: 'annual_scrutiny_report', planId: String(planId), 'meetingDate-day': '31', 'meetingDate-month': '2', 'meetingDate-year': '2016' })
    expect(res.status).toBe(400)
    expect(page(res.text).errorSummary()).toEqual([{ text: 'Meeting date must be a real date, for example 6 9 2016', href: '#meetingDate-day' }])
    expect(page(res.text).fieldValue('meetingDate-day')).toBe('31')
  })

  it('saves the report with a title from its period and the starting words, and records it in the audit log', async () => {
    const id = await createQuarterly()
    const report = await t.db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    expect(report).toMatchObject({ kind: 'quarterly_plan_update', title: 'Partnership Plan 2016/17: 1st Quarter Update', planId, year: 2016, quarter: 1, status: 'draft' })
    expect(report.narrative.introduction).toMatch(/^The purpose of the Castle Point and Rochford Community Safety Partnership is/)
    const audit = await t.db.selectFrom('auditEvents').selectAll().where('entityType', '=', 'report').where('entityId', '=', String(id)).execute()
    expect(audit.map(a => [a.action, a.summary])).toEqual([['create', 'Created report “Partnership Plan 2016/17: 1st Quarter Update”']])

    const shown = page((await coordinator.get(`${base}/${id}`).expect(200)).text)
    expect(shown.h1()).toBe('Partnership Plan 2016/17: 1st Quarter Update')
    expect(shown.banner()).toBe('Report added. Write its narrative sections next.')
    expect(shown.all('[data-qa="report-details"] .govuk-summary-list__value')).toEqual(
      expect.arrayContaining(['Quarterly partnership plan update', 'Q1 2016/17 (April to June 2016)', 'Partnership Plan 2016/17', 'Draft']),
    )
    expect(shown.all('[data-qa="generated-parts"] li')).toEqual(['The plan “Partnership Plan 2016/17”: 3 priorities and 49 actions, with their RAG statuses and updates.'])
  })

  it('starts a second report of a kind from the narrative of the last one only when asked to', async () => {
    const first = await createQuarterly('2')
    await coordinator.post(`${base}/${first}/narrative`, { introduction: 'Our own introduction', summary: 'Q2 went well' }).expect(303)
    const form = page((await coordinator.get(`${base}/new?kind=quarterly_plan_update`).expect(200)).text)
    expect(form.all('input[name="startFrom"] + label')).toEqual(['The starting words', 'The narrative of “Partnership Plan 2016/17: 2nd Quarter Update” (2016/17)'])
    expect(form.$('input[name="startFrom"]:checked')).toHaveLength(0)

    const before = await t.db.selectFrom('reports').select(eb => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
    const unanswered = await coordinator.post(`${base}/new`, { kind: 'quarterly_plan_update', planId: String(planId), quarter: '3' }).expect(400)
    expect(page(unanswered.text).errorSummary()).toEqual([{ text: 'Select whether to start from the narrative of “Partnership Plan 2016/17: 2nd Quarter Update” or from the starting words', href: '#startFrom' }])
    expect(await t.db.selectFrom('reports').select(eb => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).toEqual(before)

    const second = await createQuarterly('3', 'previous')
    const report = await t.db.selectFrom('reports').select(['narrative', 'copiedFrom']).where('id', '=', second).executeTakeFirstOrThrow()
    expect(report.narrative).toEqual({ introduction: 'Our own introduction', summary: 'Q2 went well' })
    expect(report.copiedFrom).toEqual({ reportId: first, title: 'Partnership Plan 2016/17: 2nd Quarter Update', year: 2016, sections: ['introduction', 'summary'] })
    expect(page((await coordinator.get(`${base}/${second}`)).text).banner()).toMatch(/copied from your last report of this kind/)
    // The starting words, chosen with an earlier report there to copy: nothing copied, nothing flagged.
    const fresh = await createQuarterly('3')
    const freshRow = await t.db.selectFrom('reports').select(['narrative', 'copiedFrom']).where('id', '=', fresh).executeTakeFirstOrThrow()
    expect(freshRow.copiedFrom).toBeNull()
    expect(freshRow.narrative.introduction).toMatch(/^The purpose of the Castle Point and Rochford Community Safety Partnership is/)
  })
})

describe('writing the narrative and the details', () => {
  it('saves each section and audits the change with before and after', async () => {
    const id = await createQuarterly()
    const { narrative: before } = await t.db.selectFrom('reports').select('narrative').where('id', '=', id).executeTakeFirstOrThrow()
    const form = page((await coordinator.get(`${base}/${id}/narrative`).expect(200)).text)
    expect(form.all('label.govuk-label')).toEqual(['Introduction (optional)', 'Summary of progress (optional)'])
    await coordinator.post(`${base}/${id}/narrative`, { introduction: 'The partnership brings agencies together.', summary: '- Most actions on track' }).expect(303)
    const audit = await t.db.selectFrom('auditEvents').selectAll().where('entityType', '=', 'report').where('entityId', '=', String(id)).where('action', '=', 'update').executeTakeFirstOrThrow()
    expect((audit.after as { narrative: Record<string, string> }).narrative).toEqual({ introduction: 'The partnership brings agencies together.', summary: '- Most actions on track' })
    expect((audit.before as { narrative: Record<string, string> }).narrative).toEqual(before)
  })

  it('will not mark an annual report final while a required section is empty', async () => {
    const res = await coordinator.post(`${base}/new`, { kind: 'annual_scrutiny_report', planId: String(planId), committee: 'Review Committee', 'meetingDate-day': '6', 'meetingDate-month': '9', 'meetingDate-year': '2016' })
    const id = Number(/(\d+)$/.exec(res.headers.location!)![1])
    const refused = await coordinator.post(`${base}/${id}/edit`, { planId: String(planId), committee: 'Review Committee', status: 'final' })
    expect(refused.status).toBe(400)
    expect(page(refused.text).errorSummary()).toEqual([
      { text: 'Before marking the report final, write these sections: “Background”, “Risk implications”, “Resource implications”', href: '#status' },
    ])
    await coordinator.post(`${base}/${id}/narrative`, { ...(await t.db.selectFrom('reports').select('narrative').where('id', '=', id).executeTakeFirstOrThrow()).narrative, background: 'b', risk: 'r', resources: 'A part-time officer.' }).expect(303)
    await coordinator.post(`${base}/${id}/edit`, { planId: String(planId), committee: 'Review Committee', status: 'final' }).expect(303)
    const report = await t.db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    expect(report.status).toBe('final')
    expect(report.finalisedAt).toEqual(t.clock.now())
    expect(report.meetingDate).toBeNull() // the edit form sent no date
    // A final report stays as issued: its narrative cannot change while it is final.
    const emptied = await coordinator.post(`${base}/${id}/narrative`, { ...report.narrative, risk: '' })
    expect(emptied.status).toBe(409)
    expect(page(emptied.text).text('main')).toContain('This report is final, issued on 25 November 2026 at 10:00am, and stays as it was issued.')
    await coordinator.get(`${base}/${id}/narrative`).expect(409)
  })

  it('lets members read and download but not change reports', async () => {
    const id = await createQuarterly()
    await member.get(`${base}/${id}`).expect(200)
    await member.get(`${base}/${id}/document.pdf`).expect(200)
    await member.get(`${base}/${id}/narrative`).expect(403)
    await member.post(`${base}/${id}/narrative`, { introduction: 'x' }).expect(403)
    expect(page((await member.get(`${base}/${id}`)).text).$('a[href$="/narrative"]')).toHaveLength(0)
  })
})

describe('downloading the quarterly update', () => {
  let id: number
  beforeAll(async () => {
    id = await createQuarterly()
    await coordinator.post(`${base}/${id}/narrative`, { introduction: 'The purpose of the Community Safety Partnership is to provide a strategic and co-operative approach.', summary: '' }).expect(303)
  })

  it('gives a Word document with the plan’s actions, their Q1 updates and RAG from the records', async () => {
    const res = await coordinator.get(`${base}/${id}/document.docx`).buffer(true).parse(binary).expect(200)
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
    expect(res.headers['content-disposition']).toBe('attachment; filename="castle-point-and-rochford-community-safety-partnership-partnership-plan-2016-17-1st-quarter-update.docx"')
    const docx = await readDocx(res.body as Buffer)
    expect(docx.paragraphs[0]!.text).toBe('Partnership Plan 2016/17: 1st Quarter Update')
    expect(docx.text).toContain('The purpose of the Community Safety Partnership is to provide a strategic and co-operative approach.')
    const table = docx.tables[docx.captions.findIndex(c => c.startsWith('Priority 2: Anti-Social Behaviour'))]!
    expect(table.headerRows).toBe(1)
    const taxi = table.rows.find(row => row[0]!.startsWith('Continue to support taxi Marshalls'))!
    expect(taxi[4]).toContain('June – scheme closed.')
    // The seed's update gives no RAG status, and the document says so as the plan page does.
    expect(taxi[5]).toBe('No RAG given')
    // The priorities' tables; the events of the quarter (none); the thread from evidence to money and the
    // appendix of every action by status, landscape again.
    expect(docx.sections).toEqual(['portrait', 'landscape', 'portrait', 'landscape'])
  })

  it('gives a PDF with the same figures, and follows the records when they change', async () => {
    const read = async () => readPdf((await coordinator.get(`${base}/${id}/document.pdf`).buffer(true).parse(binary).expect(200)).body as Buffer)
    const before = await read()
    expect(before.flat).toContain('Of the 49 actions in Q1 2016/17 (April to June 2016), 49 have no RAG status yet.')
    // The coordinator posts a red Q1 update on an action that had none, through the plan.
    const ctx = contextFor(partnership, 'coordinator')
    const action = await t.db.selectFrom('actions').select('id').where('title', 'like', 'Op Benison%').where('partnershipId', '=', partnership.id).executeTakeFirstOrThrow()
    await t.services.plans.postUpdate(ctx, action.id, { quarter: 1, body: 'Visits paused: no licensing officer', rag: 'red', markComplete: false, otherRags: {} })
    const after = await read()
    expect(after.flat).toContain('Of the 49 actions in Q1 2016/17 (April to June 2016), 1 is red and 48 have no RAG status yet.')
    expect(after.flat).toContain('Visits paused: no licensing officer')
  })

  it('gives the statuses the plan’s page gives, and the RAG key in the partnership’s own words', async () => {
    const ctx = contextFor(partnership, 'coordinator')
    await t.services.plans.saveRagDefinitions(ctx, { green: 'On track or done', amber: 'Slipping: the lead has a plan to recover', red: 'Stuck: the steering group must act' })
    const docx = await readDocx((await coordinator.get(`${base}/${id}/document.docx`).buffer(true).parse(binary).expect(200)).body as Buffer)
    expect(docx.tables[docx.captions.indexOf('What the RAG statuses mean')]!.rows.slice(1)).toEqual([
      ['Green', 'On track or done'],
      ['Amber', 'Slipping: the lead has a plan to recover'],
      ['Red', 'Stuck: the steering group must act'],
    ])
    const plan = page((await coordinator.get(`/partnerships/${partnership.id}/plans/${planId}`).expect(200)).text)
    const onPage = plan.$('[data-qa="priority-summary"]').map((_, row) => [[plan.$(row).find('td').eq(0).text(), ...['red', 'amber', 'green', 'none'].map(q => plan.$(row).find(`[data-qa="${q}"]`).text()), plan.$(row).find('td').eq(5).text()]]).get() as string[][]
    const summary = docx.tables[docx.captions.findIndex(c => c.startsWith('RAG status of the actions'))]!
    // Actions, red, amber, green, no status yet, complete: the same as the plan page (all of its updates are Q1 ones).
    expect(summary.rows.slice(1, -1).map(row => row.slice(1))).toEqual(onPage)
  })

  it('shows the document in the browser to print, with its tables and RAG tags', async () => {
    const res = await coordinator.get(`${base}/${id}/print`).expect(200)
    const p = page(res.text)
    expect(p.h1()).toBe('Partnership Plan 2016/17: 1st Quarter Update')
    expect(p.$('h1')).toHaveLength(1)
    expect(p.all('.app-document h2')).toEqual(expect.arrayContaining(['Priority 1: Safeguarding Vulnerable People from Harm', 'Summary of progress']))
    // Each priority's table, the thread from evidence to money, and the appendix of every action by status.
    expect(p.$('section.app-document__section--landscape')).toHaveLength(5)
    expect(p.all('.app-document h2')).toContain('Appendix: every action by status, exceptions first')
    expect(p.$('.app-document .app-rag-tag[data-rag="amber"]').length).toBeGreaterThan(0)
    expect(p.$('.app-no-print').text()).toContain('Print command')
    // The document is in the page's main landmark.
    expect(p.$('main#main-content article.app-document')).toHaveLength(1)
  })
})

describe('a final report', () => {
  let id: number
  const docxText = async () => (await readDocx((await coordinator.get(`${base}/${id}/document.docx`).buffer(true).parse(binary).expect(200)).body as Buffer)).text
  const pdfText = async () => (await readPdf((await coordinator.get(`${base}/${id}/document.pdf`).buffer(true).parse(binary).expect(200)).body as Buffer)).flat
  const printText = async () => page((await coordinator.get(`${base}/${id}/print`).expect(200)).text).text('.app-document')
  const setStatus = (status: 'draft' | 'final', extra: Record<string, string> = {}) => coordinator.post(`${base}/${id}/edit`, { planId: String(planId), quarter: '3', status, ...extra })

  beforeAll(async () => {
    id = await createQuarterly('3')
  })
  afterAll(() => t.clock.set(TEST_NOW))

  it('is kept as issued: a change to the records after it is marked final does not change its downloads', async () => {
    t.clock.set('2026-11-25T10:00:00Z')
    await setStatus('final').expect(303)
    const issued = { docx: await docxText(), pdf: await pdfText(), print: await printText() }
    expect(issued.docx).toContain('Status: Final')
    expect(issued.docx).toContain('Figures taken from the records: 25 November 2026 at 10:00am')

    // Later that day, a Q3 update is posted and the plan's first priority is renamed.
    t.clock.set('2026-11-25T14:30:00Z')
    const ctx = contextFor(partnership, 'coordinator')
    const action = await t.db.selectFrom('actions').select('id').where('title', 'like', 'Gang awareness training%').where('partnershipId', '=', partnership.id).executeTakeFirstOrThrow()
    await t.services.plans.postUpdate(ctx, action.id, { quarter: 3, body: 'Gang awareness sessions delivered to 40 front line staff', rag: 'green', markComplete: false, otherRags: {} })
    const { priority } = await t.services.plans.priority(ctx, (await t.services.plans.planView(ctx, planId)).priorities[0]!.id)
    await t.services.plans.savePriority(ctx, planId, priority.id, { title: 'Safeguarding vulnerable people (renamed)', subThemes: priority.subThemes, headlineTarget: null, deliveringGroupId: null, strategicObjectiveId: null, resources: null, progressComment: null, position: 1 })

    expect(await docxText()).toBe(issued.docx)
    expect(await pdfText()).toBe(issued.pdf)
    expect(await printText()).toBe(issued.print)
    expect(issued.docx).not.toContain('Gang awareness sessions delivered')
    expect(issued.docx).not.toContain('(renamed)')
  })

  it('says on its page that it is final and when it was issued, and cannot be changed until set back to a draft', async () => {
    const shown = page((await coordinator.get(`${base}/${id}`).expect(200)).text)
    expect(shown.text('[data-qa="issued"]')).toContain('Final: issued on 25 November 2026 at 10:00am; the figures are as they were then.')
    expect(shown.$('a[href$="/narrative"]')).toHaveLength(0)
    expect(shown.all('[data-qa="report-details"] .govuk-summary-list__value')).toContain('Final, issued on 25 November 2026 at 10:00am')
    const refused = await setStatus('final', { title: 'A new title' })
    expect(refused.status).toBe(400)
    expect(page(refused.text).errorSummary()[0]!.text).toMatch(/^This report is final, issued on 25 November 2026 at 10:00am, and stays as it was issued\. To change its details, choose Draft/)
    // Saving the same details again changes nothing.
    await setStatus('final').expect(303)
    expect((await t.db.selectFrom('reports').select('finalisedAt').where('id', '=', id).executeTakeFirstOrThrow()).finalisedAt).toEqual(new Date('2026-11-25T10:00:00Z'))
  })

  it('follows the records again once set back to a draft, and is kept anew when marked final again; each step is audited', async () => {
    await setStatus('draft').expect(303)
    expect(page((await coordinator.get(`${base}/${id}`).expect(200)).text).text('[data-qa="draft-note"]')).toContain('Draft: the downloads are generated from the live records')
    const draft = await docxText()
    expect(draft).toContain('Gang awareness sessions delivered to 40 front line staff')
    expect(draft).toContain('Priority 1: Safeguarding vulnerable people (renamed)')
    expect(draft).toContain('Status: Draft')
    expect(await t.db.selectFrom('reportFinalDocuments').select('reportId').where('reportId', '=', id).execute()).toEqual([])

    t.clock.set('2026-11-25T15:00:00Z')
    await setStatus('final').expect(303)
    const reissued = await docxText()
    expect(reissued).toContain('Gang awareness sessions delivered to 40 front line staff')
    expect(reissued).toContain('Figures taken from the records: 25 November 2026 at 3:00pm')

    const audit = await t.db.selectFrom('auditEvents').select(['summary', 'before', 'after']).where('entityType', '=', 'report').where('entityId', '=', String(id)).orderBy('id').execute()
    const summaries = audit.map(a => a.summary)
    expect(summaries.filter(text => text.startsWith('Issued report'))).toEqual([
      'Issued report “Partnership Plan 2016/17: 3rd Quarter Update” as final: the document generated from the records on 25 November 2026 at 10:00am is kept, and its downloads no longer change',
      'Issued report “Partnership Plan 2016/17: 3rd Quarter Update” as final: the document generated from the records on 25 November 2026 at 3:00pm is kept, and its downloads no longer change',
    ])
    expect(summaries).toContain('Set report “Partnership Plan 2016/17: 3rd Quarter Update” back to a draft: its downloads follow the records again, no longer the document issued on 25 November 2026 at 10:00am')
  })

  it('is not given to a visitor who has not signed in', async () => {
    const visitor = t.anonymous()
    expect((await visitor.get(`${base}/${id}/document.pdf`)).status).toBeGreaterThanOrEqual(400)
  })
})

describe('a report whose plan is deleted', () => {
  it('says so on its page and cannot be downloaded until another plan is chosen', async () => {
    const ctx = contextFor(partnership, 'coordinator')
    const { id: doomed } = await t.services.plans.savePlan(ctx, null, { title: 'Doomed plan', planYear: 2018, periodStartYear: null, periodEndYear: null, vision: null, versionLabel: null })
    const res = await coordinator.post(`${base}/new`, { kind: 'quarterly_plan_update', planId: String(doomed), quarter: '1', startFrom: 'starting_words' })
    const id = Number(/(\d+)$/.exec(res.headers.location!)![1])
    await t.services.plans.deletePlan(ctx, doomed)
    expect(page((await coordinator.get(`${base}/${id}`).expect(200)).text).text('.govuk-warning-text')).toContain('The plan this report was about has been deleted')
    const refused = await coordinator.get(`${base}/${id}/document.docx`).expect(409)
    expect(page(refused.text).text('main')).toContain('Change the report’s details to choose another plan')
  })
})

describe('deleting a report', () => {
  it('asks first, then deletes it and records what it held', async () => {
    const id = await createQuarterly()
    const confirm = page((await coordinator.get(`${base}/${id}/delete`).expect(200)).text)
    expect(confirm.h1()).toBe('Are you sure you want to delete the report “Partnership Plan 2016/17: 1st Quarter Update”?')
    await coordinator.post(`${base}/${id}/delete`).expect(303)
    expect(await t.db.selectFrom('reports').select('id').where('id', '=', id).executeTakeFirst()).toBeUndefined()
    const audit = await t.db.selectFrom('auditEvents').selectAll().where('entityType', '=', 'report').where('entityId', '=', String(id)).where('action', '=', 'delete').executeTakeFirstOrThrow()
    expect((audit.before as { title: string }).title).toBe('Partnership Plan 2016/17: 1st Quarter Update')
  })
})
