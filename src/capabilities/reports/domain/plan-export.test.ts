import { describe, expect, it } from 'vitest'

import { JOINT_PLAN_2016, snapshotOf, withYearOfUpdates } from '../../../../test/fixtures/joint-plan-2016.ts'

import { planActionsTable, planPrioritiesTable } from './plan-export.ts'

describe('the plan as a spreadsheet', () => {
  const snapshot = snapshotOf(withYearOfUpdates(JOINT_PLAN_2016))

  it('has a row per action with its priority, objective, leads, timescales, current RAG and latest update', () => {
    const table = planActionsTable(snapshot)
    expect(table.rows).toHaveLength(40)
    const row = Object.fromEntries(table.headers.map((header, i) => [header, table.rows[3]![i]]))
    expect(row).toMatchObject({
      'Priority number': 1,
      Priority: 'Safeguarding Vulnerable People from Harm',
      'Objective number': 2,
      'Strategic objective': 'To raise awareness of Domestic abuse and encourage reporting',
      'Action number': 4,
      Action: 'Re-introduce the J9 scheme in both districts',
      'Outcomes / measures': 'Partners agencies trained and signed up to J9 principles.\nResidents able to readily access DA information at key J9 locations.',
      'Lead organisations': 'Essex County Council',
      'Lead note': 'ECC DA provider i.e. Safer Places / HC + GB',
      Timescales: 'Q1–4',
      'Action status': 'Open',
      'Latest update quarter': 'Q4',
    })
    expect(['Green', 'Amber', 'Red']).toContain(row['Current RAG'])
    const crucialCrew = table.rows.find(r => String(r[5]).startsWith('‘Crucial Crew’'))!
    expect(crucialCrew[table.headers.indexOf('Current RAG')]).toBe('Blue')
  })

  it('has a row per priority with the count of each status', () => {
    const table = planPrioritiesTable(snapshotOf(JOINT_PLAN_2016))
    expect(table.rows.map(r => [r[1], r[6], r[7], r[8], r[9], r[10], r[11], r[12]])).toEqual([
      ['Safeguarding Vulnerable People from Harm', 5, 13, 3, 2, 0, 0, 8],
      ['Anti-Social Behaviour', 5, 15, 1, 3, 0, 1, 10],
      ['Acquisitive Crime', 4, 12, 2, 0, 0, 0, 10],
    ])
  })
})
