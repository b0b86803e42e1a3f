import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { allocationIds, date, figures, save, setUp, type Setup } from '#test/helpers/funding'
import { page } from '#test/helpers/html'
import { createTestApp, type TestApp } from '#test/helpers/test-app'

/**
 * What a coordinator can now enter on a funding year: reserves, capital or revenue, amounts not yet known or
 * withdrawn, money administered for others, a joint partnership's districts, and the change since last year.
 */
let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

async function jointSetUp(): Promise<Setup & { castlePoint: number; rochford: number }> {
  const s = await setUp(t)
  await t.db.updateTable('areas').set({ name: 'Castle Point' }).where('partnershipId', '=', s.id).execute()
  const rochford = await t.db.insertInto('areas').values({ partnershipId: s.id, type: 'district', name: 'Rochford' }).returning('id').executeTakeFirstOrThrow()
  const castlePoint = await t.db.selectFrom('areas').select('id').where('partnershipId', '=', s.id).where('name', '=', 'Castle Point').executeTakeFirstOrThrow()
  return { ...s, castlePoint: castlePoint.id, rochford: rochford.id }
}

/** The rows of a table, each as its cells' text joined by " | ". */
function rowText(html: string, selector: string): string[] {
  const { $ } = page(html)
  return $(`${selector} tbody tr`)
    .map((_, row) => $(row).children('th, td').map((_i, cell) => $(cell).text().replace(/\s+/g, ' ').trim()).get().join(' | '))
    .get()
}

describe('reserves', () => {
  it('adds a draw on reserves as a source of its own, counted as available and not as a roll-over', async () => {
    const s = await setUp(t)
    await save(s.coordinator, `${s.base}/years/new`, { startYear: '2024/25' })
    const form = await s.coordinator.get(`${s.base}/2024-25/reserves/new`).expect(200)
    expect(page(form.text).h1()).toBe('Add a draw on reserves')
    await save(s.coordinator, `${s.base}/2024-25/reserves/new`, {
      description: 'Community safety earmarked reserve',
      amount: '8,000',
      nature: 'revenue',
      heldByOrganisationId: String(s.organisationId),
      ...date('approvedOn', 20, 3, 2024),
    })
    const res = await s.coordinator.get(`${s.base}/2024-25`).expect(200)
    expect(figures(res.text)).toMatchObject({ available: '£8,000' })
    expect(rowText(res.text, '[data-qa="reserves"]')[0]).toMatch(/^Community safety earmarked reserve \(revenue\) .*\| £8,000$/)
    expect(page(res.text).$('[data-qa="roll-overs"]').length).toBe(0)
    const audit = await t.db.selectFrom('auditEvents').select(['entityType', 'action']).where('partnershipId', '=', s.id).where('entityType', '=', 'funding_reserve').execute()
    expect(audit).toEqual([{ entityType: 'funding_reserve', action: 'create' }])
  })

  it('says what is wrong with a draw on reserves in the error summary, linked to each field', async () => {
    const s = await setUp(t)
    await save(s.coordinator, `${s.base}/years/new`, { startYear: '2024/25' })
    const res = await s.coordinator.post(`${s.base}/2024-25/reserves/new`, { description: '', amount: 'lots', nature: 'gold', 'approvedOn-day': '31', 'approvedOn-month': '2', 'approvedOn-year': '2024' }).expect(400)
    expect(page(res.text).errorSummary()).toEqual([
      { text: 'Enter what the reserves are, for example Community safety reserve', href: '#description' },
      { text: 'Amount drawn from reserves must be an amount in pounds, like £12,337, £12,337.50 or 5K', href: '#amount' },
      { text: 'Select whether the money is capital or revenue', href: '#nature' },
      { text: 'Date approved must be a real date', href: '#approvedOn-day' },
    ])
  })
})

