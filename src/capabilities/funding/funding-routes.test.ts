import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { aPartnership, aUser, usersOfEachRole, type RoleSet } from '#test/helpers/builders'
import { page } from '#test/helpers/html'
import { createTestApp, type TestApp, type TestClient } from '#test/helpers/test-app'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

interface Setup {
  id: number
  base: string
  organisationId: number
  users: RoleSet
  coordinator: TestClient
}

async function setUp(options: { isPublished?: boolean } = {}): Promise<Setup> {
  const { partnership, organisation } = await aPartnership(t, { isPublished: options.isPublished ?? false })
  const users = await usersOfEachRole(t, partnership.id)
  return {
    id: partnership.id,
    base: `/partnerships/${partnership.id}/funding`,
    organisationId: organisation.id,
    users,
    coordinator: await t.as(users.coordinator),
  }
}

/** Post a form and expect it to save (303). */
async function save(client: TestClient, url: string, form: Record<string, string>) {
  const res = await client.post(url, form)
  if (res.status !== 303) throw new Error(`${url} → ${res.status}: ${JSON.stringify(page(res.text).errorSummary())}`)
  return res
}

const date = (name: string, day: number, month: number, year: number) => ({
  [`${name}-day`]: String(day),
  [`${name}-month`]: String(month),
  [`${name}-year`]: String(year),
})

/** The figures table of a year page: figure name → amount as shown. */
function figures(html: string) {
  const { $ } = page(html)
  return Object.fromEntries(
    $('[data-qa="figures"] tr[data-figure]')
      .map((_, row) => [[$(row).attr('data-figure'), $(row).find('td a').contents().first().text().trim()]])
      .get() as [string, string][],
  )
}

async function allocationIds(partnershipId: number) {
  return (
    await t.db
      .selectFrom('fundingAllocations')
      .select('id')
      .where('partnershipId', '=', partnershipId)
      .orderBy('id')
      .execute()
  ).map(r => r.id)
}

/** A 2021/22 year with the seed's grant and roll-over. */
async function year2021(s: Setup) {
  await save(s.coordinator, `${s.base}/years/new`, { startYear: '2021/22' })
  await save(s.coordinator, `${s.base}/2021-22/streams/new`, {
    name: 'PFCC grant',
    funder: 'PFCC for Essex',
    amount: '£12,337',
    status: 'confirmed',
    automaticPercent: '100',
  })
  await save(s.coordinator, `${s.base}/2021-22/roll-overs/new`, {
    amount: '10,142',
    reason: 'COVID-19 underspend from 2020/21',
  })
}

