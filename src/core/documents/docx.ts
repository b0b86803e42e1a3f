import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type ISectionOptions,
} from 'docx'

import { chartPng } from './chart-image.ts'
import { docxMasthead } from './logo.ts'
import type { Block, CellLine, DocumentSection, ReportDocument, TableBlock, TextRun as ModelRun } from './model.ts'
import { bodyCells, chartFiguresTable, columnFractions, drawChart, fitColumns, headerRows, longestWords, runsOf, type NormalCell } from './normalise.ts'

/**
 * A Word document (DOCX) from a ReportDocument, with the `docx` package: built-in heading styles (so Word's
 * navigation pane and a screen reader see the structure), real tables whose header rows repeat on every page,
 * a landscape section for each landscape part, "Page X of Y" in the footer, and charts as pictures with alt
 * text followed by their figures as a table. Arial is the font: Word has it, and LibreOffice uses the
 * metric-compatible Liberation Sans in its place.
 *
 * Section and paragraph numbers ("3", "3.1") are Word's own list numbering (one numbering definition, levels
 * "1" and "1.1"), not typed text, so a paragraph an officer inserts in Word renumbers those after it. A
 * document whose numbers do not count as Word would count them keeps them typed, so it still prints as built.
 */

// A4 in twips (twentieths of a point), 2 cm margins.
const PAGE = { width: 11906, height: 16838, margin: 1134 }
const CONTENT_WIDTH = { portrait: PAGE.width - 2 * PAGE.margin, landscape: PAGE.height - 2 * PAGE.margin }
const TWIPS_PER_PIXEL = 15 // 96 pixels to the inch
const NUMBER_INDENT = 720
const FONT = 'Arial'
const TEXT_COLOUR = '0B0C0C'
const HEADER_FILL = 'DEE0E2'
const GROUP_FILL = 'F3F2F1'
const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '6F777B' }

type Orientation = 'portrait' | 'landscape'

const NUMBERING = 'report-numbering'
const numberingLevel = (level: 0 | 1, text: string) => ({
  level,
  format: LevelFormat.DECIMAL,
  text,
  alignment: AlignmentType.START,
  style: { paragraph: { indent: { left: NUMBER_INDENT, hanging: NUMBER_INDENT } } },
})

/**
 * Whether Word's list numbering gives the document's own numbers: each numbered section is the next whole number,
 * each numbered paragraph the next "section.n" in its section (a paragraph numbered outside a numbered section,
 * or a gap, and it does not).
 */
export function countsAsWord(document: ReportDocument): boolean {
  let section = 0
  let paragraph = 0
  for (const s of document.sections) {
    if (s.number !== undefined && s.heading) {
      section++
      paragraph = 0
      if (s.number !== String(section)) return false
    }
    for (const block of s.blocks) {
      if (block.kind !== 'paragraph' || block.number === undefined) continue
      paragraph++
      if (section === 0 || block.number !== `${section}.${paragraph}`) return false
    }
  }
  return true
}

function runs(text: string | ModelRun[], options: { size?: number; bold?: boolean; colour?: string } = {}): TextRun[] {
  return runsOf(text).map(run => new TextRun({ text: run.text, bold: run.bold ?? options.bold, size: options.size, color: options.colour }))
}

/** `listNumbers`: the number is Word's list numbering (else typed before a tab). */
function paragraphBlock(block: Extract<Block, { kind: 'paragraph' }>, listNumbers: boolean): Paragraph {
  const size = block.small ? 18 : undefined
  if (!block.number) return new Paragraph({ children: runs(block.text, { size }), spacing: { after: 160 } })
  if (listNumbers) return new Paragraph({ children: runs(block.text, { size }), numbering: { reference: NUMBERING, level: 1, custom: true }, spacing: { after: 160 } })
  return new Paragraph({
    children: [new TextRun({ text: block.number, size }), new TextRun({ text: '\t', size }), ...runs(block.text, { size })],
    indent: { left: NUMBER_INDENT, hanging: NUMBER_INDENT },
    tabStops: [{ type: TabStopType.LEFT, position: NUMBER_INDENT }],
    spacing: { after: 160 },
  })
}

