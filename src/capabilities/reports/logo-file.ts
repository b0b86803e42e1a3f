import { Resvg } from '@resvg/resvg-js'

import { systemFont } from '../../core/documents/fonts.ts'

/**
 * A council logo as uploaded, checked before it is kept: a PNG by its signature, header and end, with its size
 * read from the header; an SVG parsed and sanitised with DOMPurify (its SVG profile) in jsdom, which removes
 * scripts and event handlers, and here also foreignObject, every link that leaves the file (href, xlink:href,
 * url() and @import pointing anywhere but a fragment of the file itself) and <image> elements. The documents draw
 * a PNG: an SVG is drawn to one with resvg, which never fetches anything.
 */

export const MAX_LOGO_BYTES = 200 * 1024
export const MAX_LOGO_PIXELS = 4000
/** The width an SVG logo is drawn at for the documents: about 200 dots to the inch at its 6 cm in print. */
const SVG_RENDER_WIDTH = 480

export class LogoFileError extends Error {}

export interface CheckedLogo {
  mediaType: 'image/png' | 'image/svg+xml'
  /** The sanitised SVG, for an SVG upload. */
  svg: string | null
  png: Buffer
  width: number
  height: number
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
const PNG_END = Buffer.from([0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82])

function checkPng(bytes: Buffer): CheckedLogo {
  // The signature, then the IHDR chunk (length 13) holding the width and height, and the IEND chunk last.
  if (bytes.length < 8 + 25 + 12 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE) || bytes.readUInt32BE(8) !== 13 || bytes.toString('latin1', 12, 16) !== 'IHDR') {
    throw new LogoFileError('The selected file is not a PNG picture: save the logo as a PNG or an SVG and upload it again')
  }
  if (!bytes.subarray(bytes.length - 8).equals(PNG_END)) throw new LogoFileError('The selected PNG is damaged or incomplete: save the logo again and upload it')
  const width = bytes.readUInt32BE(16)
  const height = bytes.readUInt32BE(20)
  if (width < 1 || height < 1 || width > MAX_LOGO_PIXELS || height > MAX_LOGO_PIXELS) {
    throw new LogoFileError(`The logo must be at most ${MAX_LOGO_PIXELS} by ${MAX_LOGO_PIXELS} pixels; this one is ${width} by ${height}`)
  }
  return { mediaType: 'image/png', svg: null, png: bytes, width, height }
}

const EXTERNAL_URL = /url\(\s*(['"]?)\s*(?!#)[^)]*\)|@import/i

/** The SVG with everything that could run or reach outside the file removed; null when nothing of an SVG is left. */
export async function sanitiseSvg(text: string): Promise<string | null> {
  // Loaded on the first SVG upload, not when the app starts: jsdom is large.
  const [{ JSDOM }, { default: createDOMPurify }] = await Promise.all([import('jsdom'), import('dompurify')])
  const { window } = new JSDOM('')
  try {
    const purify = createDOMPurify(window as unknown as Parameters<typeof createDOMPurify>[0])
    purify.addHook('uponSanitizeElement', (node, data) => {
      const element = node as Element
      if (data.tagName === 'style' && EXTERNAL_URL.test(element.textContent ?? '')) element.parentNode?.removeChild(element)
    })
    purify.addHook('uponSanitizeAttribute', (_node, data) => {
      const name = data.attrName.toLowerCase()
      const value = data.attrValue.trim()
      if ((name === 'href' || name === 'xlink:href' || name === 'src') && !value.startsWith('#')) data.keepAttr = false
      if (EXTERNAL_URL.test(value)) data.keepAttr = false
    })
    const clean = purify.sanitize(text, {
      USE_PROFILES: { svg: true, svgFilters: true },
      FORBID_TAGS: ['foreignObject', 'image', 'script', 'a', 'iframe', 'animate', 'set', 'animateMotion'],
      ADD_TAGS: ['use'],
      WHOLE_DOCUMENT: false,
    })
    return /^\s*<svg[\s>]/i.test(clean) ? clean : null
  } finally {
    window.close()
  }
}

async function checkSvg(bytes: Buffer): Promise<CheckedLogo> {
  const text = bytes.toString('utf8')
  if (!/<svg[\s>]/i.test(text)) throw new LogoFileError('The selected file is not an SVG picture: save the logo as a PNG or an SVG and upload it again')
  const svg = await sanitiseSvg(text.replace(/^\uFEFF/, '').replace(/<\?xml[^>]*\?>/, '').replace(/<!DOCTYPE[^>]*>/i, ''))
  if (!svg) throw new LogoFileError('The selected SVG has no picture CSP Hub can use: save the logo as a PNG or a plain SVG and upload it again')
  let rendered: { png: Buffer; width: number; height: number }
  try {
    // Text in the logo gets the system's sans-serif (as the charts do) where the SVG names no font it has.
    const font = systemFont()
    const resvg = new Resvg(svg, {
      fitTo: { mode: 'width', value: SVG_RENDER_WIDTH },
      font: font ? { fontFiles: [font.regular, font.bold], loadSystemFonts: true, defaultFontFamily: font.family, sansSerifFamily: font.family } : { loadSystemFonts: true },
    })
    const image = resvg.render()
    rendered = { png: image.asPng(), width: image.width, height: image.height }
  } catch {
    throw new LogoFileError('The selected SVG cannot be drawn: check it opens in a browser, or upload the logo as a PNG')
  }
  if (rendered.width < 1 || rendered.height < 1 || rendered.height > MAX_LOGO_PIXELS) throw new LogoFileError('The selected SVG has no size: give it a width and height, or a viewBox')
  return { mediaType: 'image/svg+xml', svg, ...rendered }
}

/** Check an uploaded logo: PNG or SVG (by its content, not its name), within the size limit. */
export async function checkLogo(file: { buffer: Buffer; originalname: string } | undefined): Promise<CheckedLogo> {
  if (!file || file.buffer.length === 0) throw new LogoFileError('Select a PNG or SVG file of the council’s logo')
  if (file.buffer.length > MAX_LOGO_BYTES) throw new LogoFileError(`The logo must be smaller than ${MAX_LOGO_BYTES / 1024} KB`)
  if (file.buffer.subarray(0, 8).equals(PNG_SIGNATURE)) return checkPng(file.buffer)
  if (/\.png$/i.test(file.originalname)) return checkPng(file.buffer)
  if (/\.svg$/i.test(file.originalname) || /<svg[\s>]/i.test(file.buffer.subarray(0, 2048).toString('utf8'))) return checkSvg(file.buffer)
  throw new LogoFileError('The selected file must be a PNG or an SVG')
}
