import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'

import { openInLibreOffice, soffice } from '#test/helpers/libreoffice'
import { countedSampleDocument, sampleDocument, TALL_CELL } from '#test/fixtures/sample-document'

import { renderDocx } from './docx.ts'

/**
 * The Word document opened by another word processor: LibreOffice converts it to PDF and we read what it
 * laid out. Every document type the app produces is opened the same way where it is made
 * (reports/demo-documents.test.ts, highlight-report-routes.test.ts, assessment-export.test.ts).
 */
const convert = async (docx: Buffer) => (await openInLibreOffice({ document: docx })).document!

describe.skipIf(!soffice)('the Word document opened in LibreOffice', () => {
  it('renumbers the paragraphs after one inserted, as Word’s list numbering does', async () => {
    // An officer inserts a paragraph after 1.1: a copy of 1.1's paragraph (its list numbering with it), new words.
    const zip = await JSZip.loadAsync(await renderDocx(countedSampleDocument()))
    const xml = await zip.file('word/document.xml')!.async('string')
    const first = /<w:p>(?:(?!<w:p>).)*?This report updates the Committee(?:(?!<w:p>).)*?<\/w:p>/s.exec(xml)![0]
    expect(first).toContain('<w:numPr>')
    const inserted = first.replace(/<w:t([^>]*)>This report updates[^<]*<\/w:t>/, '<w:t$1>A paragraph the officer added.</w:t>')
    zip.file('word/document.xml', xml.replace(first, first + inserted))
    const pdf = await convert(await zip.generateAsync({ type: 'nodebuffer' }))
    expect(pdf.flat).toContain('1 Purpose of report 1.1 This report updates the Committee')
    expect(pdf.flat).toContain('1.2 A paragraph the officer added. 1.3 Grant funding amounted to £12,337')
    expect(pdf.flat).toContain('2 Background 2.1 The priority areas for action for 2021/22 were:')
  }, 90_000)

  it('opens cleanly and lays out the text, the tables on landscape pages and every row', async () => {
    const pdf = await convert(await renderDocx(sampleDocument()))
    expect(pdf.pages.length).toBeGreaterThan(4)
    expect(pdf.flat).toContain('Community Safety Partnership annual report 2021/22')
    expect(pdf.flat).toContain('1.2 Grant funding amounted to £12,337; the anticipated underspend is £1,518 − as forecast – in ‘2021/22’.')
    expect(pdf.flat.match(/Action \d+:/g)).toHaveLength(30)
    expect(pdf.flat.match(/\bW\d+\b/g)).toEqual(TALL_CELL.split(' '))
    // The actions table is on landscape pages, with its header row repeated on each.
    const landscape = pdf.sizes.flatMap(([w, h], i) => (w > h ? [i] : []))
    expect(landscape.length).toBeGreaterThan(1)
    for (const page of landscape) expect(pdf.pages[page]!.join(' ')).toContain('Actions Outcomes / measures Lead agency / officer Q1 updates RAG')
    // The footer's page fields are filled in.
    expect(pdf.pages[0]!.join(' ')).toMatch(new RegExp(`Page 1 of ${pdf.pages.length}`))
  }, 90_000)
})
