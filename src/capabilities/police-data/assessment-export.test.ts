import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { aPartnership, aUser, contextFor } from '#test/helpers/builders'
import { page } from '#test/helpers/html'
import { countRaw, fixtureMonth, inDistrict, loadGeography, loadPoliceMonths } from '#test/helpers/police-data'
import { expectTaggedLikeWord, figuresOf } from '#test/helpers/read-pdf-structure'
import { binary, readDocx, readPdf, type DocxContent, type PdfContent } from '#test/helpers/read-documents'
import { openInLibreOffice, soffice } from '#test/helpers/libreoffice'
import { createTestApp, type TestApp, type TestClient } from '#test/helpers/test-app'

/**
 * The strategic assessment downloaded as Word and PDF: the figures are those of the police.uk file itself
 * (counted here with another CSV parser), with the caveats and the licence beside them.
 */

let t: TestApp
let member: TestClient
let coordinator: TestClient
let outsider: TestClient
let base: string
let otherBase: string
let partnershipRow: { id: number; name: string; isPublished: boolean }

// December 2024 is not held; January 2025 is (Rochford's LSOAs, 2021 boundaries).
const period = 'from=2024-12&to=2025-01'
const OGL = 'Contains public sector information licensed under the Open Government Licence v3.0.'

const raw = countRaw(fixtureMonth('2025-01'), inDistrict('Rochford'))
const total = [...raw.values()].reduce((s, n) => s + n, 0)
const topCount = Math.max(...raw.values())
const topTypes = [...raw].filter(([, n]) => n === topCount).map(([type]) => type)
const en = (n: number) => n.toLocaleString('en-GB')

beforeAll(async () => {
  t = await createTestApp()
  await loadGeography(t)
  await loadPoliceMonths(t)
  const { partnership } = await aPartnership(t, { name: 'Castle Point and Rochford CSP', isPublished: true }) // Rochford, E07000075
  base = `/partnerships/${partnership.id}/strategic-assessment`
  partnershipRow = partnership
  member = await t.as(await aUser(t, { role: 'member', partnershipId: partnership.id }))
  coordinator = await t.as(await aUser(t, { role: 'coordinator', partnershipId: partnership.id }))
  const { partnership: other } = await aPartnership(t, { name: 'Elsewhere CSP', isPublished: false })
  otherBase = `/partnerships/${other.id}/strategic-assessment`
  outsider = await t.as(await aUser(t, { role: 'coordinator', partnershipId: other.id }))
}, 120_000)
afterAll(() => t.close())

async function download(client: TestClient, url: string) {
  const res = await client.get(url).buffer(true).parse(binary).expect(200)
  return { res, body: res.body as Buffer }
}

describe('the strategic assessment as a Word document', () => {
  let docx: DocxContent
  let word: Buffer
  let disposition: string

  beforeAll(async () => {
    const { res, body } = await download(member, `${base}/document.docx?${period}`)
    word = body
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
    disposition = String(res.headers['content-disposition'])
    docx = await readDocx(body)
  })

  it.skipIf(!soffice)('opens in LibreOffice, with its heading and every table caption laid out', async () => {
    const { document: pdf } = await openInLibreOffice({ document: word })
    const laidOut = pdf!.flat.replace(/\s+/g, ' ')
    expect(laidOut).toContain('Strategic assessment: police recorded crime and anti-social behaviour')
    for (const caption of docx.captions) expect(laidOut, caption).toContain(caption.replace(/\s+/g, ' ').slice(0, 40))
  }, 120_000)

  it('is named after the partnership, the area and the period', () => {
    expect(disposition).toBe('attachment; filename="castle-point-and-rochford-csp-strategic-assessment-rochford-2024-12-2025-01.docx"')
  })

  it('states the area, the period and the months held', () => {
    expect(docx.text).toContain('Strategic assessment: police recorded crime and anti-social behaviour')
    expect(docx.text).toContain('Castle Point and Rochford CSP area (Rochford), December 2024 to January 2025')
    expect(docx.text).toMatch(/Months of police data held:?\s*1 of 2; no data for December 2024/)
  })

  it('gives the top crime type and its count, and the total, as counted from the police.uk file', () => {
    const top = docx.tables.find((_, i) => docx.captions[i]!.startsWith('The top '))!
    expect(top.rows[0]!.slice(0, 2)).toEqual(['Rank', 'Crime type'])
    expect(top.rows[1]![0]).toBe('1')
    expect(topTypes).toContain(top.rows[1]![1])
    expect(top.rows[1]![2]).toBe(en(topCount))
    const byMonth = docx.tables.find((_, i) => docx.captions[i]!.startsWith('Crimes and anti-social behaviour by type and month'))!
    expect(byMonth.rows[0]).toEqual(['Crime type', 'Dec 2024', 'Jan 2025', 'Total'])
    // December 2024 is blank (not held), not zero.
    expect(byMonth.rows.at(-1)).toEqual(['All crime and anti-social behaviour', '', en(total), en(total)])
    for (const [type, count] of raw) expect(byMonth.rows.find(r => r[0] === type)?.[2]).toBe(en(count))
  })

  it('puts the caveats and the licence beside every table, and at the end', () => {
    const notes = docx.paragraphs.map(p => p.text)
    // Top types, by type and month, year to date, wards, LSOAs, districts: each followed by its note.
    expect(notes.filter(text => text.startsWith('About this table: ')).length).toBe(6)
    expect(notes.filter(text => text.startsWith('Locations are approximate') || text.startsWith('About this table: Locations are approximate')).length).toBe(6)
    // The two charts: their figures' caveats.
    expect(notes.filter(text => text.startsWith('About these figures: Locations are approximate')).length).toBe(2)
    expect(docx.text).toMatch(/Locations are approximate/)
    expect(docx.text).toMatch(/domestic abuse, hate crime and alcohol-related crime/)
    expect(docx.text).toMatch(/Months missing from the chosen period: December 2024/)
    expect(docx.text).toMatch(/January 2025 use 2021 LSOA boundaries/)
    expect(docx.text).toMatch(/Rates per 1,000 residents use the ONS mid-2020 population estimate for Rochford/)
    expect(docx.text.split(OGL).length - 1).toBeGreaterThanOrEqual(7)
    expect(notes.at(-1)).toMatch(/Prepared with CSP Hub for Castle Point and Rochford CSP/)
  })

  it('draws the trend charts as pictures with a description, followed by their figures', () => {
    expect(docx.images.map(i => i.name)).toEqual(['trend-12', 'trend-36'])
    expect(docx.images[0]!.description).toMatch(/Monthly totals in Rochford/)
    expect(docx.captions).toContain('Crime and anti-social behaviour by month, 12 months to January 2025: the figures')
  })
})

