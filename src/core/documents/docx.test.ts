import * as cheerio from 'cheerio'
import JSZip from 'jszip'
import { beforeAll, describe, expect, it } from 'vitest'

import { readDocx, type DocxContent } from '#test/helpers/read-documents'
import { actionsTable, countedSampleDocument, sampleDocument } from '#test/fixtures/sample-document'

import { countsAsWord, renderDocx } from './docx.ts'

let docx: DocxContent
beforeAll(async () => {
  docx = await readDocx(await renderDocx(sampleDocument()))
})

describe('the Word document', () => {
  it('has the title, the numbered section headings and paragraphs, in Word’s own styles', () => {
    expect(docx.paragraphs[0]).toEqual({ style: 'Title', text: 'Community Safety Partnership annual report 2021/22' })
    expect(docx.paragraphs.filter(p => p.style === 'Heading1').map(p => p.text)).toEqual([
      '1\tPurpose of report',
      '3\tBackground',
      'Priority 1: Safeguarding vulnerable people',
      '4\tPerformance',
    ])
    expect(docx.paragraphs.find(p => p.style === 'Heading2')?.text).toBe('Link to business plan priorities')
    expect(docx.text).toContain('1.2\tGrant funding amounted to £12,337; the anticipated underspend is £1,518 − as forecast – in ‘2021/22’.')
    expect(docx.text).toContain('Committee: Review Committee')
    expect(docx.text).toContain('It is proposed that the Committee RESOLVES to note the report.')
  })

  it('writes bullet points as list paragraphs and the note with its title', () => {
    expect(docx.paragraphs.filter(p => p.style === 'ListParagraph').map(p => p.text)).toEqual([
      'Protecting vulnerable people',
      'Anti-social behaviour',
      'Violence (including knife crime)',
    ])
    expect(docx.text).toContain('About these figures: Rochford data is grouped with Castle Point and Southend for MARAC cases.')
  })

  it('writes each table as a real table with its caption, the header rows marked to repeat on every page', () => {
    expect(docx.captions).toContain('Achievements from strategic priorities 2010/11')
    const performance = docx.tables[docx.captions.indexOf('Achievements from strategic priorities 2010/11')]!
    expect(performance.headerRows).toBe(2)
    expect(performance.rows[0]).toEqual(['', 'Year to date', '', ''])
    expect(performance.rows[1]).toEqual(['Priority or target', 'April 2009 – March 2010', 'April 2010 – March 2011', 'Change', 'Performance'])
    expect(performance.rows[2]).toEqual(['Reduce Theft From Motor Vehicle by 10% during 2010/2011', '325', '198', '39.1% reduction (127 offences)', 'Green'])
    expect(performance.rows[3]).toEqual(['Reduce alcohol related disorder by 5% during 2010/2011', '181', '186', '2.8% increase (5 offences)', 'Red'])
  })

  it('shows RAG as the word on the status colour, and group rows across the table', () => {
    const actions = docx.tables[docx.captions.indexOf(actionsTable().caption)]!
    expect(actions.headerRows).toBe(1)
    expect(actions.rows[1]).toEqual(['Strategic objective: To safeguard victims of domestic abuse from repeat incidents'])
    expect(actions.rows.slice(2, 7).map(row => [row[4], actions.fills[actions.rows.indexOf(row)]![4]])).toEqual([
      ['Green', '00703C'],
      ['Amber', 'F47738'],
      ['Red', 'D4351C'],
      ['Green\nComplete', '00703C'],
      ['No update', 'F3F2F1'],
    ])
    expect(actions.rows[2]![1]).toBe('•\tVictims remain in their own home\n•\tFewer repeat incidents')
    expect(actions.rows[2]![3]).toBe('Update 1: three home inspections and referrals for sanctuary intervention.\nCommunity Safety Officer, 14 July 2016')
    expect(actions.rows.at(-1)).toEqual(['Re-introduce the J9 scheme', 'Partner agencies trained', 'ECC DA provider', 'J9 training sessions booked for October', 'Green'])
  })

  it('gives the columns their share of the page width', () => {
    const actions = docx.tables[docx.captions.indexOf(actionsTable().caption)]!
    const [a, b, c, d, e] = actions.columnWidths as [number, number, number, number, number]
    expect(a).toBe(b)
    expect(Math.round(d / e)).toBe(4)
    // A landscape page is wider: A4 less 2 cm margins.
    expect(a + b + c + d + e).toBeGreaterThan(14_500)
  })

  it('puts the wide table in a landscape section between portrait ones', () => {
    expect(docx.sections).toEqual(['portrait', 'landscape', 'portrait'])
  })

  it('numbers the pages in the footer: “Page X of Y” with Word’s page fields', () => {
    expect(docx.footers.length).toBeGreaterThan(0)
    expect(docx.footers[0]).toContain('CP&R CSP – annual report 2021/22 (draft)')
    expect(docx.footers[0]).toContain('Page  of ')
    expect(docx.footerFields).toEqual(expect.arrayContaining([expect.stringMatching(/^PAGE/), expect.stringMatching(/^NUMPAGES/)]))
  })

  it('embeds the chart as a picture with alt text, followed by its figures in a table', () => {
    expect(docx.media).toHaveLength(1)
    expect(docx.media[0]).toMatch(/\.png$/)
    expect(docx.images).toEqual([
      {
        name: 'asb-incidents',
        title: 'Anti-social behaviour incidents',
        description: 'Incidents reported to the police each year, 2009/10 to 2010/11. The figures are in the table that follows.',
      },
    ])
    const figures = docx.tables[docx.captions.indexOf('Anti-social behaviour incidents: the figures')]!
    expect(figures.rows).toEqual([
      ['Period', 'Incidents'],
      ['2009/10', '2,120'],
      ['2010/11', '2,090'],
    ])
  })

  it('ends with the attribution and carries the title in the file’s properties', () => {
    expect(docx.paragraphs.at(-1)?.text).toBe('Contains public sector information licensed under the Open Government Licence v3.0.')
    expect(docx.core).toContain('<dc:title>Community Safety Partnership annual report 2021/22</dc:title>')
  })
})

