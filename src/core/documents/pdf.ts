import type { Block, DocumentSection, ReportDocument, TableBlock, TextRun } from './model.ts'
import { chartFiguresTable, drawChart, runsOf } from './normalise.ts'
import { pdfMasthead } from './logo.ts'
import { drawSvg, type VectorCanvas } from './pdf-chart.ts'
import { COLOURS, LINE_GAP, NUMBER_INDENT, PdfPage, SIZES, type PdfOptions } from './pdf-page.ts'
import { drawTable, tableStartHeight } from './pdf-table.ts'

export { toWinAnsi, type PdfOptions } from './pdf-page.ts'

/**
 * A PDF from a ReportDocument, with pdfkit: A4, a system sans-serif font embedded (or the standard Helvetica),
 * tables laid out here so that they break across pages with their header rows repeated (a row taller than a
 * page is split between pages), landscape pages for landscape sections, charts drawn as vector graphics with
 * their figures in a table, and "Page X of Y" in every footer.
 *
 * The PDF is tagged (PDF/UA's structure, as the public sector accessibility regulations expect of published
 * papers): language en-GB and the title shown as the window title; a structure tree in the order the page is
 * read — H1 the title, H2 the sections, H3/H4 the headings within them, P paragraphs, L/LI/Lbl/LBody lists,
 * Table with its Caption, TR, TH (scope Column or Row) and TD, Figure with alt text for each chart — and rules,
 * fills, repeated table headers and page footers marked as artifacts. A heading is kept with the start of
 * what follows it, so none is left alone at the foot of a page.
 */

class PdfWriter extends PdfPage {
  titleBlock(document: ReportDocument) {
    this.doc.fillColor(COLOURS.text)
    this.tagged('H1', this.root, () => this.font(true, SIZES.title).text(this.fit(document.title), this.left, this.doc.y, { width: this.width }))
    if (document.subtitle) {
      this.doc.moveDown(0.3)
      this.tagged('P', this.root, () => this.font(false, SIZES.subtitle).text(this.fit(document.subtitle!), this.left, this.doc.y, { width: this.width }))
    }
    this.doc.moveDown(0.6)
    for (const item of document.metadata ?? []) {
      this.tagged('P', this.root, () => this.writeRuns([{ text: `${item.label}: `, bold: true }, { text: item.value }], this.left, this.width, SIZES.body))
    }
    this.doc.moveDown(1)
  }

  sectionHeadingHeight(section: DocumentSection) {
    if (!section.heading) return 0
    const indent = section.number ? NUMBER_INDENT : 0
    return this.textHeight(section.heading, this.width - indent, true, SIZES.section) + 0.4 * SIZES.section + LINE_GAP
  }

  sectionHeading(section: DocumentSection) {
    if (!section.heading) return
    const text = this.fit(section.heading)
    const indent = section.number ? NUMBER_INDENT : 0
    // Kept with the start of what follows: never alone at the foot of a page.
    const height = this.sectionHeadingHeight(section) + SIZES.section
    this.ensureSpace(Math.max(height + 60, height + this.leadHeight(section.blocks, 0)))
    if (this.doc.y > this.top + 1) this.doc.moveDown(0.6)
    const y = this.doc.y
    this.doc.fillColor(COLOURS.text)
    this.tagged('H2', this.root, () => {
      if (section.number) this.font(true, SIZES.section).text(this.fit(section.number), this.left, y, { lineBreak: false })
      this.font(true, SIZES.section).text(text, this.left + indent, y, { width: this.width - indent })
    })
    this.doc.moveDown(0.4)
  }

  headingHeight(text: string, level: 3 | 4) {
    const size = level === 3 ? SIZES.h3 : SIZES.h4
    return this.textHeight(text, this.width, true, size) + 0.7 * size + LINE_GAP
  }

  heading(text: string, level: 3 | 4, following: Block[], next: number) {
    const size = level === 3 ? SIZES.h3 : SIZES.h4
    const height = this.headingHeight(text, level)
    this.ensureSpace(Math.max(height + 50, height + this.leadHeight(following, next)))
    this.doc.moveDown(0.4)
    this.doc.fillColor(COLOURS.text)
    this.tagged(level === 3 ? 'H3' : 'H4', this.root, () => this.font(true, size).text(this.fit(text), this.left, this.doc.y, { width: this.width }))
    this.doc.moveDown(0.3)
  }