function cellParagraphs(cell: NormalCell, size: number, header: boolean, numeric: boolean): Paragraph[] {
  if (!cell.lines.length) return [new Paragraph({ children: [] })]
  // A RAG cell's lines are in the status's text colour on its fill; its first line is the status word.
  return cell.lines.map(line => lineParagraph(line, size, cell.bold || header, numeric, cell.rag?.text))
}

function lineParagraph(line: CellLine, size: number, bold: boolean, numeric: boolean, colour?: string): Paragraph {
  const lineSize = line.small ? size - 2 : size
  const text = [new TextRun({ text: line.text, bold: line.bold ?? bold, size: lineSize, color: colour ?? (line.small ? '505A5F' : undefined) })]
  if (line.bullet) {
    return new Paragraph({ children: [new TextRun({ text: '•\t', size: lineSize }), ...text], indent: { left: 240, hanging: 240 }, tabStops: [{ type: TabStopType.LEFT, position: 240 }], spacing: { after: 40 } })
  }
  return new Paragraph({ children: text, spacing: { after: 40 }, alignment: numeric ? AlignmentType.RIGHT : undefined })
}

function tableBlock(table: TableBlock, orientation: Orientation): (Paragraph | Table)[] {
  const width = CONTENT_WIDTH[orientation]
  const size = table.size === 'small' ? 17 : 19
  // Arial's characters average about 0.55 em (0.6 em in bold); size is in half-points, widths in twips.
  const minimum = longestWords(table).map(words => Math.max(0, ...words.map(word => word.text.length * (word.bold ? 0.6 : 0.55) * size * 10 + 200)) / width)
  const columnWidths = fitColumns(columnFractions(table), minimum).map(f => Math.floor(f * width))
  const spanWidth = (start: number, span: number) => columnWidths.slice(start, start + span).reduce((sum, w) => sum + w, 0)
  const margins = { top: 60, bottom: 60, left: 90, right: 90 }
  const borders = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER }

  const rows: TableRow[] = headerRows(table).map(
    cells =>
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: (() => {
          let column = 0
          return cells.map(cell => {
            const span = Math.max(1, cell.span ?? 1)
            const start = column
            column += span
            const numeric = span === 1 && table.columns[start]?.numeric
            return new TableCell({
              children: [new Paragraph({ children: [new TextRun({ text: cell.text, bold: true, size })], alignment: numeric ? AlignmentType.RIGHT : AlignmentType.LEFT, spacing: { after: 0 } })],
              columnSpan: span > 1 ? span : undefined,
              width: { size: spanWidth(start, span), type: WidthType.DXA },
              shading: { type: ShadingType.CLEAR, fill: HEADER_FILL, color: 'auto' },
              margins,
              borders,
              verticalAlign: VerticalAlignTable.BOTTOM,
            })
          })
        })(),
      }),
  )

  for (const row of table.rows) {
    if ('group' in row) {
      rows.push(
        new TableRow({
          cantSplit: true,
          keepNext: true,
          children: [
            new TableCell({
              children: [new Paragraph({ children: [new TextRun({ text: row.group, bold: true, size })], keepNext: true, spacing: { after: 0 } })],
              columnSpan: table.columns.length,
              width: { size: width, type: WidthType.DXA },
              shading: { type: ShadingType.CLEAR, fill: GROUP_FILL, color: 'auto' },
              margins,
              borders,
            }),
          ],
        }),
      )
      continue
    }
    let column = 0
    rows.push(
      new TableRow({
        children: bodyCells(table, row.cells).map((cell, index) => {
          const start = column
          column += cell.span
          const numeric = cell.span === 1 && table.columns[start]?.numeric === true && !cell.rag
          return new TableCell({
            children: cellParagraphs(cell, size, table.rowHeaders === true && index === 0, numeric),
            columnSpan: cell.span > 1 ? cell.span : undefined,
            width: { size: spanWidth(start, cell.span), type: WidthType.DXA },
            shading: cell.rag ? { type: ShadingType.CLEAR, fill: cell.rag.fill, color: 'auto' } : undefined,
            margins,
            borders,
          })
        }),
      }),
    )
  }

  return [
    new Paragraph({ style: 'Caption', keepNext: true, children: [new TextRun({ text: table.caption, bold: true, italics: false, size: 20, color: TEXT_COLOUR })], spacing: { before: 120, after: 80 } }),
    new Table({ rows, columnWidths, width: { size: width, type: WidthType.DXA }, layout: TableLayoutType.FIXED }),
    new Paragraph({ children: [], spacing: { after: 120 } }),
  ]
}