describe('recording a funding year', () => {
  it('adds a year, a 50/50 grant, a roll-over, an allocation and spend, and shows each figure linked to its entries', async () => {
    const s = await setUp()
    const created = await save(s.coordinator, `${s.base}/years/new`, {
      startYear: '2021/22',
      notes: 'Grant for 2022/23 to be confirmed',
    })
    expect(created.headers.location).toBe(`${s.base}/2021-22`)
    await save(s.coordinator, `${s.base}/2021-22/streams/new`, {
      name: 'PFCC grant',
      funder: 'Office of the PFCC for Essex',
      amount: '£12,337',
      status: 'confirmed',
      automaticPercent: '50',
      conditions: 'Paid once the action plan is agreed',
    })
    await save(s.coordinator, `${s.base}/2021-22/roll-overs/new`, {
      amount: '10,142',
      ...date('approvedOn', 1, 4, 2021),
      approvedBy: 'PFCC',
    })
    await save(s.coordinator, `${s.base}/2021-22/allocations/new`, {
      purpose: 'Walk Online',
      kind: 'other',
      amount: '7.5K',
      expectedSpend: '',
    })
    const [allocationId] = await allocationIds(s.id)
    await save(s.coordinator, `${s.base}/2021-22/spend/new`, {
      allocationId: String(allocationId),
      description: 'Autumn term sessions',
      amount: '3,750',
      status: 'paid',
      ...date('spentOn', 10, 12, 2021),
    })
    await save(s.coordinator, `${s.base}/2021-22/spend/new`, {
      allocationId: String(allocationId),
      description: 'Spring term sessions',
      amount: '3750',
      status: 'committed',
      ...date('spentOn', 1, 3, 2022),
    })

    const res = await s.coordinator.get(`${s.base}/2021-22`).expect(200)
    const p = page(res.text)
    expect(p.h1()).toBe('Funding 2021/22')
    expect(p.banner()).toBe('Spend entry added')
    expect(figures(res.text)).toEqual({
      available: '£22,479',
      allocated: '£7,500',
      unallocated: '£14,979',
      spent: '£3,750',
      committed: '£3,750',
      forecastSpend: '£7,500',
      forecastUnderspend: '£14,979',
    })
    expect(p.$('[data-figure="spent"] a').attr('href')).toBe(`${s.base}/2021-22/breakdown#spent`)
    expect(p.text('[data-qa="streams"] tbody tr')).toContain(
      '50/50 split: £6,168.50 paid automatically, £6,168.50 against the action plan. Conditions: Paid once the action plan is agreed',
    )

    const breakdown = page((await s.coordinator.get(`${s.base}/2021-22/breakdown`).expect(200)).text)
    expect(breakdown.all('[data-qa="breakdown-available"] tbody th')).toEqual([
      'PFCC grant',
      'Roll-over of the underspend from the year before',
    ])
    expect(breakdown.text('[data-qa="breakdown-available"] tfoot td')).toBe('£22,479')
    expect(breakdown.all('[data-qa="breakdown-unallocated"] tbody td.govuk-table__cell--numeric')).toEqual([
      '£12,337',
      '£10,142',
      '−£7,500',
    ])
    expect(breakdown.all('[data-qa="breakdown-commissioned"] tbody td.govuk-table__cell--numeric')).toEqual([
      '£6,168.50',
    ])
    expect(breakdown.$('[data-qa="breakdown-spent"] tbody a').attr('href')).toMatch(
      new RegExp(`^${s.base}/2021-22/spend/\\d+/edit$`),
    )

    const audit = await t.db
      .selectFrom('auditEvents')
      .select(['entityType', 'action'])
      .where('partnershipId', '=', s.id)
      .orderBy('id')
      .execute()
    expect(audit.map(a => `${a.action} ${a.entityType}`)).toEqual([
      'create funding_year',
      'create funding_stream',
      'create funding_roll_over',
      'create funding_allocation',
      'create funding_spend',
      'create funding_spend',
    ])
  })

  it('records every change and deletion in the audit log with what the entry held before and after', async () => {
    const s = await setUp()
    await year2021(s)
    const stream = await t.db
      .selectFrom('fundingStreams')
      .select('id')
      .where('partnershipId', '=', s.id)
      .executeTakeFirstOrThrow()
    await save(s.coordinator, `${s.base}/2021-22/streams/${stream.id}/edit`, {
      name: 'PFCC grant',
      funder: 'PFCC for Essex',
      amount: '12,000',
      status: 'confirmed',
    })
    await save(s.coordinator, `${s.base}/2021-22/streams/${stream.id}/delete`, {})
    const events = await t.db
      .selectFrom('auditEvents')
      .selectAll()
      .where('partnershipId', '=', s.id)
      .where('entityType', '=', 'funding_stream')
      .orderBy('id')
      .execute()
    expect(events.map(e => e.action)).toEqual(['create', 'update', 'delete'])
    expect(events[1]).toMatchObject({
      before: expect.objectContaining({ amountPence: 1_233_700 }),
      after: expect.objectContaining({ amountPence: 1_200_000 }),
    })
    expect(events[2]?.summary).toBe('Deleted funding_stream “PFCC grant (£12,000)”')
  })

  it('when a year is typed wrongly or twice, then it says so', async () => {
    const s = await setUp()
    const bad = await s.coordinator.post(`${s.base}/years/new`, { startYear: '2021/23' }).expect(400)
    expect(page(bad.text).errorSummary()).toEqual([
      { text: 'A financial year runs from April to the following March, like 2021/22', href: '#startYear' },
    ])
    await save(s.coordinator, `${s.base}/years/new`, { startYear: '2021' })
    const twice = await s.coordinator.post(`${s.base}/years/new`, { startYear: '2021-22' }).expect(400)
    expect(page(twice.text).errorSummary()).toEqual([{ text: '2021/22 has already been added', href: '#startYear' }])
  })

  it('when amounts cannot be read, then each field says what is wrong and keeps what was typed', async () => {
    const s = await setUp()
    await save(s.coordinator, `${s.base}/years/new`, { startYear: '2021/22' })
    const res = await s.coordinator
      .post(`${s.base}/2021-22/streams/new`, { name: '', funder: 'PFCC', amount: '12.345', automaticPercent: '150' })
      .expect(400)
    const p = page(res.text)
    expect(p.title()).toMatch(/^Error: Add a funding stream for 2021\/22/)
    expect(p.errorSummary()).toEqual([
      { text: 'Enter the name of the funding stream', href: '#name' },
      {
        text: 'Amount must be in pounds and pence, with no more than 2 decimal places, like £12,337.50',
        href: '#amount',
      },
      { text: 'Select whether the amount is confirmed', href: '#status' },
      { text: 'Share paid automatically must be a whole number from 0 to 100', href: '#automaticPercent' },
    ])
    expect(p.inlineError('amount')).toBe(
      'Amount must be in pounds and pence, with no more than 2 decimal places, like £12,337.50',
    )
    expect(p.fieldValue('amount')).toBe('12.345')
    expect(p.fieldValue('funder')).toBe('PFCC')

    const words = await s.coordinator
      .post(`${s.base}/2021-22/allocations/new`, { purpose: 'DHR', kind: 'other', amount: 'three thousand' })
      .expect(400)
    expect(page(words.text).errorSummary()).toEqual([
      { text: 'Amount allocated must be an amount in pounds, like £12,337, £12,337.50 or 5K', href: '#amount' },
    ])
    const nothing = await s.coordinator
      .post(`${s.base}/2021-22/allocations/new`, { purpose: 'DHR', kind: 'other', amount: '0' })
      .expect(400)
    expect(page(nothing.text).errorSummary()).toEqual([
      { text: 'Amount allocated must be more than £0', href: '#amount' },
    ])
  })

  it('when part of a grant is paid against the action plan, then the conditions must be given', async () => {
    const s = await setUp()
    await save(s.coordinator, `${s.base}/years/new`, { startYear: '2021/22' })
    const res = await s.coordinator
      .post(`${s.base}/2021-22/streams/new`, {
        name: 'PFCC grant',
        funder: 'PFCC',
        amount: '12337',
        status: 'confirmed',
        automaticPercent: '25%',
      })
      .expect(400)
    expect(page(res.text).errorSummary()).toEqual([
      { text: 'Enter the conditions for the part paid against the action plan', href: '#conditions' },
    ])
  })

  it('when a spend date is incomplete or outside the year, then the error links to the box to fix', async () => {
    const s = await setUp()
    await year2021(s)
    await save(s.coordinator, `${s.base}/2021-22/allocations/new`, {
      purpose: 'Walk Online',
      kind: 'other',
      amount: '7,500',
    })
    const [allocationId] = await allocationIds(s.id)
    const form = { allocationId: String(allocationId), description: 'Sessions', amount: '100', status: 'paid' }
    const noMonth = await s.coordinator
      .post(`${s.base}/2021-22/spend/new`, { ...form, 'spentOn-day': '1', 'spentOn-month': '', 'spentOn-year': '2021' })
      .expect(400)
    expect(page(noMonth.text).errorSummary()).toEqual([{ text: 'Date must include a month', href: '#spentOn-month' }])
    const empty = await s.coordinator.post(`${s.base}/2021-22/spend/new`, form).expect(400)
    expect(page(empty.text).errorSummary()).toEqual([{ text: 'Enter the date', href: '#spentOn-day' }])
    const unreal = await s.coordinator
      .post(`${s.base}/2021-22/spend/new`, { ...form, ...date('spentOn', 31, 2, 2022) })
      .expect(400)
    expect(page(unreal.text).errorSummary()).toEqual([{ text: 'Date must be a real date', href: '#spentOn-day' }])
    const outside = await s.coordinator
      .post(`${s.base}/2021-22/spend/new`, { ...form, ...date('spentOn', 1, 4, 2022) })
      .expect(400)
    const p = page(outside.text)
    expect(p.errorSummary()).toEqual([
      { text: 'Date must be within 2021/22, from 1 April 2021 to 31 March 2022', href: '#spentOn-day' },
    ])
    expect(p.$('#spentOn-day').hasClass('govuk-input--error')).toBe(true)
    expect(p.fieldValue('spentOn-year')).toBe('2022')
  })

  it('lists every problem of a spend form at once, the date’s included', async () => {
    const s = await setUp()
    await year2021(s)
    const res = await s.coordinator
      .post(`${s.base}/2021-22/spend/new`, {
        allocationId: '',
        description: '',
        amount: '12.345',
        status: 'paid',
        'spentOn-day': '1',
        'spentOn-year': '2022',
      })
      .expect(400)
    expect(page(res.text).errorSummary()).toEqual([
      { text: 'Select the allocation the money was spent from', href: '#allocationId' },
      { text: 'Enter what the money was spent on', href: '#description' },
      {
        text: 'Amount must be in pounds and pence, with no more than 2 decimal places, like £12,337.50',
        href: '#amount',
      },
      { text: 'Date must include a month', href: '#spentOn-month' },
    ])
  })

  it('refuses spend against an allocation of another year', async () => {
    const s = await setUp()
    await year2021(s)
    await save(s.coordinator, `${s.base}/years/new`, { startYear: '2022/23' })
    await save(s.coordinator, `${s.base}/2022-23/allocations/new`, {
      purpose: 'Next year',
      kind: 'other',
      amount: '1K',
    })
    const [allocationId] = await allocationIds(s.id)
    const res = await s.coordinator
      .post(`${s.base}/2021-22/spend/new`, {
        allocationId: String(allocationId),
        description: 'x',
        amount: '1',
        status: 'paid',
        ...date('spentOn', 1, 6, 2021),
      })
      .expect(400)
    expect(page(res.text).errorSummary()).toEqual([
      { text: 'Select one of 2021/22’s allocations', href: '#allocationId' },
    ])
  })

  it('counts a successful bid’s award as available and lists a bid not yet decided as not confirmed', async () => {
    const s = await setUp()
    await year2021(s)
    const noAward = await s.coordinator
      .post(`${s.base}/2021-22/bids/new`, {
        fund: 'PCC fund',
        purpose: 'Taxi marshals',
        amountRequested: '3,000',
        status: 'successful',
      })
      .expect(400)
    expect(page(noAward.text).errorSummary()).toEqual([{ text: 'Enter the amount awarded', href: '#amountAwarded' }])
    const awardNotWon = await s.coordinator
      .post(`${s.base}/2021-22/bids/new`, {
        fund: 'PCC fund',
        purpose: 'Taxi marshals',
        amountRequested: '3,000',
        status: 'unsuccessful',
        amountAwarded: '10',
      })
      .expect(400)
    expect(page(awardNotWon.text).errorSummary()).toEqual([
      { text: 'Leave the amount awarded empty unless the bid was successful', href: '#amountAwarded' },
    ])
    await save(s.coordinator, `${s.base}/2021-22/bids/new`, {
      fund: 'PCC fund',
      purpose: 'Taxi marshals',
      amountRequested: '3,000',
      status: 'successful',
      amountAwarded: '2,500',
    })
    await save(s.coordinator, `${s.base}/2021-22/bids/new`, {
      fund: 'Safer Streets',
      purpose: 'CCTV',
      amountRequested: '50K',
      status: 'submitted',
    })
    await save(s.coordinator, `${s.base}/2021-22/contributions/new`, {
      organisationId: String(s.organisationId),
      amount: '2K',
      status: 'to_be_confirmed',
      nature: 'capital',
    })
    const res = await s.coordinator.get(`${s.base}/2021-22`).expect(200)
    expect(figures(res.text).available).toBe('£24,979')
    expect(page(res.text).text('[data-figure="notYetConfirmed"] a')).toMatch(/^£52,000/)
  })

  it('suggests rolling over what the year before is forecast to leave unspent, and warns when the roll-over is more', async () => {
    const s = await setUp()
    await save(s.coordinator, `${s.base}/years/new`, { startYear: '2020/21' })
    await save(s.coordinator, `${s.base}/2020-21/streams/new`, {
      name: 'Grant',
      funder: 'PFCC',
      amount: '12,337',
      status: 'confirmed',
    })
    await save(s.coordinator, `${s.base}/2020-21/allocations/new`, {
      purpose: 'Events',
      kind: 'other',
      amount: '5,000',
      expectedSpend: '2,195',
    })
    await save(s.coordinator, `${s.base}/years/new`, { startYear: '2021/22' })
    const form = page((await s.coordinator.get(`${s.base}/2021-22/roll-overs/new`).expect(200)).text)
    expect(form.fieldValue('amount')).toBe('10142')
    expect(form.text('.govuk-inset-text')).toBe('2020/21 is forecast to leave £10,142 unspent.')
    await save(s.coordinator, `${s.base}/2021-22/roll-overs/new`, { amount: '12,000' })
    const year = page((await s.coordinator.get(`${s.base}/2021-22`).expect(200)).text)
    expect(year.all('[data-qa="funding-warning"]').map(w => w.replace(/^! Warning /, ''))).toEqual([
      'The roll-over of £12,000 is more than 2020/21 is forecast to leave unspent (£10,142).',
    ])
    const before = page((await s.coordinator.get(`${s.base}/2020-21`).expect(200)).text)
    expect(before.text('.govuk-inset-text')).toBe(
      '£12,000 of this year’s underspend has been approved for roll-over into 2021/22.',
    )
  })

  it('deletes an allocation with its spend entries, each recorded in the audit log', async () => {
    const s = await setUp()
    await year2021(s)
    await save(s.coordinator, `${s.base}/2021-22/allocations/new`, {
      purpose: 'Crucial Crew',
      kind: 'other',
      amount: '2,500',
    })
    const [allocationId] = await allocationIds(s.id)
    for (const day of [1, 2]) {
      await save(s.coordinator, `${s.base}/2021-22/spend/new`, {
        allocationId: String(allocationId),
        description: `Day ${day}`,
        amount: '100',
        status: 'paid',
        ...date('spentOn', day, 6, 2021),
      })
    }
    const confirm = page(
      (await s.coordinator.get(`${s.base}/2021-22/allocations/${allocationId}/delete`).expect(200)).text,
    )
    expect(confirm.text('.govuk-warning-text__text')).toContain('Its 2 spend entries are deleted with it.')
    await save(s.coordinator, `${s.base}/2021-22/allocations/${allocationId}/delete`, {})
    expect(await t.db.selectFrom('fundingSpend').select('id').where('partnershipId', '=', s.id).execute()).toEqual([])
    const deletions = await t.db
      .selectFrom('auditEvents')
      .select('entityType')
      .where('partnershipId', '=', s.id)
      .where('action', '=', 'delete')
      .orderBy('id')
      .execute()
    expect(deletions.map(d => d.entityType)).toEqual(['funding_spend', 'funding_spend', 'funding_allocation'])
  })

  it('deletes a year only once it is empty', async () => {
    const s = await setUp()
    await year2021(s)
    const blocked = page((await s.coordinator.get(`${s.base}/2021-22/delete`).expect(200)).text)
    expect(blocked.h1()).toBe('You cannot delete 2021/22 yet')
    await s.coordinator.post(`${s.base}/2021-22/delete`).expect(409)
    await save(s.coordinator, `${s.base}/years/new`, { startYear: '2030/31' })
    await save(s.coordinator, `${s.base}/2030-31/delete`, {})
    await s.coordinator.get(`${s.base}/2030-31`).expect(404)
  })

  it('answers 404 for a year that is not recorded or not a year, and for an entry of another year', async () => {
    const s = await setUp()
    await year2021(s)
    await save(s.coordinator, `${s.base}/years/new`, { startYear: '2022/23' })
    const stream = await t.db
      .selectFrom('fundingStreams')
      .select('id')
      .where('partnershipId', '=', s.id)
      .executeTakeFirstOrThrow()
    await s.coordinator.get(`${s.base}/2019-20`).expect(404)
    await s.coordinator.get(`${s.base}/2021-23`).expect(404)
    await s.coordinator.get(`${s.base}/2022-23/streams/${stream.id}/edit`).expect(404)
    await s.coordinator.get(`${s.base}/2021-22/streams/abc/edit`).expect(404)
    await s.coordinator.get(`${s.base}/2021/streams/${stream.id}/edit`).expect(200)
  })
})

