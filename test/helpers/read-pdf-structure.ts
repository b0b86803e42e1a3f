import { expect } from 'vitest'

import { readDocx } from './read-documents.ts'

/**
 * A PDF's structure tree read back with pdf.js, as a screen reader finds it: the document's language and title,
 * and for each page the tagged elements (H1, P, L, Table, TH, Figure …) in reading order with the text each
 * holds; the text drawn as artifacts (footers, repeated table headers) and any text that is neither.
 */

export interface StructNode {
  role: string
  alt?: string
  lang?: string
  /** The text of the element and everything in it, on this page. */
  text: string
  children: StructNode[]
}

export interface PdfStructure {
  language: string | null
  title: string
  /** The viewer shows the title, not the file name (ViewerPreferences DisplayDocTitle). */
  displaysTitle: boolean
  /** The catalogue says the PDF is tagged (MarkInfo Marked). */
  marked: boolean
  /** Each page's elements under the Document element, in reading order. */
  pages: StructNode[][]
  /** Each page's artifact text (lines joined by spaces). */
  artifacts: string[]
  /** Text drawn neither as part of a structure element nor as an artifact. */
  untagged: string[]
}

interface RawNode {
  role?: string
  alt?: string
  lang?: string
  type?: string
  id?: string
  children?: RawNode[]
}

const clean = (text: string) => text.replace(/\s+/g, ' ').trim()

export async function readPdfStructure(buffer: Buffer): Promise<PdfStructure> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs')
  const pdf = await pdfjs.getDocument({ data: new Uint8Array(buffer), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise
  const pages: StructNode[][] = []
  const artifacts: string[] = []
  const untagged: string[] = []
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n)
    const content = await page.getTextContent({ includeMarkedContent: true })
    const texts = new Map<string, string[]>()
    const marked = new Set<string>()
    const artifact: string[] = []
    const stack: (string | null)[] = []
    for (const item of content.items) {
      if ('type' in item) {
        const tag = (item as { tag?: string }).tag
        if (item.type === 'beginMarkedContentProps' && item.id) marked.add(item.id)
        if (item.type === 'beginMarkedContentProps' || item.type === 'beginMarkedContent') stack.push(tag === 'Artifact' ? 'Artifact' : (item.id ?? null))
        else if (item.type === 'endMarkedContent') stack.pop()
        continue
      }
      if (!item.str.trim()) continue
      const owner = stack.at(-1)
      if (owner === 'Artifact') artifact.push(item.str)
      else if (owner) texts.set(owner, [...(texts.get(owner) ?? []), item.str])
      else untagged.push(item.str)
    }
    artifacts.push(clean(artifact.join(' ')))
    // pdf.js gives an element with all its descendants on each page it is on: keep those drawn on this page.
    const onPage = (raw: RawNode): boolean => (raw.type === 'content' ? marked.has(raw.id ?? '') : (raw.children ?? []).some(onPage))
    const build = (raw: RawNode): StructNode[] => {
      if (raw.type === 'content' || !onPage(raw)) return []
      const children = (raw.children ?? []).flatMap(build)
      // The text in document order: the element's own marked content and its children's, as they come.
      const text = clean(
        (raw.children ?? [])
          .map(c => (c.type === 'content' ? (texts.get(c.id ?? '') ?? []).join(' ') : build(c).map(b => b.text).join(' ')))
          .join(' '),
      )
      return [{ role: raw.role ?? '', ...(raw.alt ? { alt: raw.alt } : {}), ...(raw.lang ? { lang: raw.lang } : {}), text, children }]
    }
    const tree = (await page.getStructTree()) as RawNode | null
    const top = (tree?.children ?? []).flatMap(build)
    pages.push(top.length === 1 && top[0]!.role === 'Document' ? top[0]!.children : top)
  }
  const metadata = await pdf.getMetadata()
  const info = metadata.info as { Language?: string; Title?: string }
  const preferences = ((await pdf.getViewerPreferences()) ?? {}) as { DisplayDocTitle?: boolean }
  const markInfo = (await pdf.getMarkInfo()) as { Marked?: boolean } | null
  await pdf.destroy()
  return {
    language: info.Language ?? null,
    title: String(info.Title ?? ''),
    displaysTitle: preferences.DisplayDocTitle === true,
    marked: markInfo?.Marked === true,
    pages,
    artifacts,
    untagged,
  }
}

