import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import ExcelJS from 'exceljs'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { aPartnership, aUser } from '#test/helpers/builders'
import { page } from '#test/helpers/html'
import { fixtureMonth, loadGeography, loadPoliceMonths } from '#test/helpers/police-data'
import { createTestApp, type TestApp, type TestClient } from '#test/helpers/test-app'
import { SESSION_COOKIE } from '../../web/middleware/session.ts'

import { POLICE_COLUMNS } from './domain/police-rows.ts'

let t: TestApp
let member: TestClient
let coordinator: TestClient
let siteAdmin: TestClient
let base: string
let partnershipId: number
let dir: string

beforeAll(async () => {
  t = await createTestApp({ env: { CSP_HUB_MAP_TILE_URL: 'https://tiles.example.org/{z}/{x}/{y}.png' } })
  dir = mkdtempSync(path.join(os.tmpdir(), 'csp-hub-police-routes-'))
  await loadGeography(t)
  await loadPoliceMonths(t)
  // A hostile row: a crime type that a spreadsheet would run as a formula.
  const hostile = [
    POLICE_COLUMNS.join(','),
    'x1,2025-02,Essex Police,Essex Police,0.706460,51.588630,On or near Hall Road,E01021919,Rochford 005B,"=HYPERLINK(""http://evil.example"",""click"")",,',
    'x2,2025-02,Essex Police,Essex Police,0.706460,51.588630,On or near Hall Road,E01021919,Rochford 005B,Burglary,,',
  ]
  writeFileSync(path.join(dir, '2025-02-essex-street.csv'), `${hostile.join('\n')}\n`)
  await t.services.policeImporter.importFiles(await t.services.policeImporter.listFiles([path.join(dir, '2025-02-essex-street.csv')]), { actor: { userId: null, label: 'test' } })
  const { partnership } = await aPartnership(t, { isPublished: true })
  partnershipId = partnership.id
  base = `/partnerships/${partnership.id}/strategic-assessment`
  member = await t.as(await aUser(t, { role: 'member', partnershipId }))
  coordinator = await t.as(await aUser(t, { role: 'coordinator', partnershipId }))
  siteAdmin = await t.as(await aUser(t, { siteAdmin: true }))
}, 120_000)
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true })
  await t.close()
})

const period = 'from=2024-01&to=2025-02'

