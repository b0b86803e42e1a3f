import { beforeAll, describe, expect, it } from 'vitest'

import { allNodes, figuresOf, headingsOf, readPdfStructure, tablesOf, type PdfStructure } from '#test/helpers/read-pdf-structure'
import { actionsTable, sampleDocument } from '#test/fixtures/sample-document'

import type { Block, DocumentSection, ReportDocument } from './model.ts'
import { renderPdf } from './pdf.ts'

/**
 * The PDF as assistive technology reads it (the public sector accessibility regulations apply to papers a
 * council publishes): its structure tree read back with pdf.js.
 */
const document = sampleDocument()
let structure: PdfStructure
beforeAll(async () => {
  structure = await readPdfStructure(await renderPdf(document))
})

const blocks = (kind: Block['kind']) => document.sections.flatMap(s => s.blocks).filter(b => b.kind === kind)

describe('the tagged PDF', () => {
  it('says its language and shows its title', () => {
    expect(structure.language).toBe('en-GB')
    expect(structure.title).toBe(document.title)
    expect(structure.displaysTitle).toBe(true)
    expect(structure.marked).toBe(true)
  })

  it('has the headings of the document in order: H1 the title, H2 the sections, H3 and H4 within them', () => {
    const expected = [
      `H1 ${document.title}`,
      ...document.sections.flatMap(section => [
        ...(section.heading ? [`H2 ${section.number ? `${section.number} ` : ''}${section.heading}`] : []),
        ...section.blocks.flatMap(b => (b.kind === 'heading' ? [`H${b.level} ${b.text}`] : [])),
      ]),
    ]
    expect(expected.length).toBeGreaterThan(5)
    expect(headingsOf(structure)).toEqual(expected)
  })

  it('tags paragraphs as P, with their numbers, and bullet points as a list', () => {
    const paragraphs = structure.pages.flatMap(page => page.filter(node => node.role === 'P')).map(node => node.text)
    expect(paragraphs).toContain('1.1 This report updates the Committee on the delivery of the partnership’s priorities and actions.')
    const lists = structure.pages.flatMap(page => page.filter(node => node.role === 'L'))
    const bullets = blocks('bullets') as Extract<Block, { kind: 'bullets' }>[]
    expect(lists.map(list => list.children.map(item => item.children.map(part => `${part.role} ${part.text}`)))).toEqual(
      bullets.map(b => b.items.map(item => ['Lbl •', `LBody ${item}`])),
    )
  })

  it('gives every table its caption and real header cells, and tags each body cell once however many pages it spans', () => {
    const tables = tablesOf(structure)
    const expected = [...blocks('table'), ...blocks('chart')].length
    expect(tables).toHaveLength(expected)
    const actions = tables.find(t => t.caption === actionsTable().caption)!
    expect(actions.head).toEqual([['TH Actions', 'TH Outcomes / measures', 'TH Lead agency / officer', 'TH Q1 updates', 'TH RAG']])
    // The group rows are row headers, tagged once: "(continued)" on a following page is an artifact.
    const all = structure.pages.flatMap(page => allNodes(page))
    expect(all.filter(node => node.role === 'TH' && node.text.startsWith('Strategic objective')).map(node => node.text)).toEqual([
      'Strategic objective: To safeguard victims of domestic abuse from repeat incidents',
      'Strategic objective: To raise awareness of domestic abuse',
    ])
    expect(all.filter(node => node.role === 'TH' && node.text === 'Actions')).toHaveLength(1) // repeated headers are artifacts
    expect(structure.artifacts.join(' ')).toContain('Actions Outcomes / measures Lead agency / officer Q1 updates RAG')
    const twoRows = tables.find(t => t.head.length === 2)!
    expect(twoRows.head[1]!.every(cell => cell.startsWith('TH '))).toBe(true)
  })

  it('makes each chart a Figure with alt text that says what it shows, its figures in the table after it', () => {
    const charts = blocks('chart') as Extract<Block, { kind: 'chart' }>[]
    const figures = figuresOf(structure)
    expect(figures).toHaveLength(charts.length)
    expect(figures[0]!.alt).toMatch(new RegExp(`^${charts[0]!.chart.title}\\. .+ The figures are in the table that follows\\.$`))
  })

  it('marks page footers as artifacts and leaves no text untagged', () => {
    expect(structure.untagged).toEqual([])
    structure.artifacts.forEach((text, index) => expect(text).toContain(`Page ${index + 1} of ${structure.pages.length}`))
    const tagged = structure.pages.flatMap(page => allNodes(page)).map(node => node.text)
    expect(tagged.some(text => text.includes('Page 1 of'))).toBe(false)
  })
})

describe('headings kept with what follows', () => {
  /** Sections whose headings fall at every height of the page: a little more text before each, then a heading and a table, a chart or text. */
  function shifting(): ReportDocument {
    const follow: Block[][] = [
      [{ kind: 'heading', level: 3, text: 'Actions' }, { ...actionsTable(2), caption: 'Actions of the priority' }],
      [{ kind: 'chart', chart: { id: 'c', title: 'Incidents by year', description: 'Incidents per year.', kind: 'bar', series: [{ name: 'Incidents', points: [{ label: '2020/21', value: 5 }, { label: '2021/22', value: 7 }] }] } }],
      [{ kind: 'paragraph', text: 'A paragraph of text after the heading.' }],
    ]
    const sections: DocumentSection[] = Array.from({ length: 36 }, (_, i) => ({
      number: String(i + 1),
      heading: `Section ${i + 1}`,
      blocks: [...Array.from({ length: (i % 7) + 1 }, (__, n): Block => ({ kind: 'paragraph', text: `Paragraph ${n + 1} of section ${i + 1}.` })), ...follow[i % 3]!],
    }))
    return { title: 'Headings', generatedAt: new Date(0), sections }
  }

  it('never leaves a heading as the last thing on a page', async () => {
    const shifted = await readPdfStructure(await renderPdf(shifting()))
    expect(shifted.pages.length).toBeGreaterThan(5)
    for (const [index, page] of shifted.pages.entries()) {
      const last = page.at(-1)!
      expect(last.role, `the end of page ${index + 1}: ${last.text}`).not.toMatch(/^H\d$/)
    }
  })
})
