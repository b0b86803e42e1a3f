import type { Block, TextRun } from '../../../core/documents/model.ts'

/**
 * The coordinator's words for a section, typed in a plain text box: each line is a paragraph, a line that
 * starts with "-", "*" or "•" is a bullet point, and words between double asterisks are bold
 * (**RESOLVES**). In a committee report each paragraph is numbered within its section (3.1, 3.2…).
 */

const BULLET = /^\s*[-*•]\s+/

export function runsOf(text: string): TextRun[] {
  const runs: TextRun[] = []
  const parts = text.split(/(\*\*[^*]+\*\*)/g)
  for (const part of parts) {
    if (!part) continue
    const bold = /^\*\*([^*]+)\*\*$/.exec(part)
    runs.push(bold ? { text: bold[1]!, bold: true } : { text: part })
  }
  return runs.length ? runs : [{ text: '' }]
}

export interface Numbering {
  /** The section's number: "3". */
  section: string
  /** The number of the paragraph before this text (0 at the start of the section). */
  last: number
}

/**
 * Blocks for a piece of narrative. With numbering, paragraphs get the next numbers of the section and the
 * numbering object is moved on, so generated paragraphs after it carry on the sequence.
 */
export function narrativeBlocks(text: string | null | undefined, numbering?: Numbering): Block[] {
  const blocks: Block[] = []
  for (const raw of (text ?? '').split(/\r?\n/)) {
    const line = raw.trim()
    if (!line) continue
    if (BULLET.test(line)) {
      const item = line.replace(BULLET, '').trim()
      const last = blocks.at(-1)
      if (last?.kind === 'bullets') last.items.push(item)
      else blocks.push({ kind: 'bullets', items: [item] })
      continue
    }
    blocks.push({ kind: 'paragraph', text: runsOf(line), ...(numbering ? { number: nextNumber(numbering) } : {}) })
  }
  return blocks
}

/** The next paragraph number of a section: "3.4". */
export function nextNumber(numbering: Numbering): string {
  numbering.last += 1
  return `${numbering.section}.${numbering.last}`
}

