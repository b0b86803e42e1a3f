import { describe, expect, it } from 'vitest'

import { findOrganisation, findPerson, personLabel, type Directory } from './directory.ts'
import { draftAction, draftPriority, resolveDraft, type DraftAction, type DraftPriority } from './plan-draft.ts'

/** Part of the joint Castle Point and Rochford partnership, as the demo holds it. */
const directory: Directory = {
  organisations: [
    { id: 1, name: 'Rochford District Council', shortName: 'RDC' },
    { id: 2, name: 'Castle Point Borough Council', shortName: 'CPBC' },
    { id: 3, name: 'Essex Police', shortName: null },
    { id: 4, name: 'Thames Corridor Focus Group – Disability', shortName: null },
  ],
  people: [
    { id: 10, name: 'Community Safety Officer', organisationName: 'Rochford District Council', organisationShortName: 'RDC' },
    { id: 11, name: 'Community Safety Officer', organisationName: 'Castle Point Borough Council', organisationShortName: 'CPBC' },
    { id: 12, name: 'Crime Prevention Tactical Advisor', organisationName: 'Essex Police', organisationShortName: null },
  ],
  groups: [{ id: 20, name: 'Domestic Abuse Panel', shortName: 'DAP' }],
}

describe('finding the partnership’s records by the names a plan uses', () => {
  it('finds an organisation by its name or short name, whatever the case, spaces or dashes', () => {
    expect(findOrganisation(directory, 'rdc')).toMatchObject({ ok: true, value: { id: 1 } })
    expect(findOrganisation(directory, '  Essex   police ')).toMatchObject({ ok: true, value: { id: 3 } })
    expect(findOrganisation(directory, 'Thames Corridor Focus Group - Disability')).toMatchObject({ ok: true, value: { id: 4 } })
  })

  it('asks for the organisation in brackets when two people share a name', () => {
    expect(findPerson(directory, 'Crime Prevention Tactical Advisor')).toMatchObject({ ok: true, value: { id: 12 } })
    expect(findPerson(directory, 'Community Safety Officer (CPBC)')).toMatchObject({ ok: true, value: { id: 11 } })
    expect(findPerson(directory, 'Community Safety Officer (Rochford District Council)')).toMatchObject({ ok: true, value: { id: 10 } })
    expect(findPerson(directory, 'Community Safety Officer')).toEqual({
      ok: false,
      message: 'More than one person is called “Community Safety Officer”: add their organisation in brackets, like “Community Safety Officer (Rochford District Council)”',
    })
  })

  it('writes a person the way it reads them back', () => {
    for (const person of directory.people) expect(findPerson(directory, personLabel(directory, person))).toMatchObject({ ok: true, value: { id: person.id } })
    expect(personLabel(directory, directory.people[2]!)).toBe('Crime Prevention Tactical Advisor')
  })
})

const action = (fields: Partial<DraftAction>) => draftAction('Sanctuary scheme', fields)
const priority = (fields: Partial<DraftPriority>) => draftPriority('Safeguarding', fields)

describe('resolving a plan’s names', () => {
  it('turns names into the records’ ids', () => {
    const result = resolveDraft(
      [priority({ deliveringGroup: 'DAP', actions: [action({ leadOrganisations: ['CPBC', 'RDC'], leadPeople: ['Community Safety Officer (RDC)'], supportingPartners: ['Essex Police'] })] })],
      directory,
    )
    expect(result).toMatchObject({ ok: true, priorities: [{ deliveringGroup: 20, actions: [{ leadOrganisations: [2, 1], leadPeople: [10], supportingPartners: [3] }] }] })
  })

  it('reports every name it cannot find, with its row and column', () => {
    const result = resolveDraft(
      [
        priority({
          row: 2,
          deliveringGroup: 'Hate Crime Panel',
          actions: [
            action({ row: 2, leadOrganisations: ['Essex Polise'], leadPeople: ['Community Safety Officer'] }),
            action({ row: 3, leadOrganisations: ['RDC', 'Rochford District Council'], supportingPartners: ['RDC'] }),
          ],
        }),
      ],
      directory,
    )
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.problems.map(p => [p.row, p.column])).toEqual([
      [2, 'Delivering group'],
      [2, 'Lead organisations'],
      [2, 'Lead people'],
      [3, 'Lead organisations'],
      [3, 'Supporting partners'],
    ])
    expect(result.problems[1]!.message).toBe('There is no organisation called “Essex Polise” in the partnership. Add it under Partner organisations first, or check the spelling')
    expect(result.problems[3]!.message).toBe('“Rochford District Council” is named twice')
    expect(result.problems[4]!.message).toBe('“Rochford District Council” is already a lead organisation: name it in one column only')
  })

  it('names the action in its messages when there is no spreadsheet row (the demo data)', () => {
    const result = resolveDraft([priority({ actions: [action({ leadPeople: ['Nobody'] })] })], directory)
    expect(!result.ok && result.problems[0]!.message).toMatch(/\(action “Sanctuary scheme”\)$/)
  })
})
