/**
 * The partnership's organisations, people and groups, looked up by the names people write in a plan:
 * an organisation by its name or short name ("Essex Police", "RDC"), a person by their name or role
 * ("Community Safety Officer"), or, where two people share a name, by name and organisation in brackets
 * ("Community Safety Officer (Rochford District Council)"). Case, spaces and curly quotes do not matter.
 */

export interface DirectoryOrganisation {
  id: number
  name: string
  shortName: string | null
}

export interface DirectoryPerson {
  id: number
  name: string
  organisationName: string | null
  organisationShortName: string | null
}

export interface DirectoryGroup {
  id: number
  name: string
  shortName: string | null
}

export interface DirectoryDistrict {
  id: number
  name: string
}

export interface Directory {
  organisations: DirectoryOrganisation[]
  people: DirectoryPerson[]
  groups: DirectoryGroup[]
  /** The partnership's districts; a joint partnership's actions may be for one of them. */
  districts?: DirectoryDistrict[]
}

/** Compare names as people see them: case, runs of spaces, curly quotes and dashes do not matter. */
export function nameKey(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[‘’‛`]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[‐‑‒–—]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
}

export type Lookup<T> = { ok: true; value: T } | { ok: false; message: string }

function quoted(name: string) {
  return `“${name}”`
}

function byName<T extends { name: string; shortName: string | null }>(items: readonly T[], name: string): T[] {
  const key = nameKey(name)
  const exact = items.filter(item => nameKey(item.name) === key)
  if (exact.length > 0) return exact
  return items.filter(item => item.shortName !== null && nameKey(item.shortName) === key)
}

export function findOrganisation(directory: Directory, name: string): Lookup<DirectoryOrganisation> {
  const found = byName(directory.organisations, name)
  if (found.length === 1) return { ok: true, value: found[0]! }
  if (found.length > 1) return { ok: false, message: `More than one organisation is called ${quoted(name)}: write its full name` }
  return { ok: false, message: `There is no organisation called ${quoted(name)} in the partnership. Add it under Partner organisations first, or check the spelling` }
}

export function findGroup(directory: Directory, name: string): Lookup<DirectoryGroup> {
  const found = byName(directory.groups, name)
  if (found.length === 1) return { ok: true, value: found[0]! }
  if (found.length > 1) return { ok: false, message: `More than one group is called ${quoted(name)}: write its full name` }
  return { ok: false, message: `There is no group called ${quoted(name)} in the partnership. Add it under Groups first, or check the spelling` }
}

export function findDistrict(directory: Directory, name: string): Lookup<DirectoryDistrict> {
  const key = nameKey(name)
  const found = (directory.districts ?? []).filter(d => nameKey(d.name) === key)
  if (found.length === 1) return { ok: true, value: found[0]! }
  return { ok: false, message: `There is no district called ${quoted(name)} in the partnership: write one of its districts, or leave it empty for the whole partnership` }
}

export function findPerson(directory: Directory, written: string): Lookup<DirectoryPerson> {
  const key = nameKey(written)
  const exact = directory.people.filter(person => nameKey(person.name) === key)
  if (exact.length === 1) return { ok: true, value: exact[0]! }
  // "Name (Organisation)": the organisation by its name or short name.
  const match = /^(.*\S)\s*\(([^()]+)\)$/.exec(written.trim())
  if (match) {
    const [, name, organisation] = match as unknown as [string, string, string]
    const orgKey = nameKey(organisation)
    const found = directory.people.filter(
      person =>
        nameKey(person.name) === nameKey(name) &&
        ((person.organisationName !== null && nameKey(person.organisationName) === orgKey) ||
          (person.organisationShortName !== null && nameKey(person.organisationShortName) === orgKey)),
    )
    if (found.length === 1) return { ok: true, value: found[0]! }
    if (found.length === 0 && exact.length === 0) {
      return { ok: false, message: `There is no ${quoted(name)} of ${quoted(organisation)} among the partnership’s people. Add them under People first, or check the spelling` }
    }
  }
  if (exact.length > 1) {
    const example = exact[0]!
    return {
      ok: false,
      message: `More than one person is called ${quoted(written)}: add their organisation in brackets, like ${quoted(personLabel(directory, example, true))}`,
    }
  }
  return { ok: false, message: `There is no one called ${quoted(written)} among the partnership’s people. Add them under People first, or check the spelling` }
}

/** How a person is written in a plan: their name, with the organisation in brackets when the name is shared. */
export function personLabel(directory: Directory, person: DirectoryPerson, forceOrganisation = false): string {
  const shared = forceOrganisation || directory.people.filter(other => nameKey(other.name) === nameKey(person.name)).length > 1
  return shared && person.organisationName ? `${person.name} (${person.organisationName})` : person.name
}
