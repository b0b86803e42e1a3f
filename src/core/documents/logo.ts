import { AlignmentType, ImageRun, Paragraph, TextRun } from 'docx'

import type { DocumentLogo, DocumentMasthead } from './model.ts'
import { COLOURS, SIZES, type PdfPage } from './pdf-page.ts'

/**
 * The council's masthead at the head of a document's first page: its logo (a PNG, with alt text) and its name,
 * drawn in Word and in the PDF. Kept apart from the renderers, which each call it once before the title.
 */

/** The logo's printed size within a box, in the box's units, keeping its shape and never enlarging it past 2×. */
export function logoSize(logo: Pick<DocumentLogo, 'width' | 'height'>, maxWidth: number, maxHeight: number): { width: number; height: number } {
  const scale = Math.min(maxWidth / logo.width, maxHeight / logo.height, 2)
  return { width: Math.max(1, Math.round(logo.width * scale)), height: Math.max(1, Math.round(logo.height * scale)) }
}

// At most 6 cm wide and 2.5 cm high: the size of a council logo on its committee papers.
const LOGO_POINTS = { width: 170, height: 71 }

/** Word: the logo as a picture with its alt text, then the council's name in bold. */
export function docxMasthead(masthead: DocumentMasthead | undefined): Paragraph[] {
  if (!masthead || (!masthead.logo && !masthead.name)) return []
  const paragraphs: Paragraph[] = []
  const { logo, name } = masthead
  if (logo) {
    // docx sizes pictures in pixels at 96 to the inch: 4/3 of a point.
    const size = logoSize(logo, (LOGO_POINTS.width * 4) / 3, (LOGO_POINTS.height * 4) / 3)
    paragraphs.push(
      new Paragraph({
        alignment: AlignmentType.LEFT,
        spacing: { after: 120 },
        children: [new ImageRun({ type: 'png', data: Buffer.from(logo.png, 'base64'), transformation: size, altText: { name: 'logo', title: logo.alt, description: logo.alt } })],
      }),
    )
  }
  if (name) paragraphs.push(new Paragraph({ children: [new TextRun({ text: name, bold: true, size: 26 })], spacing: { after: 240 } }))
  return paragraphs
}

/** PDF: the logo, then the council's name, at the top of the page. */
export function pdfMasthead(page: PdfPage, masthead: DocumentMasthead | undefined): void {
  if (!masthead || (!masthead.logo && !masthead.name)) return
  const { doc } = page
  if (masthead.logo) {
    const size = logoSize(masthead.logo, LOGO_POINTS.width, LOGO_POINTS.height)
    const y = doc.y
    doc.image(Buffer.from(masthead.logo.png, 'base64'), page.left, y, size)
    doc.x = page.left
    doc.y = y + size.height + 8
  }
  if (masthead.name) {
    doc.fillColor(COLOURS.text)
    page.font(true, SIZES.subtitle).text(page.fit(masthead.name), page.left, doc.y, { width: page.width })
  }
  doc.moveDown(0.8)
}
