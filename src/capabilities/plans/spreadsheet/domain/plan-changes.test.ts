import { describe, expect, it } from 'vitest'

import { draftAction, draftPriority, type ResolvedAction, type ResolvedPriority } from '../../domain/plan-draft.ts'

import { hasChanges, planChanges, type CurrentPlan } from './plan-changes.ts'
import { leadUpdates, planPreview } from './plan-preview.ts'

/** Drafts with record ids (as a plan read from the database, or a file read and resolved). */
const action = (title: string, fields: Partial<ResolvedAction> = {}) => draftAction(title, { quarters: [1, 2, 3, 4], ...(fields as object) }) as unknown as ResolvedAction
const priority = (title: string, fields: Partial<ResolvedPriority> = {}) => draftPriority(title, fields as never) as unknown as ResolvedPriority

const current: CurrentPlan = {
  strategicObjectives: [{ id: 3, title: 'Keep people safe', description: null }],
  priorities: [
    priority('Domestic abuse', {
      priorityId: 10,
      strategicObjective: 'Keep people safe',
      objectives: ['Raise awareness'],
      objectiveIds: { 'raise awareness': 40 },
      actions: [
        action('J9 training', { actionId: 100, objective: 'Raise awareness', leadOrganisations: [5], updates: [{ quarter: 1, body: 'Booked', rag: 'green' }] }),
        action('Sanctuary scheme', { actionId: 101 }),
      ],
    }),
    priority('Anti-social behaviour', { priorityId: 11, actions: [action('Taxi marshals', { actionId: 102 })] }),
  ],
}

/** The same plan, as an export of it reads back. */
const same = (): ResolvedPriority[] => structuredClone(current.priorities)

describe('an export imported back into its plan', () => {
  it('changes nothing when the file is as exported', () => {
    const changes = planChanges(current, { strategicObjectives: [{ id: 3, title: 'Keep people safe', description: null }], priorities: same() }, { removeMissing: false })
    expect(changes.problems).toEqual([])
    expect(hasChanges(changes)).toBe(false)
    expect(planPreview(changes, [{ id: null, name: 'RAG status' }]).empty).toBe(true)
  })

  it('lists what is added and changed, matched by record ID even when the words change, and adds an update only when it is new', () => {
    const file = same()
    file[0]!.actions[0] = { ...file[0]!.actions[0]!, title: 'J9 training for all partners', leadOrganisations: [5, 6], updates: [{ quarter: 1, body: 'Booked', rag: 'green' }, { quarter: 2, body: 'Delivered', rag: 'amber', row: undefined } as never] }
    file[1]!.actions.push({ ...action('Street Pastors'), row: 9 })
    file.push({ ...priority('Road safety'), row: 10, actions: [{ ...action('Speedwatch', { updates: [{ quarter: 1, body: 'Started', rag: 'green' }] }), row: 10 }] })
    const changes = planChanges(current, { strategicObjectives: [], priorities: file }, { removeMissing: false })
    const preview = planPreview(changes, [{ id: null, name: 'RAG status' }])
    expect(preview.added.map(l => l.text)).toEqual(['Priority “Road safety”', 'Action “Street Pastors” under “Anti-social behaviour”', 'Action “Speedwatch” under “Road safety”'])
    expect(preview.changed.map(l => l.text)).toEqual(['Action “J9 training for all partners”: Action, Lead organisations'])
    expect(preview.updates.map(l => l.text)).toEqual(['Q2 update of “J9 training for all partners” (Amber): Delivered', 'Q1 update of “Speedwatch” (Green): Started'])
    expect(preview.kept).toEqual(['1 strategic objective is not in the file: kept'])
    expect(preview.removed).toEqual([])
  })

  it('removes what the file leaves out only when asked, listing what goes with it', () => {
    const file = same().slice(0, 1)
    file[0]!.actions = file[0]!.actions.slice(0, 1)
    const kept = planPreview(planChanges(current, { strategicObjectives: [], priorities: file }, { removeMissing: false }), [])
    expect(kept.removed).toEqual([])
    expect(kept.kept).toEqual(['1 strategic objective is not in the file: kept', '1 priority is not in the file: kept, with their actions', '2 actions are not in the file: kept'])
    const removed = planPreview(planChanges(current, { strategicObjectives: [], priorities: file }, { removeMissing: true }), [])
    expect(removed.removed.map(l => l.text)).toEqual([
      'Strategic objective “Keep people safe” (its priorities stay, directly under the plan)',
      'Priority “Anti-social behaviour”, with its action and its updates',
      'Action “Sanctuary scheme” under “Domestic abuse”, with its updates',
    ])
  })

  it('matches a row without IDs by its words within its priority, and moves an action to another priority by its ID', () => {
    const file = same()
    file[0]!.actions[1] = { ...file[0]!.actions[1]!, actionId: undefined }
    const moved = file[1]!.actions.pop()!
    file[0]!.actions.push(moved)
    const changes = planChanges(current, { strategicObjectives: [], priorities: file }, { removeMissing: false })
    expect(changes.actions.map(a => [a.values.title, a.id, a.status, a.fields])).toEqual([
      ['J9 training', 100, 'same', []],
      ['Sanctuary scheme', 101, 'same', []],
      ['Taxi marshals', 102, 'changed', ['Priority']],
    ])
  })

  it('refuses record IDs that are not the plan’s, and the same action twice', () => {
    const file = same()
    file[0]!.row = 2
    file[0]!.actions[0] = { ...file[0]!.actions[0]!, actionId: 999, row: 2 }
    file[1]!.actions.push({ ...action('Copy of taxi marshals', { actionId: 102 }), row: 7 })
    file.push({ ...priority('Elsewhere', { priorityId: 77 }), row: 8 })
    const changes = planChanges(current, { strategicObjectives: [], priorities: file }, { removeMissing: false })
    expect(changes.problems).toEqual([
      { row: 8, column: 'Record IDs (do not change)', message: 'P77 is not a priority of this plan: clear the record IDs of a new row' },
      { row: 2, column: 'Record IDs (do not change)', message: 'A999 is not an action of this plan: clear the record IDs of a new row' },
      { row: 7, column: 'Record IDs (do not change)', message: 'Another row has the same action ID (A102): clear the record IDs of a new action' },
    ])
  })
})

