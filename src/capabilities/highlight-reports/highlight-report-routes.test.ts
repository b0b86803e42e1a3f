import type { Test } from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { aPartnership, aUser, contextFor } from '#test/helpers/builders'
import { page } from '#test/helpers/html'
import { readDocx, readPdf } from '#test/helpers/read-documents'
import { openInLibreOffice, soffice } from '#test/helpers/libreoffice'
import { expectTaggedLikeWord } from '#test/helpers/read-pdf-structure'
import { createTestApp, type TestApp, type TestClient } from '#test/helpers/test-app'
import type { DraftAction, DraftPriority } from '../plans/index.ts'

/** The test clock says 25 November 2026: month 8 of the 2026/27 plan year, in Q3. */
let t: TestApp

/** Binary bodies for supertest: `.buffer(true).parse(binary)` gives a Buffer. */
type Parser = Extract<Parameters<Test['parse']>[0], (res: never, callback: never) => void>
const binary: Parser = (res, callback) => {
  res.setEncoding('binary')
  let data = ''
  res.on('data', (chunk: string) => (data += chunk))
  res.on('end', () => callback(null, Buffer.from(data, 'binary')))
}

const action = (title: string, fields: Partial<DraftAction> = {}): DraftAction => ({
  objective: null,
  title,
  outcomes: [],
  leadOrganisations: [],
  leadPeople: [],
  leadNote: null,
  supportingPartners: [],
  quarters: [1, 2, 3, 4],
  dueDate: null,
  timescaleNote: null,
  dependencies: null,
  status: 'open',
  updates: [],
  ...fields,
})

const priority = (title: string, fields: Partial<DraftPriority> = {}): DraftPriority => ({
  title,
  subThemes: [],
  headlineTarget: null,
  deliveringGroup: null,
  resources: null,
  risks: [],
  progressComment: null,
  objectives: [],
  actions: [],
  ...fields,
})

/**
 * A partnership with an agreed 2026/27 plan of two priorities: anti-social behaviour, delivered by the
 * Referral Group (chaired by a lead), and sexual offences, which no sub-group delivers (so the community
 * safety team reports on it). The ASB indicator has a 2025/26 baseline of 2,090, a 2% reduction target and
 * monthly figures for April to October of both years.
 */
