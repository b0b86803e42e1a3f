import { describe, expect, it } from 'vitest'

import type { ResolvedAction, ResolvedPriority } from './plan-draft.ts'
import { nextYearTitle, refreshPlan } from './refresh.ts'

const action = (title: string, fields: Partial<ResolvedAction> = {}): ResolvedAction => ({
  objective: null,
  title,
  outcomes: ['An outcome'],
  leadOrganisations: [1],
  leadPeople: [7],
  leadNote: null,
  supportingPartners: [2],
  quarters: [1, 2, 3, 4],
  dueDate: null,
  timescaleNote: null,
  dependencies: null,
  status: 'open',
  updates: [{ quarter: 1, body: 'Done some', rag: 'green' }],
  ...fields,
})

const priority: ResolvedPriority = {
  title: 'Anti-Social Behaviour',
  subThemes: ['Night time economy'],
  headlineTarget: 'Reduce ASB by 2%',
  deliveringGroup: 3,
  resources: '£5K',
  risks: [{ risk: 'Schools not engaging', mitigation: 'Officer visits' }],
  progressComment: 'Good progress in Q2',
  objectives: ['Keep the NTE safe', 'Divert young people'],
  actions: [
    action('Taxi marshals', { objective: 'Keep the NTE safe', status: 'complete' }),
    action('Op Benison', { objective: 'Keep the NTE safe', dueDate: '2016-09-30' }),
    action('Street Pastors', { dueDate: '2017-06-30', status: 'open' }),
    action('Mapping exercise', { objective: 'Divert young people', status: 'cancelled' }),
  ],
}

const plan = { title: 'Partnership Plan 2016/17', planYear: 2016, periodStartYear: 2016, periodEndYear: 2018, vision: 'Safer' }

describe('refreshing a plan for next year', () => {
  const result = refreshPlan(plan, [priority])

  it('makes a plan for the next plan year, renamed for it', () => {
    expect(result.plan).toEqual({ title: 'Partnership Plan 2017/18', planYear: 2017, periodStartYear: 2016, periodEndYear: 2018, vision: 'Safer' })
  })

  it('carries the priorities, their risks and every objective', () => {
    const [p] = result.priorities
    expect(p).toMatchObject({ title: 'Anti-Social Behaviour', subThemes: ['Night time economy'], deliveringGroup: 3, risks: priority.risks, objectives: priority.objectives })
  })

  it('carries only the unfinished actions, with their leads, and without updates', () => {
    const actions = result.priorities[0]!.actions
    expect(actions.map(a => a.title)).toEqual(['Op Benison', 'Street Pastors'])
    expect(actions.every(a => a.updates.length === 0)).toBe(true)
    expect(actions[0]).toMatchObject({ leadOrganisations: [1], leadPeople: [7], supportingPartners: [2], quarters: [1, 2, 3, 4] })
    expect(result.carried).toEqual({ priorities: 1, objectives: 2, actions: 2 })
    expect(result.leftBehind).toBe(2)
  })

  it('drops the progress comment, and due dates that fall before the new year', () => {
    expect(result.priorities[0]!.progressComment).toBeNull()
    expect(result.priorities[0]!.actions.map(a => a.dueDate)).toEqual([null, '2017-06-30'])
  })

  it('leaves the original untouched', () => {
    expect(priority.actions[1]!.updates).toHaveLength(1)
    expect(priority.progressComment).toBe('Good progress in Q2')
  })

  it('starts a new three-year period when the old one has run out', () => {
    expect(refreshPlan({ ...plan, planYear: 2018, title: 'Plan 2018/19' }, []).plan).toMatchObject({ planYear: 2019, periodStartYear: 2019, periodEndYear: 2021, title: 'Plan 2019/20' })
  })
})

describe('the refreshed title', () => {
  it('moves the year on in the ways titles write it', () => {
    expect(nextYearTitle('Annual Partnership Plan 2011/2012', 2011)).toBe('Annual Partnership Plan 2012/2013')
    expect(nextYearTitle('Plan 2016-17', 2016)).toBe('Plan 2017-18')
    expect(nextYearTitle('Plan 2016–17 (draft)', 2016)).toBe('Plan 2017–18 (draft)')
    expect(nextYearTitle('Partnership Plan', 2016)).toBe('Partnership Plan')
    expect(nextYearTitle('Plan 1999/00', 1999)).toBe('Plan 2000/01')
  })
})
