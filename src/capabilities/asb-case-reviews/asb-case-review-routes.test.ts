import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { aPartnership, aUser } from '#test/helpers/builders'
import { page } from '#test/helpers/html'
import { createTestApp, type TestApp, type TestClient } from '#test/helpers/test-app'

/**
 * ASB case reviews through their pages: a year of applications entered through the forms, the yearly figures
 * (page and CSV) agreeing with the records, published for the public only when the partnership chooses, another
 * partnership's records a 404, and the retention rule. The clock stands at 25 November 2026, in 2026/27.
 */
let t: TestApp
let partnershipId: number
let organisationId: number
let coordinator: TestClient
let member: TestClient
let outsider: TestClient
const base = () => `/partnerships/${partnershipId}/asb-case-reviews`
const d = (name: string, date: string) => {
  const [year, month, day] = date.split('-')
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year! }
}

async function apply(reference: string, receivedOn: string, complaintsCount: number) {
  const res = await coordinator.post(`${base()}/new`, { reference, ...d('receivedOn', receivedOn), receivedByOrganisationId: String(organisationId), complaintsCount: String(complaintsCount), applicantReference: `${reference}-APPLICANT`, summary: `${reference} SUMMARY` })
  expect(res.status, res.text.slice(0, 300)).toBe(303)
  return Number(res.headers.location!.split('/').pop())
}

beforeAll(async () => {
  t = await createTestApp()
  const p = await aPartnership(t, { isPublished: true })
  partnershipId = p.partnership.id
  organisationId = p.organisation.id
  coordinator = await t.as(await aUser(t, { role: 'coordinator', partnershipId }))
  member = await t.as(await aUser(t, { role: 'member', partnershipId }))
  const other = await aPartnership(t)
  outsider = await t.as(await aUser(t, { role: 'coordinator', partnershipId: other.partnership.id }))
})
afterAll(() => t.close())

