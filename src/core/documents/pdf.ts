import type { Block, DocumentSection, ReportDocument, TableBlock, TextRun } from './model.ts'
import { chartFiguresTable, drawChart, runsOf } from './normalise.ts'
import { pdfMasthead } from './logo.ts'
import { drawSvg, type VectorCanvas } from './pdf-chart.ts'
import { COLOURS, LINE_GAP, NUMBER_INDENT, PdfPage, SIZES, type PdfOptions } from './pdf-page.ts'
import { drawTable } from './pdf-table.ts'

export { toWinAnsi, type PdfOptions } from './pdf-page.ts'

/**
 * A PDF from a ReportDocument, with pdfkit: A4, a system sans-serif font embedded (or the standard Helvetica),
 * tables laid out here so that they break across pages with their header rows repeated (a row taller than a
 * page is split between pages), landscape pages for landscape sections, charts drawn as vector graphics with
 * their figures in a table, and "Page X of Y" in every footer.
 */

class PdfWriter extends PdfPage {
  titleBlock(document: ReportDocument) {
    this.doc.fillColor(COLOURS.text)
    this.font(true, SIZES.title).text(this.fit(document.title), this.left, this.doc.y, { width: this.width })
    if (document.subtitle) {
      this.doc.moveDown(0.3)
      this.font(false, SIZES.subtitle).text(this.fit(document.subtitle), this.left, this.doc.y, { width: this.width })
    }
    this.doc.moveDown(0.6)
    for (const item of document.metadata ?? []) {
      this.writeRuns([{ text: `${item.label}: `, bold: true }, { text: item.value }], this.left, this.width, SIZES.body)
    }
    this.doc.moveDown(1)
  }

  sectionHeading(section: DocumentSection) {
    if (!section.heading) return
    const text = this.fit(section.heading)
    const indent = section.number ? NUMBER_INDENT : 0
    const height = this.textHeight(text, this.width - indent, true, SIZES.section)
    this.ensureSpace(height + 60)
    if (this.doc.y > this.top + 1) this.doc.moveDown(0.6)
    const y = this.doc.y
    this.doc.fillColor(COLOURS.text)
    if (section.number) this.font(true, SIZES.section).text(this.fit(section.number), this.left, y, { lineBreak: false })
    this.font(true, SIZES.section).text(text, this.left + indent, y, { width: this.width - indent })
    this.doc.moveDown(0.4)
  }

  heading(text: string, level: 3 | 4) {
    const size = level === 3 ? SIZES.h3 : SIZES.h4
    this.ensureSpace(this.textHeight(text, this.width, true, size) + 50)
    this.doc.moveDown(0.4)
    this.doc.fillColor(COLOURS.text)
    this.font(true, size).text(this.fit(text), this.left, this.doc.y, { width: this.width })
    this.doc.moveDown(0.3)
  }

  paragraph(block: Extract<Block, { kind: 'paragraph' }>) {
    const size = block.small ? SIZES.small : SIZES.body
    const colour = block.small ? COLOURS.secondary : COLOURS.text
    const indent = block.number ? NUMBER_INDENT : 0
    this.ensureSpace(2 * (size + LINE_GAP) + 2)
    const y = this.doc.y
    if (block.number) {
      this.doc.fillColor(colour)
      this.font(false, size).text(this.fit(block.number), this.left, y, { lineBreak: false })
      this.doc.y = y
    }
    this.writeRuns(runsOf(block.text), this.left + indent, this.width - indent, size, colour)
    this.doc.moveDown(0.6)
  }

  bullets(items: string[]) {
    for (const item of items) {
      this.ensureSpace(SIZES.body + LINE_GAP + 2)
      const y = this.doc.y
      this.doc.fillColor(COLOURS.text)
      this.font(false, SIZES.body).text(this.fit('•'), this.left + 10, y, { lineBreak: false })
      this.doc.y = y
      this.font(false, SIZES.body).text(this.fit(item), this.left + 24, y, { width: this.width - 24, lineGap: LINE_GAP })
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
      this.doc.rect(this.left, y, this.width, height).fill(COLOURS.group)
      this.doc.rect(this.left, y, 4, height).fill(COLOURS.border)
    }
    this.doc.y = y + 6
    paragraphs.forEach((text, index) => {
      const runs: TextRun[] = index === 0 && block.title ? [{ text: `${block.title}: `, bold: true }, { text: block.paragraphs[0]! }] : [{ text }]
      this.writeRuns(runs, this.left + 14, inner, SIZES.body)
      this.doc.y += 4
    })
    this.doc.y = Math.max(this.doc.y, y + height)
    this.doc.moveDown(0.6)
  }

  chart(block: Extract<Block, { kind: 'chart' }>) {
    const chart = drawChart(block.chart)
    const width = Math.min(this.width, 480)
    const height = (width * 320) / 720
    const titleHeight = this.textHeight(chart.title, this.width, true, SIZES.h4)
    this.ensureSpace(titleHeight + height + 30)
    this.doc.fillColor(COLOURS.text)
    this.font(true, SIZES.h4).text(this.fit(chart.title), this.left, this.doc.y, { width: this.width })
    this.doc.moveDown(0.3)
    const y = this.doc.y
    this.font(false, 12)
    const { height: drawn } = drawSvg(this.doc as unknown as VectorCanvas, chart.svg, this.left, y, width, this.fit)
    this.doc.x = this.left
    this.doc.y = y + drawn + 4
    this.doc.fillColor(COLOURS.secondary)
    this.font(false, SIZES.small).text(this.fit(chart.description), this.left, this.doc.y, { width: this.width, lineGap: LINE_GAP })
    this.doc.moveDown(0.6)
    this.table(chartFiguresTable(chart))
  }

  table(table: TableBlock) {
    drawTable(this, table)
  }

  block(block: Block) {
    switch (block.kind) {
      case 'heading':
        return this.heading(block.text, block.level)
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
    this.doc.lineWidth(0.5).moveTo(this.left, this.doc.y).lineTo(this.left + this.width, this.doc.y).stroke(COLOURS.rule)
    this.doc.moveDown(0.5)
    for (const line of lines) {
      this.doc.fillColor(COLOURS.secondary)
      this.font(false, SIZES.small).text(this.fit(line), this.left, this.doc.y, { width: this.width, lineGap: LINE_GAP })
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
      this.doc.lineWidth(0.5).moveTo(this.left, y - 6).lineTo(this.left + width, y - 6).stroke(COLOURS.rule)
      this.doc.fillColor(COLOURS.secondary)
      const pageText = `Page ${index + 1} of ${range.count}`
      this.font(false, 8)
      const pageWidth = this.doc.widthOfString(pageText)
      this.doc.text(this.fit(text), this.left, y, { width: width - pageWidth - 12, lineBreak: false, ellipsis: true, height: 10 })
      this.doc.text(pageText, this.left + width - pageWidth, y, { lineBreak: false })
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
    for (const block of section.blocks) writer.block(block)
  })
  if (document.attribution?.length) writer.attribution(document.attribution)
  writer.footers(document.footer ?? document.title)
  doc.end()
  await finished
  return Buffer.concat(chunks)
}
