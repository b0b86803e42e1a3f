import * as cheerio from 'cheerio'
import JSZip from 'jszip'
import type { Test } from 'supertest'

/** Binary bodies for supertest: `.buffer(true).parse(binary)` gives a Buffer. */
type Parser = Extract<Parameters<Test['parse']>[0], (res: never, callback: never) => void>
export const binary: Parser = (res, callback) => {
  const chunks: Buffer[] = []
  res.on('data', (chunk: Buffer) => chunks.push(Buffer.from(chunk)))
  res.on('end', () => callback(null, Buffer.concat(chunks)))
}

/**
 * Read generated documents the way a reader would see them, with pure-JS readers only (CI needs nothing
 * installed): a DOCX is unzipped and its WordprocessingML read; a PDF's text is extracted with pdf.js.
 */

export interface DocxTable {
  rows: string[][]
  /** How many of the first rows are marked to repeat as header rows on each page (w:tblHeader). */
  headerRows: number
  /** Shading of each cell, by row: hex colour or ''. */
  fills: string[][]
  /** Grid column widths in twips. */
  columnWidths: number[]
}

export interface DocxContent {
  /**
   * Every paragraph of the body (outside tables), with its style id. A paragraph numbered by Word's list
   * numbering reads as Word shows it, "3.1\tText", with `listNumber` the number Word gives it.
   */
  paragraphs: { style: string; text: string; listNumber?: string }[]
  /** The numbered (not bulleted) list levels of word/numbering.xml: "%1", "%1.%2". */
  listLevels: string[]
  tables: DocxTable[]
  /** The caption paragraph just before each table. */
  captions: string[]
  /** Page orientation of each section, in order. */
  sections: ('portrait' | 'landscape')[]
  footers: string[]
  /** Field codes used in footers (PAGE, NUMPAGES). */
  footerFields: string[]
  images: { name: string; description: string; title: string }[]
  media: string[]
  /** The whole body text, for simple searches. */
  text: string
  core: string
}

const cellText = ($: cheerio.CheerioAPI, el: Parameters<cheerio.CheerioAPI>[0]) =>
  $(el)
    .find('w\\:p')
    .map((_, p) =>
      $(p)
        .find('w\\:t')
        .map((__, t) => $(t).text())
        .get()
        .join(''),
    )
    .get()
    .join('\n')

/** The body's text, paragraph by paragraph (list numbers as Word shows them), the tables' cells among them. */
function bodyText($: cheerio.CheerioAPI, paragraphs: DocxContent['paragraphs']): string {
  let index = 0
  return $('w\\:body')
    .children()
    .map((_, child) => {
      if (child.type !== 'tag') return []
      if (child.name === 'w:p') return [paragraphs[index++]!.text]
      if (child.name === 'w:tbl') return [cellText($, child)]
      return []
    })
    .get()
    .join('\n')
}

export async function readDocx(buffer: Buffer): Promise<DocxContent> {
  const zip = await JSZip.loadAsync(buffer)
  const xml = await zip.file('word/document.xml')!.async('string')
  const $ = cheerio.load(xml, { xml: true })
  const lists = await readNumbering(zip)
  const counters = new Map<string, number[]>()
  const paragraphs: DocxContent['paragraphs'] = []
  const captions: string[] = []
  $('w\\:body > w\\:p').each((_, p) => {
    const style = $(p).find('w\\:pPr > w\\:pStyle').attr('w:val') ?? ''
    const text = $(p)
      .find('w\\:t')
      .map((__, t) => $(t).text())
      .get()
      .join('')
    const numId = $(p).find('w\\:pPr > w\\:numPr > w\\:numId').attr('w:val')
    const level = Number($(p).find('w\\:pPr > w\\:numPr > w\\:ilvl').attr('w:val') ?? 0)
    const definition = numId ? lists.get(numId)?.[level] : undefined
    if (definition && definition.format !== 'bullet') {
      // Count as Word does: this level goes on by one, the levels under it start again.
      const counts = counters.get(numId!) ?? []
      counts[level] = (counts[level] ?? definition.start - 1) + 1
      counts.length = level + 1
      counters.set(numId!, counts)
      const listNumber = definition.text.replace(/%(\d)/g, (__, n: string) => String(counts[Number(n) - 1] ?? 1))
      paragraphs.push({ style, text: `${listNumber}\t${text}`, listNumber })
    } else paragraphs.push({ style, text })
  })
  const tables: DocxTable[] = []
  $('w\\:body > w\\:tbl').each((_, tbl) => {
    const rows = $(tbl).children('w\\:tr')
    let headerRows = 0
    rows.each((index, tr) => {
      const marker = $(tr).find('w\\:trPr > w\\:tblHeader')
      const on = marker.length > 0 && !['false', '0', 'off'].includes(marker.attr('w:val') ?? 'true')
      if (on && index === headerRows) headerRows++
    })
    tables.push({
      rows: rows.map((__, tr) => [$(tr).children('w\\:tc').map((___, tc) => cellText($, tc)).get()]).get() as string[][],
      headerRows,
      fills: rows.map((__, tr) => [$(tr).children('w\\:tc').map((___, tc) => $(tc).find('w\\:tcPr > w\\:shd').attr('w:fill') ?? '').get()]).get() as string[][],
      columnWidths: $(tbl)
        .find('w\\:tblGrid > w\\:gridCol')
        .map((__, col) => Number($(col).attr('w:w')))
        .get(),
    })
    const previous = $(tbl).prev('w\\:p')
    captions.push(
      previous
        .find('w\\:t')
        .map((__, t) => $(t).text())
        .get()
        .join(''),
    )
  })
  const sections = $('w\\:sectPr')
    .map((_, s) => ($(s).find('w\\:pgSz').attr('w:orient') === 'landscape' ? 'landscape' : 'portrait'))
    .get() as DocxContent['sections']
  const footerFiles = Object.keys(zip.files).filter(name => /^word\/footer\d*\.xml$/.test(name))
  const footers: string[] = []
  const footerFields: string[] = []
  for (const name of footerFiles) {
    const f = cheerio.load(await zip.file(name)!.async('string'), { xml: true })
    footers.push(
      f('w\\:t')
        .map((_, t) => f(t).text())
        .get()
        .join(''),
    )
    f('w\\:instrText').each((_, t) => {
      footerFields.push(f(t).text().trim())
    })
    f('w\\:fldSimple').each((_, t) => {
      footerFields.push((f(t).attr('w:instr') ?? '').trim())
    })
  }
  const images = $('wp\\:docPr')
    .map((_, d) => ({ name: $(d).attr('name') ?? '', description: $(d).attr('descr') ?? '', title: $(d).attr('title') ?? '' }))
    .get()
  return {
    paragraphs,
    listLevels: [...lists.values()].flat().filter(level => level.format !== 'bullet').map(level => level.text),
    tables,
    captions,
    sections,
    footers,
    footerFields,
    images,
    media: Object.keys(zip.files).filter(name => name.startsWith('word/media/')),
    text: bodyText($, paragraphs),
    core: (await zip.file('docProps/core.xml')?.async('string')) ?? '',
  }
}