describe('the strategic assessment pages', () => {
  const pages: [string, string][] = [
    ['', 'Strategic assessment'],
    ['/crime-types', 'Crime and anti-social behaviour by type and month'],
    ['/trends', 'Trends and seasonal peaks'],
    ['/hotspots', 'Hotspots: wards and LSOAs'],
    ['/map', 'Map: districts by rate'],
    ['/districts', 'Compare districts'],
  ]

  for (const [suffix, heading] of pages) {
    it(`shows ${heading.toLowerCase()} with the caveats that travel with the figures`, async () => {
      const res = await member.get(`${base}${suffix}?${period}`).expect(200)
      const p = page(res.text)
      expect(p.h1()).toBe(heading)
      expect(p.text('[data-qa="area-name"]')).toMatch(/Test Partnership \d+ area \(Rochford\)/)
      const caveats = p.text('[data-qa="caveats"]')
      expect(caveats).toMatch(/Locations are approximate/)
      expect(caveats).toMatch(/domestic abuse/)
      expect(caveats).toMatch(/Months missing from the chosen period: February to December 2024/)
      expect(caveats).toMatch(/January 2024, January and February 2025 use 2021 LSOA boundaries|2021 LSOA boundaries/)
      expect(caveats).toMatch(/Contains public sector information licensed under the Open Government Licence v3.0/)
      // Every table has a caption and header cells with scope.
      p.$('table').each((_, table) => {
        expect(p.$(table).find('caption').text().trim()).not.toBe('')
        expect(p.$(table).find('th:not([scope])').length).toBe(0)
      })
    })
  }

  it('opens to the public on a published partnership, without signing in', async () => {
    const res = await t.anonymous().get(base).expect(200)
    expect(page(res.text).h1()).toBe('Strategic assessment')
  })

  it('says how many months are held and what the rate uses, in plain English', async () => {
    const p = page((await member.get(`${base}?${period}`)).text)
    const summary = p.text('[data-qa="summary"]')
    expect(summary).toMatch(/No data is held for February to December 2024: the figures cover 3 of the 14 months/)
    expect(summary).toMatch(/per 1,000 residents over the 3 months held, using the ONS mid-2020 population estimate for Rochford, 87,627 residents/)
    expect(p.text('[data-qa="top-types"] caption')).toMatch(/The top 10 types made up \d+% of all [\d,]+ records/)
  })

  it('shows a ward, an LSOA, or any district by its code', async () => {
    const ward = page((await member.get(`${base}?area=ward:E05010844&${period}`).expect(200)).text)
    expect(ward.text('[data-qa="area-name"]')).toBe('Downhall and Rawreth ward (Rochford, December 2021 boundaries)')
    const lsoa = page((await member.get(`${base}?area=E01021919&${period}`).expect(200)).text)
    expect(lsoa.text('[data-qa="area-name"]')).toMatch(/LSOA Rochford 005B/)
    expect(lsoa.text('[data-qa="caveats"]')).toMatch(/No population figure is held for this area/)
    const basildon = page((await member.get(`${base}/crime-types?area=district:E07000066&${period}`).expect(200)).text)
    expect(basildon.text('[data-qa="area-name"]')).toBe('Basildon (district)')
  })

  it('says what is wrong with an area code it does not know, in the error summary', async () => {
    const res = await member.get(`${base}?area=E07999999`).expect(400)
    const p = page(res.text)
    expect(p.errorSummary()).toEqual([{ text: 'No district E07999999 is held: check the code, or import the ONS lookups', href: '#area' }])
    expect(p.title()).toMatch(/^Error: /)
  })

  it('draws the map without JavaScript or tiles, with a text alternative and the figures table', async () => {
    const p = page((await member.get(`${base}/map?${period}`).expect(200)).text)
    const svg = p.$('.app-map svg')
    expect(svg.attr('role')).toBe('img')
    expect(p.$(`#${svg.attr('aria-labelledby')!.split(' ')[0]}`).text()).toMatch(/per 1,000 residents by district/)
    expect(svg.find('path title').map((_, el) => p.$(el).text()).get().join(' ')).toMatch(/Rochford: [\d.]+ per 1,000 residents/)
    expect(p.$('[data-qa="districts"] caption').text()).toMatch(/Districts ranked per 1,000 residents/)
    expect(p.$('.app-map').attr('data-tile-url')).toBe('https://tiles.example.org/{z}/{x}/{y}.png')
    const geojson = await member.get(`${base}/map.geojson?${period}`).expect(200)
    expect((geojson.body as { features: { properties: { name: string } }[] }).features.map(f => f.properties.name).sort()).toEqual(['Basildon', 'Rochford'])
  })

  it('ranks wards by count and rate, and LSOAs by count, linking each to its own figures', async () => {
    const p = page((await member.get(`${base}/hotspots?${period}`).expect(200)).text)
    expect(p.all('[data-qa="wards-by-count"] tbody tr').length).toBe(13)
    expect(p.$('[data-qa="lsoas"] tbody a').first().attr('href')).toMatch(/\?area=lsoa:E01\d{6}&from=2024-01&to=2025-02$/)
  })

  it('compares every district of the county per 1,000 residents', async () => {
    const p = page((await member.get(`${base}/districts?group=county&${period}`).expect(200)).text)
    expect(p.text('[data-qa="districts"] caption')).toMatch(/districts of Essex/)
    expect(p.all('[data-qa="districts"] tbody tr').length).toBeGreaterThanOrEqual(3)
  })
})

describe('downloads', () => {
  it('gives a CSV with the caveats and licence under the table, formulas neutralised', async () => {
    const res = await member.get(`${base}/download.csv?table=crime-types&${period}`).expect(200)
    expect(res.headers['content-type']).toMatch(/text\/csv/)
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="?police-data-crime-types-rochford-2024-01-2025-02.csv/)
    expect(res.text).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`)
    expect(res.text).not.toMatch(/(^|,|\n)=HYPERLINK/)
    expect(res.text).toMatch(/Locations are approximate/)
    expect(res.text).toMatch(/Months missing from the chosen period/)
    expect(res.text).toContain('Contains public sector information licensed under the Open Government Licence v3.0.')
  })

  it('gives every table as sheets of one XLSX workbook, each with its caveats', async () => {
    const res = await member
      .get(`${base}/download.xlsx?${period}`)
      .buffer(true)
      .parse((response, callback) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () => callback(null, Buffer.concat(chunks)))
      })
      .expect(200)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(res.body as unknown as ArrayBuffer)
    expect(workbook.worksheets.map(s => s.name)).toEqual(['Summary', 'By type and month', 'Year to date', 'Top types', '12-month trend', '36-month trend', 'Wards', 'LSOAs', 'Districts'])
    const sheet = workbook.getWorksheet('By type and month')!
    const values: string[] = []
    sheet.eachRow(row => values.push(String(row.getCell(1).value ?? '')))
    expect(values).toContain(`'=HYPERLINK("http://evil.example","click")`)
    expect(values.join(' ')).toMatch(/Locations are approximate/)
  })
})

