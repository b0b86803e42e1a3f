import { describe, expect, it } from 'vitest'

import { JOINT_PLAN_2016, snapshotOf } from '../../../../test/fixtures/joint-plan-2016.ts'

import { actionsOf, allActions, countRags, currentRag, latestUpdate, ragDefinitions, ragForQuarter, updatesInQuarter, type ActionSnapshot } from './plan-snapshot.ts'

const at = (iso: string) => new Date(iso)
const action = (updates: ActionSnapshot['updates'], status: ActionSnapshot['status'] = 'open'): ActionSnapshot => ({
  id: 1,
  title: 'An action',
  outcomes: [],
  leadOrganisations: [],
  supportingOrganisations: [],
  leadPeople: [],
  leadNote: null,
  quarters: [1, 2, 3, 4],
  dueDate: null,
  timescaleNote: null,
  dependencies: null,
  status,
  updates,
})

describe('the RAG status of an action', () => {
  const updates: ActionSnapshot['updates'] = [
    { id: 1, quarter: 1, body: 'Started', rag: 'green', authorLabel: 'A', createdAt: at('2016-07-01T09:00:00Z') },
    { id: 2, quarter: 1, body: 'Slipped', rag: 'amber', authorLabel: 'A', createdAt: at('2016-07-05T09:00:00Z') },
    { id: 3, quarter: 2, body: 'Late Q2 news', rag: 'red', authorLabel: 'A', createdAt: at('2016-10-20T09:00:00Z') },
    // Given after the Q2 one, but about Q1: a late Q1 update does not make Q1 the latest quarter.
    { id: 4, quarter: 1, body: 'Q1 correction', rag: 'green', authorLabel: 'A', createdAt: at('2016-10-21T09:00:00Z') },
  ]

  it('for a quarter, is that of the latest update given for the quarter', () => {
    expect(ragForQuarter(action(updates), 1)).toBe('green')
    expect(updatesInQuarter(action(updates), 1).map(u => u.body)).toEqual(['Started', 'Slipped', 'Q1 correction'])
    expect(ragForQuarter(action(updates), 2)).toBe('red')
  })

  it('for a quarter with no update, is none', () => {
    expect(ragForQuarter(action(updates), 3)).toBeNull()
    expect(ragForQuarter(action([]), 1)).toBeNull()
  })

  it('now, is that of the update for the latest quarter, or Blue once the action is complete', () => {
    expect(latestUpdate(action(updates))?.body).toBe('Late Q2 news')
    expect(currentRag(action(updates))).toBe('red')
    expect(currentRag(action(updates, 'complete'))).toBe('blue')
    expect(currentRag(action([]))).toBeNull()
  })
})

describe('counting statuses', () => {
  it('counts each status and the actions with none', () => {
    expect(countRags(['green', 'green', 'amber', null, 'blue', 'red', null])).toEqual({ total: 7, green: 2, amber: 1, red: 1, blue: 1, none: 2 })
  })

  it('reads the seed’s plan: 40 actions in 3 priorities, in the order of the objectives', () => {
    const snapshot = snapshotOf(JOINT_PLAN_2016)
    expect(snapshot.priorities.map(p => actionsOf(p).length)).toEqual([13, 15, 12])
    expect(allActions(snapshot)).toHaveLength(40)
    expect(countRags(allActions(snapshot).map(a => ragForQuarter(a, 1)))).toEqual({ total: 40, green: 6, amber: 5, red: 0, blue: 1, none: 28 })
  })
})

describe('RAG definitions', () => {
  it('uses the partnership’s own words where it has them', () => {
    const words = ragDefinitions({ amber: ' Behind but recoverable ', red: '' })
    expect(words.amber).toBe('Behind but recoverable')
    expect(words.red).toMatch(/^Not on track/)
    expect(ragDefinitions(null).blue).toMatch(/^Complete/)
  })
})
