import { ROLE_LABELS, ROLES, type Role } from '../../../../core/access/roles.ts'

/**
 * Giving many people access at once from a spreadsheet: one person a row, with their name, e-mail
 * address, organisation, role and the person record they are. The whole file is checked first; every
 * problem is listed by row and column, and nothing is done unless every row is right.
 */
export const TEAM_SHEET_COLUMNS = [
  { key: 'name', header: 'Name', required: true, description: 'Their full name, for example Jo Bloggs', aliases: ['full name'] },
  { key: 'email', header: 'Email address', required: true, description: 'The address they sign in with, for example jo.bloggs@essex.police.uk', aliases: ['email', 'e-mail', 'e-mail address'] },
  { key: 'organisation', header: 'Organisation', required: false, description: 'The partner organisation they work for, by its name or short name as the partnership has it', aliases: ['organization', 'agency', 'partner'] },
  { key: 'role', header: 'Role', required: true, description: 'Admin, Coordinator, Lead or Member', aliases: [] },
  {
    key: 'person',
    header: 'Person record',
    required: false,
    description: 'Leave empty to add them to the partnership’s people; or the name of a person record already there (one with no account yet); or None',
    aliases: ['person', 'they are'],
  },
] as const
type ColumnKey = (typeof TEAM_SHEET_COLUMNS)[number]['key']

export const MAX_TEAM_ROWS = 500

export interface TeamSheetDirectory {
  organisations: { id: number; name: string; shortName: string | null }[]
  /** The partnership's people; userId is the account already linked, if any. */
  people: { id: number; name: string; organisationId: number | null; userId: number | null }[]
}

export type PersonChoice = { kind: 'new' } | { kind: 'existing'; id: number; name: string } | { kind: 'none' }

export interface TeamSheetEntry {
  row: number
  name: string
  email: string
  organisationId: number | null
  organisationName: string | null
  role: Role
  person: PersonChoice
}

export interface SheetProblem {
  row: number
  column: string
  message: string
}

export type TeamSheetResult = { ok: true; entries: TeamSheetEntry[] } | { ok: false; problems: SheetProblem[] }

const key = (text: string) => text.trim().toLowerCase().replace(/[’']/g, "'").replace(/\s+/g, ' ')
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

function headerOf(columnKey: ColumnKey): string {
  return TEAM_SHEET_COLUMNS.find(c => c.key === columnKey)!.header
}

export function readTeamSheet(rows: string[][], directory: TeamSheetDirectory): TeamSheetResult {
  const problems: SheetProblem[] = []
  const headerRowIndex = rows.findIndex(row => row.some(cell => cell.trim() !== ''))
  if (headerRowIndex < 0) return { ok: false, problems: [{ row: 1, column: '', message: 'The file is empty: put the column headings in the first row, then one person a row' }] }
  const headers = rows[headerRowIndex]!.map(key)
  const position = new Map<ColumnKey, number>()
  for (const column of TEAM_SHEET_COLUMNS) {
    const index = headers.findIndex(h => h === key(column.header) || column.aliases.some(alias => h === alias))
    if (index >= 0) position.set(column.key, index)
    else if (column.required) problems.push({ row: headerRowIndex + 1, column: column.header, message: `There is no “${column.header}” column: add it to the first row` })
  }
  if (problems.length) return { ok: false, problems }

  const data = rows
    .map((cells, index) => ({ cells, row: index + 1 }))
    .slice(headerRowIndex + 1)
    .filter(({ cells }) => cells.some(cell => cell.trim() !== ''))
  if (data.length === 0) return { ok: false, problems: [{ row: headerRowIndex + 2, column: '', message: 'The file has no people in it: one person a row, under the headings' }] }
  if (data.length > MAX_TEAM_ROWS) return { ok: false, problems: [{ row: headerRowIndex + 2 + MAX_TEAM_ROWS, column: '', message: `The file has ${data.length} people: give access to at most ${MAX_TEAM_ROWS} at once` }] }

  const organisations = new Map<string, TeamSheetDirectory['organisations'][number]>()
  for (const org of directory.organisations) {
    organisations.set(key(org.name), org)
    if (org.shortName) organisations.set(key(org.shortName), org)
  }
  const peopleByName = new Map<string, TeamSheetDirectory['people']>()
  for (const person of directory.people) peopleByName.set(key(person.name), [...(peopleByName.get(key(person.name)) ?? []), person])
  const emailRows = new Map<string, number>()
  const personRows = new Map<number, number>()
  const entries: TeamSheetEntry[] = []

  for (const { cells, row } of data) {
    const cell = (column: ColumnKey) => {
      const index = position.get(column)
      return index === undefined ? '' : (cells[index] ?? '').trim()
    }
    const problem = (column: ColumnKey, message: string) => problems.push({ row, column: headerOf(column), message })
    const name = cell('name')
    if (!name) problem('name', 'Enter their name')
    else if (name.length > 200) problem('name', 'Name must be 200 characters or fewer')

    const email = cell('email').toLowerCase()
    if (!email) problem('email', 'Enter their e-mail address')
    else if (!EMAIL.test(email) || email.length > 254) problem('email', `“${cell('email')}” is not an e-mail address: write it like name@example.org`)
    else if (emailRows.has(email)) problem('email', `${email} is also on row ${emailRows.get(email)}: give each person one row`)
    else emailRows.set(email, row)

    const roleText = key(cell('role'))
    const role = ROLES.find(r => r === roleText || key(ROLE_LABELS[r]) === roleText)
    if (!roleText) problem('role', 'Enter their role: Admin, Coordinator, Lead or Member')
    else if (!role) problem('role', `“${cell('role')}” is not a role: write Admin, Coordinator, Lead or Member`)

    const orgText = cell('organisation')
    const organisation = orgText ? organisations.get(key(orgText)) : undefined
    if (orgText && !organisation) problem('organisation', `There is no organisation “${orgText}” in the partnership: add it to the structure first, or correct the name`)

    const personText = cell('person')
    let person: PersonChoice = { kind: 'new' }
    if (key(personText) === 'none') person = { kind: 'none' }
    else if (personText) {
      const matches = (peopleByName.get(key(personText)) ?? []).filter(p => !organisation || p.organisationId === null || p.organisationId === organisation.id)
      const free = matches.filter(p => p.userId === null)
      if (matches.length === 0) problem('person', `There is no person record “${personText}”${organisation ? ` at ${organisation.name}` : ''}: leave the cell empty to add them, or correct the name`)
      else if (free.length === 0) problem('person', `The person record “${personText}” is already linked to an account`)
      else if (free.length > 1) problem('person', `There are ${free.length} person records called “${personText}”: give their organisation to tell them apart`)
      else if (personRows.has(free[0]!.id)) problem('person', `The person record “${personText}” is also on row ${personRows.get(free[0]!.id)}`)
      else {
        personRows.set(free[0]!.id, row)
        person = { kind: 'existing', id: free[0]!.id, name: free[0]!.name }
      }
    }
    if (name && email && role) {
      entries.push({ row, name, email, organisationId: organisation?.id ?? null, organisationName: organisation?.name ?? null, role, person })
    }
  }
  return problems.length ? { ok: false, problems } : { ok: true, entries }
}
