import { describe, expect, it } from 'vitest'

import { countRags, currentRag, DEFAULT_RAG_DEFINITIONS, latestPerQuarter, latestUpdate, parseRag, ragDefinitions, ragInQuarter, updatesInQuarter } from './rag.ts'

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

describe('the RAG of an action for a quarter (as a quarterly update reports it)', () => {
  const updates = [
    { id: 1, quarter: 1, rag: 'green' as const, body: 'Started', createdAt: at('2016-07-01T09:00:00Z') },
    { id: 2, quarter: 1, rag: 'amber' as const, body: 'Slipped', createdAt: at('2016-07-05T09:00:00Z') },
    { id: 3, quarter: 2, rag: 'red' as const, body: 'Late Q2 news', createdAt: at('2016-10-20T09:00:00Z') },
    // Given after the Q2 one, but about Q1.
    { id: 4, quarter: 1, rag: null, body: 'Q1 correction', createdAt: at('2016-10-21T09:00:00Z') },
  ]

  it('lists the quarter’s updates in the order they were posted', () => {
    expect(updatesInQuarter(updates, 1).map(u => u.body)).toEqual(['Started', 'Slipped', 'Q1 correction'])
    expect(updatesInQuarter(updates, 3)).toEqual([])
  })

  it('is that of the latest update given for the quarter, even one without a RAG', () => {
    expect(ragInQuarter(updates, 1)).toBeNull()
    expect(ragInQuarter(updates.slice(0, 3), 1)).toBe('amber')
    expect(ragInQuarter(updates, 2)).toBe('red')
    expect(ragInQuarter(updates, 4)).toBeNull()
    expect(currentRag(updates)).toBe('red')
  })
})
