import { describe, expect, it } from 'vitest'

import type { TableBlock } from '../../../core/documents/model.ts'

import { EMPTY_ENTRY } from './highlight-report.ts'
import type { IndicatorFigures } from './indicator-figures.ts'
import { reportersOf } from './reporters.ts'
import { rollUp } from './roll-up.ts'
import {
  actionCountsText,
  OGL_ATTRIBUTION,
  rollUpDocument,
  type ActionCounts,
  type RollUpPack,
} from './roll-up-document.ts'

const reporters = reportersOf([
  {
    id: 1,
    position: 1,
    title: 'Reduce Anti-Social Behaviour by 2% by 2012',
    deliveringGroup: { id: 11, name: 'Rochford Referral Group', shortName: 'RRG' },
  },
  { id: 3, position: 2, title: 'Reduce the Number of Sexual Offences by 2% by March 2012', deliveringGroup: null },
])

const figures: IndicatorFigures = {
  indicatorId: 7,
  indicatorName: 'Anti-social behaviour incidents',
  statement: '2% reduction in ASB incidents by March 2012',
  lastYear: { value: 2090, text: '2,090', label: 'Baseline 2010/11' },
  thisYear: { value: null, text: '', label: '2011/12' },
  change: null,
  rag: null,
  reason: 'No figures yet',
  note: 'No figures yet for 2011/12',
  baseline: { text: '2,090', label: 'Baseline 2010/11' },
  targetText: '2,048',
  fromPoliceData: false,
}

const amber: ActionCounts = {
  actions: 8,
  rag: { red: 0, amber: 8, green: 0, none: 0 },
  complete: 0,
  cancelled: 0,
  due: 0,
  overdue: 0,
}

function pack(overrides: Partial<RollUpPack> = {}): RollUpPack {
  const result = rollUp({
    planYear: 2011,
    quarter: 1,
    thisMonth: '2026-11',
    reporters,
    reports: [
      {
        id: 1,
        groupId: 11,
        month: '2011-05',
        status: 'submitted',
        submittedAt: new Date('2011-06-07T10:00:00Z'),
        entries: new Map([
          [
            1,
            {
              ...EMPTY_ENTRY,
              progress: 'Dispersal Order evaluated.\n111 individuals dispersed.',
              asks: 'Approve the continuation of the Dispersal Order',
            },
          ],
        ]),
      },
    ],
  })
  return {
    partnershipName: 'Rochford District Community Safety Partnership',
    planTitle: 'Annual Partnership Plan 2011/2012',
    planYear: 2011,
    quarter: 1,
    quarterLabel: 'Q1 2011/12 (April to June 2011)',
    figuresTo: '2011-06',
    actionsOn: '2011-06-30',
    rollUp: result,
    figures: new Map([
      [1, [figures]],
      [3, []],
    ]),
    actions: new Map([[1, amber]]),
    generatedAt: new Date('2026-11-25T10:00:00Z'),
    ...overrides,
  }
}

const tables = (doc: ReturnType<typeof rollUpDocument>) =>
  doc.sections.flatMap(s => s.blocks).filter((b): b is TableBlock => b.kind === 'table')

describe('the roll-up as a document for the steering group’s papers', () => {
  it('opens with a summary of the reports and the actions by RAG, then a section per priority, then the asks', () => {
    const doc = rollUpDocument(pack())
    expect(doc.title).toBe('Highlight reports to the Steering Group: Q1 2011/12 (April to June 2011)')
    expect(doc.sections.map(s => `${s.number} ${s.heading}`)).toEqual([
      '1 Summary',
      '2 Priority 1: Reduce Anti-Social Behaviour by 2% by 2012',
      '3 Priority 2: Reduce the Number of Sexual Offences by 2% by March 2012',
      '4 Asks of the Steering Group',
    ])
    const [summary] = tables(doc)
    expect(summary!.rows).toEqual([
      { cells: ['1. Reduce Anti-Social Behaviour by 2% by 2012', 'Rochford Referral Group', '1 of 3', 0, 8, 0, 0, 0] },
      {
        cells: [
          '2. Reduce the Number of Sexual Offences by 2% by March 2012',
          'Community Safety Team',
          '0 of 3',
          0,
          0,
          0,
          0,
          0,
        ],
      },
    ])
    expect(doc.sections[0]!.blocks.find(b => b.kind === 'bullets')).toMatchObject({
      items: expect.arrayContaining(['Community Safety Team, April 2011 (missing)']) as unknown,
    })
  })

  it('shows each priority’s performance against the baseline from the indicators, and its months', () => {
    const doc = rollUpDocument(pack())
    const asb = doc.sections[1]!
    const table = asb.blocks.find((b): b is TableBlock => b.kind === 'table')!
    expect(table.caption).toBe('Priority 1: performance against the baseline (figures to the end of June 2011)')
    expect(table.rows[0]).toMatchObject({
      cells: [
        {
          lines: [
            { text: '2% reduction in ASB incidents by March 2012' },
            { text: 'No figures yet for 2011/12', small: true },
          ],
        },
        expect.anything(),
        '2,048',
        expect.anything(),
        '–',
        '–',
        { rag: null, ragText: 'No RAG yet' },
      ],
    })
    const headings = asb.blocks.filter(b => b.kind === 'heading').map(b => (b as { text: string }).text)
    expect(headings).toEqual(['April 2011', 'May 2011', 'June 2011'])
    expect(asb.blocks).toContainEqual({
      kind: 'paragraph',
      text: [{ text: 'Progress: ', bold: true }, { text: 'Dispersal Order evaluated.' }],
    })
    expect(asb.blocks).toContainEqual({ kind: 'paragraph', text: '111 individuals dispersed.' })
    expect(doc.sections[2]!.blocks).toContainEqual({
      kind: 'paragraph',
      text: 'No performance indicators are linked to this priority.',
      small: true,
    })
    expect(doc.attribution).toBeUndefined()
  })

  it('lists the asks together, and carries the Open Government Licence when figures come from police data', () => {
    const doc = rollUpDocument(pack({ figures: new Map([[1, [{ ...figures, fromPoliceData: true }]]]) }))
    const asks = tables(doc).at(-1)!
    expect(asks.rows).toEqual([
      {
        cells: [
          'Reduce Anti-Social Behaviour by 2% by 2012',
          'Rochford Referral Group',
          'May 2011',
          { lines: ['Approve the continuation of the Dispersal Order'] },
        ],
      },
    ])
    expect(doc.attribution).toEqual([OGL_ATTRIBUTION])
  })

  it('counts a priority’s actions in words', () => {
    expect(actionCountsText(amber)).toBe('8 actions: 8 Amber')
    expect(
      actionCountsText({
        actions: 3,
        rag: { red: 1, amber: 0, green: 1, none: 1 },
        complete: 1,
        cancelled: 0,
        due: 0,
        overdue: 2,
      }),
    ).toBe('3 actions: 1 Red, 1 Green, 1 with no update yet; 1 complete, 2 with an update overdue')
    expect(actionCountsText(undefined)).toBe('No actions in the plan')
  })
})
