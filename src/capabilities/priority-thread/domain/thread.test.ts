import { describe, expect, it } from 'vitest'

import { countActions, matchByName, sumMoney, threadSection } from './thread.ts'

describe('the thread from evidence to money', () => {
  it('finds the scoring matrix row of a priority by its name', () => {
    const rows = [{ name: 'Anti-social behaviour' }, { name: 'Violence (including knife crime)' }]
    expect(matchByName(rows, 'violence including knife crime')).toBe(rows[1])
    expect(matchByName(rows, 'Burglary')).toBeNull()
  })

  it('counts actions, money and words the pack’s table', () => {
    const actions = countActions([{ rag: 'red', status: 'open' }, { rag: null, status: 'open' }, { rag: 'green', status: 'complete' }])
    expect(actions).toEqual({ actions: 3, red: 1, amber: 0, green: 1, none: 1, complete: 1 })
    const money = sumMoney([{ allocatedPence: 500_000, costPence: 125_000 }, { allocatedPence: 200_000, costPence: 0 }])
    expect(money).toEqual({ allocatedPence: 700_000, spentPence: 125_000, allocations: 2 })
    const section = threadSection([{ title: 'Violence', matrix: null, actions, indicators: 2, money, events: { count: 1, reach: 500 }, caseReviews: 0, deathReviews: 1, seriousViolence: 1 }], 'Plan 2021/22')
    const table = section.blocks[1]
    expect(table?.kind === 'table' && (table.rows[0] as { cells: unknown[] }).cells[4]).toEqual({ lines: ['£7,000 allocated', '£1,250 paid or committed'] })
  })
})