describe('ASB case reviews', () => {
  it('checks an application: an empty form lists every problem, and a decision against the threshold needs a reason', async () => {
    const empty = await coordinator.post(`${base()}/new`, {})
    expect(page(empty.text).errorSummary().map(e => e.href)).toEqual(['#reference', '#complaintsCount', '#receivedOn-day'])
    const id = await apply('ACR 2025/09', '2025-04-20', 2)
    const against = await coordinator.post(`${base()}/${id}/threshold`, { thresholdMet: 'yes', ...d('thresholdDecisionOn', '2025-04-25') })
    expect(page(against.text).errorSummary()).toEqual([{ text: '2 complaints do not meet the partnership’s threshold of three complaints in six months: give the reason for deciding otherwise', href: '#thresholdReason' }])
    await coordinator.post(`${base()}/${id}/delete`, {})
  })

  it('publishes figures for 2025/26 that agree with a year of applications entered through the forms, as a page and as CSV', async () => {
    // Five applications received in 2025/26: two not meeting the threshold, three reviews (two with recommendations),
    // of which one was held in 2026/27; one received in March 2025 but reviewed in 2025/26.
    const a1 = await apply('ACR 2025/01', '2025-04-03', 1)
    await coordinator.post(`${base()}/${a1}/threshold`, { thresholdMet: 'no', ...d('thresholdDecisionOn', '2025-04-10') })
    const a2 = await apply('ACR 2025/02', '2025-06-12', 4)
    await coordinator.post(`${base()}/${a2}/threshold`, { thresholdMet: 'yes', ...d('thresholdDecisionOn', '2025-06-20') })
    await coordinator.post(`${base()}/${a2}/review`, { ...d('reviewOn', '2025-07-15'), recommendations: 'Mediation between neighbours', outcome: 'Mediation offered', ...d('outcomeOn', '2025-07-18') })
    const a3 = await apply('ACR 2025/03', '2025-09-01', 3)
    await coordinator.post(`${base()}/${a3}/threshold`, { thresholdMet: 'yes', ...d('thresholdDecisionOn', '2025-09-05') })
    await coordinator.post(`${base()}/${a3}/review`, { ...d('reviewOn', '2025-10-01'), outcome: 'No further action: the case was handled well', ...d('outcomeOn', '2025-10-03') })
    const a4 = await apply('ACR 2025/04', '2025-11-11', 2)
    await coordinator.post(`${base()}/${a4}/threshold`, { thresholdMet: 'no', ...d('thresholdDecisionOn', '2025-11-14') })
    const a5 = await apply('ACR 2025/05', '2026-03-25', 5)
    await coordinator.post(`${base()}/${a5}/threshold`, { thresholdMet: 'yes', ...d('thresholdDecisionOn', '2026-03-30') })
    await coordinator.post(`${base()}/${a5}/review`, { ...d('reviewOn', '2026-04-14'), recommendations: 'CCTV review' })
    const a0 = await apply('ACR 2024/12', '2025-03-28', 6)
    await coordinator.post(`${base()}/${a0}/threshold`, { thresholdMet: 'yes', ...d('thresholdDecisionOn', '2025-03-31') })
    await coordinator.post(`${base()}/${a0}/review`, { ...d('reviewOn', '2025-04-22'), recommendations: 'Joint visit', outcome: 'Joint visit agreed', ...d('outcomeOn', '2025-04-25') })

    const records = await t.db.selectFrom('asbCaseReviews').selectAll().where('partnershipId', '=', partnershipId).execute()
    const inYear = (date: string | null) => date !== null && date >= '2025-04-01' && date <= '2026-03-31'
    const expected = {
      received: records.filter(r => inYear(r.receivedOn)).length,
      notMeeting: records.filter(r => r.thresholdMet === false && inYear(r.thresholdDecisionOn)).length,
      reviews: records.filter(r => r.thresholdMet && inYear(r.reviewOn)).length,
      recommendations: records.filter(r => r.thresholdMet && inYear(r.reviewOn) && r.recommendations).length,
    }
    expect(expected).toEqual({ received: 5, notMeeting: 2, reviews: 3, recommendations: 2 })

    const figures = page((await coordinator.get(`${base()}/figures/2025`)).text)
    expect(figures.h1()).toBe('ASB case reviews 2025/26')
    expect([figures.text('[data-qa=received]'), figures.text('[data-qa=not-meeting-threshold]'), figures.text('[data-qa=reviews]'), figures.text('[data-qa=with-recommendations]')]).toEqual(
      [expected.received, expected.notMeeting, expected.reviews, expected.recommendations].map(String),
    )
    expect(figures.$('[data-qa=partial]').length).toBe(0)
    const csv = await coordinator.get(`${base()}/figures/2025/download.csv`)
    expect(csv.headers['content-type']).toMatch(/^text\/csv/)
    expect(csv.text.replace(/^\uFEFF/, '').split(/\r?\n/)[1]).toBe('2025/26,5,2,3,2,2026-03-31,no')
    expect(page((await coordinator.get(`${base()}/figures/2026`)).text).$('[data-qa=partial]').length).toBe(1)

    const show = page((await member.get(`${base()}/${a2}`)).text)
    expect(show.text('[data-qa=stage]')).toBe('Outcome given')
    expect(show.text('[data-qa=steps]')).toContain('8 days after it was received')
    expect(show.text('[data-qa=steps]')).toContain('36 days')
  })

  it('shows the year’s figures to the public only once published, and audits publishing', async () => {
    const visitor = t.anonymous()
    expect((await visitor.get(`${base()}/figures/2025`)).status).toBe(404)
    expect(page((await visitor.get(base())).text).text('main')).not.toContain('ACR 2025')
    expect((await member.post(`${base()}/figures/2025/publish`, { publish: 'yes' })).status).toBe(403)
    expect((await coordinator.post(`${base()}/figures/2025/publish`, { publish: 'yes' })).status).toBe(303)
    const published = page((await visitor.get(`${base()}/figures/2025`)).text)
    expect(published.text('[data-qa=received]')).toBe('5')
    expect(published.$('form').length).toBe(0)
    expect((await visitor.get(`${base()}/figures/2025/download.csv`)).status).toBe(200)
    expect((await visitor.get(`${base()}/${1}`)).status).toBe(303)
    const audit = await t.db.selectFrom('auditEvents').select(['action', 'summary']).where('entityType', '=', 'ASB case review figures').execute()
    expect(audit).toEqual([{ action: 'publish', summary: 'Published the ASB case review figures for 2025/26' }])
    const dates = await t.services.asbCaseReviews.statutoryDates(partnershipId)
    expect(dates).toEqual([expect.objectContaining({ key: 'asb-case-review:figures-after:2025', dueOn: '2027-11-25', doneOn: null })])
  })

  it('answers 404 to another partnership, and refuses changes by a member', async () => {
    const row = await t.db.selectFrom('asbCaseReviews').select('id').where('partnershipId', '=', partnershipId).executeTakeFirstOrThrow()
    expect((await outsider.get(`${base()}/${row.id}`)).status).toBe(404)
    expect((await member.get(`${base()}/new`)).status).toBe(403)
    expect((await member.post(`${base()}/${row.id}/edit`, { reference: 'X' })).status).toBe(403)
  })

  it('anonymises applications three years after they closed, audited, leaving the figures as they were', async () => {
    const before = await t.services.asbCaseReviews.yearFigures(partnershipId, 2025)
    t.clock.set('2028-07-20T09:00:00Z')
    try {
      expect(await t.services.asbCaseReviews.runRetention(t.clock.now())).toEqual([{ recordType: 'ASB case review', action: 'anonymise', count: 3 }])
      const rows = await t.db.selectFrom('asbCaseReviews').select(['reference', 'applicantReference', 'summary']).where('partnershipId', '=', partnershipId).orderBy('reference').execute()
      expect(rows.filter(r => r.summary === null).map(r => r.reference)).toEqual(['ACR 2024/12', 'ACR 2025/01', 'ACR 2025/02'])
      expect(rows.find(r => r.reference === 'ACR 2025/03')!.applicantReference).toBe('ACR 2025/03-APPLICANT')
      expect(await t.services.asbCaseReviews.yearFigures(partnershipId, 2025)).toEqual(before)
      const audit = await t.db.selectFrom('auditEvents').selectAll().where('partnershipId', '=', partnershipId).execute()
      expect(audit.filter(e => e.action === 'anonymise')).toHaveLength(3)
      expect(JSON.stringify(audit)).not.toContain('SUMMARY')
      expect(JSON.stringify(audit)).not.toContain('-APPLICANT')
    } finally {
      t.clock.set('2026-11-25T10:00:00Z')
    }
  })
})
