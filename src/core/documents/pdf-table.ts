import type { CellLine, TableBlock } from './model.ts'
import { bodyCells, columnFractions, fitColumns, headerRows, longestWords, type NormalCell } from './normalise.ts'
import { CELL_PADDING, COLOURS, LINE_GAP, SIZES, type PdfPage, type StructElement } from './pdf-page.ts'

/**
 * A table on PDF pages: column widths from the model's proportions, widened so no word is broken; header rows
 * repeated on every page; group rows never left alone at the foot of a page; a row of up to half a page moved
 * whole to the next page, a taller one split between pages where the page ends.
 *
 * In the structure tree it is a Table: its Caption, the header rows (TH cells, scope Column) in THead, the rest in
 * TBody — a group row is a TH with scope Row across the table, a row-naming first cell a TH with scope Row. The
 * header rows repeated on following pages, a group's "(continued)" row and the cell borders and fills are
 * artifacts; a row split between pages is one TR whose cells carry on.
 */
export function drawTable(page: PdfPage, table: TableBlock) {
  const { size, widths, header, headerHeights, headerHeight, minRow, captionHeight, linesHeight } = tableLayout(page, table)
  const x0 = page.left
  const xAt = (column: number) => x0 + widths.slice(0, column).reduce((sum, w) => sum + w, 0)
  const spanWidth = (start: number, span: number) => widths.slice(start, start + span).reduce((sum, w) => sum + w, 0)
  const inner = (width: number, line?: CellLine) => width - 2 * CELL_PADDING - (line?.bullet ? 10 : 0)
  const lineSize = (line: CellLine) => (line.small ? size - 1 : size)
  const lineHeight = (line: CellLine, width: number, bold: boolean) => page.textHeight(line.text, inner(width, line), line.bold ?? bold, lineSize(line))

  const drawCellLines = (lines: CellLine[], x: number, y: number, width: number, bold: boolean, colour: string, numeric: boolean) => {
    let cursor = y + CELL_PADDING
    lines.forEach((line, index) => {
      if (index) cursor += 2
      const height = lineHeight(line, width, bold)
      const indent = line.bullet ? 10 : 0
      page.doc.fillColor(line.small && colour === COLOURS.text ? COLOURS.secondary : colour)
      if (line.bullet) page.font(false, lineSize(line)).text(page.fit('•'), x + CELL_PADDING, cursor, { lineBreak: false })
      page.font(line.bold ?? bold, lineSize(line)).text(page.fit(line.text), x + CELL_PADDING + indent, cursor, {
        width: inner(width, line),
        height: height + 20,
        lineGap: LINE_GAP,
        align: numeric ? 'right' : 'left',
      })
      cursor += height
    })
  }

  const tableElement = page.element('Table', page.root)
  let body: StructElement | null = null

  /** The header rows: tagged the first time, an artifact where they are repeated on a following page. */
  const drawHeader = (first: boolean) => {
    const head = first ? page.element('THead', tableElement) : null
    const draw = () =>
      header.forEach((cells, rowIndex) => {
        const y = page.doc.y
        const height = headerHeights[rowIndex]!
        const row = head ? page.element('TR', head) : null
        let column = 0
        for (const cell of cells) {
          const span = Math.max(1, cell.span ?? 1)
          const x = xAt(column)
          const w = spanWidth(column, span)
          const numeric = span === 1 && table.columns[column]?.numeric === true
          const text = () => drawCellLines([{ text: cell.text }], x, y, w, true, COLOURS.text, numeric)
          if (row) {
            page.artifact(() => page.doc.rect(x, y, w, height).fillAndStroke(COLOURS.header, COLOURS.border))
            page.tagged('TH', row, text, {}, { scope: 'Column', colSpan: span })
          } else {
            page.doc.rect(x, y, w, height).fillAndStroke(COLOURS.header, COLOURS.border)
            text()
          }
          column += span
        }
        page.doc.y = y + height
      })
    if (first) draw()
    else page.artifact(draw, 'Pagination')
  }

  const bodyElement = () => (body ??= page.element('TBody', tableElement))

  /** A group row: a row header across the table; repeated with "(continued)" on a following page, as an artifact. */
  const drawGroup = (text: string, continued: boolean) => {
    const height = Math.max(minRow, linesHeight([{ text }], page.width, true))
    const y = page.doc.y
    page.doc.lineWidth(0.5)
    const draw = () => drawCellLines([{ text }], x0, y, page.width, true, COLOURS.text, false)
    if (continued) {
      page.artifact(() => {
        page.doc.rect(x0, y, page.width, height).fillAndStroke(COLOURS.group, COLOURS.border)
        draw()
      }, 'Pagination')
    } else {
      page.artifact(() => page.doc.rect(x0, y, page.width, height).fillAndStroke(COLOURS.group, COLOURS.border))
      page.tagged('TH', page.element('TR', bodyElement()), draw, {}, { scope: 'Row', colSpan: table.columns.length })
    }
    page.doc.y = y + height
  }

  /** The TR of a body row and its cells (TH for the cell that names the row, TD for the rest). */
  const rowElements = (cells: NormalCell[]) => {
    const row = page.element('TR', bodyElement())
    return cells.map((cell, index) =>
      table.rowHeaders === true && index === 0 ? page.element('TH', row, {}, { scope: 'Row', colSpan: cell.span }) : page.element('TD', row, {}, { colSpan: cell.span }),
    )
  }

  const drawRow = (cells: NormalCell[], parts: CellLine[][], height: number, withStatus: boolean, elements: StructElement[]) => {
    const y = page.doc.y
    let column = 0
    cells.forEach((cell, index) => {
      const x = xAt(column)
      const w = spanWidth(column, cell.span)
      const numeric = cell.span === 1 && table.columns[column]?.numeric === true && !cell.rag
      page.doc.lineWidth(0.5)
      page.artifact(() => {
        if (cell.rag && withStatus) page.doc.rect(x, y, w, height).fillAndStroke(`#${cell.rag.fill}`, COLOURS.border)
        else page.doc.rect(x, y, w, height).stroke(COLOURS.border)
      })
      const colour = cell.rag && withStatus ? `#${cell.rag.text}` : COLOURS.text
      page.content(elements[index]!, () => drawCellLines(parts[index]!, x, y, w, cell.bold || (table.rowHeaders === true && index === 0), colour, numeric))
      column += cell.span
    })
    page.doc.y = y + height
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
  page.ensureSpace(captionHeight + 6 + headerHeight + minRow * 2)
  page.doc.fillColor(COLOURS.text)
  page.tagged('Caption', tableElement, () => page.font(true, SIZES.body).text(page.fit(table.caption), x0, page.doc.y, { width: page.width, lineGap: LINE_GAP }))
  page.doc.moveDown(0.3)
  page.doc.lineWidth(0.5)
  drawHeader(true)

  let group: string | null = null
  const continueOnNewPage = () => {
    page.newPage()
    page.doc.lineWidth(0.5)
    drawHeader(false)
    if (group !== null) drawGroup(`${group} (continued)`, true)
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
      const height = Math.max(minRow, linesHeight([{ text: row.group }], page.width, true))
      // A group heading is never left alone at the foot of a page: it goes with its first row (or half a page of it).
      const next = table.rows[rowIndex + 1]
      const nextHeight = next && 'cells' in next ? Math.min(rowHeight(bodyCells(table, next.cells)), (page.pageContentHeight - headerHeight) / 2) : minRow
      if (page.doc.y + height + nextHeight > page.bottom) {
        group = null
        continueOnNewPage()
        group = row.group
      }
      drawGroup(row.group, false)
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
    const elements = rowElements(cells)
    let remaining = cells.map(cell => cell.lines)
    let first = true
    for (;;) {
      const height = Math.max(minRow, ...remaining.map((lines, i) => (lines.length ? linesHeight(lines, cellWidths[i]!, bolds[i]!) : 0)))
      const space = page.bottom - page.doc.y
      const fullPage = page.pageContentHeight - headerHeight - (group !== null ? minRow + 10 : 0)
      if (height <= space) {
        drawRow(cells, remaining, height, first, elements)
        break
      }
      // A row of up to half a page moves whole to the next page; a taller one is split where the page ends.
      if (height <= fullPage / 2 || space < minRow * 4) {
        continueOnNewPage()
        if (height <= fullPage) {
          drawRow(cells, remaining, height, first, elements)
          break
        }
      }
      const available = page.bottom - page.doc.y
      const split = remaining.map((lines, i) => splitLines(lines, cellWidths[i]!, bolds[i]!, available))
      drawRow(
        cells,
        split.map(([head]) => head),
        available,
        first,
        elements,
      )
      first = false
      remaining = split.map(([, tail]) => tail)
      if (remaining.every(lines => lines.length === 0)) break
      continueOnNewPage()
    }
  }
  page.doc.x = page.left
  page.doc.moveDown(0.8)
}

/** Widths, header rows and their heights, the smallest row and the caption's height of a table on this page. */
function tableLayout(page: PdfPage, table: TableBlock) {
  const size = table.size === 'small' ? SIZES.tableSmall : SIZES.table
  const minimum = longestWords(table).map(words =>
    Math.max(0, ...words.map(word => page.font(word.bold, size).widthOfString(page.fit(word.text)) + 2 * CELL_PADDING + 1)) / page.width,
  )
  const widths = fitColumns(columnFractions(table), minimum).map(f => f * page.width)
  const spanWidth = (start: number, span: number) => widths.slice(start, start + span).reduce((sum, w) => sum + w, 0)
  const inner = (width: number, line?: CellLine) => width - 2 * CELL_PADDING - (line?.bullet ? 10 : 0)
  const lineSize = (line: CellLine) => (line.small ? size - 1 : size)
  const lineHeight = (line: CellLine, width: number, bold: boolean) => page.textHeight(line.text, inner(width, line), line.bold ?? bold, lineSize(line))
  const linesHeight = (lines: CellLine[], width: number, bold: boolean) =>
    lines.reduce((sum, line, index) => sum + lineHeight(line, width, bold) + (index ? 2 : 0), 0) + 2 * CELL_PADDING
  const minRow = size + LINE_GAP + 2 * CELL_PADDING
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
  const captionHeight = page.textHeight(table.caption, page.width, true, SIZES.body)
  return { size, widths, header, headerHeights, headerHeight, minRow, captionHeight, linesHeight }
}

/** The height a table needs where it starts: its caption, header rows and two rows (it is moved to a new page otherwise). */
export function tableStartHeight(page: PdfPage, table: TableBlock): number {
  const { captionHeight, headerHeight, minRow } = tableLayout(page, table)
  return captionHeight + 6 + headerHeight + minRow * 2
}
