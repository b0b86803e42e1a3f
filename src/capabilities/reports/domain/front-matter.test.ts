import { describe, expect, it } from 'vitest'

import { frontMatterLines } from './front-matter.ts'

const empty = { agendaItem: null, reportOf: null, portfolioHolder: null, wardsAffected: null, keyDecision: null, exempt: null, exemptReason: null, contactName: null, contactPhone: null, contactEmail: null }

describe('the paper’s front matter', () => {
  it('prints the fields given, in the order councils print them, and leaves out the rest', () => {
    expect(frontMatterLines(null)).toEqual([])
    expect(frontMatterLines(empty)).toEqual([])
    expect(frontMatterLines({ ...empty, contactEmail: 'cso@example.org', agendaItem: ' 7 ', keyDecision: false, exempt: true, exemptReason: 'Paragraph 3' })).toEqual([
      { label: 'Agenda item', value: '7' },
      { label: 'Key decision', value: 'No' },
      { label: 'Exempt information', value: 'Yes: Paragraph 3' },
      { label: 'Contact officer', value: 'cso@example.org' },
    ])
  })
})