describe('capital, revenue, pending and withdrawn money', () => {
  it('totals capital and revenue, and shows money to be confirmed, not yet known or withdrawn without counting it', async () => {
    const s = await setUp(t)
    await save(s.coordinator, `${s.base}/years/new`, { startYear: '2024/25' })
    const stream = (form: Record<string, string>) => save(s.coordinator, `${s.base}/2024-25/streams/new`, { funder: 'PFCC', status: 'confirmed', automaticPercent: '100', ...form })
    await stream({ name: 'PFCC grant', amount: '20,000', nature: 'revenue' })
    await stream({ name: 'Safer Streets capital', amount: '6,000', nature: 'capital' })
    await stream({ name: 'Serious violence grant', amount: '', status: 'to_be_confirmed', automaticPercent: '30', conditions: 'Against the action plan' })
    await save(s.coordinator, `${s.base}/2024-25/contributions/new`, { organisationId: String(s.organisationId), amount: '', status: 'to_be_confirmed', nature: 'revenue' })
    await save(s.coordinator, `${s.base}/2024-25/contributions/new`, { organisationId: String(s.organisationId), amount: '3,000', status: 'withdrawn', nature: 'capital' })
    await save(s.coordinator, `${s.base}/2024-25/allocations/new`, { purpose: 'CCTV cameras', kind: 'other', amount: '5,000', nature: 'capital' })

    const res = await s.coordinator.get(`${s.base}/2024-25`).expect(200)
    expect(figures(res.text)).toMatchObject({ available: '£26,000', allocated: '£5,000', unallocated: '£21,000', withdrawn: '£3,000' })
    expect(rowText(res.text, '[data-qa="by-nature"]').slice(0, 3)).toEqual(['Available | £20,000 | £6,000 | £26,000', 'Allocated | £0 | £5,000 | £5,000', 'Not yet allocated | £20,000 | £1,000 | £21,000'])
    expect(page(res.text).all('[data-qa="amounts-not-known"] li')).toEqual([
      'Serious violence grant: to be confirmed; amount not yet known (30/70 split agreed)',
      expect.stringMatching(/: to be confirmed; amount not yet known$/),
    ])
    expect(page(res.text).text('[data-qa="streams"]')).toContain('30/70 split agreed; the amount is not known yet.')
  })
})

describe('money administered for others', () => {
  it('keeps a fund others bid into apart, so not yet allocated is only the partnership’s own money', async () => {
    const s = await setUp(t)
    await save(s.coordinator, `${s.base}/years/new`, { startYear: '2024/25' })
    await save(s.coordinator, `${s.base}/2024-25/streams/new`, { name: 'PFCC grant', funder: 'PFCC', amount: '10,000', status: 'confirmed' })
    await save(s.coordinator, `${s.base}/2024-25/streams/new`, { name: 'Community safety small grants fund', funder: 'PFCC', amount: '4,000', status: 'confirmed', whose: 'others' })
    const fund = await t.db.selectFrom('fundingStreams').select('id').where('partnershipId', '=', s.id).where('administeredForOthers', '=', true).executeTakeFirstOrThrow()
    await save(s.coordinator, `${s.base}/2024-25/allocations/new`, { purpose: 'Youth club summer scheme', kind: 'other', amount: '1,500', administeredStreamId: String(fund.id) })
    await save(s.coordinator, `${s.base}/2024-25/allocations/new`, { purpose: 'Street Pastors', kind: 'other', amount: '10,000' })
    const youthClub = (await allocationIds(t, s.id))[0]!
    await save(s.coordinator, `${s.base}/2024-25/spend/new`, { allocationId: String(youthClub), description: 'Grant paid', amount: '1,500', status: 'paid', ...date('spentOn', 1, 7, 2024) })

    const res = await s.coordinator.get(`${s.base}/2024-25`).expect(200)
    expect(figures(res.text)).toMatchObject({ available: '£10,000', allocated: '£10,000', unallocated: '£0', spent: '£0' })
    expect(rowText(res.text, '[data-qa="administered"]')).toEqual([expect.stringMatching(/^Community safety small grants fund.* \| £4,000 \| £1,500 \| £1,500 \| £2,500$/)])
    expect(rowText(res.text, '[data-qa="administered-allocations"]')[0]).toMatch(/^Youth club summer scheme.* \| Community safety small grants fund \| £1,500 \| £1,500$/)

    const wrong = await s.coordinator.post(`${s.base}/2024-25/allocations/new`, { purpose: 'x', kind: 'other', amount: '1', administeredStreamId: String(fund.id + 1000) }).expect(400)
    expect(page(wrong.text).errorSummary()).toEqual([{ text: 'Select money 2024/25 administers for others, or the partnership’s own money', href: '#administeredStreamId' }])
  })
})