async function aPartnershipWithHighlightReports() {
  const structure = await aPartnership(t)
  const { partnership, organisation, person } = structure
  const partnershipId = partnership.id
  const referralGroup = await t.db
    .insertInto('groups')
    .values({ partnershipId, name: 'Referral Group', type: 'sub_group' })
    .returningAll()
    .executeTakeFirstOrThrow()
  const panel = await t.db
    .insertInto('groups')
    .values({ partnershipId, name: 'Hate Crime Panel', type: 'sub_group' })
    .returningAll()
    .executeTakeFirstOrThrow()
  await t.db
    .insertInto('memberships')
    .values({ partnershipId, groupId: referralGroup.id, personId: person.id, role: 'chair' })
    .execute()
  const otherPerson = await t.db
    .insertInto('people')
    .values({ partnershipId, name: 'Panel Chair', organisationId: organisation.id })
    .returningAll()
    .executeTakeFirstOrThrow()
  await t.db
    .insertInto('memberships')
    .values({ partnershipId, groupId: panel.id, personId: otherPerson.id, role: 'chair' })
    .execute()
  const admin = contextFor(partnership, 'admin')
  const { plan } = await t.services.plans.createFromDraft(
    admin,
    {
      title: 'Partnership Plan 2026/27',
      planYear: 2026,
      periodStartYear: null,
      periodEndYear: null,
      vision: null,
      versionLabel: null,
      status: 'agreed',
      agreedOn: '2026-03-14',
      agreedBy: 'Steering Group',
    },
    [
      priority('Reduce anti-social behaviour by 2%', {
        deliveringGroup: referralGroup.name,
        actions: [
          action('Dispersal Orders', {
            updates: [
              {
                quarter: 2,
                body: 'Order renewed',
                rag: 'green',
                postedAt: new Date('2026-09-20T10:00:00Z'),
                authorLabel: 'Officer',
              },
            ],
          }),
          action('Schools training', {
            updates: [
              {
                quarter: 2,
                body: 'Schools slow to reply',
                rag: 'red',
                postedAt: new Date('2026-09-21T10:00:00Z'),
                authorLabel: 'Officer',
              },
            ],
          }),
          action('Recruit an ASB officer'),
        ],
      }),
      priority('Reduce sexual offences by 2%', { actions: [action('Challenge 25 in pubs')] }),
    ],
    'test',
  )
  const priorities = await t.db
    .selectFrom('priorities')
    .select(['id', 'title'])
    .where('planId', '=', plan.id)
    .orderBy('position')
    .execute()
  const [asb, sexualOffences] = priorities as [{ id: number; title: string }, { id: number; title: string }]
  const indicator = await t.services.indicators.save(admin, null, {
    name: 'Anti-social behaviour incidents',
    definition: null,
    source: 'Police STORM database',
    unit: 'count',
    polarity: 'lower_is_better',
    frequency: 'monthly',
    countedAs: 'incidents',
    areaId: null,
    denominator: null,
    denominatorNote: null,
    priorityId: asb.id,
    notes: null,
    sourceKind: 'manual',
    policeDefinition: null,
  })
  const baseline = await t.services.indicators.saveBaseline(admin, indicator.id, null, {
    year: 2025,
    value: 2090,
    note: null,
  })
  await t.services.indicators.saveTarget(admin, indicator.id, null, {
    year: 2026,
    kind: 'percent_change',
    changePercent: -2,
    absoluteValue: null,
    baselineId: baseline.id,
    statement: '2% reduction in ASB incidents by March 2027',
  })
  const figures: Record<string, number> = {
    '2025-04': 180,
    '2025-05': 190,
    '2025-06': 200,
    '2026-04': 170,
    '2026-05': 171,
    '2026-06': 190,
  }
  for (const [month, value] of Object.entries(figures)) {
    await t.db
      .insertInto('indicatorActuals')
      .values({ partnershipId, indicatorId: indicator.id, periodStart: `${month}-01`, periodMonths: 1, value })
      .execute()
  }
  const chair = await aUser(t, { role: 'lead', partnershipId, personId: person.id })
  const otherLead = await aUser(t, { role: 'lead', partnershipId, personId: otherPerson.id })
  const coordinatorUser = await aUser(t, { role: 'coordinator', partnershipId })
  const memberUser = await aUser(t, { role: 'member', partnershipId })
  return {
    partnership,
    plan,
    asb,
    sexualOffences,
    referralGroup,
    base: `/partnerships/${partnershipId}/highlight-reports`,
    chair: await t.as(chair),
    otherLead: await t.as(otherLead),
    coordinator: await t.as(coordinatorUser),
    member: await t.as(memberUser),
  }
}
type Setup = Awaited<ReturnType<typeof aPartnershipWithHighlightReports>>

const reportsOf = (partnershipId: number) =>
  t.db.selectFrom('highlightReports').selectAll().where('partnershipId', '=', partnershipId).orderBy('id').execute()
const auditOf = (partnershipId: number) =>
  t.db
    .selectFrom('auditEvents')
    .selectAll()
    .where('partnershipId', '=', partnershipId)
    .where('entityType', '=', 'highlight report')
    .orderBy('id')
    .execute()
const idFrom = (location: string) => Number(/\/highlight-reports\/(\d+)$/.exec(location)![1])

beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

