import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { aUser } from '#test/helpers/builders'
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
