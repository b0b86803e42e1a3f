import PDFDocument from 'pdfkit'

import { systemFont } from './fonts.ts'
import type { Block, CellLine, DocumentSection, ReportDocument, TableBlock, TextRun } from './model.ts'
import { bodyCells, chartFiguresTable, columnFractions, drawChart, fitColumns, headerRows, longestWords, runsOf, type NormalCell } from './normalise.ts'
import { drawSvg, type VectorCanvas } from './pdf-chart.ts'

/**
 * A PDF from a ReportDocument, with pdfkit: A4, a system sans-serif font embedded (or the standard Helvetica),
 * tables laid out here so that they break across pages with their header rows repeated (a row taller than a
 * page is split between pages), landscape pages for landscape sections, charts drawn as vector graphics with
 * their figures in a table, and "Page X of Y" in every footer.
 */

export interface PdfOptions {
  /** 'system' (default) embeds a system TrueType font when one is found; 'standard' always uses Helvetica. */
  font?: 'system' | 'standard'
}

type Orientation = 'portrait' | 'landscape'
type Doc = InstanceType<typeof PDFDocument>

const MARGINS = { top: 50, bottom: 60, left: 50, right: 50 }
const SIZES = { title: 22, subtitle: 14, section: 15, h3: 12.5, h4: 11, body: 10.5, small: 9, table: 9, tableSmall: 8 }
const COLOURS = { text: '#0b0c0c', secondary: '#505a5f', border: '#6f777b', header: '#dee0e2', group: '#f3f2f1', rule: '#b1b4b6' }
const CELL_PADDING = 4
const LINE_GAP = 1.5
const NUMBER_INDENT = 36

// Characters the standard fonts can show (Windows-1252); others are replaced when Helvetica is used.
const WIN_ANSI_EXTRAS = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ'
const REPLACEMENTS: Record<string, string> = { '−': '-', '≤': '<=', '≥': '>=', '→': '->', '←': '<-', '✓': 'Yes', '✗': 'No', '\u00a0': ' ', '\u2009': ' ', '\u202f': ' ' }

export function toWinAnsi(text: string): string {
  let out = ''
  for (const char of text) {
    const code = char.codePointAt(0)!
    if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRAS.includes(char) || char === '\n') out += char
    else if (REPLACEMENTS[char] !== undefined) out += REPLACEMENTS[char]
    else {
      const plain = char.normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
      out += [...plain].every(c => c.codePointAt(0)! <= 0x7e) && plain ? plain : '?'
    }
  }
  return out
}

class PdfWriter {
  readonly doc: Doc
  private readonly regular: string
  private readonly bold: string
  private readonly fit: (text: string) => string
  private orientation: Orientation = 'portrait'

  constructor(document: ReportDocument, options: PdfOptions) {
    this.doc = new PDFDocument({
      size: 'A4',
      margins: MARGINS,
      bufferPages: true,
      autoFirstPage: false,
      lang: 'en-GB',
      displayTitle: true,
      pdfVersion: '1.7',
      info: {
        Title: document.title,
        Subject: document.subtitle ?? '',
        Author: document.author ?? 'CSP Hub',
        Creator: 'CSP Hub',
        CreationDate: document.generatedAt,
        ModDate: document.generatedAt,
      },
    })
    const font = options.font === 'standard' ? null : systemFont()
    if (font) {
      this.doc.registerFont('Body', font.regular)
      this.doc.registerFont('Body-Bold', font.bold)
      this.regular = 'Body'
      this.bold = 'Body-Bold'
      this.fit = text => text
    } else {
      this.regular = 'Helvetica'
      this.bold = 'Helvetica-Bold'
      this.fit = toWinAnsi
    }
  }

  // --- Page geometry ---------------------------------------------------------------------------

  get left() {
    return this.doc.page.margins.left
  }
  get width() {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right
  }
  get bottom() {
    return this.doc.page.height - this.doc.page.margins.bottom
  }
  get top() {
    return this.doc.page.margins.top
  }
  get pageContentHeight() {
    return this.bottom - this.top
  }

  newPage(orientation: Orientation = this.orientation) {
    this.orientation = orientation
    this.doc.addPage({ size: 'A4', layout: orientation, margins: MARGINS })
    this.doc.x = this.left
    this.doc.y = this.top
  }

  /** Start a new page unless `height` fits below the current position. */
  ensureSpace(height: number) {
    if (this.doc.y + height > this.bottom && this.doc.y > this.top + 1) this.newPage()
  }

  font(bold: boolean, size: number) {
    this.doc.font(bold ? this.bold : this.regular).fontSize(size)
    return this.doc
  }

  textHeight(text: string, width: number, bold: boolean, size: number) {
    return this.font(bold, size).heightOfString(this.fit(text), { width, lineGap: LINE_GAP })
  }

  // --- Blocks ----------------------------------------------------------------------------------

