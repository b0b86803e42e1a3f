import path from 'node:path'

import * as cheerio from 'cheerio'
import PDFDocument from 'pdfkit'
import * as sass from 'sass'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { aPartnership, aUser } from '#test/helpers/builders'
import { sampleDocument } from '#test/fixtures/sample-document'
import { page } from '#test/helpers/html'
import { createTestApp, type TestApp } from '#test/helpers/test-app'
import { htmlDocument } from '../../src/core/documents/html.ts'
import { RAG_COLOURS } from '../../src/core/documents/model.ts'
import { configureNunjucks } from '../../src/web/nunjucks.ts'

/**
 * Details of the pages people look at: RAG tags that stand out in a long table and keep their contrast, the
 * sections' navigation in two rows at 1280px, and a table's RAG column kept in view on a 375px phone. Read
 * from the stylesheet as it is built (assets/scss/app.scss) and the pages as they are rendered.
 */
let css: string
let t: TestApp

beforeAll(async () => {
  const root = path.resolve(import.meta.dirname, '../..')
  css = sass.compile(path.join(root, 'assets/scss/app.scss'), { loadPaths: [path.join(root, 'node_modules')], style: 'compressed', quietDeps: true, silenceDeprecations: ['import'] }).css
  t = await createTestApp()
}, 60_000)
afterAll(() => t.close())

/** The declarations of the first rule with exactly this selector, optionally inside a media query. */
function declarations(selector: string, media?: string): Record<string, string> {
  const scope = media ? css.slice(css.indexOf(`@media${media}{`)) : css
  const escaped = selector.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const match = new RegExp(`(?:^|[}{])${escaped}\\{([^}]*)\\}`).exec(scope)
  if (!match) throw new Error(`No rule for ${selector}${media ? ` in @media${media}` : ''}`)
  return Object.fromEntries(match[1]!.split(';').map(part => [part.slice(0, part.indexOf(':')).trim(), part.slice(part.indexOf(':') + 1).trim()]))
}

const luminance = (hex: string) => {
  const full = hex.replace('#', '').length === 3 ? [...hex.replace('#', '')].map(c => c + c).join('') : hex.replace('#', '')
  const [r, g, b] = [0, 2, 4].map(i => {
    const c = parseInt(full.slice(i, i + 2), 16) / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  })
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!
}
const contrast = (a: string, b: string) => {
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (high! + 0.05) / (low! + 0.05)
}
const colour = (value: string) => value.replace(/^var\([^,]+,\s*/, '').replace(/\)$/, '').replace('#fff', '#ffffff').slice(0, 7)

describe('RAG tags in a long table', () => {
  it('are solid status colours in bold, each word at 4.5:1 or more on its colour and each tag’s edge at 3:1 or more on the white page', () => {
    expect(declarations('.app-rag-tag[data-rag]')['font-weight']).toBe('700')
    for (const rag of ['red', 'amber', 'green'] as const) {
      const rule = declarations(`.app-rag-tag[data-rag=${rag}]`)
      const fill = colour(rule['background-color']!)
      const text = colour(rule.color!)
      // The same colours as the documents, so the page and the paper agree.
      expect(fill.toUpperCase()).toBe(`#${RAG_COLOURS[rag].fill}`)
      expect(contrast(fill, text), `${rag} text`).toBeGreaterThanOrEqual(4.5)
      // The tag's edge: its fill, or for amber the ring drawn inside it.
      const edge = rule['box-shadow'] ? colour(rule['box-shadow'].split(' ').at(-1)!) : fill
      expect(contrast(edge, '#ffffff'), `${rag} edge`).toBeGreaterThanOrEqual(3)
    }
    const none = declarations('.app-rag-tag[data-rag=none]')
    expect(contrast(colour(none['background-color']!), colour(none.color!))).toBeGreaterThanOrEqual(4.5)
    expect(none.outline).toContain('dashed')
  })
})

describe('a table on a 375px phone', () => {
  it('keeps its RAG column at the right edge while the rest scrolls under it', () => {
    const sticky = declarations('.app-table-wrapper .app-rag-cell', '(max-width: 40.0525em)')
    expect(sticky).toMatchObject({ position: 'sticky', right: '0' })
    expect(sticky['background-color']).toMatch(/#fff/)
    // 375px is inside the query: 40.0525em is 640.84px.
    expect(375).toBeLessThan(40.0525 * 16)
  })

  it('marks the RAG cells of a document’s tables, in their scrolling box', () => {
    const env = configureNunjucks(undefined, { isProduction: false })
    const $ = cheerio.load(env.renderString('{% from "macros/document.njk" import appDocument %}{{ appDocument(doc) }}', { doc: htmlDocument(sampleDocument()) }))
    const cells = $('td.app-rag-cell')
    expect(cells.length).toBeGreaterThan(0)
    cells.each((_, cell) => {
      expect($(cell).find('.app-rag-tag')).toHaveLength(1)
      expect($(cell).closest('.app-table-wrapper')).toHaveLength(1)
    })
  })
})

describe('the sections’ navigation at 1280px', () => {
  it('fits two rows for an admin who sees every section (an estimate from Helvetica’s widths, Arial’s metrics)', async () => {
    const { partnership } = await aPartnership(t, { name: 'Castle Point and Rochford Community Safety Partnership' })
    await t.db.updateTable('partnerships').set({ shortName: 'Castle Point and Rochford CSP' }).where('id', '=', partnership.id).execute()
    const admin = await t.as(await aUser(t, { role: 'admin', partnershipId: partnership.id }))
    const home = page((await admin.get(`/partnerships/${partnership.id}`).expect(200)).text)
    const serviceName = home.text('.govuk-service-navigation__service-name')
    expect(serviceName).toBe('Castle Point and Rochford CSP')
    const sections = home.all('nav[aria-label="Sections"] .govuk-service-navigation__link')
    expect(sections.length).toBeGreaterThanOrEqual(14)
    const account = home.all('.app-account-navigation .govuk-service-navigation__link')

    const desktop = '(min-width: 40.0625em)'
    const gap = parseFloat(declarations('.app-header .govuk-service-navigation__item', desktop)['margin-right']!)
    const sectionSize = parseFloat(declarations('.app-header .govuk-service-navigation__list .govuk-service-navigation__link,.app-header .app-account-navigation__button', desktop)['font-size']!) * 16
    expect(gap).toBeLessThanOrEqual(15)
    expect(sectionSize).toBeLessThanOrEqual(16)

    const pdf = new PDFDocument()
    const width = (text: string, size: number, bold = false) => pdf.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(size).widthOfString(text)
    // The page is 1100px wide at 1280px (govuk-width-container with $govuk-page-width: 1100px); boxes wrap as words do.
    const boxes = [width(serviceName, 19, true) + 30, ...sections.map(text => width(text, sectionSize) + gap), ...account.map(text => width(text, sectionSize) + 20)]
    let rows = 1
    let used = 0
    for (const box of boxes) {
      if (used + box > 1100) {
        rows += 1
        used = 0
      }
      used += box
    }
    expect(rows).toBeLessThanOrEqual(2)
  })
})