describe('the strategic assessment as a PDF', () => {
  let pdf: PdfContent

  beforeAll(async () => {
    const { res, body } = await download(member, `${base}/document.pdf?${period}`)
    expect(res.headers['content-type']).toBe('application/pdf')
    expect(res.headers['content-disposition']).toBe('attachment; filename="castle-point-and-rochford-csp-strategic-assessment-rochford-2024-12-2025-01.pdf"')
    pdf = await readPdf(body)
  })

  it('is a tagged PDF with the Word document’s headings and tables, and each chart a Figure with alt text', async () => {
    const pdfFile = await download(member, `${base}/document.pdf?${period}`)
    const docxFile = await download(member, `${base}/document.docx?${period}`)
    const structure = await expectTaggedLikeWord(pdfFile.body, docxFile.body, 'Strategic assessment: police recorded crime and anti-social behaviour')
    expect(figuresOf(structure).length).toBeGreaterThan(0)
  })

  it('has the figures, the caveats and the licence', () => {
    expect(pdf.title).toBe('Strategic assessment: police recorded crime and anti-social behaviour')
    expect(pdf.flat).toContain('December 2024 to January 2025')
    const topLine = pdf.text.split('\n').find(line => line.startsWith('1 ') && topTypes.some(type => line.includes(type)))
    expect(topLine).toContain(en(topCount))
    expect(pdf.flat).toContain(`All crime and anti-social behaviour ${en(total)} ${en(total)}`)
    expect(pdf.flat).toMatch(/Locations are approximate/)
    expect(pdf.flat).toMatch(/Months missing from the chosen period: December 2024/)
    expect(pdf.flat).toContain(OGL)
  })
})

describe('who gets the strategic assessment', () => {
  it('adds the partnership’s latest scoring matrix for its own users, and leaves it out for the public', async () => {
    await coordinator.post(`${base}/priorities/new`, { title: 'Scoring matrix 2025/26', periodFrom: '2025-01', periodTo: '2025-01' }).expect(303)
    const asb = raw.get('Anti-social behaviour')!
    const own = await readDocx((await download(member, `${base}/document.docx?${period}`)).body)
    const index = own.captions.findIndex(c => c.startsWith('Candidate issues ranked by weighted score'))
    expect(index).toBeGreaterThanOrEqual(0)
    const asbRow = own.tables[index]!.rows.find(r => r[1]?.startsWith('Anti-social behaviour'))!
    expect(asbRow.at(-1)).toContain(`${en(asb)} records in the months held`)
    expect(own.paragraphs.map(p => p.text)).toContain('Priority scoring matrix')

    const publicCopy = await readDocx((await download(t.anonymous(), `${base}/document.docx?${period}`)).body)
    expect(publicCopy.paragraphs.map(p => p.text)).not.toContain('Priority scoring matrix')
    expect(publicCopy.text).toContain(en(total))
  })

  it('is not there for a user of another partnership, nor the public, when that partnership is not published', async () => {
    await member.get(`${otherBase}/document.docx?${period}`).expect(404)
    await member.get(`${otherBase}/document.pdf?${period}`).expect(404)
    await outsider.get(`${otherBase}/document.pdf?${period}`).expect(200)
    await t.anonymous().get(`${otherBase}/document.docx`).expect(404)
  })

  it('says what is wrong with an area code it does not know', async () => {
    const res = await member.get(`${base}/document.docx?area=E07999999`).expect(400)
    expect(res.text).toMatch(/No district E07999999 is held/)
  })

  it('is offered on every analysis page, for the area and period chosen', async () => {
    for (const suffix of ['', '/crime-types', '/trends', '/hotspots', '/map', '/districts']) {
      const p = page((await member.get(`${base}${suffix}?${period}`).expect(200)).text)
      expect(p.$('[data-qa="download-docx"]').text()).toBe('Download the strategic assessment (Word, DOCX)')
      expect(p.$('[data-qa="download-docx"]').attr('href')).toBe(`${base}/document.docx?area=partnership&from=2024-12&to=2025-01`)
      expect(p.$('[data-qa="download-pdf"]').attr('href')).toBe(`${base}/document.pdf?area=partnership&from=2024-12&to=2025-01`)
    }
  })
})

