import { describe, expect, it } from 'vitest'

import { readTeamSheet, type TeamSheetDirectory } from './team-sheet.ts'

const directory: TeamSheetDirectory = {
  organisations: [
    { id: 1, name: 'Essex Police', shortName: null },
    { id: 2, name: 'Rochford District Council', shortName: 'RDC' },
  ],
  people: [
    { id: 10, name: 'District Commander', organisationId: 1, userId: null },
    { id: 11, name: 'Community Safety Officer', organisationId: 2, userId: 99 },
    { id: 12, name: 'Youth Worker', organisationId: null, userId: null },
    { id: 13, name: 'Youth Worker', organisationId: 2, userId: null },
  ],
}
const HEADERS = ['Name', 'Email address', 'Organisation', 'Role', 'Person record']

describe('reading the spreadsheet of people to give access', () => {
  it('reads each row: organisations by name or short name, roles in any case, person records by name or new', () => {
    const result = readTeamSheet(
      [
        HEADERS,
        ['Jo Bloggs', 'Jo.Bloggs@Essex.Police.uk', 'Essex Police', 'lead', 'District Commander'],
        ['', '', '', '', ''],
        ['Sam Smith', 'sam@rochford.gov.uk', 'rdc', 'Coordinator', ''],
        ['Cllr Lee', 'lee@rochford.gov.uk', '', 'MEMBER', 'none'],
      ],
      directory,
    )
    expect(result).toEqual({
      ok: true,
      entries: [
        { row: 2, name: 'Jo Bloggs', email: 'jo.bloggs@essex.police.uk', organisationId: 1, organisationName: 'Essex Police', role: 'lead', person: { kind: 'existing', id: 10, name: 'District Commander' } },
        { row: 4, name: 'Sam Smith', email: 'sam@rochford.gov.uk', organisationId: 2, organisationName: 'Rochford District Council', role: 'coordinator', person: { kind: 'new' } },
        { row: 5, name: 'Cllr Lee', email: 'lee@rochford.gov.uk', organisationId: null, organisationName: null, role: 'member', person: { kind: 'none' } },
      ],
    })
  })

  it('takes the columns in any order, and leaves out the optional ones', () => {
    const result = readTeamSheet([['Role', 'E-mail', 'Full name'], ['Member', 'a@b.org', 'A B']], directory)
    expect(result.ok && result.entries.map(e => [e.name, e.email, e.role, e.person.kind])).toEqual([['A B', 'a@b.org', 'member', 'new']])
  })

  it('lists every problem by row and column, and gives no entries', () => {
    const result = readTeamSheet(
      [
        HEADERS,
        ['', 'not-an-address', 'Essex Fire', 'Boss', 'Nobody'],
        ['Jo', 'jo@example.org', '', 'Lead', 'Community Safety Officer'],
        ['Jo again', 'JO@example.org', '', 'Lead', 'Youth Worker'],
        ['Kim', 'kim@example.org', '', 'Lead', 'District Commander'],
        ['Lou', 'lou@example.org', 'Essex Police', 'Lead', 'District Commander'],
      ],
      directory,
    )
    expect(result).toEqual({
      ok: false,
      problems: [
        { row: 2, column: 'Name', message: 'Enter their name' },
        { row: 2, column: 'Email address', message: '“not-an-address” is not an e-mail address: write it like name@example.org' },
        { row: 2, column: 'Role', message: '“Boss” is not a role: write Admin, Coordinator, Lead or Member' },
        { row: 2, column: 'Organisation', message: 'There is no organisation “Essex Fire” in the partnership: add it to the structure first, or correct the name' },
        { row: 2, column: 'Person record', message: 'There is no person record “Nobody”: leave the cell empty to add them, or correct the name' },
        { row: 3, column: 'Person record', message: 'The person record “Community Safety Officer” is already linked to an account' },
        { row: 4, column: 'Email address', message: 'jo@example.org is also on row 3: give each person one row' },
        { row: 4, column: 'Person record', message: 'There are 2 person records called “Youth Worker”: give their organisation to tell them apart' },
        { row: 6, column: 'Person record', message: 'The person record “District Commander” is also on row 5' },
      ],
    })
  })

  it('names a missing heading, and an empty file', () => {
    expect(readTeamSheet([['Name', 'Role']], directory)).toEqual({ ok: false, problems: [{ row: 1, column: 'Email address', message: 'There is no “Email address” column: add it to the first row' }] })
    expect(readTeamSheet([], directory)).toEqual({ ok: false, problems: [{ row: 1, column: '', message: 'The file is empty: put the column headings in the first row, then one person a row' }] })
    expect(readTeamSheet([HEADERS], directory)).toEqual({ ok: false, problems: [{ row: 2, column: '', message: 'The file has no people in it: one person a row, under the headings' }] })
  })
})