/** word/numbering.xml: for each list (numId), its levels' format ("decimal", "bullet"), text ("%1.%2") and start. */
async function readNumbering(zip: JSZip): Promise<Map<string, { format: string; text: string; start: number }[]>> {
  const lists = new Map<string, { format: string; text: string; start: number }[]>()
  const xml = await zip.file('word/numbering.xml')?.async('string')
  if (!xml) return lists
  const $ = cheerio.load(xml, { xml: true })
  const abstract = new Map<string, { format: string; text: string; start: number }[]>()
  $('w\\:abstractNum').each((_, a) => {
    const levels: { format: string; text: string; start: number }[] = []
    $(a)
      .children('w\\:lvl')
      .each((__, lvl) => {
        levels[Number($(lvl).attr('w:ilvl'))] = {
          format: $(lvl).children('w\\:numFmt').attr('w:val') ?? 'decimal',
          text: $(lvl).children('w\\:lvlText').attr('w:val') ?? '',
          start: Number($(lvl).children('w\\:start').attr('w:val') ?? 1),
        }
      })
    abstract.set($(a).attr('w:abstractNumId') ?? '', levels)
  })
  $('w\\:num').each((_, n) => {
    const levels = abstract.get($(n).children('w\\:abstractNumId').attr('w:val') ?? '')
    if (levels) lists.set($(n).attr('w:numId') ?? '', levels)
  })
  return lists
}

export interface PdfContent {
  /** Each page's text, as lines (text items on one baseline joined with spaces). */
  pages: string[][]
  /** Each page's size in points: [width, height]. */
  sizes: [number, number][]
  /** All the text, lines joined by newlines. */
  text: string
  /** All the text on one line (lines joined by spaces), for sentences that wrap. */
  flat: string
  /** The fonts the pages use (e.g. 'LiberationSans' for an embedded system font, 'Helvetica'). */
  fonts: string[]
  title: string
}

export async function readPdf(buffer: Buffer): Promise<PdfContent> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs')
  const task = pdfjs.getDocument({ data: new Uint8Array(buffer), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 })
  const pdf = await task.promise
  const pages: string[][] = []
  const sizes: [number, number][] = []
  const fonts = new Set<string>()
  for (let n = 1; n <= pdf.numPages; n++) {
    const pageProxy = await pdf.getPage(n)
    const viewport = pageProxy.getViewport({ scale: 1 })
    sizes.push([Math.round(viewport.width), Math.round(viewport.height)])
    const content = await pageProxy.getTextContent()
    const lines = new Map<number, { x: number; text: string }[]>()
    for (const item of content.items) {
      if (!('str' in item) || item.str === '') continue
      const y = Math.round(item.transform[5] as number)
      const x = item.transform[4] as number
      const key = [...lines.keys()].find(k => Math.abs(k - y) <= 2) ?? y
      lines.set(key, [...(lines.get(key) ?? []), { x, text: item.str }])
    }
    for (const style of Object.values(content.styles)) fonts.add(style.fontFamily)
    const ops = await pageProxy.getOperatorList()
    for (const [index, fn] of ops.fnArray.entries()) {
      if (fn === pdfjs.OPS.setFont) {
        const fontId = (ops.argsArray[index] as [string])[0]
        const font = pageProxy.commonObjs.has(fontId) ? (pageProxy.commonObjs.get(fontId) as { name?: string }) : undefined
        if (font?.name) fonts.add(font.name.replace(/^[A-Z]{6}\+/, ''))
      }
    }
    pages.push(
      [...lines.entries()]
        .sort((a, b) => b[0] - a[0])
        .map(([, items]) =>
          items
            .sort((a, b) => a.x - b.x)
            .map(item => item.text)
            .join(' ')
            .replace(/\s+/g, ' ')
            .trim(),
        ),
    )
  }
  const metadata = await pdf.getMetadata()
  const title = String((metadata.info as { Title?: string }).Title ?? '')
  await pdf.destroy()
  return { pages, sizes, text: pages.map(lines => lines.join('\n')).join('\n'), flat: pages.map(lines => lines.join(' ')).join(' '), fonts: [...fonts], title }
}