describe('who sees funding', () => {
  it('lets members read everything but change nothing', async () => {
    const s = await setUp()
    await year2021(s)
    const member = await t.as(s.users.member)
    const res = await member.get(`${s.base}/2021-22`).expect(200)
    const p = page(res.text)
    expect(p.$('a[href$="/streams/new"]').length).toBe(0)
    expect(p.$('[data-qa="downloads"]').length).toBe(1)
    await member.get(`${s.base}/2021-22/breakdown`).expect(200)
    await member.get(`${s.base}/2021-22/streams/new`).expect(403)
    await member
      .post(`${s.base}/2021-22/streams/new`, { name: 'x', funder: 'y', amount: '1', status: 'confirmed' })
      .expect(403)
  })

  it('shows the public the year summary of a published partnership, without payments, notes or money not yet confirmed', async () => {
    const s = await setUp({ isPublished: true })
    await year2021(s)
    await save(s.coordinator, `${s.base}/2021-22/allocations/new`, {
      purpose: 'Walk Online',
      kind: 'other',
      amount: '7,500',
      notes: 'Internal note',
    })
    const [allocationId] = await allocationIds(s.id)
    await save(s.coordinator, `${s.base}/2021-22/spend/new`, {
      allocationId: String(allocationId),
      description: 'Invoice 42 to Acme',
      amount: '3,750',
      status: 'paid',
      ...date('spentOn', 1, 6, 2021),
    })
    await save(s.coordinator, `${s.base}/2021-22/bids/new`, {
      fund: 'Safer Streets',
      purpose: 'Secret CCTV bid',
      amountRequested: '50K',
      status: 'submitted',
    })

    const visitor = t.anonymous()
    const res = await visitor.get(`${s.base}/2021-22`).expect(200)
    const p = page(res.text)
    expect(figures(res.text)).toMatchObject({
      available: '£22,479',
      allocated: '£7,500',
      spent: '£3,750',
      forecastUnderspend: '£14,979',
    })
    expect(p.$('[data-figure="spent"] a').attr('href')).toBe('#allocations')
    expect(res.text).not.toContain('Invoice 42 to Acme')
    expect(res.text).not.toContain('Secret CCTV bid')
    expect(res.text).not.toContain('Internal note')
    expect(p.$('[data-figure="notYetConfirmed"]').length).toBe(0)
    await visitor.get(`${s.base}`).expect(200)
    expect((await visitor.get(`${s.base}/2021-22/breakdown`)).status).toBe(303)
    expect((await visitor.get(`${s.base}/2021-22/export.csv`)).status).toBe(303)
    expect((await visitor.get(`${s.base}/projects`)).status).toBe(303)

    const api = await visitor.get(`/api/v1/partnerships/${s.id}/funding/2021`).expect(200)
    expect(api.body.audience).toBe('public')
    expect(api.body.spend).toBeUndefined()
    expect(api.body.figures.notYetConfirmed).toBeUndefined()
    expect(JSON.stringify(api.body)).not.toContain('Secret CCTV bid')
    expect(JSON.stringify(api.body)).not.toContain('Invoice 42')
    expect(api.body.figures.spent).toEqual({
      totalPence: 375_000,
      lines: [expect.objectContaining({ kind: 'allocation', label: 'Walk Online', amountPence: 375_000 })],
    })
  })

  it('hides the funding of a partnership that is not published', async () => {
    const s = await setUp({ isPublished: false })
    await year2021(s)
    await t.anonymous().get(`${s.base}/2021-22`).expect(404)
    const outsider = await t.as(await aUser(t))
    await outsider.get(`${s.base}/2021-22`).expect(404)
  })
})

