import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { draftAction, draftPriority, type DraftAction, type DraftPriority } from '../../domain/plan-draft.ts'

import { columnLetter, CURRENT_RAG_HEADER, exportHeaders, SHEET_COLUMNS, sheetHeaders } from './sheet-columns.ts'
import { readSheet } from './sheet-reader.ts'
import { writeSheet } from './sheet-writer.ts'

describe('writing the spreadsheet', () => {
  it('has a heading for every column and letters up to the last', () => {
    expect(sheetHeaders()).toHaveLength(SHEET_COLUMNS.length)
    expect(columnLetter(0)).toBe('A')
    expect(columnLetter(25)).toBe('Z')
    expect(columnLetter(27)).toBe('AB')
  })

  it('writes each priority’s direct actions first, then each objective’s, with a row for an objective without actions', () => {
    const priority = draftPriority('ASB', {
      objectives: ['Empty objective', 'Full objective'],
      actions: [draftAction('Second', { objective: 'Full objective' }), draftAction('First')],
    })
    const rows = writeSheet([priority])
    const col = (header: string) => sheetHeaders().indexOf(header)
    expect(rows.map(r => [r[col('Strategic objective')], r[col('Action')]])).toEqual([
      ['', 'First'],
      ['Empty objective', ''],
      ['Full objective', 'Second'],
    ])
  })

  it('adds the current RAG after the template’s columns when exporting: the latest quarter’s, as the plan pages show it', () => {
    const priority = draftPriority('ASB', {
      objectives: ['Empty objective'],
      actions: [
        draftAction('Slipped', { updates: [{ quarter: 1, body: 'Started', rag: 'green' }, { quarter: 2, body: 'Behind', rag: 'amber' }] }),
        draftAction('Told', { updates: [{ quarter: 1, body: 'Done the first part', rag: null }] }),
        draftAction('Silent'),
      ],
    })
    const rows = writeSheet([priority], { currentRag: true })
    expect(exportHeaders()).toEqual([...sheetHeaders(), CURRENT_RAG_HEADER])
    expect(rows.map(r => [r[sheetHeaders().indexOf('Action')], r.at(-1)])).toEqual([
      ['Slipped', 'Amber'],
      ['Told', 'No RAG given'],
      ['Silent', 'No update yet'],
      ['', ''],
    ])
  })

  it('reads an exported sheet with its current RAG column (which it ignores) as the same plan', () => {
    fc.assert(
      fc.property(plansArbitrary, priorities => {
        const rows = writeSheet(priorities, { currentRag: true })
        const read = readSheet([exportHeaders(), ...rows])
        expect(read.problems).toEqual([])
        if (!read.ok) return
        expect(writeSheet(read.priorities, { currentRag: true })).toEqual(rows)
      }),
      { numRuns: 30 },
    )
  })

  it('reads back exactly what it writes', () => {
    fc.assert(
      fc.property(plansArbitrary, priorities => {
        const rows = writeSheet(priorities)
        const read = readSheet([sheetHeaders(), ...rows])
        expect(read.ok).toBe(true)
        if (!read.ok) return
        // Reading drops the row numbers; otherwise the plan is the same, and writes the same rows again.
        expect(writeSheet(read.priorities)).toEqual(rows)
        expect(read.priorities.map(strip)).toEqual(priorities.map(p => strip(normalised(p))))
      }),
      { numRuns: 60 },
    )
  })
})


// Words with the awkward characters a plan holds: apostrophes, dashes, ampersands, leading = and -.
const word = fc.constantFrom('ASB', 'Domestic abuse', 'J9', 'Taxi marshals', '=SUM(A1)', '-10%', 'Women’s Aid', 'Q1–4 review', '“Quotes”', 'R&D', '@home', 'Line, with comma')
const text = fc.array(word, { minLength: 1, maxLength: 3 }).map(ws => ws.join(' '))
const optionalText = fc.option(text, { nil: null })
const list = fc.uniqueArray(text, { maxLength: 3 })

const plansArbitrary = fc.uniqueArray(
  fc.record({
    title: text,
    subThemes: list,
    headlineTarget: optionalText,
    deliveringGroup: optionalText,
    resources: optionalText,
    risks: fc.array(fc.record({ risk: text, mitigation: optionalText }), { maxLength: 3 }),
    progressComment: optionalText,
    objectives: fc.uniqueArray(text, { maxLength: 2, selector: t => t.toLowerCase() }),
    actions: fc.array(
      fc.record({
        objectiveIndex: fc.option(fc.nat(1), { nil: null }),
        title: text,
        outcomes: list,
        leadOrganisations: list,
        leadPeople: list,
        leadNote: optionalText,
        supportingPartners: list,
        quarters: fc.subarray([1, 2, 3, 4] as const),
        dueDate: fc.option(fc.constantFrom('2016-10-31', '2017-03-31'), { nil: null }),
        timescaleNote: optionalText,
        dependencies: optionalText,
        status: fc.constantFrom('open', 'complete', 'cancelled' as const),
        updates: fc.uniqueArray(fc.record({ quarter: fc.constantFrom(1, 2, 3, 4 as const), body: text, rag: fc.constantFrom('red', 'amber', 'green', null) }), {
          maxLength: 4,
          selector: u => u.quarter,
        }),
      }),
      { maxLength: 4 },
    ),
  }),
  { minLength: 1, maxLength: 3, selector: p => p.title.toLowerCase() },
).map(priorities =>
  priorities.map(
    (p): DraftPriority => ({
      ...p,
      actions: p.actions.map(({ objectiveIndex, ...a }) => ({
        ...a,
        objective: objectiveIndex === null ? null : (p.objectives[objectiveIndex] ?? null),
        quarters: [...a.quarters],
        updates: [...a.updates].sort((x, y) => x.quarter - y.quarter),
      })) as DraftAction[],
    }),
  ),
)

/** What reading a plan back gives: its actions in the order the sheet lists them. */
function normalised(priority: DraftPriority): DraftPriority {
  const order = [null, ...priority.objectives]
  const actions = order.flatMap(o => priority.actions.filter(a => a.objective === o)).map(a => ({ ...a, district: a.district ?? null }))
  return { ...priority, actions }
}

function strip(priority: DraftPriority) {
  const { row: _row, ...rest } = priority
  return { ...rest, actions: priority.actions.map(({ row: _r, ...a }) => a) }
}