function chartBlock(block: Extract<Block, { kind: 'chart' }>, orientation: Orientation): (Paragraph | Table)[] {
  const chart = drawChart(block.chart)
  const image = chartPng(chart.svg)
  const maxWidthPixels = Math.floor(CONTENT_WIDTH[orientation] / TWIPS_PER_PIXEL)
  const widthPixels = Math.min(maxWidthPixels, 640)
  const heightPixels = Math.round((widthPixels * image.height) / image.width)
  return [
    new Paragraph({ keepNext: true, children: [new TextRun({ text: chart.title, bold: true })], spacing: { before: 120, after: 80 } }),
    new Paragraph({
      keepNext: true,
      children: [
        new ImageRun({
          type: 'png',
          data: image.png,
          transformation: { width: widthPixels, height: heightPixels },
          altText: { name: chart.id, title: chart.title, description: `${chart.description} The figures are in the table that follows.` },
        }),
      ],
    }),
    new Paragraph({ children: [new TextRun({ text: chart.description, size: 18, color: '505A5F' })], spacing: { after: 120 } }),
    ...tableBlock(chartFiguresTable(chart), orientation),
  ]
}

function blockContent(block: Block, orientation: Orientation, listNumbers: boolean): (Paragraph | Table)[] {
  switch (block.kind) {
    case 'heading':
      return [new Paragraph({ text: block.text, heading: block.level === 3 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3, keepNext: true })]
    case 'paragraph':
      return [paragraphBlock(block, listNumbers)]
    case 'bullets':
      return block.items.map(item => new Paragraph({ text: item, bullet: { level: 0 }, spacing: { after: 80 } }))
    case 'note':
      return block.paragraphs.map(
        (text, index) =>
          new Paragraph({
            children: [...(index === 0 && block.title ? [new TextRun({ text: `${block.title}: `, bold: true })] : []), new TextRun(text)],
            shading: { type: ShadingType.CLEAR, fill: GROUP_FILL, color: 'auto' },
            border: { left: { style: BorderStyle.SINGLE, size: 24, color: '6F777B', space: 8 } },
            indent: { left: 200, right: 120 },
            spacing: { before: index === 0 ? 120 : 0, after: index === block.paragraphs.length - 1 ? 240 : 80 },
          }),
      )
    case 'table':
      return tableBlock(block, orientation)
    case 'chart':
      return chartBlock(block, orientation)
  }
}

function sectionContent(section: DocumentSection, orientation: Orientation, breakBefore: boolean, listNumbers: boolean): (Paragraph | Table)[] {
  const content: (Paragraph | Table)[] = []
  if (section.heading) {
    const listed = listNumbers && section.number !== undefined
    content.push(
      new Paragraph({
        text: section.number && !listed ? `${section.number}\t${section.heading}` : section.heading,
        heading: HeadingLevel.HEADING_1,
        keepNext: true,
        pageBreakBefore: breakBefore,
        numbering: listed ? { reference: NUMBERING, level: 0 } : undefined,
        tabStops: section.number && !listed ? [{ type: TabStopType.LEFT, position: NUMBER_INDENT }] : undefined,
      }),
    )
  } else if (breakBefore) {
    content.push(new Paragraph({ children: [], pageBreakBefore: true }))
  }
  for (const block of section.blocks) content.push(...blockContent(block, orientation, listNumbers))
  return content
}

