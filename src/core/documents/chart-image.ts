import { Resvg } from '@resvg/resvg-js'

import { systemFont } from './fonts.ts'

/**
 * A chart's SVG as a PNG for Word documents (Word and LibreOffice both show PNG; SVG in DOCX needs a
 * fallback picture anyway). resvg is a Rust rasteriser shipped as prebuilt binaries through npm, so it
 * installs on Node 20 with no separate download. The labels use the system font, or resvg's own choice
 * of a system sans-serif.
 */
export function chartPng(svg: string, widthPixels = 1440): { png: Buffer; width: number; height: number } {
  const font = systemFont()
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: widthPixels },
    background: '#ffffff',
    font: font
      ? { fontFiles: [font.regular, font.bold], loadSystemFonts: false, defaultFontFamily: font.family, sansSerifFamily: font.family }
      : { loadSystemFonts: true },
  })
  const image = resvg.render()
  return { png: image.asPng(), width: image.width, height: image.height }
}