describe('the API', () => {
  it('answers the summary with its caveats and attribution', async () => {
    const res = await t.anonymous().get(`/api/v1${base.replace('/partnerships', '/partnerships')}?${period}`).expect(200)
    const body = res.body as { area: { name: string }; period: { missingMonths: string[] }; caveats: string[]; attribution: string[]; total: number }
    expect(body.period.missingMonths).toHaveLength(11)
    expect(body.caveats.join(' ')).toMatch(/Locations are approximate/)
    expect(body.attribution[0]).toMatch(/Open Government Licence/)
    expect(body.total).toBeGreaterThan(0)
  })

  it('gives the strategic assessment as structured content for the document renderer', async () => {
    const res = await member.get(`/api/v1${base}/document?${period}`).expect(200)
    const document = res.body as { title: string; sections: { heading: string; blocks: { type: string }[] }[]; attribution: string[] }
    expect(document.sections.map(s => s.heading)).toEqual([
      'Summary',
      'Crime and anti-social behaviour by type',
      'This financial year against last',
      'Trends and seasonal peaks',
      'Hotspots',
      'Comparison with other districts',
      'About these figures',
    ])
    expect(document.sections.flatMap(s => s.blocks.map(b => b.type))).toEqual(expect.arrayContaining(['bullets', 'table', 'chart', 'caveats']))
    expect(document.attribution.join(' ')).toMatch(/Open Government Licence/)
  })

  it('lists the force-months held', async () => {
    const res = await t.anonymous().get('/api/v1/police-data/months').expect(200)
    expect((res.body as { months: { month: string }[] }).months.map(m => m.month)).toEqual(['2018-01', '2024-01', '2025-01', '2025-02'])
  })
})

