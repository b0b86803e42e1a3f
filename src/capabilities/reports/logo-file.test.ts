import { Resvg } from '@resvg/resvg-js'
import { describe, expect, it } from 'vitest'

import { checkLogo, LogoFileError, MAX_LOGO_BYTES, sanitiseSvg } from './logo-file.ts'

const LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="80" viewBox="0 0 200 80"><rect width="200" height="80" fill="#005ea5"/><text x="10" y="50" fill="#fff">Council</text></svg>`

/** A real PNG, drawn by resvg. */
const aPng = () => new Resvg(LOGO_SVG).render().asPng()

const upload = (buffer: Buffer, originalname: string) => ({ buffer, originalname })
const refused = async (buffer: Buffer, originalname: string) => {
  try {
    await checkLogo(upload(buffer, originalname))
  } catch (error) {
    if (error instanceof LogoFileError) return error.message
    throw error
  }
  return 'accepted'
}

describe('a council logo as uploaded', () => {
  it('takes a PNG by its signature, reading its size from the header', async () => {
    const logo = await checkLogo(upload(aPng(), 'logo.png'))
    expect(logo).toMatchObject({ mediaType: 'image/png', svg: null, width: 200, height: 80 })
  })

  it('refuses what is not a whole PNG or SVG, one too large, and one of too many pixels', async () => {
    expect(await refused(Buffer.from('GIF89a…'), 'logo.gif')).toBe('The selected file must be a PNG or an SVG')
    expect(await refused(Buffer.from('not really a png'), 'logo.png')).toBe('The selected file is not a PNG picture: save the logo as a PNG or an SVG and upload it again')
    expect(await refused(aPng().subarray(0, 60), 'logo.png')).toBe('The selected PNG is damaged or incomplete: save the logo again and upload it')
    const huge = aPng()
    huge.writeUInt32BE(5000, 16)
    expect(await refused(huge, 'logo.png')).toBe('The logo must be at most 4000 by 4000 pixels; this one is 5000 by 80')
    expect(await refused(Buffer.alloc(MAX_LOGO_BYTES + 1, 0x20), 'logo.svg')).toBe('The logo must be smaller than 200 KB')
    expect(await refused(Buffer.alloc(0), 'logo.png')).toBe('Select a PNG or SVG file of the council’s logo')
    expect(await refused(Buffer.from('<html><script>alert(1)</script></html>'), 'logo.svg')).toBe('The selected file is not an SVG picture: save the logo as a PNG or an SVG and upload it again')
  })

  it('cleans an SVG of scripts, event handlers, foreignObject and every reference outside the file, then draws it to PNG', async () => {
    const evil = `<?xml version="1.0"?><!DOCTYPE svg><svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="200" height="80" onload="alert(1)">
      <style>@import url(https://tracker.example/a.css);</style>
      <script>alert(2)</script>
      <defs><linearGradient id="g"><stop offset="0" stop-color="#005ea5"/></linearGradient></defs>
      <rect width="200" height="80" fill="url(#g)" onclick="steal()"/>
      <image href="https://tracker.example/pixel.png" width="1" height="1"/>
      <use xlink:href="https://tracker.example/s.svg#a"/>
      <foreignObject width="10" height="10"><div xmlns="http://www.w3.org/1999/xhtml">html</div></foreignObject>
      <a href="javascript:alert(3)"><text x="10" y="50" style="fill:url(https://tracker.example/f)">Council</text></a>
    </svg>`
    const logo = await checkLogo(upload(Buffer.from(evil), 'logo.svg'))
    expect(logo.mediaType).toBe('image/svg+xml')
    for (const gone of ['script', 'onload', 'onclick', 'foreignObject', 'tracker.example', 'javascript:', '@import', '<image', '<a ']) expect(logo.svg).not.toContain(gone)
    expect(logo.svg).toContain('fill="url(#g)"')
    expect(logo.svg).toContain('Council')
    expect(logo.png.subarray(1, 4).toString()).toBe('PNG')
    expect(logo.width / logo.height).toBeCloseTo(200 / 80, 1)
  })

  it('refuses an SVG with nothing left to draw once cleaned', async () => {
    expect(await sanitiseSvg('<script>alert(1)</script>')).toBeNull()
    expect(await refused(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"'), 'logo.svg')).toMatch(/^The selected SVG/)
  })
})
