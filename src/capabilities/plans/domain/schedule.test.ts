import { describe, expect, it } from 'vitest'

import { isDueOrOverdue, isHistory, quarterProblem, scheduledQuarters, suggestedQuarter, updateState, updateStateLabel, type Schedulable } from './schedule.ts'

const agreed2016 = { planYear: 2016, expectsUpdates: true }
const q14: Schedulable = { quarters: [1, 2, 3, 4], dueDate: null, status: 'open' }

describe('the quarters an action reports in', () => {
  it('are its timescale’s quarters', () => {
    expect(scheduledQuarters({ quarters: [3, 4], dueDate: null }, 2016)).toEqual([3, 4])
  })

  it('run from Q1 to the quarter of its due date when it has no quarters', () => {
    expect(scheduledQuarters({ quarters: [], dueDate: '2016-09-30' }, 2016)).toEqual([1, 2])
    expect(scheduledQuarters({ quarters: [], dueDate: '2017-03-31' }, 2016)).toEqual([1, 2, 3, 4])
    expect(scheduledQuarters({ quarters: [], dueDate: '2015-12-31' }, 2016)).toEqual([1])
  })

  it('are every quarter when neither is given', () => {
    expect(scheduledQuarters({ quarters: [], dueDate: null }, 2016)).toEqual([1, 2, 3, 4])
  })
})

describe('whether an update is due or overdue', () => {
  it('is due while the quarter runs and there is no update for it', () => {
    expect(updateState(q14, [], agreed2016, '2016-05-10')).toEqual({ kind: 'due', quarter: 1 })
  })

  it('is overdue once the quarter has ended without one (the Q1 update in August)', () => {
    const state = updateState(q14, [], agreed2016, '2016-08-01')
    expect(state).toEqual({ kind: 'overdue', quarter: 1 })
    expect(updateStateLabel(state)).toBe('Q1 update overdue')
  })

  it('is up to date with an update for the ended quarter, then due again for the current one', () => {
    expect(updateState(q14, [1], agreed2016, '2016-07-01')).toEqual({ kind: 'due', quarter: 2 })
    expect(updateState(q14, [1, 2], agreed2016, '2016-09-01')).toEqual({ kind: 'up_to_date' })
  })

  it('takes a later quarter’s update as covering a missed one', () => {
    expect(updateState(q14, [2], agreed2016, '2016-08-01')).toEqual({ kind: 'up_to_date' })
  })

  it('expects nothing of an action timed for Q3 until Q3 (the electric blanket event, Oct 16)', () => {
    const q3: Schedulable = { quarters: [3], dueDate: null, status: 'open' }
    expect(updateState(q3, [], agreed2016, '2016-08-01')).toEqual({ kind: 'up_to_date' })
    expect(updateState(q3, [], agreed2016, '2016-10-15')).toEqual({ kind: 'due', quarter: 3 })
    expect(updateState(q3, [], agreed2016, '2017-01-15')).toEqual({ kind: 'overdue', quarter: 3 })
  })

  it('finds the Q4 update overdue once the plan year is over, while its year-end report is written', () => {
    expect(updateState(q14, [1], agreed2016, '2017-06-01')).toEqual({ kind: 'overdue', quarter: 4 })
  })

  it('expects nothing before the plan year starts, of finished actions, or of a plan not agreed', () => {
    expect(updateState(q14, [], agreed2016, '2016-03-01')).toEqual({ kind: 'not_started' })
    expect(updateState({ ...q14, status: 'complete' }, [], agreed2016, '2016-08-01')).toEqual({ kind: 'not_expected' })
    expect(updateState({ ...q14, status: 'cancelled' }, [], agreed2016, '2016-08-01')).toEqual({ kind: 'not_expected' })
    expect(updateState(q14, [], { planYear: 2016, expectsUpdates: false }, '2016-08-01')).toEqual({ kind: 'not_expected' })
  })
})

describe('the update form', () => {
  it('suggests the quarter that is overdue or due, else the current one', () => {
    expect(suggestedQuarter({ kind: 'overdue', quarter: 1 }, 2016, '2016-08-01')).toBe(1)
    expect(suggestedQuarter({ kind: 'up_to_date' }, 2016, '2016-08-01')).toBe(2)
    expect(suggestedQuarter({ kind: 'up_to_date' }, 2016, '2019-08-01')).toBe(4)
  })

  it('refuses a quarter that has not started', () => {
    expect(quarterProblem(2016, 3, '2016-08-01')).toBe('Q3 has not started yet: choose the quarter you are reporting on')
    expect(quarterProblem(2016, 2, '2016-08-01')).toBeNull()
    expect(quarterProblem(2016, 4, '2017-06-01')).toBeNull()
    expect(quarterProblem(2016, 1, '2016-03-31')).not.toBeNull()
  })
})

describe('a plan whose quarters are long past', () => {
  const action = { quarters: [1, 2, 3, 4], dueDate: null, status: 'open' as const }
  const plan2016 = { planYear: 2016, expectsUpdates: true }

  it('is history: an update it lacks is not overdue once the quarter after its year is over', () => {
    expect(updateState(action, [1], plan2016, '2026-11-25')).toEqual({ kind: 'closed' })
    expect(updateStateLabel({ kind: 'closed' })).toBe('Plan year over')
    expect(isDueOrOverdue(updateState(action, [], plan2016, '2017-07-01'))).toBe(false)
  })

  it('still chases the year’s last updates in the quarter after it, for the year-end report', () => {
    expect(updateState(action, [1, 2, 3], plan2016, '2017-04-20')).toEqual({ kind: 'overdue', quarter: 4 })
    expect(updateState(action, [1, 2, 3], plan2016, '2017-06-30')).toEqual({ kind: 'overdue', quarter: 4 })
    expect(isHistory(2016, '2017-06-30')).toBe(false)
    expect(isHistory(2016, '2017-07-01')).toBe(true)
  })
})
