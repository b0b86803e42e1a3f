import type { CellLine, TableBlock } from './model.ts'
import { bodyCells, columnFractions, fitColumns, headerRows, longestWords, type NormalCell } from './normalise.ts'
import { CELL_PADDING, COLOURS, LINE_GAP, SIZES, type PdfPage } from './pdf-page.ts'

/**
 * A table on PDF pages: column widths from the model's proportions, widened so no word is broken; header rows
 * repeated on every page; group rows never left alone at the foot of a page; a row of up to half a page moved
 * whole to the next page, a taller one split between pages where the page ends.
 */
export function drawTable(page: PdfPage, table: TableBlock) {
  const size = table.size === 'small' ? SIZES.tableSmall : SIZES.table
  const minimum = longestWords(table).map(words =>
    Math.max(0, ...words.map(word => page.font(word.bold, size).widthOfString(page.fit(word.text)) + 2 * CELL_PADDING + 1)) / page.width,
  )
  const widths = fitColumns(columnFractions(table), minimum).map(f => f * page.width)
  const x0 = page.left
  const xAt = (column: number) => x0 + widths.slice(0, column).reduce((sum, w) => sum + w, 0)
  const spanWidth = (start: number, span: number) => widths.slice(start, start + span).reduce((sum, w) => sum + w, 0)
  const inner = (width: number, line?: CellLine) => width - 2 * CELL_PADDING - (line?.bullet ? 10 : 0)
  const lineSize = (line: CellLine) => (line.small ? size - 1 : size)
  const lineHeight = (line: CellLine, width: number, bold: boolean) => page.textHeight(line.text, inner(width, line), line.bold ?? bold, lineSize(line))
  const linesHeight = (lines: CellLine[], width: number, bold: boolean) =>
    lines.reduce((sum, line, index) => sum + lineHeight(line, width, bold) + (index ? 2 : 0), 0) + 2 * CELL_PADDING
  const minRow = size + LINE_GAP + 2 * CELL_PADDING

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
      const y = page.doc.y
      const height = headerHeights[rowIndex]!
      let column = 0
      for (const cell of cells) {
        const span = Math.max(1, cell.span ?? 1)
        const x = xAt(column)
        const w = spanWidth(column, span)
        page.doc.rect(x, y, w, height).fillAndStroke(COLOURS.header, COLOURS.border)
        drawCellLines([{ text: cell.text }], x, y, w, true, COLOURS.text, span === 1 && table.columns[column]?.numeric === true)
        column += span
      }
      page.doc.y = y + height
    })
  }

  const drawGroup = (text: string) => {
    const height = Math.max(minRow, linesHeight([{ text }], page.width, true))
    const y = page.doc.y
    page.doc.lineWidth(0.5)
    page.doc.rect(x0, y, page.width, height).fillAndStroke(COLOURS.group, COLOURS.border)
    drawCellLines([{ text }], x0, y, page.width, true, COLOURS.text, false)
    page.doc.y = y + height
  }

  const drawRow = (cells: NormalCell[], parts: CellLine[][], height: number, withStatus: boolean) => {
    const y = page.doc.y
    let column = 0
    cells.forEach((cell, index) => {
      const x = xAt(column)
      const w = spanWidth(column, cell.span)
      const numeric = cell.span === 1 && table.columns[column]?.numeric === true && !cell.rag
      page.doc.lineWidth(0.5)
      if (cell.rag && withStatus) page.doc.rect(x, y, w, height).fillAndStroke(`#${cell.rag.fill}`, COLOURS.border)
      else page.doc.rect(x, y, w, height).stroke(COLOURS.border)
      const colour = cell.rag && withStatus ? `#${cell.rag.text}` : COLOURS.text
      drawCellLines(parts[index]!, x, y, w, cell.bold || (table.rowHeaders === true && index === 0), colour, numeric)
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
  const captionHeight = page.textHeight(table.caption, page.width, true, SIZES.body)
  page.ensureSpace(captionHeight + 6 + headerHeight + minRow * 2)
  page.doc.fillColor(COLOURS.text)
  page.font(true, SIZES.body).text(page.fit(table.caption), x0, page.doc.y, { width: page.width, lineGap: LINE_GAP })
  page.doc.moveDown(0.3)
  page.doc.lineWidth(0.5)
  drawHeader()

  let group: string | null = null
  const continueOnNewPage = () => {
    page.newPage()
    page.doc.lineWidth(0.5)
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
      const height = Math.max(minRow, linesHeight([{ text: row.group }], page.width, true))
      // A group heading is never left alone at the foot of a page: it goes with its first row (or half a page of it).
      const next = table.rows[rowIndex + 1]
      const nextHeight = next && 'cells' in next ? Math.min(rowHeight(bodyCells(table, next.cells)), (page.pageContentHeight - headerHeight) / 2) : minRow
      if (page.doc.y + height + nextHeight > page.bottom) {
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
      const space = page.bottom - page.doc.y
      const fullPage = page.pageContentHeight - headerHeight - (group !== null ? minRow + 10 : 0)
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
      const available = page.bottom - page.doc.y
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
  page.doc.x = page.left
  page.doc.moveDown(0.8)
}
