import { beforeAll, describe, expect, it } from 'vitest'

import { readPdf, type PdfContent } from '#test/helpers/read-documents'
import { actionsTable, sampleDocument, TALL_CELL } from '#test/fixtures/sample-document'

import { systemFont } from './fonts.ts'
import { renderPdf, toWinAnsi } from './pdf.ts'

const A4_PORTRAIT: [number, number] = [595, 842]
const A4_LANDSCAPE: [number, number] = [842, 595]
const HEADER_LINE = 'Actions Outcomes / measures Lead agency / officer Q1 updates RAG'

let pdf: PdfContent
beforeAll(async () => {
  pdf = await readPdf(await renderPdf(sampleDocument()))
})

/** The page numbers (from 1) whose text contains a line equal to `line`. */
const pagesWithLine = (content: PdfContent, line: string) => content.pages.flatMap((lines, index) => (lines.includes(line) ? [index + 1] : []))

describe('the PDF', () => {
  it('has the title, metadata, numbered headings and paragraphs as text', () => {
    const first = pdf.pages[0]!.join(' ')
    expect(first).toMatch(/^Community Safety Partnership annual report 2021\/22 Castle Point and Rochford Community Safety Partnership Committee: Review Committee Status: Draft 1 Purpose of report/)
    expect(first).toContain('1.1 This report updates the Committee on the delivery of the partnership’s priorities and actions.')
    expect(pdf.text).toContain('It is proposed that the Committee RESOLVES to note the report.')
    expect(pdf.title).toBe('Community Safety Partnership annual report 2021/22')
  })

  it('prints £, dashes and curly quotes as they are typed (with the embedded system font)', () => {
    if (!systemFont()) return // without a system font, see the Helvetica test below
    expect(pdf.flat).toContain('1.2 Grant funding amounted to £12,337; the anticipated underspend is £1,518 − as forecast – in ‘2021/22’.')
    expect(pdf.fonts.some(font => /LiberationSans|DejaVuSans|Arial/.test(font))).toBe(true)
  })

  it('numbers every page in its footer: “Page X of Y”', () => {
    const total = pdf.pages.length
    expect(total).toBeGreaterThan(4)
    pdf.pages.forEach((lines, index) => {
      expect(lines.at(-1)).toBe(`CP&R CSP – annual report 2021/22 (draft) Page ${index + 1} of ${total}`)
    })
  })

  it('puts the landscape section on landscape pages and the rest on portrait ones', () => {
    const landscape = pagesWithLine(pdf, HEADER_LINE)
    expect(landscape.length).toBeGreaterThan(1)
    for (const page of landscape) expect(pdf.sizes[page - 1]).toEqual(A4_LANDSCAPE)
    expect(pdf.sizes[0]).toEqual(A4_PORTRAIT)
    expect(pdf.sizes.at(-1)).toEqual(A4_PORTRAIT)
  })

  it('breaks a long table across pages, repeating its header row and the group it is in', () => {
    const pages = pagesWithLine(pdf, HEADER_LINE)
    expect(pages.length).toBeGreaterThanOrEqual(3)
    for (const page of pages.slice(1)) {
      const lines = pdf.pages[page - 1]!
      expect(lines[0]).toBe(HEADER_LINE) // the header comes first on each following page
    }
    expect(pdf.text).toContain('Strategic objective: To safeguard victims of domestic abuse from repeat incidents (continued)')
    // A group heading is never left at the foot of a page without its first row.
    for (const lines of pdf.pages) expect(lines.at(-2)).not.toMatch(/^Strategic objective:/)
    // Every action is there once, in order.
    const actions = pdf.text.match(/Action \d+:/g)!
    expect(actions).toEqual(Array.from({ length: 30 }, (_, i) => `Action ${i + 1}:`))
  })

  it('splits a row taller than a page between pages without losing a word', () => {
    const words = pdf.text.match(/\bW\d+\b/g)!
    expect(words).toEqual(TALL_CELL.split(' '))
    const pagesOfTallRow = pdf.pages.flatMap((lines, index) => (lines.some(line => /\bW(1|700)\b/.test(line)) ? [index] : []))
    expect(pagesOfTallRow.length).toBe(2)
  })

  it('shows the RAG status of each row as its word', () => {
    const statuses = pdf.pages
      .flat()
      .filter(line => /^Action \d+:/.test(line))
      .map(line => /(Green|Amber|Red|No update)$/.exec(line)?.[1])
    expect(statuses.slice(0, 5)).toEqual(['Green', 'Amber', 'Red', 'Green', 'No update'])
  })

  it('keeps both header rows of a table and its figures', () => {
    expect(pdf.text).toContain('Year to date')
    expect(pdf.text).toContain('Priority or target April 2009 – April 2010 – Change Performance')
    expect(pdf.text).toContain('March 2010 March 2011')
    expect(pdf.flat).toMatch(/Reduce Theft From Motor Vehicle by 10% 325 198 39.1% reduction Green during 2010\/2011 \(127 offences\)/)
  })

  it('draws the chart with its axis labels as text, then its figures as a table', () => {
    const page = pdf.pages.find(lines => lines.includes('Anti-social behaviour incidents'))!
    expect(page).toEqual(expect.arrayContaining(['2,500', '2,000', '0', '2009/10 2010/11', 'Incidents']))
    expect(page).toEqual(expect.arrayContaining(['Anti-social behaviour incidents: the figures', 'Period Incidents', '2009/10 2,120', '2010/11 2,090']))
  })

  it('ends with the attribution', () => {
    expect(pdf.pages.at(-1)).toContain('Contains public sector information licensed under the Open Government Licence v3.0.')
  })
})

