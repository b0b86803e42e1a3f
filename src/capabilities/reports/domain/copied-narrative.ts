import { financialYearLabel } from '../../../core/calendar/index.ts'
import type { ReportDocument } from '../../../core/documents/model.ts'

import { NARRATIVE_SECTIONS, type NarrativeSection, type ReportKind } from './report-kinds.ts'

/**
 * A new report does not silently carry last year's words into another year. Starting from the last report's
 * narrative is a choice made on the new-report form; the sections it copies (those with words) stay flagged
 * until each is edited, or confirmed as right for this report, and a draft's documents carry a note listing
 * them. A final report carries no note: marking it final is the coordinator's word that it is checked.
 */
export const START_FROM = ['previous', 'starting_words'] as const
export type StartFrom = (typeof START_FROM)[number]

/** The sections of a copied narrative that hold words, in the kind's order. */
export function copiedSectionKeys(kind: ReportKind, narrative: Record<string, string>): string[] {
  return NARRATIVE_SECTIONS[kind].filter(section => narrative[section.key]?.trim()).map(section => section.key)
}

/** The sections still as copied after a save: unchanged, still holding words, and not confirmed. */
export function stillCopied(copied: readonly string[], before: Record<string, string>, after: Record<string, string>, confirmed: readonly string[] = []): string[] {
  return copied.filter(key => !confirmed.includes(key) && (after[key] ?? '') === (before[key] ?? '') && (after[key] ?? '').trim() !== '')
}

/** The headings of the sections, in the report's order (the council's layout and titles, when given). */
export function sectionHeadings(kind: ReportKind, keys: readonly string[], sections: readonly NarrativeSection[] = NARRATIVE_SECTIONS[kind]): string[] {
  return sections.filter(section => keys.includes(section.key)).map(section => section.heading)
}

/** A draft's document with a note before its first section listing the sections still as copied. */
export function withCopiedNote(
  document: ReportDocument,
  kind: ReportKind,
  copied: { title: string; year: number; sections: readonly string[] },
  sections: readonly NarrativeSection[] = NARRATIVE_SECTIONS[kind],
): ReportDocument {
  const headings = sectionHeadings(kind, copied.sections, sections)
  if (!headings.length) return document
  return {
    ...document,
    sections: [
      {
        blocks: [
          {
            kind: 'note',
            title: 'Draft: words copied from an earlier report, not yet checked',
            paragraphs: [
              `These sections still hold the words of “${copied.title}” (${financialYearLabel(copied.year)}) as they were copied, unedited: ${headings.join('; ')}.`,
              'Check each for this report’s year before it is circulated. This note is left out once the report is marked final.',
            ],
          },
        ],
      },
      ...document.sections,
    ],
  }
}
