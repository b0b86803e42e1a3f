import { Resvg } from '@resvg/resvg-js'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { aPartnership, aUser, contextFor } from '#test/helpers/builders'
import { page } from '#test/helpers/html'
import { readDocx, readPdf } from '#test/helpers/read-documents'
import { createTestApp, type TestApp, type TestClient } from '#test/helpers/test-app'
import { hashToken, newToken } from '../../shared/tokens.ts'
import { SESSION_COOKIE } from '../../web/middleware/session.ts'
import type { PartnershipContext } from '../../core/access/partnership-context.ts'

/**
 * The council's own paper: its logo uploaded through the multipart receiver (CSRF token in the form), cleaned,
 * kept, audited and drawn at the head of the annual report in DOCX, PDF and the print view; and the report's
 * sections chosen, ordered and renamed on a no-JavaScript page, the report built in that order.
 */
let t: TestApp
let ctx: PartnershipContext
let coordinator: TestClient
let cookie: string
let csrf: string
let base: string

const LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="100" viewBox="0 0 300 100" onload="alert('x')"><script>alert(1)</script><rect width="300" height="100" fill="#00703c"/><image href="https://tracker.example/p.png" width="1" height="1"/><text x="20" y="60" fill="#fff">RDC</text></svg>`

beforeAll(async () => {
  t = await createTestApp()
  const { partnership } = await aPartnership(t, { name: 'Rochford District Community Safety Partnership' })
  ctx = contextFor(partnership, 'coordinator')
  const user = await aUser(t, { role: 'coordinator', partnershipId: partnership.id })
  coordinator = await t.as(user)
  base = `/partnerships/${partnership.id}/reports`
  const token = newToken()
  csrf = newToken()
  const now = t.clock.now()
  await t.services.sessions.create({ id: hashToken(token), userId: user.id, csrfToken: csrf, createdAt: now, lastSeenAt: now, expiresAt: new Date(now.getTime() + 3_600_000) })
  cookie = `${SESSION_COOKIE}=${token}`
})
afterAll(() => t.close())

const uploadLogo = (file: Buffer, name: string, token = csrf) => request(t.app).post(`${base}/paper/logo`).set('Cookie', cookie).field('_csrf', token).attach('logo', file, name)

const newAnnualReport = () =>
  t.services.reports.create(ctx, { kind: 'annual_scrutiny_report', planId: null, year: 2016, quarter: null, title: null, committee: 'Review Committee', meetingDate: null })

/** How many pictures the PDF's first page paints. */
async function picturesOnFirstPage(pdf: Buffer): Promise<number> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs')
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, verbosity: 0 }).promise
  const ops = await (await doc.getPage(1)).getOperatorList()
  const count = ops.fnArray.filter(fn => fn === pdfjs.OPS.paintImageXObject).length
  await doc.destroy()
  return count
}

const logoAudit = () => t.db.selectFrom('auditEvents').select(['action', 'summary']).where('partnershipId', '=', ctx.partnership.id).where('entityType', '=', 'council logo').orderBy('id').execute()

describe('the council’s logo', () => {
  it('refuses an upload without the form’s CSRF token, and a file that is not a PNG or SVG, keeping nothing', async () => {
    await uploadLogo(Buffer.from(LOGO_SVG), 'logo.svg', 'not-the-token').expect(403)
    const bad = await uploadLogo(Buffer.from('GIF89a not a logo'), 'logo.gif').expect(400)
    expect(page(bad.text).errorSummary()).toEqual([{ text: 'The selected file must be a PNG or an SVG', href: '#logo' }])
    expect(page(bad.text).$('#logo-error').text()).toContain('The selected file must be a PNG or an SVG')
    const big = await uploadLogo(Buffer.alloc(201 * 1024, 0x20), 'logo.svg').expect(400)
    expect(page(big.text).errorSummary()).toEqual([{ text: 'The logo must be smaller than 200 KB', href: '#logo' }])
    expect(await t.db.selectFrom('reportPaperLogos').selectAll().execute()).toEqual([])
    expect(await logoAudit()).toEqual([])
  })

  it('keeps an SVG cleaned of its script, handlers and outside references, audited, and prints it with “<council> logo” on the report’s first page in DOCX, PDF and the print view', async () => {
    await coordinator.post(`${base}/paper`, { councilName: 'Rochford District Council', agendaItem: '7' }).expect(303)
    await uploadLogo(Buffer.from(LOGO_SVG), 'rdc-logo.svg').expect(303)
    const kept = await t.db.selectFrom('reportPaperLogos').selectAll().where('partnershipId', '=', ctx.partnership.id).executeTakeFirstOrThrow()
    expect(kept).toMatchObject({ mediaType: 'image/svg+xml', fileName: 'rdc-logo.svg', width: 480, height: 160 })
    for (const gone of ['script', 'onload', 'tracker.example', '<image']) expect(kept.svg).not.toContain(gone)
    expect(await logoAudit()).toEqual([{ action: 'create', summary: 'Uploaded the council logo “rdc-logo.svg” (SVG, 1 KB, 480 × 160 pixels)' }])

    const settings = page((await coordinator.get(`${base}/paper/logo`).expect(200)).text)
    expect(settings.$('img[data-qa="council-logo"]').attr('alt')).toBe('Rochford District Council logo')
    expect(settings.$('img[data-qa="council-logo"]').attr('src')).toMatch(/^data:image\/svg\+xml;base64,/)

    const report = await newAnnualReport()
    const docx = await readDocx((await t.services.reports.download(ctx, report.id, 'docx')).body)
    expect(docx.images).toContainEqual(expect.objectContaining({ description: 'Rochford District Council logo' }))
    expect(docx.paragraphs[1]!.text).toBe('Rochford District Council')
    const pdfBody = (await t.services.reports.download(ctx, report.id, 'pdf')).body
    expect(await picturesOnFirstPage(pdfBody)).toBe(1)
    const pdf = await readPdf(pdfBody)
    expect(pdf.pages[0]![0]).toBe('Rochford District Council')
    const print = page((await coordinator.get(`${base}/${report.id}/print`).expect(200)).text)
    expect(print.$('[data-qa="masthead"] img').attr('alt')).toBe('Rochford District Council logo')
    expect(print.text('[data-qa="masthead"]')).toBe('Rochford District Council')
    expect(print.$('main')).toHaveLength(1)
    expect(print.$('main [data-qa="masthead"] + article h1')).toHaveLength(1)

    // The council's other papers carry it too: the performance table, say.
    const table = await t.services.reports.create(ctx, { kind: 'performance_table', planId: null, year: 2016, quarter: null, title: null, committee: null, meetingDate: null })
    const tableDocx = await readDocx((await t.services.reports.download(ctx, table.id, 'docx')).body)
    expect(tableDocx.images).toContainEqual(expect.objectContaining({ description: 'Rochford District Council logo' }))
    expect(tableDocx.paragraphs[1]!.text).toBe('Rochford District Council')
    expect(await picturesOnFirstPage((await t.services.reports.download(ctx, table.id, 'pdf')).body)).toBe(1)
  })

  it('is replaced by a PNG and removed after a confirmation page, each change audited; a report marked final keeps the logo it was issued with', async () => {
    const png = new Resvg('<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60"><rect width="120" height="60" fill="#1d70b8"/></svg>').render().asPng()
    const issued = await newAnnualReport()
    await t.services.reports.updateNarrative(ctx, issued.id, { background: 'Background.', risk: 'Risk.', resources: 'Resources.' })
    await uploadLogo(png, 'logo.png').expect(303)
    await t.services.reports.updateDetails(ctx, issued.id, { planId: null, year: 2016, quarter: null, title: null, committee: 'Review Committee', meetingDate: null, status: 'final' })
    expect(await t.db.selectFrom('reportPaperLogos').select(['mediaType', 'svg', 'width', 'height']).where('partnershipId', '=', ctx.partnership.id).executeTakeFirst()).toEqual({
      mediaType: 'image/png',
      svg: null,
      width: 120,
      height: 60,
    })

    const confirm = page((await coordinator.get(`${base}/paper/logo/delete`).expect(200)).text)
    expect(confirm.h1()).toBe('Are you sure you want to delete the council logo “logo.png”?')
    await coordinator.post(`${base}/paper/logo/delete`).expect(303)
    expect(await t.db.selectFrom('reportPaperLogos').selectAll().where('partnershipId', '=', ctx.partnership.id).execute()).toEqual([])
    expect((await logoAudit()).map(row => `${row.action}: ${row.summary}`).slice(1)).toEqual([
      'update: Replaced the council logo “rdc-logo.svg” (SVG, 1 KB, 480 × 160 pixels) with “logo.png” (PNG, 1 KB, 120 × 60 pixels)',
      'delete: Removed the council logo “logo.png” (PNG, 1 KB, 120 × 60 pixels)',
    ])
    expect(page((await coordinator.get(`${base}/paper/logo`).expect(200)).text).$('[data-qa="no-logo"]')).toHaveLength(1)
    // With no logo, the confirmation page leads back to the logo page.
    await coordinator.get(`${base}/paper/logo/delete`).expect(303)

    const draft = await newAnnualReport()
    expect((await readDocx((await t.services.reports.download(ctx, draft.id, 'docx')).body)).images.filter(image => image.description.endsWith(' logo'))).toEqual([])
    expect((await readDocx((await t.services.reports.download(ctx, issued.id, 'docx')).body)).images).toContainEqual(expect.objectContaining({ description: 'Rochford District Council logo' }))
  })
})

describe('the annual report’s sections', () => {
  it('are chosen, ordered and renamed on a page that works without JavaScript, audited, and the report is built and numbered in that order', async () => {
    const form = page((await coordinator.get(`${base}/paper/sections`).expect(200)).text)
    expect(form.h1()).toBe('The annual report’s sections')
    expect(form.$('fieldset legend').map((_, el) => form.$(el).text().trim()).get().slice(0, 3)).toEqual(['1. Purpose of report', '2. Introduction', '3. Background'])

    const bad = await coordinator.post(`${base}/paper/sections`, { recommendationPosition: 'second', legalTitle: 'x'.repeat(121) }).expect(400)
    expect(page(bad.text).errorSummary()).toEqual([
      { text: 'Must be 120 characters or fewer', href: '#legalTitle' },
      { text: 'Enter a position from 1 to 12', href: '#recommendationPosition' },
    ])

    const standardIncluded = ['introduction', 'risk', 'crimeAndDisorder', 'legal', 'equality']
    await coordinator
      .post(`${base}/paper/sections`, {
        recommendationPosition: '2',
        recommendationTitle: 'Recommendations',
        legalTitle: 'Legal and governance implications',
        included: [...standardIncluded.filter(key => key !== 'equality'), 'climate'],
      })
      .expect(303)
    // A “Move up” button moves one section a place and saves the form with it.
    // The browser sends the whole form with it, as the page now shows it.
    const shown = page((await coordinator.get(`${base}/paper/sections`).expect(200)).text)
    const fields = Object.fromEntries(shown.$('input[type="text"], input:not([type])').map((_, el) => [[shown.$(el).attr('name')!, String(shown.$(el).val())]]).get() as [string, string][])
    const included = shown.$('input[name="included"]:checked').map((_, el) => String(shown.$(el).val())).get()
    expect(fields.recommendationTitle).toBe('Recommendations')
    expect(included).toEqual(['introduction', 'risk', 'crimeAndDisorder', 'legal', 'climate'])
    await coordinator.post(`${base}/paper/sections`, { ...fields, included, move: 'climate:up' }).expect(303)
    const audit = await t.db.selectFrom('auditEvents').select(['action', 'after']).where('partnershipId', '=', ctx.partnership.id).where('entityType', '=', 'report paper settings').orderBy('id').execute()
    expect(audit.at(-1)!.after).toMatchObject({ sections: expect.arrayContaining([{ key: 'recommendation', title: 'Recommendations', included: true }]) })
    expect(audit.length).toBeGreaterThanOrEqual(2)

    const report = await newAnnualReport()
    expect(report.title).toBe('Rochford District Community Safety Partnership: annual report to the Review Committee 2016/17')
    const docx = await readDocx((await t.services.reports.download(ctx, report.id, 'docx')).body)
    const headings = docx.paragraphs.filter(p => /^\d+\t/.test(p.text)).map(p => p.text.replace('\t', ' '))
    expect(headings).toEqual([
      '1 Purpose of report',
      '2 Recommendations',
      '3 Introduction',
      '4 Background',
      '5 Risk implications',
      '6 Crime and disorder implications',
      '7 Resource implications',
      '8 Climate and environmental implications',
      '9 Legal and governance implications',
    ])
    expect(docx.paragraphs.map(p => p.text)).toContain('2.1\tIt is proposed that Review Committee RESOLVES to note the progress made by the Rochford District Community Safety Partnership during 2016/17.')
    expect(docx.text).not.toContain('Equality and diversity implications')
    const pdf = await readPdf((await t.services.reports.download(ctx, report.id, 'pdf')).body)
    expect(pdf.flat.indexOf('Recommendations')).toBeLessThan(pdf.flat.indexOf('Introduction'))

    // The narrative form asks for the sections the report has, under their titles; the one left out keeps its words.
    const narrative = page((await coordinator.get(`${base}/${report.id}/narrative`).expect(200)).text)
    expect(narrative.$('textarea[name="climate"]')).toHaveLength(1)
    expect(narrative.$('textarea[name="equality"]')).toHaveLength(0)
    expect(narrative.$('label[for="recommendation"]').text().trim()).toBe('Recommendations')
    const { narrative: before } = await t.db.selectFrom('reports').select('narrative').where('id', '=', report.id).executeTakeFirstOrThrow()
    await coordinator.post(`${base}/${report.id}/narrative`, { purpose: 'Purpose.', background: 'Background.', risk: 'Risk.', resources: 'Resources.', climate: '' }).expect(303)
    const { narrative: after } = await t.db.selectFrom('reports').select('narrative').where('id', '=', report.id).executeTakeFirstOrThrow()
    expect(after.equality).toBe(before.equality)
    // A section the council added must be written before the report is final.
    const final = await coordinator.post(`${base}/${report.id}/edit`, { planId: '', year: '2016', committee: 'Review Committee', status: 'final' }).expect(400)
    expect(page(final.text).errorSummary()[0]!.text).toContain('“Climate and environmental implications”')
  })
})
