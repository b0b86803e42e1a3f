import { describe, expect, it } from 'vitest'

import { EMPTY_ENTRY, type EntryContent } from './highlight-report.ts'
import { reportersOf, type PriorityRef } from './reporters.ts'
import { rollUp, type RollUpReport } from './roll-up.ts'
import {
  defaultMonth,
  defaultQuarter,
  monthCounts,
  monthRows,
  monthsSoFar,
  monthState,
  writeMonthProblem,
  type ReportRef,
} from './schedule.ts'

const priorities: PriorityRef[] = [
  {
    id: 1,
    position: 1,
    title: 'Anti-social behaviour',
    deliveringGroup: { id: 11, name: 'Rochford Referral Group', shortName: null },
  },
  {
    id: 2,
    position: 2,
    title: 'Domestic abuse',
    deliveringGroup: { id: 12, name: 'Domestic Abuse Panel', shortName: null },
  },
  { id: 3, position: 3, title: 'Sexual offences', deliveringGroup: null },
]
const reporters = reportersOf(priorities)

describe('the state of a month’s report', () => {
  it('is the report’s status when there is one', () => {
    expect(monthState('submitted', '2011-05', '2011-07')).toBe('submitted')
    expect(monthState('draft', '2011-07', '2011-07')).toBe('draft')
  })

  it('is due in its month, missing once the month is over, and not due before it', () => {
    expect(monthState(undefined, '2011-07', '2011-07')).toBe('due')
    expect(monthState(undefined, '2011-06', '2011-07')).toBe('missing')
    expect(monthState(undefined, '2011-12', '2012-01')).toBe('missing')
    expect(monthState(undefined, '2012-01', '2011-12')).toBe('not_yet_due')
  })

  it('lists every reporter for a month, with the reports that are missing', () => {
    const reports: ReportRef[] = [
      { id: 1, groupId: 11, month: '2011-06', status: 'submitted' },
      { id: 2, groupId: 12, month: '2011-06', status: 'draft' },
      { id: 3, groupId: null, month: '2011-05', status: 'submitted' },
    ]
    const rows = monthRows(reporters, reports, '2011-06', '2011-09')
    expect(rows.map(r => [r.reporter.name, r.state, r.report?.id])).toEqual([
      ['Rochford Referral Group', 'submitted', 1],
      ['Domestic Abuse Panel', 'draft', 2],
      ['Community Safety Team', 'missing', undefined],
    ])
    expect(monthCounts(rows)).toEqual({ expected: 3, submitted: 1, drafts: 1, notStarted: 1 })
  })

  it('expects reports only for months that have begun', () => {
    expect(monthsSoFar(2011, '2011-06')).toEqual(['2011-04', '2011-05', '2011-06'])
    expect(monthsSoFar(2011, '2026-11')).toHaveLength(12)
    expect(monthsSoFar(2027, '2026-11')).toEqual([])
    expect(writeMonthProblem('2026-11', '2026-11')).toBeNull()
    expect(writeMonthProblem('2026-12', '2026-11')).toMatch(/this month or a month before/)
  })
})

describe('the month and quarter a page opens on', () => {
  it('is this month while the plan year runs', () => {
    expect(defaultMonth(2026, '2026-11', ['2026-05'])).toBe('2026-11')
    expect(defaultQuarter(2026, '2027-02', [])).toBe(4)
  })

  it('is the latest month reported for a past year, or March when nothing was', () => {
    expect(defaultMonth(2011, '2026-11', ['2011-04', '2011-06', '2011-05', '2012-08'])).toBe('2011-06')
    expect(defaultMonth(2011, '2026-11', [])).toBe('2012-03')
    expect(defaultQuarter(2011, '2026-11', ['2011-07'])).toBe(2)
  })

  it('is April for a year not begun', () => {
    expect(defaultMonth(2027, '2026-11', [])).toBe('2027-04')
  })
})