/** Every element of the tree, depth first, in reading order. */
export function allNodes(nodes: StructNode[]): StructNode[] {
  return nodes.flatMap(node => [node, ...allNodes(node.children)])
}

/** The headings in reading order, as "H2 1 Purpose of report". */
export function headingsOf(structure: PdfStructure): string[] {
  return structure.pages.flatMap(page => allNodes(page).filter(node => /^H\d$/.test(node.role))).map(node => `${node.role} ${node.text}`)
}

/** Each table where it starts (with its Caption): the caption and the text of the header cells of each header row. */
export function tablesOf(structure: PdfStructure): { caption: string; head: string[][]; bodyHeaders: number; bodyCells: number }[] {
  return structure.pages.flatMap(page =>
    allNodes(page)
      .filter(node => node.role === 'Table' && node.children.some(child => child.role === 'Caption'))
      .map(table => {
        const head = table.children.find(child => child.role === 'THead')
        const body = allNodes(table.children.filter(child => child.role === 'TBody'))
        return {
          caption: table.children.find(child => child.role === 'Caption')!.text,
          head: (head?.children ?? []).map(row => row.children.map(cell => `${cell.role} ${cell.text}`)),
          bodyHeaders: body.filter(node => node.role === 'TH').length,
          bodyCells: body.filter(node => node.role === 'TD').length,
        }
      }),
  )
}

export function figuresOf(structure: PdfStructure): StructNode[] {
  return structure.pages.flatMap(page => allNodes(page).filter(node => node.role === 'Figure'))
}

const WORD_TO_PDF: Record<string, string> = { Title: 'H1', Heading1: 'H2', Heading2: 'H3', Heading3: 'H4' }

/**
 * The PDF is tagged as the regulations expect, and its structure is the Word document's: language en-GB and
 * the title shown; the same headings in the same order and levels (Title → H1, Heading 1 → H2 …) with the same
 * section numbers (printed in the PDF, Word's list numbering in the DOCX); each table with its caption and real header cells (TH) with the
 * Word table's header row; a Figure with alt text for each picture; every piece of text tagged or an artifact.
 */
export async function expectTaggedLikeWord(pdfBuffer: Buffer, docxBuffer: Buffer, title: string): Promise<PdfStructure> {
  const structure = await readPdfStructure(pdfBuffer)
  const docx = await readDocx(docxBuffer)
  expect(structure.language).toBe('en-GB')
  expect(structure.title).toBe(title)
  expect(structure.displaysTitle).toBe(true)
  expect(structure.marked).toBe(true)
  expect(structure.untagged).toEqual([])
  const wordHeadings = docx.paragraphs.filter(p => WORD_TO_PDF[p.style]).map(p => `${WORD_TO_PDF[p.style]} ${p.text.replace(/\t/g, ' ')}`)
  expect(headingsOf(structure)).toEqual(wordHeadings)
  expect(headingsOf(structure)[0]).toBe(`H1 ${title}`)
  const tables = tablesOf(structure)
  expect(tables.map(t => t.caption)).toEqual(docx.captions)
  docx.tables.forEach((table, index) => {
    const head = tables[index]!.head
    expect(head.length, `header rows of “${docx.captions[index]}”`).toBe(table.headerRows)
    // (Compared without spaces: a word too long for a narrow column is broken between lines.)
    const squeeze = (cells: string[]) => cells.map(cell => cell.replace(/\s+/g, ''))
    expect(squeeze(head.at(-1) ?? [])).toEqual(squeeze(table.rows[table.headerRows - 1]!.map(text => `TH ${text}`)))
  })
  const figures = figuresOf(structure)
  expect(figures.map(f => f.alt)).toEqual(docx.images.map(image => expect.stringContaining(image.title)))
  for (const figure of figures) expect(figure.alt!.length).toBeGreaterThan(40)
  for (const [index, artifact] of structure.artifacts.entries()) expect(artifact).toContain(`Page ${index + 1} of ${structure.pages.length}`)
  return structure
}
