import PDFDocument from 'pdfkit'

import { systemFont } from './fonts.ts'
import type { ReportDocument, TextRun } from './model.ts'

/**
 * A PDF page being written with pdfkit: the font (a system sans-serif embedded, or the standard Helvetica with
 * text brought into its character set), the page geometry, new pages, and text measured and written. The
 * blocks (pdf.ts) and tables (pdf-table.ts) are written on it.
 */

export interface PdfOptions {
  /** 'system' (default) embeds a system TrueType font when one is found; 'standard' always uses Helvetica. */
  font?: 'system' | 'standard'
}

export type Orientation = 'portrait' | 'landscape'
export type Doc = InstanceType<typeof PDFDocument>
export type StructElement = PDFKit.PDFStructureElement

/** Attributes of a table cell in the structure tree (what a screen reader needs to read a table). */
export interface CellAttributes {
  scope?: 'Column' | 'Row' | 'Both'
  colSpan?: number
}

const MARGINS = { top: 50, bottom: 60, left: 50, right: 50 }
export const SIZES = { title: 22, subtitle: 14, section: 15, h3: 12.5, h4: 11, body: 10.5, small: 9, table: 9, tableSmall: 8 }
export const COLOURS = { text: '#0b0c0c', secondary: '#505a5f', border: '#6f777b', header: '#dee0e2', group: '#f3f2f1', rule: '#b1b4b6' }
export const CELL_PADDING = 4
export const LINE_GAP = 1.5
export const NUMBER_INDENT = 36

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

export class PdfPage {
  readonly doc: Doc
  private readonly regular: string
  private readonly bold: string
  readonly fit: (text: string) => string
  protected orientation: Orientation = 'portrait'
  /** The structure tree's top element: every heading, paragraph, list, table and figure sits under it in reading order. */
  readonly root: StructElement

  constructor(document: ReportDocument, options: PdfOptions) {
    this.doc = new PDFDocument({
      size: 'A4',
      margins: MARGINS,
      bufferPages: true,
      autoFirstPage: false,
      lang: 'en-GB',
      displayTitle: true,
      tagged: true,
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
    this.root = this.doc.struct('Document')
    this.doc.addStructure(this.root)
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
    // Content marked as part of a structure element carries on on the next page (as pdfkit does when text runs over).
    const open = this.doc.page ? this.doc.endPageMarkings(this.doc.page) : []
    this.doc.addPage({ size: 'A4', layout: orientation, margins: MARGINS })
    this.doc.initPageMarkings(open)
    this.doc.x = this.left
    this.doc.y = this.top
  }

  /** Start a new page unless `height` fits below the current position. */
  ensureSpace(height: number) {
    if (this.doc.y + height > this.bottom && this.doc.y > this.top + 1) this.newPage()
  }

  // --- The structure tree (a tagged PDF) ------------------------------------------------------

  /** A new structure element of `type` (H1, P, Table, TD …) as the last child of `parent`. */
  element(type: string, parent: StructElement = this.root, options: { alt?: string; lang?: string } = {}, cell: CellAttributes = {}): StructElement {
    const element = this.doc.struct(type, options)
    if (cell.scope || (cell.colSpan ?? 1) > 1) {
      const data = (element as unknown as { dictionary: { data: Record<string, unknown> } }).dictionary.data
      data.A = { O: 'Table', ...(cell.scope ? { Scope: cell.scope } : {}), ...((cell.colSpan ?? 1) > 1 ? { ColSpan: cell.colSpan } : {}) }
    }
    parent.add(element)
    return element
  }

  /** Draw content that belongs to `element` (marked content is never nested: draw artifacts outside). */
  content(element: StructElement, draw: () => void) {
    const type = (element as unknown as { dictionary: { data: { S: string } } }).dictionary.data.S
    const marked = this.doc.markStructureContent(type)
    draw()
    this.doc.endMarkedContent()
    element.add(marked)
  }

  /** A new element under `parent` holding what `draw` draws: a heading, a paragraph, a cell. */
  tagged(type: string, parent: StructElement, draw: () => void, options: { alt?: string; lang?: string } = {}, cell: CellAttributes = {}): StructElement {
    const element = this.element(type, parent, options, cell)
    this.content(element, draw)
    return element
  }

  /** Drawing that is not content (rules, fills, repeated table headers, page footers): assistive technology skips it. */
  artifact(draw: () => void, type: 'Layout' | 'Pagination' = 'Layout') {
    this.doc.markContent('Artifact', { type })
    draw()
    this.doc.endMarkedContent()
  }

  font(bold: boolean, size: number) {
    this.doc.font(bold ? this.bold : this.regular).fontSize(size)
    return this.doc
  }

  textHeight(text: string, width: number, bold: boolean, size: number) {
    return this.font(bold, size).heightOfString(this.fit(text), { width, lineGap: LINE_GAP })
  }

  writeRuns(runs: TextRun[], x: number, width: number, size: number, colour = COLOURS.text) {
    this.doc.fillColor(colour)
    runs.forEach((run, index) => {
      const options = { width, lineGap: LINE_GAP, continued: index < runs.length - 1 }
      this.font(run.bold ?? false, size)
      if (index === 0) this.doc.text(this.fit(run.text), x, this.doc.y, options)
      else this.doc.text(this.fit(run.text), options)
    })
  }
}
