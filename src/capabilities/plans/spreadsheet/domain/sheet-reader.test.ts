import { describe, expect, it } from 'vitest'

import { columnLetter, sheetHeaders } from './sheet-columns.ts'
import { readSheet } from './sheet-reader.ts'

/** A sheet with the template's headings, from rows given as { heading: value }. */
function sheet(rows: Record<string, string>[], headers = sheetHeaders()): string[][] {
  return [headers, ...rows.map(row => headers.map(h => row[h] ?? ''))]
}

const letterOf = (header: string) => columnLetter(sheetHeaders().indexOf(header))

describe('reading the action plan spreadsheet', () => {
  it('reads one row per action, with the priority and objective repeated', () => {
    const result = readSheet(
      sheet([
        {
          Priority: 'Safeguarding Vulnerable People from Harm',
          'Sub-themes': 'Domestic Abuse\nHidden Harm',
          'Delivering group': 'Domestic Abuse Panel',
          'Key risks': 'Schools not engaging\nFunding ends',
          'Mitigating actions': '\nSeek PCC funding',
          'Strategic objective': 'To raise awareness of Domestic abuse and encourage reporting',
          Action: 'Re-introduce the J9 scheme in both districts',
          'Outcomes and measures': 'Partners agencies trained and signed up to J9 principles.\r\nResidents able to readily access DA information.',
          'Lead organisations': 'Essex County Council; Safer Places',
          'Lead people': 'Community Safety Officer (Castle Point Borough Council)\nCommunity Safety Officer (Rochford District Council)',
          'Timescale (quarters)': 'Q1-4',
          'Due date': '31/10/2016',
          'Q1 update': 'J9 Training sessions booked for October',
          'Q1 RAG': 'A',
        },
        { Priority: 'Safeguarding vulnerable people from harm', 'Strategic objective': 'To raise awareness of domestic abuse and encourage reporting', Action: 'Family event in Castle Point', 'Timescale (quarters)': 'Q2', Status: 'Complete' },
        { Priority: 'Anti-Social Behaviour' },
      ]),
    )
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.priorities.map(p => p.title)).toEqual(['Safeguarding Vulnerable People from Harm', 'Anti-Social Behaviour'])
    const [safeguarding, asb] = result.priorities
    expect(safeguarding).toMatchObject({
      row: 2,
      subThemes: ['Domestic Abuse', 'Hidden Harm'],
      deliveringGroup: 'Domestic Abuse Panel',
      risks: [
        { risk: 'Schools not engaging', mitigation: null },
        { risk: 'Funding ends', mitigation: 'Seek PCC funding' },
      ],
      objectives: ['To raise awareness of Domestic abuse and encourage reporting'],
    })
    expect(safeguarding!.actions).toHaveLength(2)
    expect(safeguarding!.actions[0]).toMatchObject({
      row: 2,
      objective: 'To raise awareness of Domestic abuse and encourage reporting',
      outcomes: ['Partners agencies trained and signed up to J9 principles.', 'Residents able to readily access DA information.'],
      leadOrganisations: ['Essex County Council', 'Safer Places'],
      leadPeople: ['Community Safety Officer (Castle Point Borough Council)', 'Community Safety Officer (Rochford District Council)'],
      quarters: [1, 2, 3, 4],
      dueDate: '2016-10-31',
      status: 'open',
      updates: [{ quarter: 1, body: 'J9 Training sessions booked for October', rag: 'amber' }],
    })
    // The second row names the same objective in other capitals: it is the same objective.
    expect(safeguarding!.actions[1]).toMatchObject({ row: 3, objective: 'To raise awareness of Domestic abuse and encourage reporting', quarters: [2], status: 'complete' })
    expect(asb).toMatchObject({ row: 4, actions: [], objectives: [] })
    expect(result.letters.Priority).toBe('B')
  })

  it('accepts the headings of the partnership’s own tables, in any order', () => {
    const result = readSheet([
      ['Key milestones', 'Strategic priority', 'Outcomes and outputs', 'Lead agency', 'Timescales'],
      ['Recruit RDC anti-social behaviour officer', 'Reduce ASB by 2%', 'Officer recruited by October 2011.', 'Rochford District Council', 'Q1–3'],
    ])
    expect(result.ok && result.priorities[0]!.actions[0]).toMatchObject({ title: 'Recruit RDC anti-social behaviour officer', outcomes: ['Officer recruited by October 2011.'], leadOrganisations: ['Rochford District Council'], quarters: [1, 2, 3] })
  })

  it('lists every problem at once, by row and column', () => {
    const result = readSheet(
      sheet([
        { Priority: 'Anti-Social Behaviour', 'Headline target': 'Reduce ASB by 2%', Action: 'Taxi marshals', 'Timescale (quarters)': 'Summer', 'Due date': '31/02/2017' },
        { Priority: 'Anti-Social Behaviour', 'Headline target': 'Reduce ASB by 5%', Action: 'Op Benison', Status: 'Nearly done', 'Q2 RAG': 'Blue', 'Q3 RAG': 'Red' },
        { Action: 'An action with no priority' },
        { Priority: 'Acquisitive Crime', 'Outcomes and measures': 'Fewer burglaries' },
      ]),
    )
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.problems.map(p => [p.row, p.column, p.letter])).toEqual([
      [2, 'Timescale (quarters)', letterOf('Timescale (quarters)')],
      [2, 'Due date', letterOf('Due date')],
      [3, 'Headline target', letterOf('Headline target')],
      [3, 'Status', letterOf('Status')],
      [3, 'Q2 RAG', letterOf('Q2 RAG')],
      [3, 'Q2 update', letterOf('Q2 update')],
      [3, 'Q3 update', letterOf('Q3 update')],
      [4, 'Priority', 'B'],
      [5, 'Action', letterOf('Action')],
    ])
    expect(result.problems[2]!.message).toBe(
      'Headline target is different from row 2, where this priority first appears: give the same on every row of the priority, or leave it empty',
    )
    expect(result.problems[4]!.message).toBe('Q2 RAG must be Red, Amber or Green (not “Blue”)')
    expect(result.problems[8]!.message).toBe('Enter the action: this row has Outcomes and measures but no action')
  })

  it('reports columns it does not know, and a missing required column, in the heading row', () => {
    const unknown = readSheet([['Priority', 'Action', 'Notes'], ['ASB', 'Taxi marshals', 'x']])
    expect(!unknown.ok && unknown.problems).toEqual([
      { row: 1, column: 'Notes', letter: 'C', message: 'The column “Notes” is not in the template: rename it to one of the template’s columns, or delete it' },
    ])
    const missing = readSheet([['Priority', 'Outcomes'], ['ASB', 'Fewer incidents']])
    expect(!missing.ok && missing.problems).toEqual([{ row: 1, column: 'Action', letter: null, message: 'Add a column headed “Action” in the first row' }])
  })

  it('says so when a file has headings but no rows', () => {
    const result = readSheet([sheetHeaders(), ['', '']])
    expect(!result.ok && result.problems[0]!.message).toBe('The file has no rows under the headings: add one row per action')
  })

  it('pairs key risks and mitigations by line, and refuses extra mitigations', () => {
    const result = readSheet(sheet([{ Priority: 'ASB', 'Key risks': 'One risk', 'Mitigating actions': 'First\nSecond' }]))
    expect(!result.ok && result.problems[0]!.message).toBe('There are 2 lines of mitigating actions but only 1 key risk: put each mitigation on the same line as its risk')
  })

  it('reads a cell our export protected against formula injection as it was typed', () => {
    const result = readSheet(sheet([{ Priority: 'ASB', Action: "'=Reduce ASB", 'Outcomes and measures': "'-10% incidents" }]))
    expect(result.ok && result.priorities[0]!.actions[0]).toMatchObject({ title: '=Reduce ASB', outcomes: ['-10% incidents'] })
  })
})