  /** The height the block at `index` needs on the page where it starts (its first lines, a table's header and first rows). */
  leadHeight(blocks: Block[], index: number): number {
    const block = blocks[index]
    if (!block) return 0
    switch (block.kind) {
      case 'heading':
        return this.headingHeight(block.text, block.level) + this.leadHeight(blocks, index + 1)
      case 'paragraph': {
        const size = block.small ? SIZES.small : SIZES.body
        return 2 * (size + LINE_GAP) + 2
      }
      case 'bullets':
        return SIZES.body + LINE_GAP + 2
      case 'note':
        return Math.min(this.pageContentHeight / 2, this.textHeight(block.paragraphs[0] ?? '', this.width - 20, false, SIZES.body) + 16)
      case 'table':
        return Math.min(this.pageContentHeight / 2, tableStartHeight(this, block))
      case 'chart':
        return this.chartHeight(block)
    }
  }

  paragraph(block: Extract<Block, { kind: 'paragraph' }>) {
    const size = block.small ? SIZES.small : SIZES.body
    const colour = block.small ? COLOURS.secondary : COLOURS.text
    const indent = block.number ? NUMBER_INDENT : 0
    this.ensureSpace(2 * (size + LINE_GAP) + 2)
    const y = this.doc.y
    this.tagged('P', this.root, () => {
      if (block.number) {
        this.doc.fillColor(colour)
        this.font(false, size).text(this.fit(block.number), this.left, y, { lineBreak: false })
        this.doc.y = y
      }
      this.writeRuns(runsOf(block.text), this.left + indent, this.width - indent, size, colour)
    })
    this.doc.moveDown(0.6)
  }

  bullets(items: string[]) {
    const list = this.element('L', this.root)
    for (const item of items) {
      this.ensureSpace(SIZES.body + LINE_GAP + 2)
      const y = this.doc.y
      const listItem = this.element('LI', list)
      this.doc.fillColor(COLOURS.text)
      this.tagged('Lbl', listItem, () => this.font(false, SIZES.body).text(this.fit('•'), this.left + 10, y, { lineBreak: false }))
      this.doc.y = y
      this.tagged('LBody', listItem, () => this.font(false, SIZES.body).text(this.fit(item), this.left + 24, y, { width: this.width - 24, lineGap: LINE_GAP }))
      this.doc.moveDown(0.3)
    }
    this.doc.moveDown(0.3)
  }

  note(block: Extract<Block, { kind: 'note' }>) {
    const inner = this.width - 20
    const paragraphs = block.paragraphs.map((text, index) => (index === 0 && block.title ? `${block.title}: ${text}` : text))
    const height = paragraphs.reduce((sum, text) => sum + this.textHeight(text, inner, false, SIZES.body) + 4, 0) + 12
    if (height < this.pageContentHeight) this.ensureSpace(height)
    const y = this.doc.y
    if (height < this.pageContentHeight) {
      this.artifact(() => {
        this.doc.rect(this.left, y, this.width, height).fill(COLOURS.group)
        this.doc.rect(this.left, y, 4, height).fill(COLOURS.border)
      })
    }
    this.doc.y = y + 6
    paragraphs.forEach((text, index) => {
      const runs: TextRun[] = index === 0 && block.title ? [{ text: `${block.title}: `, bold: true }, { text: block.paragraphs[0]! }] : [{ text }]
      this.tagged('P', this.root, () => this.writeRuns(runs, this.left + 14, inner, SIZES.body))
      this.doc.y += 4
    })
    this.doc.y = Math.max(this.doc.y, y + height)
    this.doc.moveDown(0.6)
  }

  chartHeight(block: Extract<Block, { kind: 'chart' }>) {
    // Each chart kind has its own proportions (a stacked bar grows with its rows).
    const chart = drawChart(block.chart)
    const width = Math.min(this.width, 480)
    const height = (width * chart.height) / chart.width
    return this.textHeight(chart.title, this.width, true, SIZES.h4) + height + 30
  }