describe('the chair writes the monthly highlight report', () => {
  let s: Setup
  beforeAll(async () => {
    s = await aPartnershipWithHighlightReports()
  })

  it('offers the chair only the group they chair, and the months of the plan year so far', async () => {
    const res = await s.chair.get(`${s.base}/new`).expect(200)
    const p = page(res.text)
    expect(p.h1()).toBe('Write a highlight report')
    expect(
      p
        .$('input[name="reporter"]')
        .map((_, el) => p.$(el).attr('value'))
        .get(),
    ).toEqual([String(s.referralGroup.id)])
    const months = p
      .$('#month option')
      .map((_, el) => p.$(el).attr('value'))
      .get()
    expect(months[0]).toBe('2026-11')
    expect(months.at(-1)).toBe('2026-04')
    expect(p.$('#month option[selected]').attr('value')).toBe('2026-11')
  })

  it('shows the priority’s performance against the baseline from the indicators, up to the end of the month', async () => {
    const res = await s.chair.get(`${s.base}/new?reporter=${s.referralGroup.id}&month=2026-05`).expect(200)
    const p = page(res.text)
    expect(p.h1()).toBe('Highlight report: Referral Group, May 2026')
    const row = p.all('[data-qa="figures"] tbody tr')[0]!
    expect(row).toContain('2% reduction in ASB incidents by March 2027')
    expect(row).toContain('2,090 Baseline 2025/26')
    expect(row).toContain('2,048')
    expect(row).toContain('370 April and May 2025')
    expect(row).toContain('341 April and May 2026')
    expect(row).toContain('7.8% (29 incidents)')
    expect(row).toContain('Green')
    expect(p.text('.app-highlight-section')).toContain('3 actions: 1 Red, 1 Green, 1 with no update yet')
    expect(p.$(`textarea#progress-${s.asb.id}`).length).toBe(1)
    expect(
      p.$(`textarea#progress-${s.sexualOffences.id}`).length,
      'the community safety team reports on the other priority',
    ).toBe(0)
  })

  it('keeps the words and saves nothing when the report is submitted without its progress', async () => {
    const before = await reportsOf(s.partnership.id)
    const res = await s.chair
      .post(`${s.base}/new`, {
        reporter: String(s.referralGroup.id),
        month: '2026-10',
        [`issues-${s.asb.id}`]: 'Partners not attending',
        action: 'submit',
      })
      .expect(400)
    const p = page(res.text)
    expect(p.title()).toMatch(/^Error: /)
    expect(p.errorSummary()).toEqual([
      {
        text: 'Enter the progress on “Reduce anti-social behaviour by 2%” before you submit the report',
        href: `#progress-${s.asb.id}`,
      },
    ])
    expect(p.inlineError(`progress-${s.asb.id}`)).toBe(
      'Enter the progress on “Reduce anti-social behaviour by 2%” before you submit the report',
    )
    expect(p.fieldValue(`issues-${s.asb.id}`)).toBe('Partners not attending')
    expect(await reportsOf(s.partnership.id)).toEqual(before)
  })

  it('saves a draft, then submits it; each change is in the audit log', async () => {
    const saved = await s.chair
      .post(`${s.base}/new`, {
        reporter: String(s.referralGroup.id),
        month: '2026-10',
        [`progress-${s.asb.id}`]: 'Referral Group met twice.\nFour families referred.',
        [`asks-${s.asb.id}`]: 'Agree £500 for diversionary activities at Halloween',
        action: 'save',
      })
      .expect(303)
    const id = idFrom(saved.headers.location!)
    const view = page((await s.chair.get(`${s.base}/${id}`).expect(200)).text)
    expect(view.banner()).toBe('Highlight report saved as a draft')
    expect(view.text('[data-state]')).toBe('Draft')
    expect(view.text('[data-qa="entry-progress"]')).toBe('Referral Group met twice. Four families referred.')
    expect(view.text('[data-qa="entry-issues"]')).toBe('None')

    await s.chair.post(`${s.base}/${id}/submit`).expect(303)
    const submitted = page((await s.member.get(`${s.base}/${id}`).expect(200)).text)
    expect(submitted.text('[data-state]')).toBe('Submitted')
    expect(submitted.$('[data-qa="submit-report"]').length).toBe(0)
    const [report] = (await reportsOf(s.partnership.id)).filter(r => r.id === id)
    expect(report).toMatchObject({ status: 'submitted', month: '2026-10-01' })
    const audit = (await auditOf(s.partnership.id)).filter(e => e.entityId === String(id))
    expect(audit.map(e => [e.action, e.summary])).toEqual([
      ['create', 'Started highlight report “Referral Group, October 2026”'],
      ['submit', 'Submitted highlight report “Referral Group, October 2026”'],
    ])
    expect((audit[1]!.after as { status: string }).status).toBe('submitted')
    expect(JSON.stringify(audit[0]!.after)).toContain('Agree £500 for diversionary activities at Halloween')
  })

  it('keeps a submitted report read-only until a coordinator reopens it, giving the reason', async () => {
    const [report] = (await reportsOf(s.partnership.id)).filter(r => r.status === 'submitted')
    const url = `${s.base}/${report!.id}`
    const edit = await s.chair.get(`${url}/edit`).expect(303)
    expect(edit.headers.location).toBe(url)
    expect(page((await s.chair.get(url)).text).banner()).toBe(
      'This report has been submitted, so it cannot be changed. A coordinator can reopen it.',
    )
    await s.chair
      .post(`${url}/edit`, { [`progress-${s.asb.id}`]: 'Changed after the event', action: 'save' })
      .expect(409)
    await s.chair.get(`${url}/reopen`).expect(403)

    const empty = await s.coordinator.post(`${url}/reopen`, { reason: '' }).expect(400)
    expect(page(empty.text).errorSummary()).toEqual([
      { text: 'Enter why the report is being reopened', href: '#reason' },
    ])
    await s.coordinator.post(`${url}/reopen`, { reason: 'The chair asked to add the November referrals' }).expect(303)
    const reopened = await t.db
      .selectFrom('highlightReports')
      .selectAll()
      .where('id', '=', report!.id)
      .executeTakeFirstOrThrow()
    expect(reopened).toMatchObject({ status: 'draft', submittedAt: null })
    const last = (await auditOf(s.partnership.id)).at(-1)!
    expect([last.action, last.summary]).toEqual([
      'reopen',
      'Reopened highlight report “Referral Group, October 2026”: The chair asked to add the November referrals',
    ])

    await s.chair
      .post(`${url}/edit`, {
        [`progress-${s.asb.id}`]: 'Referral Group met twice. Six families referred.',
        action: 'submit',
      })
      .expect(303)
    expect(page((await s.member.get(url)).text).text('[data-qa="entry-progress"]')).toBe(
      'Referral Group met twice. Six families referred.',
    )
  })

  it('asks for what is missing when a draft without its progress is submitted from its page', async () => {
    const saved = await s.chair
      .post(`${s.base}/new`, {
        reporter: String(s.referralGroup.id),
        month: '2026-07',
        [`risks-${s.asb.id}`]: 'Officer post vacant',
        action: 'save',
      })
      .expect(303)
    const url = saved.headers.location!
    const view = page((await s.chair.get(url).expect(200)).text)
    expect(view.$('[data-qa="submit-report"]').length).toBe(0)
    expect(view.text('.govuk-inset-text')).toBe(
      'Before the report can be submitted, write the progress on each priority.',
    )
    const res = await s.chair.post(`${url}/submit`).expect(400)
    const p = page(res.text)
    expect(p.h1()).toBe('Change the highlight report: Referral Group, July 2026')
    expect(p.errorSummary()).toEqual([
      {
        text: 'Enter the progress on “Reduce anti-social behaviour by 2%” before you submit the report',
        href: `#progress-${s.asb.id}`,
      },
    ])
    expect(p.fieldValue(`risks-${s.asb.id}`)).toBe('Officer post vacant')
    expect(
      (
        await t.db
          .selectFrom('highlightReports')
          .select('status')
          .where('id', '=', idFrom(url))
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe('draft')
  })

  it('takes one report per group per month: a second one for the month is refused on the first question', async () => {
    const res = await s.chair
      .post(`${s.base}/new`, {
        reporter: String(s.referralGroup.id),
        month: '2026-10',
        [`progress-${s.asb.id}`]: 'Again',
        action: 'save',
      })
      .expect(400)
    const p = page(res.text)
    expect(p.h1()).toBe('Write a highlight report')
    expect(p.errorSummary()).toEqual([
      { text: 'There is already a highlight report from Referral Group for October 2026', href: '#month' },
    ])
    expect(p.$('#month option[selected]').attr('value')).toBe('2026-10')
    // Asking for the form again opens the existing report.
    const again = await s.chair.get(`${s.base}/new?reporter=${s.referralGroup.id}&month=2026-10`).expect(303)
    expect(again.headers.location).toMatch(/\/highlight-reports\/\d+$/)
  })

  it('will not take a report for a month that has not begun', async () => {
    const res = await s.chair.get(`${s.base}/new?reporter=${s.referralGroup.id}&month=2026-12`).expect(400)
    expect(page(res.text).errorSummary()).toEqual([
      { text: 'You can only write a highlight report for this month or a month before it', href: '#month' },
    ])
  })
})

describe('who may write and read highlight reports', () => {
  let s: Setup
  let draftUrl: string
  beforeAll(async () => {
    s = await aPartnershipWithHighlightReports()
    const res = await s.chair
      .post(`${s.base}/new`, {
        reporter: String(s.referralGroup.id),
        month: '2026-09',
        [`progress-${s.asb.id}`]: 'First meeting held',
        action: 'save',
      })
      .expect(303)
    draftUrl = res.headers.location!
  })

  it('lets a lead who does not chair the group read the report but not change it', async () => {
    await s.otherLead.get(draftUrl).expect(200)
    await s.otherLead.get(`${draftUrl}/edit`).expect(403)
    await s.otherLead.post(`${draftUrl}/edit`, { [`progress-${s.asb.id}`]: 'Not mine', action: 'save' }).expect(403)
    await s.otherLead.post(`${draftUrl}/submit`).expect(403)
    await s.otherLead.get(`${draftUrl}/delete`).expect(403)
    await s.otherLead
      .post(`${s.base}/new`, {
        reporter: String(s.referralGroup.id),
        month: '2026-08',
        [`progress-${s.asb.id}`]: 'x',
        action: 'save',
      })
      .expect(403)
  })

  it('gives a lead who chairs no delivering group nothing to write', async () => {
    // The other lead chairs the Hate Crime Panel, which delivers no priority of the plan.
    await s.otherLead.get(`${s.base}/new`).expect(403)
    const overview = page((await s.otherLead.get(s.base).expect(200)).text)
    expect(overview.$('a[href$="/highlight-reports/new"]').length).toBe(0)
    const chairs = page((await s.chair.get(s.base).expect(200)).text)
    expect(chairs.$('a[href$="/highlight-reports/new"]').length).toBe(1)
  })

  it('lets members read the reports and the roll-up, but write nothing', async () => {
    const overview = page((await s.member.get(s.base).expect(200)).text)
    expect(overview.$('a[href$="/highlight-reports/new"]').length).toBe(0)
    await s.member.get(draftUrl).expect(200)
    await s.member.get(`${s.base}/new`).expect(403)
    await s.member.post(`${draftUrl}/edit`, { [`progress-${s.asb.id}`]: 'x' }).expect(403)
    await s.member.get(`${s.base}/plans/${s.plan.id}/roll-up`).expect(200)
  })

  it('lets only a coordinator write for the community safety team', async () => {
    const asChair = await s.chair.get(`${s.base}/new?reporter=community-safety-team&month=2026-11`).expect(400)
    expect(page(asChair.text).errorSummary()[0]!.href).toBe('#reporter')
    const res = await s.coordinator
      .post(`${s.base}/new`, {
        reporter: 'community-safety-team',
        month: '2026-11',
        [`progress-${s.sexualOffences.id}`]: 'Licensees approached about Challenge 25',
        action: 'submit',
      })
      .expect(303)
    const p = page((await s.chair.get(res.headers.location!).expect(200)).text)
    expect(p.h1()).toBe('Highlight report: Community Safety Team, November 2026')
    expect(p.text('[data-qa="no-figures"]')).toMatch(/No performance indicators are linked/)
  })

  it('lets the chair delete a draft, audited, but not a submitted report', async () => {
    await s.chair.get(`${draftUrl}/delete`).expect(200)
    await s.chair.post(`${draftUrl}/delete`).expect(303)
    await s.chair.get(draftUrl).expect(404)
    const last = (await auditOf(s.partnership.id)).at(-1)!
    expect([last.action, last.summary]).toEqual([
      'delete',
      'Deleted draft highlight report “Referral Group, September 2026”',
    ])
    expect(JSON.stringify(last.before)).toContain('First meeting held')
  })

  it('is a 404 for a report of another partnership', async () => {
    const other = await aPartnershipWithHighlightReports()
    const res = await other.chair
      .post(`${other.base}/new`, {
        reporter: String(other.referralGroup.id),
        month: '2026-11',
        [`progress-${other.asb.id}`]: 'Theirs',
        action: 'save',
      })
      .expect(303)
    const id = idFrom(res.headers.location!)
    await s.coordinator.get(`${s.base}/${id}`).expect(404)
    await s.coordinator.post(`${s.base}/${id}/reopen`, { reason: 'x' }).expect(404)
  })
})

describe('the month at a glance', () => {
  it('shows who has reported for the month and who is missing, and the year so far', async () => {
    const s = await aPartnershipWithHighlightReports()
    await s.chair
      .post(`${s.base}/new`, {
        reporter: String(s.referralGroup.id),
        month: '2026-10',
        [`progress-${s.asb.id}`]: 'Done',
        action: 'submit',
      })
      .expect(303)
    const october = page((await s.coordinator.get(`${s.base}?month=2026-10`).expect(200)).text)
    expect(october.text('#month-heading')).toBe('October 2026')
    expect(october.text('[data-qa="month-summary"]')).toBe('1 of 2 submitted, 1 not started.')
    expect(october.all('[data-qa="month"] tbody tr').map(row => row.replace(/ (View|Write).*$/, ''))).toEqual([
      'Referral Group Reduce anti-social behaviour by 2% Submitted',
      'Community Safety Team Reduce sexual offences by 2% Missing',
    ])
    const year = october.all('[data-qa="year"] tbody tr')
    expect(year).toHaveLength(8)
    expect(year[0]).toBe('April 2026 Missing Missing')
    expect(year[6]).toMatch(/^October 2026 Submitted/)
    expect(year[7]).toBe('November 2026 Due Due')
    // This month is the default; the coordinator may write both reports.
    const now = page((await s.coordinator.get(s.base).expect(200)).text)
    expect(now.text('#month-heading')).toBe('November 2026')
    expect(now.$('[data-qa="month"] a[href*="/new?reporter="]').length).toBe(2)
    expect(now.all('[data-qa="roll-ups"] li')).toEqual([
      'Q1 2026/27 (April to June 2026) – 0 reports submitted',
      'Q2 2026/27 (July to September 2026) – 0 reports submitted',
      'Q3 2026/27 (October to December 2026) – 1 report submitted',
    ])
  })
})

describe('the quarterly roll-up for the steering group', () => {
  let s: Setup
  beforeAll(async () => {
    s = await aPartnershipWithHighlightReports()
    const write = (
      client: TestClient,
      reporter: string,
      month: string,
      fields: Record<string, string>,
      submit = true,
    ) => client.post(`${s.base}/new`, { reporter, month, ...fields, action: submit ? 'submit' : 'save' }).expect(303)
    const rrg = String(s.referralGroup.id)
    await write(s.chair, rrg, '2026-04', {
      [`progress-${s.asb.id}`]: 'Referral Group set up',
      [`asks-${s.asb.id}`]: 'Agree the terms of reference',
    })
    await write(s.chair, rrg, '2026-05', {
      [`progress-${s.asb.id}`]: 'Families referred',
      [`risks-${s.asb.id}`]: 'Partners not attending',
    })
    await write(
      s.chair,
      rrg,
      '2026-06',
      { [`progress-${s.asb.id}`]: 'Still drafting', [`asks-${s.asb.id}`]: 'A draft ask' },
      false,
    )
    await write(s.coordinator, 'community-safety-team', '2026-06', {
      [`progress-${s.sexualOffences.id}`]: 'Licensees approached',
      [`asks-${s.sexualOffences.id}`]: 'Support Challenge 25 in Rayleigh',
    })
  })

  it('gathers the quarter’s submitted reports priority by priority, with the actions’ RAG and the asks together', async () => {
    const res = await s.member.get(`${s.base}/plans/${s.plan.id}/roll-up?quarter=1`).expect(200)
    const p = page(res.text)
    expect(p.h1()).toBe('Highlight reports to the steering group: Q1 2026/27 (April to June 2026)')
    expect(p.all('[data-qa="summary"] tbody tr')).toEqual([
      '1. Reduce anti-social behaviour by 2% Referral Group 2 of 3 1 0 1 1 0',
      '2. Reduce sexual offences by 2% Community Safety Team 1 of 3 0 0 0 1 0',
    ])
    expect(p.all('[data-qa="outstanding"] li').map(t => t.replace(/ \(see the draft\)$/, ''))).toEqual([
      'Community Safety Team, April 2026 – missing',
      'Community Safety Team, May 2026 – missing',
      'Referral Group, June 2026 – draft',
    ])
    expect(p.all('[data-qa="asks"] tbody tr')).toEqual([
      'Reduce anti-social behaviour by 2% Referral Group April 2026 Agree the terms of reference',
      'Reduce sexual offences by 2% Community Safety Team June 2026 Support Challenge 25 in Rayleigh',
    ])
    expect(res.text).not.toContain('A draft ask')
    expect(p.text('#priority-' + s.asb.id + ' [data-qa="figures"] tbody tr')).toContain('531 April to June 2026')
  })

  it('opens on the current quarter, and is a 404 for a quarter that does not exist', async () => {
    const p = page((await s.coordinator.get(`${s.base}/plans/${s.plan.id}/roll-up`).expect(200)).text)
    expect(p.h1()).toContain('Q3 2026/27')
    expect(p.text('[data-qa="no-asks"]')).toMatch(/ask nothing/)
    await s.coordinator.get(`${s.base}/plans/${s.plan.id}/roll-up?quarter=5`).expect(404)
  })

  it('downloads as a Word document with the same reports, figures and asks', async () => {
    const res = await s.member
      .get(`${s.base}/plans/${s.plan.id}/roll-up.docx?quarter=1`)
      .buffer(true)
      .parse(binary)
      .expect(200)
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="test-partnership-\d+-highlight-reports-q1-2026-27\.docx"$/,
    )
    const docx = await readDocx(res.body as Buffer)
    expect(docx.paragraphs[0]!.text).toBe('Highlight reports to the Steering Group: Q1 2026/27 (April to June 2026)')
    if (soffice) {
      // Opened by another word processor: LibreOffice lays it out with its title and every table.
      const { document: pdf } = await openInLibreOffice({ document: res.body as Buffer })
      const laidOut = pdf!.flat.replace(/\s+/g, ' ')
      expect(laidOut).toContain('Highlight reports to the Steering Group: Q1 2026/27 (April to June 2026)')
      for (const caption of docx.captions) expect(laidOut, caption).toContain(caption.replace(/\s+/g, ' ').slice(0, 40))
    }
    const summary =
      docx.tables[docx.captions.findIndex(c => c.startsWith('Highlight reports and actions by RAG status'))]!
    expect(summary.rows[1]).toEqual([
      '1. Reduce anti-social behaviour by 2%',
      'Referral Group',
      '2 of 3',
      '1',
      '0',
      '1',
      '1',
      '0',
    ])
    const figures =
      docx.tables[docx.captions.findIndex(c => c.startsWith('Priority 1: performance against the baseline'))]!
    expect(figures.rows[1]![0]).toContain('2% reduction in ASB incidents by March 2027')
    expect(figures.rows[1]![4]).toBe('531\nApril to June 2026')
    const asks = docx.tables[docx.captions.findIndex(c => c.startsWith('Asks of the Steering Group'))]!
    expect(asks.rows.slice(1).map(r => r[3])).toEqual([
      'Agree the terms of reference',
      'Support Challenge 25 in Rayleigh',
    ])
    expect(docx.text).toContain('Risks: Partners not attending')
    expect(docx.text).not.toContain('A draft ask')
  }, 120_000)

  it('downloads as a PDF', async () => {
    const res = await s.coordinator
      .get(`${s.base}/plans/${s.plan.id}/roll-up.pdf?quarter=1`)
      .buffer(true)
      .parse(binary)
      .expect(200)
    expect(res.headers['content-type']).toBe('application/pdf')
    const pdf = await readPdf(res.body as Buffer)
    expect(pdf.flat).toContain('Highlight reports to the Steering Group: Q1 2026/27')
    expect(pdf.flat).toContain('Support Challenge 25 in Rayleigh')
    expect(pdf.flat).toContain('Licensees approached')
  })

  it('downloads as a tagged PDF with the Word document’s headings and tables', async () => {
    const get = async (format: string) =>
      (await s.coordinator.get(`${s.base}/plans/${s.plan.id}/roll-up.${format}?quarter=1`).buffer(true).parse(binary).expect(200)).body as Buffer
    await expectTaggedLikeWord(await get('pdf'), await get('docx'), 'Highlight reports to the Steering Group: Q1 2026/27 (April to June 2026)')
  })
})
