import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'

import { readPdf, type PdfContent } from './read-documents.ts'

/**
 * Word documents opened by another word processor: LibreOffice headless converts them to PDF and the tests
 * read what it laid out. `.ci/run` installs it (Debian's libreoffice-writer); where `soffice` is missing,
 * the tests that need it are skipped (`describe.skipIf(!soffice)`).
 */
export const soffice = ['/usr/bin/soffice', '/usr/local/bin/soffice', '/Applications/LibreOffice.app/Contents/MacOS/soffice'].find(existsSync)

/**
 * The PDF LibreOffice makes of each Word document, by name, from one start of LibreOffice (it takes seconds
 * to start). A document LibreOffice cannot open has no PDF, and that fails here with its name.
 */
export async function openInLibreOffice(documents: Record<string, Buffer>): Promise<Record<string, PdfContent>> {
  if (!soffice) throw new Error('LibreOffice (soffice) is not installed')
  const dir = await mkdtemp(path.join(tmpdir(), 'csp-hub-docx-'))
  try {
    const names = Object.keys(documents)
    const files = names.map((_, i) => path.join(dir, `document-${i + 1}.docx`))
    await Promise.all(names.map((name, i) => writeFile(files[i]!, documents[name]!)))
    await promisify(execFile)(soffice, [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, ...files], {
      timeout: 120_000,
    })
    const pdfs: Record<string, PdfContent> = {}
    for (const [i, name] of names.entries()) {
      const pdf = path.join(dir, `document-${i + 1}.pdf`)
      if (!existsSync(pdf)) throw new Error(`LibreOffice could not open the Word document “${name}”`)
      pdfs[name] = await readPdf(await readFile(pdf))
    }
    return pdfs
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
