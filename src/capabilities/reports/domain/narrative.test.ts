import { describe, expect, it } from 'vitest'

import { narrativeBlocks, runsOf, type Numbering } from './narrative.ts'

describe('narrative text', () => {
  it('makes each line a paragraph and dash lines bullet points', () => {
    expect(narrativeBlocks('The outcomes have included:\n\n- Walk Online\n* Crucial Crew\n• Sanctuary scheme\nMore to follow.')).toEqual([
      { kind: 'paragraph', text: [{ text: 'The outcomes have included:' }] },
      { kind: 'bullets', items: ['Walk Online', 'Crucial Crew', 'Sanctuary scheme'] },
      { kind: 'paragraph', text: [{ text: 'More to follow.' }] },
    ])
  })

  it('makes words between double asterisks bold', () => {
    expect(runsOf('the Committee **RESOLVES** to note')).toEqual([{ text: 'the Committee ' }, { text: 'RESOLVES', bold: true }, { text: ' to note' }])
    expect(runsOf('a * b ** c')).toEqual([{ text: 'a * b ** c' }])
  })

  it('numbers paragraphs within the section and carries the count on', () => {
    const numbering: Numbering = { section: '3', last: 0 }
    const blocks = narrativeBlocks('First.\n- a bullet\nSecond.', numbering)
    expect(blocks.map(b => (b.kind === 'paragraph' ? b.number : 'bullets'))).toEqual(['3.1', 'bullets', '3.2'])
    expect(numbering.last).toBe(2)
  })

  it('gives nothing for empty text', () => {
    expect(narrativeBlocks('  \n\n ')).toEqual([])
    expect(narrativeBlocks(null)).toEqual([])
  })
})