describe('the quarterly roll-up for the steering group', () => {
  const entry = (fields: Partial<EntryContent>): EntryContent => ({ ...EMPTY_ENTRY, ...fields })
  const report = (
    id: number,
    groupId: number | null,
    month: string,
    status: 'draft' | 'submitted',
    entries: [number, EntryContent][],
  ): RollUpReport => ({
    id,
    groupId,
    month,
    status,
    entries: new Map(entries),
    submittedAt: status === 'submitted' ? new Date(`${month}-28T12:00:00Z`) : null,
  })
  const reports = [
    report(1, 11, '2011-04', 'submitted', [
      [1, entry({ progress: 'RRG first meeting held', asks: 'Agree the RRG terms of reference' })],
    ]),
    report(2, 11, '2011-05', 'submitted', [[1, entry({ progress: 'Referrals received' })]]),
    report(3, 12, '2011-05', 'submitted', [
      [
        2,
        entry({
          progress: 'Freedom Programme referral process in place',
          asks: 'Note the DARO contract ends May 2012',
        }),
      ],
    ]),
    report(4, 12, '2011-06', 'draft', [[2, entry({ progress: 'Still writing', asks: 'A draft ask' })]]),
    report(5, null, '2011-06', 'submitted', [
      [3, entry({ progress: 'Licensees approached', asks: 'Support Challenge 25' })],
    ]),
    // Another quarter: not gathered.
    report(6, 11, '2011-07', 'submitted', [[1, entry({ progress: 'July', asks: 'July ask' })]]),
  ]

  it('gathers each priority’s submitted reports month by month, leaving drafts out', () => {
    const result = rollUp({ planYear: 2011, quarter: 1, thisMonth: '2026-11', reporters, reports })
    expect(result.months).toEqual(['2011-04', '2011-05', '2011-06'])
    expect(
      result.priorities.map(p => [p.priority.title, p.months.map(m => m.state), `${p.submitted}/${p.expected}`]),
    ).toEqual([
      ['Anti-social behaviour', ['submitted', 'submitted', 'missing'], '2/3'],
      ['Domestic abuse', ['missing', 'submitted', 'draft'], '1/3'],
      ['Sexual offences', ['missing', 'missing', 'submitted'], '1/3'],
    ])
    const domesticAbuse = result.priorities[1]!
    expect(domesticAbuse.months[1]!.entry?.progress).toBe('Freedom Programme referral process in place')
    expect(domesticAbuse.months[2]!.entry, 'a draft’s words are not shown to the steering group').toBeNull()
    expect(domesticAbuse.months[2]!.reportId).toBe(4)
  })

  it('lists the asks of the steering group together, priority by priority, month by month', () => {
    const result = rollUp({ planYear: 2011, quarter: 1, thisMonth: '2026-11', reporters, reports })
    expect(result.asks.map(a => [a.priority.title, a.month, a.reporterName, a.text])).toEqual([
      ['Anti-social behaviour', '2011-04', 'Rochford Referral Group', 'Agree the RRG terms of reference'],
      ['Domestic abuse', '2011-05', 'Domestic Abuse Panel', 'Note the DARO contract ends May 2012'],
      ['Sexual offences', '2011-06', 'Community Safety Team', 'Support Challenge 25'],
    ])
  })

  it('counts the reports owed so far and names those still outstanding', () => {
    const result = rollUp({ planYear: 2011, quarter: 1, thisMonth: '2011-05', reporters, reports })
    expect([result.submitted, result.expected]).toEqual([3, 6])
    expect(result.outstanding.map(o => [o.month, o.reporterName, o.state])).toEqual([
      ['2011-04', 'Domestic Abuse Panel', 'missing'],
      ['2011-04', 'Community Safety Team', 'missing'],
      ['2011-05', 'Community Safety Team', 'due'],
    ])
    expect(result.priorities[0]!.months[2]!.state).toBe('not_yet_due')
  })
})