function titleBlock(document: ReportDocument): Paragraph[] {
  return [
    ...docxMasthead(document.masthead),
    new Paragraph({ text: document.title, heading: HeadingLevel.TITLE }),
    ...(document.subtitle ? [new Paragraph({ children: [new TextRun({ text: document.subtitle, size: 28 })], spacing: { after: 200 } })] : []),
    ...(document.metadata ?? []).map(
      (item, index, all) =>
        new Paragraph({ children: [new TextRun({ text: `${item.label}: `, bold: true }), new TextRun(item.value)], spacing: { after: index === all.length - 1 ? 320 : 40 } }),
    ),
  ]
}

function footer(text: string, orientation: Orientation): Footer {
  const width = CONTENT_WIDTH[orientation]
  return new Footer({
    children: [
      new Paragraph({
        tabStops: [{ type: TabStopType.RIGHT, position: width }],
        border: { top: { style: BorderStyle.SINGLE, size: 4, color: 'B1B4B6', space: 4 } },
        children: [
          new TextRun({ text, size: 16, color: '505A5F' }),
          new TextRun({ children: ['\tPage ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES], size: 16, color: '505A5F' }),
        ],
      }),
    ],
  })
}

export async function renderDocx(document: ReportDocument): Promise<Buffer> {
  const listNumbers = countsAsWord(document)
  // Consecutive sections of one orientation share a Word section; a change of orientation starts a new one.
  const groups: { orientation: Orientation; children: (Paragraph | Table)[] }[] = []
  document.sections.forEach((section, index) => {
    const orientation = section.orientation ?? 'portrait'
    let group = groups.at(-1)
    const startsGroup = !group || group.orientation !== orientation
    if (startsGroup) {
      group = { orientation, children: index === 0 ? titleBlock(document) : [] }
      groups.push(group)
    }
    group!.children.push(...sectionContent(section, orientation, Boolean(section.startOnNewPage) && !startsGroup, listNumbers))
  })
  if (!groups.length) groups.push({ orientation: 'portrait', children: titleBlock(document) })
  if (document.attribution?.length) {
    groups.at(-1)!.children.push(
      new Paragraph({ children: [], border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: 'B1B4B6', space: 1 } }, spacing: { before: 240, after: 120 } }),
      ...document.attribution.map(text => new Paragraph({ children: [new TextRun({ text, size: 18, color: '505A5F' })], spacing: { after: 60 } })),
    )
  }

  const footerText = document.footer ?? document.title
  const sections: ISectionOptions[] = groups.map(group => ({
    properties: {
      page: {
        size: { width: PAGE.width, height: PAGE.height, orientation: group.orientation === 'landscape' ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
        margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin, footer: 567 },
      },
    },
    footers: { default: footer(footerText, group.orientation) },
    children: group.children,
  }))

  const doc = new Document({
    title: document.title,
    subject: document.subtitle,
    creator: document.author ?? 'CSP Hub',
    lastModifiedBy: 'CSP Hub',
    description: document.metadata?.map(item => `${item.label}: ${item.value}`).join('; '),
    numbering: { config: [{ reference: NUMBERING, levels: [numberingLevel(0, '%1'), numberingLevel(1, '%1.%2')] }] },
    styles: {
      default: {
        document: { run: { font: FONT, size: 22, color: TEXT_COLOUR, language: { value: 'en-GB' } }, paragraph: { spacing: { after: 120 } } },
        title: { run: { font: FONT, size: 44, bold: true, color: TEXT_COLOUR }, paragraph: { spacing: { after: 200 } } },
        heading1: { run: { font: FONT, size: 32, bold: true, color: TEXT_COLOUR }, paragraph: { spacing: { before: 360, after: 160 } } },
        heading2: { run: { font: FONT, size: 26, bold: true, color: TEXT_COLOUR }, paragraph: { spacing: { before: 240, after: 120 } } },
        heading3: { run: { font: FONT, size: 22, bold: true, color: TEXT_COLOUR }, paragraph: { spacing: { before: 200, after: 80 } } },
      },
    },
    sections,
  })
  return Packer.toBuffer(doc)
}