describe('the PDF in the standard Helvetica font', () => {
  it('replaces only the characters Helvetica cannot show', async () => {
    const standard = await readPdf(await renderPdf(sampleDocument(), { font: 'standard' }))
    expect(standard.fonts).toEqual(expect.arrayContaining(['Helvetica', 'Helvetica-Bold']))
    expect(standard.flat).toContain('1.2 Grant funding amounted to £12,337; the anticipated underspend is £1,518 - as forecast – in ‘2021/22’.')
  })

  it('maps text to Windows-1252', () => {
    expect(toWinAnsi('£12 − 3 – ‘a’ “b” • café €5 ≥ 2 → next ✓ 中')).toBe('£12 - 3 – ‘a’ “b” • café €5 >= 2 -> next Yes ?')
    expect(toWinAnsi('Zoë Łukasz')).toBe('Zoë Lukasz'.replace('L', '?'))
  })
})

describe('a table longer than many pages', () => {
  it('keeps every row and repeats the header on each page', async () => {
    const long = await readPdf(await renderPdf({ title: 'Long', generatedAt: new Date(0), sections: [{ orientation: 'landscape', blocks: [actionsTable(120)] }] }))
    expect(long.text.match(/Action \d+:/g)).toHaveLength(120)
    expect(pagesWithLine(long, HEADER_LINE)).toEqual(Array.from({ length: long.pages.length }, (_, i) => i + 1))
  })
})

describe('a table of many groups', () => {
  it('never leaves a group heading at the foot of a page without its first row', async () => {
    const rows = Array.from({ length: 40 }, (_, g) => [
      { group: `Strategic objective ${g + 1}` },
      { cells: [`Action of objective ${g + 1}`, Array.from({ length: 8 }, (__, l) => `Line ${l + 1} of the update`).join('\n'), { rag: 'green' as const }] },
    ]).flat()
    const content = await readPdf(
      await renderPdf({
        title: 'Groups',
        generatedAt: new Date(0),
        sections: [{ blocks: [{ kind: 'table', caption: 'Groups', columns: [{ header: 'Action', width: 2 }, { header: 'Update', width: 3 }, { header: 'RAG', width: 1 }], rows }] }],
      }),
    )
    expect(content.pages.length).toBeGreaterThan(3)
    for (const lines of content.pages) expect(lines.at(-2)).not.toMatch(/^Strategic objective \d+$/)
    expect(content.text.match(/^Action of objective \d+/gm)).toHaveLength(40)
  })
})