describe('a lead’s quarterly updates returned as the plan’s spreadsheet', () => {
  it('takes the updates of the actions they lead, and refuses the others with their row and column', () => {
    const file = same()
    file[0]!.actions[0] = { ...file[0]!.actions[0]!, row: 2, updates: [{ quarter: 1, body: 'Booked', rag: 'green' }, { quarter: 3, body: 'All trained', rag: 'green' }] }
    file[1]!.actions[0] = { ...file[1]!.actions[0]!, row: 4, updates: [{ quarter: 3, body: 'Not mine to write', rag: 'red' }] }
    const changes = planChanges(current, { strategicObjectives: [], priorities: file }, { removeMissing: false })
    const mine = leadUpdates(changes, new Set([100]), quarter => `Q${quarter} update`)
    expect(mine.updates.map(u => [u.actionId, u.update.quarter, u.update.body])).toEqual([[100, 3, 'All trained']])
    expect(mine.problems).toEqual([{ row: 4, column: 'Q3 update', message: 'You do not lead “Taxi marshals”, so you cannot post its Q3 update: leave it as it was' }])
  })
})

describe('a file exported from another plan', () => {
  it('is matched by its words, its record IDs set aside, so last year’s spreadsheet can start this year’s plan', () => {
    const file = same().map(p => ({
      ...p,
      priorityId: (p.priorityId ?? 0) + 1000,
      objectiveIds: Object.fromEntries(Object.entries(p.objectiveIds ?? {}).map(([k, id]) => [k, id + 1000])),
      actions: p.actions.map(a => ({ ...a, actionId: (a.actionId ?? 0) + 1000 })),
    }))
    const changes = planChanges(current, { strategicObjectives: [], priorities: file }, { removeMissing: false })
    expect(changes.problems).toEqual([])
    expect(changes.fromAnotherPlan).toBe(true)
    expect(changes.actions.map(a => a.id)).toEqual([100, 101, 102])
    const empty = planChanges({ strategicObjectives: [], priorities: [] }, { strategicObjectives: [], priorities: file }, { removeMissing: false })
    expect(empty.actions.map(a => [a.id, a.status])).toEqual([
      [null, 'new'],
      [null, 'new'],
      [null, 'new'],
    ])
  })
})
