import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { allocationIds as allocationIdsOf, date, save, setUp as fundingSetUp, year2021 } from '#test/helpers/funding'
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
})