describe('the coordinator’s strategic assessment report', () => {
  it('includes the police data analyses for the year it looks back on, with their caveats and the licence', async () => {
    const ctx = contextFor(partnershipRow, 'coordinator')
    // The assessment for 2025/26 looks back on 2024/25; the data held ends in January 2025.
    const report = await t.services.reports.create(ctx, { kind: 'strategic_assessment', planId: null, year: 2025, quarter: null, title: null, committee: null, meetingDate: null })
    await t.services.reports.updateNarrative(ctx, report.id, { introduction: 'Why we assess.', priorities: '- Anti-social behaviour' })
    expect(await t.services.reports.generatedParts(ctx, report)).toMatchObject({
      policeData: 'included',
      policeDataPeriod: 'Castle Point and Rochford CSP area (Rochford), January 2025',
    })
    const { document } = await t.services.reports.document(ctx, report.id)
    const headings = document.sections.map(s => `${s.number} ${s.heading}`)
    expect(headings).toEqual([
      '1 Introduction',
      '2 Police recorded crime and anti-social behaviour',
      '3 Crime and anti-social behaviour by type',
      '4 This financial year against last',
      '5 Trends and seasonal peaks',
      '6 Hotspots',
      '7 Comparison with other districts',
      '8 Priority scoring matrix',
      '9 About these figures',
      '10 Recommended priorities for 2025/26',
    ])

    const docx = await readDocx((await t.services.reports.download(ctx, report.id, 'docx')).body)
    expect(docx.text).toContain(
      'The police data held does not reach the end of the financial year 2024/25, so the police figures in this section and those after it are for the latest month held, January 2025, in the Castle Point and Rochford CSP area (Rochford), from data.police.uk.',
    )
    const top = docx.tables.find((_, i) => docx.captions[i]!.startsWith('The top '))!
    expect(topTypes).toContain(top.rows[1]![1])
    expect(top.rows[1]![2]).toBe(en(topCount))
    // The period starts on a month held, so no month of it is missing; the year to date names the months it lacks.
    expect(docx.text).not.toMatch(/Months missing from the chosen period/)
    expect(docx.text).toMatch(/Financial year 2024\/25 to date, January 2025: [\d,]+ crimes and incidents were recorded \(April to December 2024 are not held\)\./)
    expect(docx.images.map(i => i.name)).toEqual(expect.arrayContaining(['trend-12', 'trend-36']))
    expect(docx.paragraphs.map(p => p.text)).toContain(OGL)
    // The licence is stated once in the sources at the end, however many parts hold public sector information.
    expect(document.attribution?.filter(line => line === OGL)).toHaveLength(1)
    expect(docx.paragraphs.at(-1)!.text).toBe(document.attribution!.at(-1))
    // A tagged PDF with the Word document's headings and tables, and each chart a Figure with alt text.
    const pdf = (await t.services.reports.download(ctx, report.id, 'pdf')).body
    const structure = await expectTaggedLikeWord(pdf, (await t.services.reports.download(ctx, report.id, 'docx')).body, document.title)
    expect(figuresOf(structure).map(f => f.alt)).toEqual([expect.stringContaining('Crime and anti-social behaviour by month'), expect.stringContaining('36 months')])
  })

  it('leaves the police data out, and says so, when the partnership’s area has no police data for the year', async () => {
    const ctx = contextFor(partnershipRow, 'coordinator')
    const report = await t.services.reports.create(ctx, { kind: 'strategic_assessment', planId: null, year: 2013, quarter: null, title: null, committee: null, meetingDate: null })
    // It looks back on 2012/13: no month of it is held.
    expect(await t.services.reports.generatedParts(ctx, report)).toMatchObject({ policeData: 'none', policeDataPeriod: null })
    const { document } = await t.services.reports.document(ctx, report.id)
    expect(document.sections.map(s => s.heading)).not.toContain('Police recorded crime and anti-social behaviour')
  })
})