describe('section and paragraph numbers by Word’s own list numbering', () => {
  let buffer: Buffer
  let numbered: DocxContent
  let xml: string
  beforeAll(async () => {
    buffer = await renderDocx(countedSampleDocument())
    numbered = await readDocx(buffer)
    xml = await (await JSZip.loadAsync(buffer)).file('word/document.xml')!.async('string')
  })

  it('defines the levels “1” and “1.1” in numbering.xml', () => {
    expect(numbered.listLevels.slice(0, 2)).toEqual(['%1', '%1.%2'])
  })

  it('numbers the section headings and paragraphs by list numbering, with no number typed in the text', () => {
    expect(countsAsWord(countedSampleDocument())).toBe(true)
    expect(numbered.paragraphs.filter(p => p.style === 'Heading1').map(p => [p.listNumber, p.text])).toEqual([
      ['1', '1\tPurpose of report'],
      ['2', '2\tBackground'],
      [undefined, 'Priority 1: Safeguarding vulnerable people'],
      ['3', '3\tPerformance'],
    ])
    expect(numbered.paragraphs.filter(p => p.listNumber?.includes('.')).map(p => p.listNumber)).toEqual(['1.1', '1.2', '2.1'])
    // In the file itself: each numbered paragraph carries numPr, and no text starts with a typed number.
    const $ = cheerio.load(xml, { xml: true })
    expect($('w\\:body > w\\:p').filter((_, p) => $(p).find('w\\:pPr > w\\:numPr > w\\:ilvl').attr('w:val') !== undefined && $(p).find('w\\:pPr > w\\:pStyle').attr('w:val') !== 'ListParagraph')).toHaveLength(6)
    const texts = $('w\\:t').map((_, t) => $(t).text()).get()
    expect(texts.filter(text => /^\d+(\.\d+)*\t/.test(text))).toEqual([])
    expect(texts).toContain('Purpose of report')
  })

  it('keeps the numbers typed when the document’s own numbers are not those Word would count', () => {
    expect(countsAsWord(sampleDocument())).toBe(false) // it goes from section 1 to section 3
    expect(docx.paragraphs.some(p => p.listNumber !== undefined && p.style === 'Heading1')).toBe(false)
    expect(docx.text).toContain('3.1\tThe priority areas for action for 2021/22 were:')
  })
})