describe('funded projects', () => {
  it('flags an evaluation as overdue the set number of weeks after the project ends, until one is recorded', async () => {
    const s = await setUp()
    // The test clock reads 25 November 2026.
    await save(s.coordinator, `${s.base}/projects/new`, {
      name: 'Crucial Crew',
      leadOrganisationId: String(s.organisationId),
      ...date('startDate', 10, 1, 2026),
      ...date('endDate', 30, 6, 2026),
      evaluationDueWeeks: '12',
    })
    await save(s.coordinator, `${s.base}/projects/new`, {
      name: 'Walk Online',
      leadOrganisationId: String(s.organisationId),
      ...date('endDate', 31, 3, 2027),
      evaluationDueWeeks: '12',
    })
    const projects = await t.db
      .selectFrom('fundedProjects')
      .select(['id', 'name'])
      .where('partnershipId', '=', s.id)
      .orderBy('id')
      .execute()
    const crew = projects[0]!.id

    const overview = page((await s.coordinator.get(s.base).expect(200)).text)
    expect(overview.text('.govuk-warning-text__text')).toContain(
      'The evaluation of Crucial Crew was due on 22 September 2026.',
    )
    expect(overview.all('[data-qa="funded-projects"] [data-status]')).toEqual([
      'Evaluation overdue',
      'Not due: project running',
    ])

    const project = page((await s.coordinator.get(`${s.base}/projects/${crew}`).expect(200)).text)
    expect(project.text('.govuk-warning-text__text')).toContain(
      'The evaluation was due on 22 September 2026, 64 days ago.',
    )

    const missing = await s.coordinator
      .post(`${s.base}/projects/${crew}/evaluation`, { ...date('completedOn', 1, 11, 2026) })
      .expect(400)
    expect(page(missing.text).errorSummary()).toEqual([{ text: 'Enter what the evaluation found', href: '#summary' }])
    await save(s.coordinator, `${s.base}/projects/${crew}/evaluation`, {
      ...date('completedOn', 1, 11, 2026),
      summary: '400 Year 6 pupils took part',
    })
    const after = page((await s.coordinator.get(`${s.base}/projects/${crew}`).expect(200)).text)
    expect(after.$('.govuk-warning-text').length).toBe(0)
    expect(after.text('[data-qa="evaluation-summary"]')).toBe('400 Year 6 pupils took part')
    expect(after.text('[data-status]')).toBe('Evaluated')
  })

  it('refuses an end date before the start date, pointing at the end date’s day', async () => {
    const s = await setUp()
    const res = await s.coordinator
      .post(`${s.base}/projects/new`, {
        name: 'Backwards',
        leadOrganisationId: String(s.organisationId),
        ...date('startDate', 1, 6, 2021),
        ...date('endDate', 1, 5, 2021),
      })
      .expect(400)
    expect(page(res.text).errorSummary()).toEqual([
      { text: 'End date must be the same as or after the start date', href: '#endDate-day' },
    ])
  })

  it('shows the money allocated to a project across years, and refuses to delete it while money is allocated', async () => {
    const s = await setUp()
    await year2021(s)
    await save(s.coordinator, `${s.base}/projects/new`, {
      name: 'Walk Online',
      leadOrganisationId: String(s.organisationId),
    })
    const project = await t.db
      .selectFrom('fundedProjects')
      .select('id')
      .where('partnershipId', '=', s.id)
      .executeTakeFirstOrThrow()
    const missing = await s.coordinator
      .post(`${s.base}/2021-22/allocations/new`, { purpose: 'Walk Online', kind: 'project', amount: '7,500' })
      .expect(400)
    expect(page(missing.text).errorSummary()).toEqual([{ text: 'Select the project', href: '#projectId' }])
    await save(s.coordinator, `${s.base}/2021-22/allocations/new`, {
      purpose: 'Walk Online',
      kind: 'project',
      projectId: String(project.id),
      amount: '7,500',
    })
    const p = page((await s.coordinator.get(`${s.base}/projects/${project.id}`).expect(200)).text)
    expect(p.all('[data-qa="project-allocations"] tbody tr')).toEqual(['2021/22 Walk Online £7,500 £0 £0'])
    const refused = await s.coordinator.post(`${s.base}/projects/${project.id}/delete`).expect(409)
    expect(refused.text).toContain('This project cannot be deleted while money is allocated to it.')
  })
})