  chart(block: Extract<Block, { kind: 'chart' }>) {
    const chart = drawChart(block.chart)
    const width = Math.min(this.width, 480)
    this.ensureSpace(this.chartHeight(block))
    this.doc.fillColor(COLOURS.text)
    this.tagged('P', this.root, () => this.font(true, SIZES.h4).text(this.fit(chart.title), this.left, this.doc.y, { width: this.width }))
    this.doc.moveDown(0.3)
    const y = this.doc.y
    this.font(false, 12)
    let drawn = 0
    // The chart is a Figure whose alt text says what it shows; its figures follow in a table.
    const alt = `${chart.title}. ${chart.description} The figures are in the table that follows.`
    this.tagged('Figure', this.root, () => (drawn = drawSvg(this.doc as unknown as VectorCanvas, chart.svg, this.left, y, width, this.fit).height), { alt })
    this.doc.x = this.left
    this.doc.y = y + drawn + 4
    this.doc.fillColor(COLOURS.secondary)
    this.tagged('P', this.root, () => this.font(false, SIZES.small).text(this.fit(chart.description), this.left, this.doc.y, { width: this.width, lineGap: LINE_GAP }))
    this.doc.moveDown(0.6)
    this.table(chartFiguresTable(chart))
  }

  table(table: TableBlock) {
    drawTable(this, table)
  }

  block(blocks: Block[], index: number) {
    const block = blocks[index]!
    switch (block.kind) {
      case 'heading':
        return this.heading(block.text, block.level, blocks, index + 1)
      case 'paragraph':
        return this.paragraph(block)
      case 'bullets':
        return this.bullets(block.items)
      case 'note':
        return this.note(block)
      case 'table':
        return this.table(block)
      case 'chart':
        return this.chart(block)
    }
  }

  attribution(lines: string[]) {
    this.ensureSpace(40)
    this.doc.moveDown(0.5)
    this.artifact(() => this.doc.lineWidth(0.5).moveTo(this.left, this.doc.y).lineTo(this.left + this.width, this.doc.y).stroke(COLOURS.rule))
    this.doc.moveDown(0.5)
    for (const line of lines) {
      this.doc.fillColor(COLOURS.secondary)
      this.tagged('P', this.root, () => this.font(false, SIZES.small).text(this.fit(line), this.left, this.doc.y, { width: this.width, lineGap: LINE_GAP }))
      this.doc.moveDown(0.2)
    }
  }

  footers(text: string) {
    const range = this.doc.bufferedPageRange()
    for (let index = range.start; index < range.start + range.count; index++) {
      this.doc.switchToPage(index)
      const bottomMargin = this.doc.page.margins.bottom
      this.doc.page.margins.bottom = 0 // writing in the margin must not start a new page
      const y = this.doc.page.height - 40
      const width = this.width
      // The footer repeats on every page: an artifact, not part of the text read out.
      this.artifact(() => {
        this.doc.lineWidth(0.5).moveTo(this.left, y - 6).lineTo(this.left + width, y - 6).stroke(COLOURS.rule)
        this.doc.fillColor(COLOURS.secondary)
        const pageText = `Page ${index + 1} of ${range.count}`
        this.font(false, 8)
        const pageWidth = this.doc.widthOfString(pageText)
        this.doc.text(this.fit(text), this.left, y, { width: width - pageWidth - 12, lineBreak: false, ellipsis: true, height: 10 })
        this.doc.text(pageText, this.left + width - pageWidth, y, { lineBreak: false })
      }, 'Pagination')
      this.doc.page.margins.bottom = bottomMargin
    }
  }
}

export async function renderPdf(document: ReportDocument, options: PdfOptions = {}): Promise<Buffer> {
  const writer = new PdfWriter(document, options)
  const { doc } = writer
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve)
    doc.on('error', reject)
  })

  writer.newPage(document.sections[0]?.orientation ?? 'portrait')
  pdfMasthead(writer, document.masthead)
  writer.titleBlock(document)
  document.sections.forEach((section, index) => {
    const orientation = section.orientation ?? 'portrait'
    const changes = index > 0 && orientation !== (document.sections[index - 1]!.orientation ?? 'portrait')
    if (changes || (index > 0 && section.startOnNewPage)) writer.newPage(orientation)
    writer.sectionHeading(section)
    section.blocks.forEach((_, blockIndex) => writer.block(section.blocks, blockIndex))
  })
  if (document.attribution?.length) writer.attribution(document.attribution)
  writer.footers(document.footer ?? document.title)
  doc.end()
  await finished
  return Buffer.concat(chunks)
}