describe('a joint partnership’s districts', () => {
  it('enters one grant with its breakdown by district, refusing shares that do not add up', async () => {
    const s = await jointSetUp()
    await save(s.coordinator, `${s.base}/years/new`, { startYear: '2016/17' })
    const form = await s.coordinator.get(`${s.base}/2016-17/streams/new`).expect(200)
    expect(page(form.text).all('[name="areaId"] + label')).toEqual(['The whole partnership', 'Castle Point', 'Rochford'])

    const wrong = await s.coordinator
      .post(`${s.base}/2016-17/streams/new`, { name: 'PCC grant', funder: 'PCC', amount: '28,038', status: 'confirmed', [`share-${s.castlePoint}`]: '14,019', [`share-${s.rochford}`]: '10,000' })
      .expect(400)
    expect(page(wrong.text).errorSummary()).toEqual([
      { text: 'The districts’ shares add up to £24,019, but the amount is £28,038: make them add up, or leave them all empty', href: `#share-${s.castlePoint}` },
    ])
    expect(page(wrong.text).fieldValue(`share-${s.rochford}`)).toBe('10,000')

    await save(s.coordinator, `${s.base}/2016-17/streams/new`, { name: 'PCC grant', funder: 'PCC', amount: '28,038', status: 'confirmed', [`share-${s.castlePoint}`]: '14,019', [`share-${s.rochford}`]: '14,019' })
    await save(s.coordinator, `${s.base}/2016-17/streams/new`, { name: 'Rochford DC top-up', funder: 'Rochford District Council', amount: '1,000', status: 'confirmed', areaId: String(s.rochford) })
    const res = await s.coordinator.get(`${s.base}/2016-17`).expect(200)
    expect(figures(res.text)).toMatchObject({ available: '£29,038', forecastUnderspend: '' })
    expect(page(res.text).text('[data-figure="forecastUnderspend"] td')).toBe('Nothing allocated yet')
    expect(rowText(res.text, '[data-qa="by-district"]')).toEqual(['Castle Point | £14,019', 'Rochford | £15,019', 'Whole partnership (not tied to a district) | £0'])
    const overview = await s.coordinator.get(s.base).expect(200)
    expect(page(overview.text).text('[data-qa="funding-years"] tbody tr')).toMatch(/Nothing allocated yet$/)
  })
})

describe('change since last year', () => {
  it('sets each source against the year before, with the shortfall or increase', async () => {
    const s = await setUp(t)
    await save(s.coordinator, `${s.base}/years/new`, { startYear: '2023/24' })
    await save(s.coordinator, `${s.base}/2023-24/streams/new`, { name: 'PFCC grant', funder: 'PFCC', amount: '12,337', status: 'confirmed' })
    await save(s.coordinator, `${s.base}/2023-24/contributions/new`, { organisationId: String(s.organisationId), amount: '2,000', status: 'confirmed', nature: 'revenue' })
    await save(s.coordinator, `${s.base}/years/new`, { startYear: '2024/25' })
    await save(s.coordinator, `${s.base}/2024-25/streams/new`, { name: 'PFCC grant', funder: 'PFCC', amount: '11,000', status: 'confirmed' })
    await save(s.coordinator, `${s.base}/2024-25/contributions/new`, { organisationId: String(s.organisationId), amount: '2,000', status: 'withdrawn', nature: 'revenue' })
    const res = await s.coordinator.get(`${s.base}/2024-25`).expect(200)
    const rows = rowText(res.text, '[data-qa="change"]')
    expect(rows[0]).toBe('PFCC grant | £12,337 | £11,000 | Shortfall of £1,337')
    expect(rows[1]).toMatch(/contribution \(revenue\) ?Withdrawn \| £2,000 \| £0 \| Shortfall of £2,000$/)
    expect(rows.at(-1)).toBe('Total available | £14,337 | £11,000 | Shortfall of £3,337')
  })
})
