import { describe, expect, it } from 'vitest'

import { countRags, currentRag, DEFAULT_RAG_DEFINITIONS, latestPerQuarter, latestUpdate, parseRag, ragDefinitions } from './rag.ts'

const at = (iso: string) => new Date(iso)

describe('the current RAG of an action', () => {
  it('is that of its latest update', () => {
    const updates = [
      { id: 1, quarter: 1, rag: 'green' as const, createdAt: at('2016-07-10T10:00:00Z') },
      { id: 2, quarter: 2, rag: 'red' as const, createdAt: at('2016-10-05T10:00:00Z') },
    ]
    expect(currentRag(updates)).toBe('red')
  })

  it('is not overtaken by an update back-filled later for an earlier quarter', () => {
    const updates = [
      { id: 1, quarter: 2, rag: 'amber' as const, createdAt: at('2016-10-05T10:00:00Z') },
      { id: 2, quarter: 1, rag: 'green' as const, createdAt: at('2016-10-06T10:00:00Z') },
    ]
    expect(currentRag(updates)).toBe('amber')
  })

  it('takes the most recently posted of two updates for the same quarter', () => {
    const updates = [
      { id: 1, quarter: 1, rag: 'red' as const, createdAt: at('2016-07-01T10:00:00Z') },
      { id: 2, quarter: 1, rag: 'green' as const, createdAt: at('2016-07-20T10:00:00Z') },
    ]
    expect(latestUpdate(updates)?.id).toBe(2)
    expect(latestPerQuarter(updates).get(1)?.id).toBe(2)
  })

  it('is null with no updates, or when the latest update gave none', () => {
    expect(currentRag([])).toBeNull()
    expect(currentRag([{ id: 1, quarter: 1, rag: null, createdAt: at('2016-07-29T12:00:00Z') }])).toBeNull()
  })
})

describe('RAG counts and words', () => {
  it('counts actions by their current RAG', () => {
    expect(countRags(['red', 'amber', 'amber', null, 'green'])).toEqual({ red: 1, amber: 2, green: 1, none: 1 })
  })

  it('reads RAG statuses as people type them', () => {
    expect(['Red', ' amber ', 'G', 'a', 'GREEN'].map(parseRag)).toEqual(['red', 'amber', 'green', 'amber', 'green'])
    expect(parseRag('Blue')).toBeUndefined()
  })

  it('uses the partnership’s own wording where it has one', () => {
    expect(ragDefinitions(null)).toEqual(DEFAULT_RAG_DEFINITIONS)
    expect(ragDefinitions({ red: 'Needs the chair’s attention', amber: '  ' })).toEqual({ ...DEFAULT_RAG_DEFINITIONS, red: 'Needs the chair’s attention' })
  })
})
