import { existsSync } from 'node:fs'

/**
 * A sans-serif TrueType font of the system, embedded in PDFs (and used to draw chart images) so that every
 * character prints: £, –, ’, −. Looked for in the usual places on Debian/Ubuntu, Fedora, Alpine, macOS and
 * Windows. Without one, PDFs use the standard Helvetica (which needs no embedding but covers only the
 * Windows-1252 characters; the PDF renderer replaces the others).
 */
export interface SystemFont {
  family: string
  regular: string
  bold: string
}

const CANDIDATES: SystemFont[] = [
  { family: 'Liberation Sans', regular: '/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf', bold: '/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf' },
  { family: 'Liberation Sans', regular: '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf', bold: '/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf' },
  { family: 'Liberation Sans', regular: '/usr/share/fonts/liberation-sans/LiberationSans-Regular.ttf', bold: '/usr/share/fonts/liberation-sans/LiberationSans-Bold.ttf' },
  { family: 'Liberation Sans', regular: '/usr/share/fonts/liberation/LiberationSans-Regular.ttf', bold: '/usr/share/fonts/liberation/LiberationSans-Bold.ttf' },
  { family: 'DejaVu Sans', regular: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', bold: '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf' },
  { family: 'DejaVu Sans', regular: '/usr/share/fonts/dejavu/DejaVuSans.ttf', bold: '/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf' },
  { family: 'DejaVu Sans', regular: '/usr/share/fonts/ttf-dejavu/DejaVuSans.ttf', bold: '/usr/share/fonts/ttf-dejavu/DejaVuSans-Bold.ttf' },
  { family: 'Arial', regular: '/System/Library/Fonts/Supplemental/Arial.ttf', bold: '/System/Library/Fonts/Supplemental/Arial Bold.ttf' },
  { family: 'Arial', regular: '/Library/Fonts/Arial.ttf', bold: '/Library/Fonts/Arial Bold.ttf' },
  { family: 'Arial', regular: 'C:\\Windows\\Fonts\\arial.ttf', bold: 'C:\\Windows\\Fonts\\arialbd.ttf' },
]

let found: SystemFont | null | undefined

/** The first system font found (looked up once), or null. */
export function systemFont(): SystemFont | null {
  if (found === undefined) found = CANDIDATES.find(font => existsSync(font.regular) && existsSync(font.bold)) ?? null
  return found
}