describe('uploading police.uk files', () => {
  async function upload(files: { name: string; content: string | Buffer }[], fields: Record<string, string> = {}) {
    // Police data is shared by every partnership, so only a site administrator imports it.
    const user = await aUser(t, { siteAdmin: true })
    // A multipart form carries its CSRF token in a field of the form, like every other form.
    const client = await t.as(user)
    const token = client.csrfToken!
    const cookie = await sessionCookie(client)
    let req = request(t.app).post(`/partnerships/${partnershipId}/police-data/imports`).set('Cookie', cookie).field('_csrf', token)
    for (const [k, v] of Object.entries(fields)) req = req.field(k, v)
    for (const f of files) req = req.attach('files', Buffer.from(f.content), f.name)
    return req
  }

  it('is for site administrators only: a partnership’s coordinator cannot replace the data every partnership shares', async () => {
    expect((await coordinator.get(`/partnerships/${partnershipId}/police-data/imports`)).status).toBe(403)
    const jobsBefore = (await t.db.selectFrom('policeImportJobs').select('id').execute()).length
    const client = await t.as(await aUser(t, { role: 'coordinator', partnershipId }))
    const res = await request(t.app)
      .post(`/partnerships/${partnershipId}/police-data/imports`)
      .set('Cookie', await sessionCookie(client))
      .field('_csrf', client.csrfToken!)
      .attach('files', readFileSync(fixtureMonth('2025-01')), '2025-01-essex-street.csv')
    expect(res.status).toBe(403)
    expect((await t.db.selectFrom('policeImportJobs').select('id').execute()).length).toBe(jobsBefore)
  })

  it('imports in the background and shows the outcome on a page that survives a reload', async () => {
    const res = await upload([
      { name: '2025-01-essex-street.csv', content: readFileSync(fixtureMonth('2025-01')) },
      { name: '2030-07-essex-street.csv', content: `${POLICE_COLUMNS.join(',')}\nbad,2030-07,Essex Police,Essex Police,east,51.5,x,E01021919,Rochford 005B,Burglary,,\n` },
    ])
    expect(res.status).toBe(303)
    expect(res.headers.location).toMatch(new RegExp(`/partnerships/${partnershipId}/police-data/imports/\\d+$`))
    await t.services.policeImports.whenIdle()
    const p = page((await siteAdmin.get(res.headers.location!).expect(200)).text)
    expect(p.text('[data-status]')).toBe('Failed')
    expect(p.text('[data-qa="message"]')).toBe('1 of 2 files could not be imported; nothing of it was kept.')
    expect(p.text('[data-qa="imported"]')).toMatch(/2025-01-essex-street.csv essex 2025-01 \(replaced the month held\) 365/)
    expect(p.text('[data-qa="failed-file"]')).toMatch(/2030-07-essex-street.csv.*2 Longitude “east” is not a longitude/)
    expect(p.$('meta[http-equiv="refresh"]').length).toBe(0)
  })

  it('with “skip the bad ones”, imports the good rows and offers the skipped ones as a CSV', async () => {
    const rows = [POLICE_COLUMNS.join(','), 'ok,2030-08,Essex Police,Essex Police,0.7,51.5,x,E01021919,Rochford 005B,Burglary,,', '=1+1,2030-08,Essex Police,Essex Police,west,51.5,x,E01021919,Rochford 005B,Burglary,,']
    const res = await upload([{ name: '2030-08-essex-street.csv', content: `${rows.join('\r\n')}\r\n` }], { skipBadRows: 'yes' })
    await t.services.policeImports.whenIdle()
    const p = page((await siteAdmin.get(res.headers.location!).expect(200)).text)
    expect(p.text('[data-status]')).toBe('Imported')
    const csv = await siteAdmin.get(`${res.headers.location!}/skipped.csv`).expect(200)
    expect(csv.text).toContain('2030-08-essex-street.csv,3,Longitude,“west” is not a longitude')
    expect(csv.text).toContain(`"'=1+1,2030-08`)
  })

  it('refuses an upload without files, and files that are not CSV, with the error summary', async () => {
    const none = await upload([])
    expect(none.status).toBe(400)
    expect(page(none.text).errorSummary()).toEqual([{ text: 'Choose one or more police.uk CSV files', href: '#files' }])
    const notCsv = await upload([{ name: 'crimes.xlsx', content: 'x' }])
    expect(page(notCsv.text).errorSummary()[0]!.text).toMatch(/crimes.xlsx is not a CSV file/)
  })

  it('shows a running job’s progress without a timed refresh (axe: meta-refresh), following it with a script that can be stopped', async () => {
    const job = await t.db
      .insertInto('policeImportJobs')
      .values({ partnershipId, status: 'running', files: JSON.stringify([{ name: 'a.csv', size: 1 }]), outcome: JSON.stringify([{ name: 'a.csv', status: 'not_started' }]), createdByLabel: 'test' })
      .returning('id')
      .executeTakeFirstOrThrow()
    const p = page((await siteAdmin.get(`/partnerships/${partnershipId}/police-data/imports/${job.id}`).expect(200)).text)
    expect(p.$('meta[http-equiv="refresh"]').length).toBe(0)
    expect(p.text('[data-qa="progress"]')).toMatch(/You can leave this page and come back: the import carries on\. Refresh the page to see how far it has got/)
    expect(p.$('script[src="/assets/follow-job.js"]').length).toBe(1)
    // The server restarts: the job it was running is marked failed, saying why.
    expect(await t.services.policeImports.failInterrupted()).toBe(1)
    const after = page((await siteAdmin.get(`/partnerships/${partnershipId}/police-data/imports/${job.id}`).expect(200)).text)
    expect(after.text('[data-status]')).toBe('Failed')
    expect(after.text('[data-qa="message"]')).toMatch(/The server restarted before this import finished/)
  })

  it('is for those who edit records: a member is refused', async () => {
    await member.get(`/partnerships/${partnershipId}/police-data/imports`).expect(403)
  })
})

async function sessionCookie(client: TestClient): Promise<string> {
  // The test client sets its cookie on each request; read it back from a request it builds.
  const req = client.get('/') as unknown as { _header?: Record<string, string>; header: Record<string, string> }
  const cookie = req.header.Cookie ?? req.header.cookie
  if (!cookie || !cookie.startsWith(SESSION_COOKIE)) throw new Error('no session cookie')
  return cookie
}
