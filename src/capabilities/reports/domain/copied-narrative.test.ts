import { describe, expect, it } from 'vitest'

import type { ReportDocument } from '../../../core/documents/model.ts'

import { copiedSectionKeys, stillCopied, withCopiedNote } from './copied-narrative.ts'
import { narrativeSectionsFor } from './report-kinds.ts'
import { layoutFromChoices, standardLayout } from './section-layout.ts'

describe('sections copied from an earlier report', () => {
  it('are those holding words, in the kind’s order', () => {
    expect(copiedSectionKeys('quarterly_plan_update', { summary: 'Q2 went well', introduction: 'Who we are' })).toEqual(['introduction', 'summary'])
    expect(copiedSectionKeys('quarterly_plan_update', { introduction: '  ', summary: 'Q2 went well' })).toEqual(['summary'])
  })

  it('stay flagged until their words change, they are emptied, or they are confirmed', () => {
    const before = { purpose: 'During 2025/26', legal: 'Section 6', risk: 'Little', equality: 'No EIA' }
    const after = { purpose: 'During 2026/27', legal: 'Section 6', risk: '', equality: 'No EIA' }
    expect(stillCopied(['purpose', 'legal', 'risk', 'equality'], before, after)).toEqual(['legal', 'equality'])
    expect(stillCopied(['purpose', 'legal', 'risk', 'equality'], before, after, ['equality'])).toEqual(['legal'])
  })

  it('are listed in a note before the document’s first section, by their headings', () => {
    const document: ReportDocument = { title: 'Annual report', sections: [{ number: '1', heading: 'Purpose of report', blocks: [] }], generatedAt: new Date('2026-11-25T10:00:00Z') }
    const noted = withCopiedNote(document, 'annual_scrutiny_report', { title: 'Annual report 2025/26', year: 2025, sections: ['legal', 'purpose'] })
    expect(noted.sections).toHaveLength(2)
    expect(noted.sections[0]!.blocks).toEqual([
      {
        kind: 'note',
        title: 'Draft: words copied from an earlier report, not yet checked',
        paragraphs: [
          'These sections still hold the words of “Annual report 2025/26” (2025/26) as they were copied, unedited: Purpose of report; Legal implications.',
          'Check each for this report’s year before it is circulated. This note is left out once the report is marked final.',
        ],
      },
    ])
    expect(withCopiedNote(document, 'annual_scrutiny_report', { title: 'x', year: 2025, sections: [] })).toBe(document)
  })

  it('are listed in the council’s order and words when its paper lays the sections out', () => {
    const document: ReportDocument = { title: 'Annual report', sections: [], generatedAt: new Date('2026-11-25T10:00:00Z') }
    const layout = layoutFromChoices(standardLayout(), [{ key: 'recommendation', title: 'Recommendations', included: true, position: 1 }])
    const noted = withCopiedNote(document, 'annual_scrutiny_report', { title: 'Annual report 2025/26', year: 2025, sections: ['legal', 'recommendation'] }, narrativeSectionsFor('annual_scrutiny_report', layout))
    expect(noted.sections[0]!.blocks[0]).toMatchObject({ paragraphs: [expect.stringMatching(/unedited: Recommendations; Legal implications\.$/), expect.any(String)] })
  })
})
