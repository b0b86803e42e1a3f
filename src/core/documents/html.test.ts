import * as cheerio from 'cheerio'
import { beforeAll, describe, expect, it } from 'vitest'

import { sampleDocument } from '#test/fixtures/sample-document'

import { configureNunjucks } from '../../web/nunjucks.ts'

import { htmlDocument, widthClass } from './html.ts'

let $: cheerio.CheerioAPI
beforeAll(() => {
  const env = configureNunjucks(undefined, { isProduction: false })
  const html = env.renderString('{% from "macros/document.njk" import appDocument %}{{ appDocument(doc) }}', { doc: htmlDocument(sampleDocument()) })
  $ = cheerio.load(html)
})

const text = (el: Parameters<typeof $>[0]) => $(el).text().replace(/\s+/g, ' ').trim()

describe('the document as a web page to print', () => {
  it('has one h1 (the title) and an h2 for each section, numbered as in the document', () => {
    expect($('h1').map((_, el) => text(el)).get()).toEqual(['Community Safety Partnership annual report 2021/22'])
    expect($('h2').map((_, el) => text(el)).get()).toEqual(['1Purpose of report', '3Background', 'Priority 1: Safeguarding vulnerable people', '4Performance'])
    expect($('h3').map((_, el) => text(el)).get()).toContain('Link to business plan priorities')
    expect($('.app-document__metadata > div').map((_, el) => text(el)).get()).toEqual(['Committee: Review Committee', 'Status: Draft'])
  })

  it('numbers paragraphs and keeps bold words bold', () => {
    expect(text('.app-document__numbered:first')).toBe('1.1This report updates the Committee on the delivery of the partnership’s priorities and actions.')
    expect($('p strong').filter((_, el) => $(el).text() === 'RESOLVES')).toHaveLength(1)
  })

  it('gives every table a caption and header cells with scope', () => {
    $('table').each((_, table) => {
      expect(text($(table).children('caption'))).not.toBe('')
      $(table)
        .find('thead th')
        .each((__, th) => expect(['col', 'colgroup']).toContain($(th).attr('scope')))
    })
    const performance = $('table').filter((_, t) => text($(t).children('caption')) === 'Achievements from strategic priorities 2010/11')
    expect(performance.find('thead tr')).toHaveLength(2)
    expect(performance.find('thead th[colspan="2"]').text()).toBe('Year to date')
    expect(performance.find('tbody th[scope="row"]').first().text().trim()).toBe('Reduce Theft From Motor Vehicle by 10% during 2010/2011')
  })

  it('puts each group of rows in its own tbody headed by a row group header', () => {
    const actions = $('table').filter((_, t) => text($(t).children('caption')).startsWith('Priority 1'))
    const groups = actions.find('tbody > tr > th[scope="rowgroup"]').map((_, th) => text(th)).get()
    expect(groups).toEqual(['Strategic objective: To safeguard victims of domestic abuse from repeat incidents', 'Strategic objective: To raise awareness of domestic abuse'])
    expect(actions.find('tbody')).toHaveLength(2)
    expect(actions.find('th[scope="rowgroup"]').first().attr('colspan')).toBe('5')
  })

  it('shows RAG as a tag with its word, never colour alone', () => {
    const tags = $('.app-rag-tag')
      .slice(0, 7)
      .map((_, el) => `${$(el).attr('data-rag')}:${text(el)}`)
      .get()
    expect(tags).toEqual(['green:Green', 'red:Red', 'green:Green', 'amber:Amber', 'red:Red', 'green:Green', 'none:No update'])
  })

  it('gives the columns width classes, since inline styles are not allowed', () => {
    const actions = $('table').filter((_, t) => text($(t).children('caption')).startsWith('Priority 1'))
    expect(actions.find('col').map((_, c) => $(c).attr('class')).get()).toEqual(['app-col-w-23', 'app-col-w-23', 'app-col-w-15', 'app-col-w-31', 'app-col-w-8'])
    expect(widthClass(0.001)).toBe('app-col-w-1')
    expect(widthClass(0.334)).toBe('app-col-w-33')
  })

  it('marks the landscape section and the section that starts a new page, for the print stylesheet', () => {
    const section = $('section').eq(2)
    expect(section.hasClass('app-document__section--landscape')).toBe(true)
    expect(section.hasClass('app-document__section--new-page')).toBe(true)
  })

  it('draws the chart as accessible SVG with its figures', () => {
    expect($('figure.app-chart svg[role="img"]')).toHaveLength(1)
    expect($('figure.app-chart table tbody tr').map((_, tr) => $(tr).children().map((__, c) => text(c)).get().join('|')).get()).toEqual(['2009/10|2,120', '2010/11|2,090'])
  })

  it('ends with the attribution', () => {
    expect(text('.app-document__attribution')).toBe('Contains public sector information licensed under the Open Government Licence v3.0.')
  })
})
