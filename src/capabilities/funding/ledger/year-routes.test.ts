import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { allocationIds as allocationIdsOf, date, figures, save, setUp as fundingSetUp, year2021 } from '#test/helpers/funding'
import { page } from '#test/helpers/html'
import { createTestApp, type TestApp } from '#test/helpers/test-app'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

const setUp = (options: { isPublished?: boolean } = {}) => fundingSetUp(t, options)
const allocationIds = (partnershipId: number) => allocationIdsOf(t, partnershipId)

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
    // The picture of available, allocated and spent: named for screen readers, figures in words and in a table that agrees.
    const chart = p.$('figure#funding-year-chart')
    expect(chart.find('svg[role=img] > title').text()).toBe('Available, allocated and spent, 2021/22')
    expect(chart.find('svg > desc').text()).toMatch(/^Bar chart with three bars for the partnership’s money/)
    expect(chart.find('svg text').map((_, e) => p.$(e).text()).get()).toEqual(expect.arrayContaining(['Available: £22,479', 'Allocated: £7,500', 'Spent: £3,750']))
    expect(chart.find('thead th').map((_, e) => p.$(e).text().trim()).get()).toEqual(['Money', 'Available', 'Allocated', 'Spent'])
    const own = chart.find('tbody tr').first().find('th, td').map((_, e) => p.$(e).text().trim()).get()
    const shown = figures(res.text)
    expect(own).toEqual(['The partnership’s own money', shown.available, shown.allocated, shown.spent])
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