  writeRuns(runs: TextRun[], x: number, width: number, size: number, colour = COLOURS.text) {
    this.doc.fillColor(colour)
    runs.forEach((run, index) => {
      const options = { width, lineGap: LINE_GAP, continued: index < runs.length - 1 }
      this.font(run.bold ?? false, size)
      if (index === 0) this.doc.text(this.fit(run.text), x, this.doc.y, options)
      else this.doc.text(this.fit(run.text), options)
    })
  }

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

  // --- Tables ----------------------------------------------------------------------------------

  table(table: TableBlock) {
    const size = table.size === 'small' ? SIZES.tableSmall : SIZES.table
    const minimum = longestWords(table).map(words =>
      Math.max(0, ...words.map(word => this.font(word.bold, size).widthOfString(this.fit(word.text)) + 2 * CELL_PADDING + 1)) / this.width,
    )
    const widths = fitColumns(columnFractions(table), minimum).map(f => f * this.width)
    const x0 = this.left
    const xAt = (column: number) => x0 + widths.slice(0, column).reduce((sum, w) => sum + w, 0)
    const spanWidth = (start: number, span: number) => widths.slice(start, start + span).reduce((sum, w) => sum + w, 0)
    const inner = (width: number, line?: CellLine) => width - 2 * CELL_PADDING - (line?.bullet ? 10 : 0)
    const lineSize = (line: CellLine) => (line.small ? size - 1 : size)
    const lineHeight = (line: CellLine, width: number, bold: boolean) => this.textHeight(line.text, inner(width, line), line.bold ?? bold, lineSize(line))
    const linesHeight = (lines: CellLine[], width: number, bold: boolean) =>
      lines.reduce((sum, line, index) => sum + lineHeight(line, width, bold) + (index ? 2 : 0), 0) + 2 * CELL_PADDING
    const minRow = size + LINE_GAP + 2 * CELL_PADDING

    const drawCellLines = (lines: CellLine[], x: number, y: number, width: number, bold: boolean, colour: string, numeric: boolean) => {
      let cursor = y + CELL_PADDING
      lines.forEach((line, index) => {
        if (index) cursor += 2
        const height = lineHeight(line, width, bold)
        const indent = line.bullet ? 10 : 0
        this.doc.fillColor(line.small && colour === COLOURS.text ? COLOURS.secondary : colour)
        if (line.bullet) this.font(false, lineSize(line)).text(this.fit('•'), x + CELL_PADDING, cursor, { lineBreak: false })
        this.font(line.bold ?? bold, lineSize(line)).text(this.fit(line.text), x + CELL_PADDING + indent, cursor, {
          width: inner(width, line),
          height: height + 20,
          lineGap: LINE_GAP,
          align: numeric ? 'right' : 'left',
        })
        cursor += height
      })
    }

    const header = headerRows(table)
    const headerHeights = header.map(cells => {
      let column = 0
      return Math.max(
        minRow,
        ...cells.map(cell => {
          const span = Math.max(1, cell.span ?? 1)
          const h = linesHeight([{ text: cell.text }], spanWidth(column, span), true)
          column += span
          return h
        }),
      )
    })
    const headerHeight = headerHeights.reduce((sum, h) => sum + h, 0)

    const drawHeader = () => {
      header.forEach((cells, rowIndex) => {
        const y = this.doc.y
        const height = headerHeights[rowIndex]!
        let column = 0
        for (const cell of cells) {
          const span = Math.max(1, cell.span ?? 1)
          const x = xAt(column)
          const w = spanWidth(column, span)
          this.doc.rect(x, y, w, height).fillAndStroke(COLOURS.header, COLOURS.border)
          drawCellLines([{ text: cell.text }], x, y, w, true, COLOURS.text, span === 1 && table.columns[column]?.numeric === true)
          column += span
        }
        this.doc.y = y + height
      })
    }

    const drawGroup = (text: string) => {
      const height = Math.max(minRow, linesHeight([{ text }], this.width, true))
      const y = this.doc.y
      this.doc.lineWidth(0.5)
      this.doc.rect(x0, y, this.width, height).fillAndStroke(COLOURS.group, COLOURS.border)
      drawCellLines([{ text }], x0, y, this.width, true, COLOURS.text, false)
      this.doc.y = y + height
    }

    const drawRow = (cells: NormalCell[], parts: CellLine[][], height: number, withStatus: boolean) => {
      const y = this.doc.y
      let column = 0
      cells.forEach((cell, index) => {
        const x = xAt(column)
        const w = spanWidth(column, cell.span)
        const numeric = cell.span === 1 && table.columns[column]?.numeric === true && !cell.rag
        this.doc.lineWidth(0.5)
        if (cell.rag && withStatus) this.doc.rect(x, y, w, height).fillAndStroke(`#${cell.rag.fill}`, COLOURS.border)
        else this.doc.rect(x, y, w, height).stroke(COLOURS.border)
        const colour = cell.rag && withStatus ? `#${cell.rag.text}` : COLOURS.text
        drawCellLines(parts[index]!, x, y, w, cell.bold || (table.rowHeaders === true && index === 0), colour, numeric)
        column += cell.span
      })
      this.doc.y = y + height
    }

    /** The lines of a cell that fit in `space`, and the rest (a line is split between words if needed). */
    const splitLines = (lines: CellLine[], width: number, bold: boolean, space: number): [CellLine[], CellLine[]] => {
      const head: CellLine[] = []
      let used = 2 * CELL_PADDING
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i]!
        const gap = head.length ? 2 : 0
        const h = lineHeight(line, width, bold)
        if (used + gap + h <= space) {
          head.push(line)
          used += gap + h
          continue
        }
        const words = line.text.split(/\s+/)
        let low = 0
        let high = words.length - 1
        while (low < high) {
          const mid = Math.ceil((low + high) / 2)
          const fits = used + gap + lineHeight({ ...line, text: words.slice(0, mid).join(' ') }, width, bold) <= space
          if (fits) low = mid
          else high = mid - 1
        }
        if (low > 0) {
          head.push({ ...line, text: words.slice(0, low).join(' ') })
          return [head, [{ ...line, text: words.slice(low).join(' ') }, ...lines.slice(i + 1)]]
        }
        return [head, lines.slice(i)]
      }
      return [head, []]
    }

    // Caption, header and at least the first row together.
    const captionHeight = this.textHeight(table.caption, this.width, true, SIZES.body)
    this.ensureSpace(captionHeight + 6 + headerHeight + minRow * 2)
    this.doc.fillColor(COLOURS.text)
    this.font(true, SIZES.body).text(this.fit(table.caption), x0, this.doc.y, { width: this.width, lineGap: LINE_GAP })
    this.doc.moveDown(0.3)
    this.doc.lineWidth(0.5)
    drawHeader()

    let group: string | null = null
    const continueOnNewPage = () => {
      this.newPage()
      this.doc.lineWidth(0.5)
      drawHeader()
      if (group !== null) drawGroup(`${group} (continued)`)
    }

    const rowHeight = (cells: NormalCell[]) => {
      let column = 0
      return Math.max(
        minRow,
        ...cells.map((cell, index) => {
          const w = spanWidth(column, cell.span)
          column += cell.span
          return cell.lines.length ? linesHeight(cell.lines, w, cell.bold || (table.rowHeaders === true && index === 0)) : 0
        }),
      )
    }

    for (const [rowIndex, row] of table.rows.entries()) {
      if ('group' in row) {
        group = row.group
        const height = Math.max(minRow, linesHeight([{ text: row.group }], this.width, true))
        // A group heading is never left alone at the foot of a page: it goes with its first row (or half a page of it).
        const next = table.rows[rowIndex + 1]
        const nextHeight = next && 'cells' in next ? Math.min(rowHeight(bodyCells(table, next.cells)), (this.pageContentHeight - headerHeight) / 2) : minRow
        if (this.doc.y + height + nextHeight > this.bottom) {
          group = null
          continueOnNewPage()
          group = row.group
        }
        drawGroup(row.group)
        continue
      }
      const cells = bodyCells(table, row.cells)
      const bolds = cells.map((cell, index) => cell.bold || (table.rowHeaders === true && index === 0))
      const cellWidths: number[] = []
      let column = 0
      for (const cell of cells) {
        cellWidths.push(spanWidth(column, cell.span))
        column += cell.span
      }
      let remaining = cells.map(cell => cell.lines)
      let first = true
      for (;;) {
        const height = Math.max(minRow, ...remaining.map((lines, i) => (lines.length ? linesHeight(lines, cellWidths[i]!, bolds[i]!) : 0)))
        const space = this.bottom - this.doc.y
        const fullPage = this.pageContentHeight - headerHeight - (group !== null ? minRow + 10 : 0)
        if (height <= space) {
          drawRow(cells, remaining, height, first)
          break
        }
        // A row of up to half a page moves whole to the next page; a taller one is split where the page ends.
        if (height <= fullPage / 2 || space < minRow * 4) {
          continueOnNewPage()
          if (height <= fullPage) {
            drawRow(cells, remaining, height, first)
            break
          }
        }
        const available = this.bottom - this.doc.y
        const split = remaining.map((lines, i) => splitLines(lines, cellWidths[i]!, bolds[i]!, available))
        drawRow(
          cells,
          split.map(([head]) => head),
          available,
          first,
        )
        first = false
        remaining = split.map(([, tail]) => tail)
        if (remaining.every(lines => lines.length === 0)) break
        continueOnNewPage()
      }
    }
    this.doc.x = this.left
    this.doc.moveDown(0.8)
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
