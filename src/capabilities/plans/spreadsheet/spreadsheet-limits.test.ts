import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { aPartnership, aUser } from '#test/helpers/builders'
import { page } from '#test/helpers/html'
import { createTestApp, type TestApp, type TestClient } from '#test/helpers/test-app'
import { xlsxBomb, xlsxWithCells } from '#test/helpers/zip-bomb'

import { checkWorkbook, WORKBOOK_LIMITS } from '../../../shared/spreadsheet-file.ts'

import { readSpreadsheetFile, SpreadsheetError } from './spreadsheet-files.ts'

/**
 * A workbook is refused from its ZIP directory and its streamed contents before it is opened, so an
 * upload that would unpack to gigabytes (a "zip bomb") costs the server a few megabytes.
 */
const MB = 1024 * 1024

describe('checking a workbook before opening it', () => {
  it('refuses one whose directory says it is larger than any plan, before unpacking anything', async () => {
    const bomb = xlsxBomb(WORKBOOK_LIMITS.unpackedBytes + 10 * MB)
    expect(bomb.length).toBeLessThan(MB)
    await expect(checkWorkbook(bomb)).rejects.toThrow(/^The selected workbook is too large to import: it would take 61 MB once opened, and the most CSP Hub opens is 50 MB\./)
  })

  it('refuses one that claims to be small but unpacks to more, stopping as soon as it does', async () => {
    const liar = xlsxBomb(WORKBOOK_LIMITS.unpackedBytes + 10 * MB, 'small')
    await expect(checkWorkbook(liar)).rejects.toThrow('The selected file could not be read as an Excel workbook: save it again as .xlsx or CSV (the entry xl/worksheets/sheet1.xml unpacks to more than it says)')
  })

  it('refuses one that is small in bytes but holds more cells than a plan could', async () => {
    const many = xlsxWithCells(WORKBOOK_LIMITS.cells + 1)
    expect(many.length).toBeLessThan(MB)
    await expect(checkWorkbook(many)).rejects.toThrow('The selected workbook is too large to import: its sheets hold more than 100,000 cells.')
    await expect(checkWorkbook(xlsxWithCells(1000))).resolves.toBeUndefined()
  })

  it('says a file that is not a ZIP at all cannot be read', async () => {
    await expect(readSpreadsheetFile(Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(100)]), 'plan.xlsx')).rejects.toThrow(SpreadsheetError)
  })
})

describe('five workbook bombs uploaded at once', () => {
  let t: TestApp
  let client: TestClient
  let url: string
  beforeAll(async () => {
    t = await createTestApp()
    const { partnership } = await aPartnership(t)
    client = await t.as(await aUser(t, { role: 'coordinator', partnershipId: partnership.id }))
    const created = await client.post(`/partnerships/${partnership.id}/plans/new`, { title: 'Plan', planYear: '2030' }).expect(303)
    url = `${created.headers.location!}/import`
  })
  afterAll(() => t.close())

  it('are each refused with the reason on the import page, and the server carries on', async () => {
    // 1.5 GB unpacked, as in the report that found the problem; under 2 MB packed.
    const bomb = xlsxBomb(1536 * MB)
    expect(bomb.length).toBeLessThan(5 * MB)
    const cookie = (client.get('/') as unknown as { header: Record<string, string> }).header.Cookie!
    const heapBefore = process.memoryUsage().heapUsed
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => request(t.app).post(url).set('Cookie', cookie).field('_csrf', client.csrfToken!).attach('file', bomb, 'plan.xlsx')),
    )
    for (const res of responses) {
      expect(res.status).toBe(400)
      expect(page(res.text).errorSummary()[0]?.text).toMatch(/^The selected workbook is too large to import: it would take 1,537 MB once opened/)
    }
    // Nothing of the bombs was unpacked into memory (their 1.5 GB would be more than the whole heap).
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(200 * MB)
    await client.get(url).expect(200)
  })
})
