import { describe, expect, it } from 'vitest'

import {
  editProblem,
  EMPTY_ENTRY,
  entryFieldName,
  mayWriteFor,
  reopenProblem,
  submitProblem,
  submitProblems,
  type EntryContent,
} from './highlight-report.ts'
import {
  COMMUNITY_SAFETY_TEAM_KEY,
  COMMUNITY_SAFETY_TEAM_NAME,
  parseReporterKey,
  reporterKey,
  reportersOf,
  type PriorityRef,
} from './reporters.ts'

const rrg = { id: 11, name: 'Rochford Referral Group', shortName: 'RRG' }
const dap = { id: 12, name: 'Domestic Abuse Panel', shortName: 'DAP' }
const hate = { id: 13, name: 'Rochford District Hate Crime Panel', shortName: null }

/** The four priorities of the Rochford 2011/12 plan and the groups that deliver them (section 9). */
const priorities2011: PriorityRef[] = [
  { id: 1, position: 1, title: 'Reduce Anti-Social Behaviour by 2% by 2012', deliveringGroup: rrg },
  { id: 2, position: 2, title: 'Reduce Repeat Incidents of Domestic Abuse by 5% by 2012', deliveringGroup: dap },
  { id: 3, position: 3, title: 'Reduce the Number of Sexual Offences by 2% by March 2012', deliveringGroup: null },
  { id: 4, position: 4, title: 'Increase the Reporting of Hate Related Incidents', deliveringGroup: hate },
]

describe('who reports', () => {
  it('is the group that delivers each priority, and the community safety team where no sub-group exists', () => {
    const reporters = reportersOf(priorities2011)
    expect(reporters.map(r => [r.name, r.priorities.map(p => p.id)])).toEqual([
      ['Rochford Referral Group', [1]],
      ['Domestic Abuse Panel', [2]],
      [COMMUNITY_SAFETY_TEAM_NAME, [3]],
      ['Rochford District Hate Crime Panel', [4]],
    ])
    expect(reporters[2]!.groupId).toBeNull()
  })

  it('gives a group that delivers several priorities one report covering them all, in the plan’s order', () => {
    const reporters = reportersOf([
      { id: 7, position: 3, title: 'Third', deliveringGroup: rrg },
      { id: 5, position: 1, title: 'First', deliveringGroup: rrg },
      { id: 6, position: 2, title: 'Second', deliveringGroup: null },
    ])
    expect(reporters.map(r => [r.key, r.priorities.map(p => p.title)])).toEqual([
      ['11', ['First', 'Third']],
      [COMMUNITY_SAFETY_TEAM_KEY, ['Second']],
    ])
  })

  it('reads a reporter from a form: a group id or the community safety team', () => {
    expect(parseReporterKey(reporterKey(12))).toBe(12)
    expect(parseReporterKey(reporterKey(null))).toBeNull()
    expect([
      parseReporterKey(''),
      parseReporterKey('0'),
      parseReporterKey('-3'),
      parseReporterKey('abc'),
      parseReporterKey(undefined),
    ]).toEqual([undefined, undefined, undefined, undefined, undefined])
  })
})

describe('who may write a highlight report', () => {
  const coordinator = { editsRecords: true, postsOwnUpdates: true, chairedGroupIds: [] }
  const chairOfDap = { editsRecords: false, postsOwnUpdates: true, chairedGroupIds: [dap.id] }
  const memberChairingDap = { editsRecords: false, postsOwnUpdates: false, chairedGroupIds: [dap.id] }

  it('lets a coordinator write for every group and for the community safety team', () => {
    expect([
      mayWriteFor(coordinator, rrg.id),
      mayWriteFor(coordinator, dap.id),
      mayWriteFor(coordinator, null),
    ]).toEqual([true, true, true])
  })

  it('lets a lead write only for the groups they chair', () => {
    expect(mayWriteFor(chairOfDap, dap.id)).toBe(true)
    expect(mayWriteFor(chairOfDap, rrg.id)).toBe(false)
    expect(mayWriteFor(chairOfDap, null)).toBe(false)
  })

  it('lets a member only read, even one who chairs a group', () => {
    expect(mayWriteFor(memberChairingDap, dap.id)).toBe(false)
  })
})

describe('draft and submitted', () => {
  const entry = (fields: Partial<EntryContent>): EntryContent => ({ ...EMPTY_ENTRY, ...fields })

  it('needs the progress on every priority before a report is submitted, and says which', () => {
    const entries = new Map([
      [1, entry({ progress: 'Dispersal Order continued from 1 June 2011', asks: 'Note the extension' })],
      [2, entry({ issues: 'Schools slow to reply' })],
    ])
    expect(submitProblems(priorities2011.slice(0, 3), entries)).toEqual({
      [entryFieldName('progress', 2)]:
        'Enter the progress on “Reduce Repeat Incidents of Domestic Abuse by 5% by 2012” before you submit the report',
      'progress-3':
        'Enter the progress on “Reduce the Number of Sexual Offences by 2% by March 2012” before you submit the report',
    })
    expect(submitProblems(priorities2011.slice(0, 1), entries)).toEqual({})
  })

  it('can be changed and submitted only as a draft, and reopened only once submitted', () => {
    expect(editProblem('draft')).toBeNull()
    expect(editProblem('submitted')).toMatch(/submitted.*coordinator can reopen/)
    expect(submitProblem('draft')).toBeNull()
    expect(submitProblem('submitted')).toMatch(/already been submitted/)
    expect(reopenProblem('submitted')).toBeNull()
    expect(reopenProblem('draft')).toMatch(/only a submitted report/)
  })
})
