import { describe, expect, it } from 'vitest'

import { evaluationDueOn, evaluationStatus } from './projects.ts'

const project = (endDate: string | null, evaluationCompletedOn: string | null = null, evaluationDueWeeks = 12) => ({
  endDate,
  evaluationDueWeeks,
  evaluationCompletedOn,
})

describe('project evaluations', () => {
  it('are due the set number of weeks after the project ends', () => {
    expect(evaluationDueOn('2016-06-30', 12)).toBe('2016-09-22')
    expect(evaluationDueOn('2022-03-31', 4)).toBe('2022-04-28')
    expect(evaluationDueOn('2022-03-31', 0)).toBe('2022-03-31')
  })

  it('are not due while the project runs, due after it ends, and overdue the day after the due date', () => {
    const p = project('2016-06-30')
    expect(evaluationStatus(p, '2016-06-30').state).toBe('running')
    expect(evaluationStatus(p, '2016-07-01').state).toBe('due')
    expect(evaluationStatus(p, '2016-09-22')).toEqual({ state: 'due', dueOn: '2016-09-22', daysOverdue: 0 })
    expect(evaluationStatus(p, '2016-09-23')).toEqual({ state: 'overdue', dueOn: '2016-09-22', daysOverdue: 1 })
    expect(evaluationStatus(p, '2017-09-22').daysOverdue).toBe(365)
  })

  it('stop being overdue once an evaluation is recorded', () => {
    expect(evaluationStatus(project('2016-06-30', '2016-12-01'), '2026-01-01').state).toBe('evaluated')
  })

  it('are never due for a project without an end date', () => {
    expect(evaluationStatus(project(null), '2030-01-01')).toEqual({ state: 'no_end_date', dueOn: null, daysOverdue: 0 })
  })
})