describe('downloads and the API', () => {
  it('downloads the year as a CSV ledger and an XLSX workbook, with formulas neutralised', async () => {
    const s = await setUp()
    await year2021(s)
    await save(s.coordinator, `${s.base}/2021-22/allocations/new`, {
      purpose: '=HYPERLINK("http://evil")',
      kind: 'other',
      amount: '5K',
    })
    const csv = await s.coordinator.get(`${s.base}/2021-22/export.csv`).expect(200)
    expect(csv.headers['content-type']).toMatch(/^text\/csv/)
    expect(csv.headers['content-disposition']).toMatch(/funding-2021-22\.csv/)
    expect(csv.text).toContain('Funding stream,')
    expect(csv.text).toContain('PFCC grant,PFCC for Essex,Confirmed,Yes,,12337,')
    expect(csv.text).toContain(`"'=HYPERLINK(""http://evil"")"`)
    expect(csv.text).toContain('Forecast underspend: £17,479')

    const xlsx = await s.coordinator
      .get(`${s.base}/2021-22/export.xlsx`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () => done(null, Buffer.concat(chunks)))
      })
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(xlsx.body as unknown as ArrayBuffer)
    expect(workbook.worksheets.map(w => w.name)).toEqual([
      'Summary 2021 22',
      'Funding streams',
      'Roll-over',
      'Partner contributions',
      'Bids',
      'Allocations',
      'Spend',
    ])
    const summary = workbook.getWorksheet('Summary 2021 22')!
    expect(summary.getRow(2).values).toEqual([undefined, 'Available', 22479, 2])
    expect(workbook.getWorksheet('Allocations')!.getRow(2).getCell(1).value).toBe(`'=HYPERLINK("http://evil")`)
  })

  it('gives the year summary as JSON, each figure with the entries that make it up', async () => {
    const s = await setUp()
    await year2021(s)
    const member = await t.as(s.users.member)
    const res = await member.get(`/api/v1/partnerships/${s.id}/funding/2021-22`).expect(200)
    expect(res.body).toMatchObject({ year: 2021, label: '2021/22', audience: 'partnership' })
    expect(res.body.figures.available.totalPence).toBe(2_247_900)
    const lines = res.body.figures.forecastUnderspend.lines as { amountPence: number }[]
    expect(lines.reduce((sum, line) => sum + line.amountPence, 0)).toBe(res.body.figures.forecastUnderspend.totalPence)
    await member.get(`/api/v1/partnerships/${s.id}/funding/1999`).expect(404)
    const list = await member.get(`/api/v1/partnerships/${s.id}/funding`).expect(200)
    expect(list.body.years).toEqual([
      expect.objectContaining({ year: 2021, availablePence: 2_247_900, forecastUnderspendPence: 2_247_900 }),
    ])
  })

  it('documents the funding endpoints in the OpenAPI document', async () => {
    const res = await t.anonymous().get('/api/v1/openapi.json').expect(200)
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/partnerships/{partnershipId}/funding/{year}']),
    )
    expect(res.body.components.schemas.FundingYearSummary).toBeDefined()
  })
})

describe('deleting a partnership', () => {
  it('deletes its funding with it', async () => {
    const s = await setUp()
    await year2021(s)
    await save(s.coordinator, `${s.base}/projects/new`, {
      name: 'Walk Online',
      leadOrganisationId: String(s.organisationId),
    })
    const project = await t.db
      .selectFrom('fundedProjects')
      .select('id')
      .where('partnershipId', '=', s.id)
      .executeTakeFirstOrThrow()
    await save(s.coordinator, `${s.base}/2021-22/contributions/new`, {
      organisationId: String(s.organisationId),
      amount: '1K',
      status: 'confirmed',
      nature: 'revenue',
    })
    await save(s.coordinator, `${s.base}/2021-22/allocations/new`, {
      purpose: 'Walk Online',
      kind: 'project',
      projectId: String(project.id),
      amount: '7,500',
    })
    const admin = await t.as(await aUser(t, { siteAdmin: true }))
    await save(admin, `/partnerships/${s.id}/delete`, {})
    expect(await t.db.selectFrom('fundingYears').select('id').where('partnershipId', '=', s.id).execute()).toEqual([])
    expect(await t.db.selectFrom('fundedProjects').select('id').where('partnershipId', '=', s.id).execute()).toEqual([])
  })
})
