import { nameKey } from './directory.ts'
import type { DraftAction, DraftPriority, DraftProblem, DraftUpdate } from './plan-draft.ts'
import { formatQuarters, parseQuarters, QUARTERS, type Quarter } from './quarters.ts'
import { parseRag, RAG_LABELS } from './rag.ts'
import { ACTION_STATUS_LABELS, type ActionStatus } from './schedule.ts'

/**
 * The action plan spreadsheet: one row per action, with the priority's details (and the objective)
 * repeated on each row of the priority. The same columns are read by the import and written by the
 * export, so an exported plan imports again exactly.
 *
 * - A row with a priority but no action declares the priority (and its objective, if one is given)
 *   without actions yet.
 * - On the second and later rows of a priority, its details may be left blank; if they are given they
 *   must be the same as on its first row.
 * - Lists (sub-themes, outcomes, risks) have one item per line in the cell (Alt+Enter in Excel). Names of
 *   organisations and people go one per line, or separated by semicolons.
 * - Key risks and mitigating actions pair up by line: the mitigation on line 2 is for the risk on line 2.
 */

export type ColumnKey =
  | 'priority'
  | 'subThemes'
  | 'headlineTarget'
  | 'deliveringGroup'
  | 'resources'
  | 'keyRisks'
  | 'mitigations'
  | 'progressComment'
  | 'objective'
  | 'action'
  | 'outcomes'
  | 'leadOrganisations'
  | 'leadPeople'
  | 'leadNote'
  | 'supportingPartners'
  | 'quarters'
  | 'dueDate'
  | 'timescaleNote'
  | 'dependencies'
  | 'status'
  | `q${Quarter}Update`
  | `q${Quarter}Rag`

export interface SheetColumn {
  key: ColumnKey
  header: string
  /** Other headings accepted on import (as in the seeds' Word tables). */
  aliases?: string[]
  level: 'priority' | 'action'
  required?: boolean
  maxLength: number
  description: string
  example: string
}

const PRIORITY_COLUMNS: SheetColumn[] = [
  {
    key: 'priority',
    header: 'Priority',
    aliases: ['Strategic priority', 'Priorities'],
    level: 'priority',
    required: true,
    maxLength: 300,
    description: 'The priority the action delivers. Repeat it on every row of the priority. Priorities appear in the order of their first row.',
    example: 'Safeguarding vulnerable people from harm',
  },
  {
    key: 'subThemes',
    header: 'Sub-themes',
    aliases: ['Sub themes', 'Themes'],
    level: 'priority',
    maxLength: 2000,
    description: 'Optional. One per line, for example Domestic abuse, then Hidden harm.',
    example: 'Domestic abuse\nHidden harm',
  },
  {
    key: 'headlineTarget',
    header: 'Headline target',
    aliases: ['Target'],
    level: 'priority',
    maxLength: 1000,
    description: 'Optional. The priority’s target, in words.',
    example: 'Reduce repeat incidents of domestic abuse by 5% by March 2017',
  },
  {
    key: 'deliveringGroup',
    header: 'Delivering group',
    aliases: ['Sub group', 'Sub-group', 'Group'],
    level: 'priority',
    maxLength: 300,
    description: 'Optional. The group that delivers the priority: the name (or short name) of one of the partnership’s groups.',
    example: 'Domestic Abuse Panel',
  },
  {
    key: 'resources',
    header: 'Resources',
    aliases: ['CSP resources'],
    level: 'priority',
    maxLength: 5000,
    description: 'Optional. Money and staff time given to the priority, in words.',
    example: '£5K CSP allocation',
  },
  {
    key: 'keyRisks',
    header: 'Key risks',
    aliases: ['Key risks to achieving'],
    level: 'priority',
    maxLength: 5000,
    description: 'Optional. One risk per line.',
    example: 'Schools not engaging',
  },
  {
    key: 'mitigations',
    header: 'Mitigating actions',
    aliases: ['Key actions to mitigate risk', 'Mitigations'],
    level: 'priority',
    maxLength: 5000,
    description: 'Optional. The mitigation of each risk on the same line as the risk; leave a line empty where a risk has none.',
    example: 'Domestic Abuse Reduction Officer to contact head teachers',
  },
  {
    key: 'progressComment',
    header: 'Progress comment',
    aliases: ['Progress/comments', 'Progress comments'],
    level: 'priority',
    maxLength: 5000,
    description: 'Optional. A comment on the priority’s progress as a whole.',
    example: '',
  },
]

const ACTION_COLUMNS: SheetColumn[] = [
  {
    key: 'objective',
    header: 'Strategic objective',
    aliases: ['Objective'],
    level: 'action',
    maxLength: 1000,
    description: 'Optional. The objective the action sits under; leave empty when the action sits directly under the priority.',
    example: 'To raise awareness of domestic abuse and encourage reporting',
  },
  {
    key: 'action',
    header: 'Action',
    aliases: ['Actions', 'Key milestone', 'Key milestones', 'Milestone'],
    level: 'action',
    required: true,
    maxLength: 2000,
    description: 'What will be done. Leave empty only on a row that adds a priority or objective with no actions yet.',
    example: 'Re-introduce the J9 scheme in both districts',
  },
  {
    key: 'outcomes',
    header: 'Outcomes and measures',
    aliases: ['Outcomes / measures', 'Outcomes/measures', 'Outcomes and outputs', 'Outcomes'],
    level: 'action',
    maxLength: 5000,
    description: 'Optional. One outcome or measure per line.',
    example: 'Partner agencies trained and signed up to J9 principles',
  },
  {
    key: 'leadOrganisations',
    header: 'Lead organisations',
    aliases: ['Lead agency', 'Lead agencies'],
    level: 'action',
    maxLength: 2000,
    description: 'Optional. Names (or short names) of the partnership’s organisations, one per line or separated by semicolons.',
    example: 'Essex County Council; Rochford District Council',
  },
  {
    key: 'leadPeople',
    header: 'Lead people',
    aliases: ['Lead officer', 'Lead officers'],
    level: 'action',
    maxLength: 2000,
    description:
      'Optional. People of the partnership, by the name or role they are recorded under, one per line or separated by semicolons. Where two share a name, add the organisation in brackets. Lead people can post the action’s updates.',
    example: 'Community Safety Officer (Rochford District Council)',
  },
  {
    key: 'leadNote',
    header: 'Lead (as written)',
    aliases: ['Lead'],
    level: 'action',
    maxLength: 1000,
    description: 'Optional. The lead as the plan words it, for leads that are not single records, such as “All partners”.',
    example: 'ECC domestic abuse provider',
  },
  {
    key: 'supportingPartners',
    header: 'Supporting partners',
    aliases: ['Partners'],
    level: 'action',
    maxLength: 2000,
    description: 'Optional. Organisations that support the action but do not lead it, as in Lead organisations.',
    example: 'Safer Places',
  },
  {
    key: 'quarters',
    header: 'Timescale (quarters)',
    aliases: ['Timescale', 'Timescales', 'Quarters'],
    level: 'action',
    maxLength: 50,
    description: 'Optional. Quarters of the plan year (April to March): Q1–4, Q3, Q2–4 or Q1, Q3. Updates are expected in these quarters.',
    example: 'Q1–4',
  },
  {
    key: 'dueDate',
    header: 'Due date',
    level: 'action',
    maxLength: 30,
    description: 'Optional. A date, like 31/03/2017 or 2017-03-31.',
    example: '2016-10-31',
  },
  {
    key: 'timescaleNote',
    header: 'Timescale note',
    level: 'action',
    maxLength: 1000,
    description: 'Optional. Anything else about timing, such as “August” or “Ongoing”.',
    example: 'Training booked for October',
  },
  {
    key: 'dependencies',
    header: 'Dependencies',
    level: 'action',
    maxLength: 2000,
    description: 'Optional. What the action depends on.',
    example: 'Dependencies on education capacity',
  },
  {
    key: 'status',
    header: 'Status',
    level: 'action',
    maxLength: 30,
    description: 'Optional: Open (the default), Complete or Cancelled. Only open actions are carried into next year’s plan.',
    example: 'Open',
  },
]

const UPDATE_COLUMNS: SheetColumn[] = QUARTERS.flatMap(q => [
  {
    key: `q${q}Update` as const,
    header: `Q${q} update`,
    level: 'action' as const,
    maxLength: 5000,
    description: `Optional. The quarter ${q} update, if the plan already has one.`,
    example: q === 1 ? 'J9 training sessions booked for October' : '',
  },
  {
    key: `q${q}Rag` as const,
    header: `Q${q} RAG`,
    level: 'action' as const,
    maxLength: 10,
    description: `Optional. Red, Amber or Green (or R, A, G) for the Q${q} update.`,
    example: q === 1 ? 'Green' : '',
  },
])

export const SHEET_COLUMNS: readonly SheetColumn[] = [...PRIORITY_COLUMNS, ...ACTION_COLUMNS, ...UPDATE_COLUMNS]
export const SHEET_NAME = 'Action plan'

/**
 * A column the export adds after the plan's own, worked out from the update columns: the action's current
 * RAG, as the plan pages show it (that of the latest quarter's update). The import accepts it and ignores
 * it, so an exported plan still imports exactly; the template leaves it out.
 */
export const CURRENT_RAG_HEADER = 'Current RAG'

/** The headings of an exported plan: the template's, then the current RAG. */
export function exportHeaders(): string[] {
  return [...sheetHeaders(), CURRENT_RAG_HEADER]
}

/** An action's current RAG in words: its latest quarter's update's RAG, "No RAG given" or "No update yet", as the plan pages say. */
export function currentRagText(action: Pick<DraftAction, 'updates'>): string {
  const latest = [...action.updates].sort((a, b) => b.quarter - a.quarter)[0]
  if (!latest) return 'No update yet'
  return latest.rag ? RAG_LABELS[latest.rag] : 'No RAG given'
}

const column = (key: ColumnKey) => SHEET_COLUMNS.find(c => c.key === key)!

/** "A", "B", … "Z", "AA": the spreadsheet's letter for a column (0-based index). */
export function columnLetter(index: number): string {
  let n = index + 1
  let out = ''
  while (n > 0) {
    const rem = (n - 1) % 26
    out = String.fromCharCode(65 + rem) + out
    n = Math.floor((n - 1) / 26)
  }
  return out
}

// --- Reading ---------------------------------------------------------------------------------------

export interface SheetProblem extends DraftProblem {
  /** The spreadsheet's column letter, when the column is in the file. */
  letter: string | null
}

/**
 * What reading a sheet gives: every problem, and the plan as far as it could be read (so that the names
 * in it can be checked in the same pass). The plan is good to import only when there are no problems.
 */
export interface SheetReading {
  ok: boolean
  problems: SheetProblem[]
  priorities: DraftPriority[]
  /** Each template heading found → its column letter in the file. */
  letters: Record<string, string>
}

/** Problems in reading order: by row, then by column as the template orders them. */
export function sortProblems<T extends DraftProblem>(problems: readonly T[]): T[] {
  const position = (column: string) => {
    const index = SHEET_COLUMNS.findIndex(c => c.header === column)
    return index === -1 ? SHEET_COLUMNS.length : index
  }
  return [...problems].sort((a, b) => (a.row ?? 0) - (b.row ?? 0) || position(a.column) - position(b.column))
}

/** A cell written by our export with a leading apostrophe against formula injection reads as typed. */
function unneutralise(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value
}

/** Line breaks as \n, spaces trimmed at both ends. */
export function cleanText(value: string): string {
  return value.replace(/\r\n?/g, '\n').trim()
}

/** The non-empty lines of a cell, each trimmed. */
export function linesOf(value: string): string[] {
  return cleanText(value)
    .split('\n')
    .map(line => line.trim())
    .filter(Boolean)
}

/** Names separated by new lines or semicolons. */
export function namesOf(value: string): string[] {
  return cleanText(value)
    .split(/[\n;]/)
    .map(name => name.trim())
    .filter(Boolean)
}

const NO_MITIGATION = new Set(['', '-', '–', '—', 'n/a', 'none'])

/** A date as people write it: 2017-03-31, 31/03/2017 or 31/3/17. Returns 'YYYY-MM-DD' or null. */
export function parseSheetDate(value: string): string | null {
  const text = value.trim()
  let y: number, m: number, d: number
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text)
  if (match) {
    ;[y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])]
  } else if ((match = /^(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})$/.exec(text))) {
    ;[d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])]
    if (y < 100) y += 2000
  } else {
    return null
  }
  const date = new Date(Date.UTC(y, m - 1, d))
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

function parseStatus(value: string): ActionStatus | undefined {
  const key = value.trim().toLowerCase()
  if (key === '' || key === 'open' || key === 'ongoing' || key === 'in progress') return 'open'
  if (key === 'complete' || key === 'completed' || key === 'done') return 'complete'
  if (key === 'cancelled' || key === 'canceled') return 'cancelled'
  return undefined
}

const MAX_ROWS = 5000

/**
 * Read the rows of the action plan sheet (the first row holds the headings). Cells are text; empty rows
 * are skipped. Returns every problem found, by row and column, or the plan's contents.
 */
export function readSheet(rows: readonly (readonly string[])[]): SheetReading {
  const problems: SheetProblem[] = []
  const headerRow = rows[0] ?? []
  const byHeading = new Map<string, SheetColumn>()
  for (const c of SHEET_COLUMNS) for (const heading of [c.header, ...(c.aliases ?? [])]) byHeading.set(nameKey(heading), c)

  const indexOf = new Map<ColumnKey, number>()
  headerRow.forEach((raw, index) => {
    const heading = cleanText(unneutralise(raw ?? ''))
    if (heading === '' || nameKey(heading) === nameKey(CURRENT_RAG_HEADER)) return
    const found = byHeading.get(nameKey(heading.replace(/\s*\(optional\)$/i, '')))
    if (!found) {
      problems.push({
        row: 1,
        column: heading,
        letter: columnLetter(index),
        message: `The column “${heading}” is not in the template: rename it to one of the template’s columns, or delete it`,
      })
    } else if (indexOf.has(found.key)) {
      problems.push({ row: 1, column: heading, letter: columnLetter(index), message: `There are two “${found.header}” columns: keep one` })
    } else {
      indexOf.set(found.key, index)
    }
  })
  for (const c of SHEET_COLUMNS.filter(c => c.required)) {
    if (!indexOf.has(c.key)) problems.push({ row: 1, column: c.header, letter: null, message: `Add a column headed “${c.header}” in the first row` })
  }
  if (rows.length > MAX_ROWS + 1) {
    problems.push({ row: null, column: '', letter: null, message: `The file has more than ${MAX_ROWS} rows: split it into several plans` })
  }
  if (problems.some(p => p.row === 1 && /Add a column|two “/.test(p.message)) || problems.some(p => p.row === null)) {
    return { ok: false, problems, priorities: [], letters: {} }
  }

  const priorities: DraftPriority[] = []
  const firstRowOf = new Map<string, { row: number; cells: Map<ColumnKey, string>; priority: DraftPriority }>()
  let dataRows = 0

  for (let r = 1; r < rows.length; r++) {
    const row = r + 1
    const cells = new Map<ColumnKey, string>()
    for (const [key, index] of indexOf) cells.set(key, unneutralise(String(rows[r]?.[index] ?? '')))
    if ([...cells.values()].every(value => value.trim() === '')) continue
    dataRows++
    const problem = (key: ColumnKey, message: string) =>
      problems.push({ row, column: column(key).header, letter: indexOf.has(key) ? columnLetter(indexOf.get(key)!) : null, message })
    const text = (key: ColumnKey): string | null => {
      const value = cleanText(cells.get(key) ?? '')
      if (value.length > column(key).maxLength) {
        problem(key, `${column(key).header} must be ${column(key).maxLength.toLocaleString('en-GB')} characters or fewer`)
      }
      return value === '' ? null : value
    }

    // The priority, and its details on its first row.
    const title = text('priority')
    if (title === null) {
      problem('priority', 'Enter the priority this row belongs to')
      continue
    }
    const key = nameKey(title)
    let entry = firstRowOf.get(key)
    if (!entry) {
      const priority = readPriority(title, row, text, cells, problem)
      entry = { row, cells, priority }
      firstRowOf.set(key, entry)
      priorities.push(priority)
    } else {
      for (const c of PRIORITY_COLUMNS) {
        if (c.key === 'priority') continue
        const value = cleanText(cells.get(c.key) ?? '')
        const first = cleanText(entry.cells.get(c.key) ?? '')
        if (value !== '' && value !== first) {
          problem(c.key, `${c.header} is different from row ${entry.row}, where this priority first appears: give the same on every row of the priority, or leave it empty`)
        }
      }
    }
    const priority = entry.priority

    // The objective.
    const objective = text('objective')
    if (objective !== null && !priority.objectives.some(o => nameKey(o) === nameKey(objective))) priority.objectives.push(objective)
    const objectiveTitle = objective === null ? null : priority.objectives.find(o => nameKey(o) === nameKey(objective))!

    // The action.
    const actionTitle = text('action')
    const actionCells = ACTION_COLUMNS.filter(c => c.key !== 'action' && c.key !== 'objective').concat(UPDATE_COLUMNS)
    if (actionTitle === null) {
      const filled = actionCells.filter(c => cleanText(cells.get(c.key) ?? '') !== '')
      if (filled.length > 0) problem('action', `Enter the action: this row has ${filled.map(c => c.header).join(', ')} but no action`)
      continue
    }
    const action = readAction(actionTitle, objectiveTitle, row, text, cells, problem)
    priority.actions.push(action)
  }
  if (dataRows === 0 && problems.length === 0) {
    problems.push({ row: null, column: '', letter: null, message: 'The file has no rows under the headings: add one row per action' })
  }
  const letters: Record<string, string> = {}
  for (const [key, index] of indexOf) letters[column(key).header] = columnLetter(index)
  return { ok: problems.length === 0, problems, priorities, letters }
}

type TextOf = (key: ColumnKey) => string | null
type Problem = (key: ColumnKey, message: string) => void

function readPriority(title: string, row: number, text: TextOf, cells: Map<ColumnKey, string>, problem: Problem): DraftPriority {
  const riskLines = linesOf(cells.get('keyRisks') ?? '')
  text('keyRisks')
  text('mitigations')
  // Mitigations pair with risks by line, so empty lines in the middle count; trailing ones do not.
  const mitigationLines = (cells.get('mitigations') ?? '').replace(/\r\n?/g, '\n').split('\n').map(line => line.trim())
  while (mitigationLines.length > 0 && mitigationLines.at(-1) === '') mitigationLines.pop()
  if (riskLines.length === 0 && mitigationLines.length > 0) {
    problem('mitigations', 'There are mitigating actions but no key risks: put each risk in Key risks, on the same line as its mitigation')
  } else if (mitigationLines.length > riskLines.length) {
    problem('mitigations', `There are ${mitigationLines.length} lines of mitigating actions but only ${riskLines.length} key ${riskLines.length === 1 ? 'risk' : 'risks'}: put each mitigation on the same line as its risk`)
  }
  return {
    row,
    title,
    subThemes: linesOf(text('subThemes') ?? ''),
    headlineTarget: text('headlineTarget'),
    deliveringGroup: text('deliveringGroup'),
    resources: text('resources'),
    risks: riskLines.map((risk, i) => {
      const mitigation = mitigationLines[i] ?? ''
      return { risk, mitigation: NO_MITIGATION.has(mitigation.toLowerCase()) ? null : mitigation }
    }),
    progressComment: text('progressComment'),
    objectives: [],
    actions: [],
  }
}

function readAction(title: string, objective: string | null, row: number, text: TextOf, cells: Map<ColumnKey, string>, problem: Problem): DraftAction {
  const quartersText = text('quarters') ?? ''
  const quarters = parseQuarters(quartersText)
  if (quarters === null) problem('quarters', `Write the timescale as quarters, like Q1–4, Q3 or Q1, Q3 (not “${quartersText}”)`)
  const dueText = text('dueDate')
  const dueDate = dueText === null ? null : parseSheetDate(dueText)
  if (dueText !== null && dueDate === null) problem('dueDate', `Enter the due date as a real date, like 31/03/2017 (not “${dueText}”)`)
  const statusText = text('status') ?? ''
  const status = parseStatus(statusText)
  if (status === undefined) problem('status', `Status must be Open, Complete or Cancelled (not “${statusText}”)`)

  const updates: DraftUpdate[] = []
  for (const q of QUARTERS) {
    const body = text(`q${q}Update`)
    const ragText = text(`q${q}Rag`)
    const rag = ragText === null ? null : parseRag(ragText)
    if (rag === undefined) problem(`q${q}Rag`, `Q${q} RAG must be Red, Amber or Green (not “${ragText}”)`)
    if (body === null && ragText !== null) problem(`q${q}Update`, `Enter the Q${q} update, or leave Q${q} RAG empty`)
    if (body !== null) updates.push({ quarter: q, body, rag: rag ?? null })
  }
  return {
    row,
    objective,
    title,
    outcomes: linesOf(text('outcomes') ?? ''),
    leadOrganisations: namesOf(text('leadOrganisations') ?? ''),
    leadPeople: namesOf(text('leadPeople') ?? ''),
    leadNote: text('leadNote'),
    supportingPartners: namesOf(text('supportingPartners') ?? ''),
    quarters: quarters ?? [],
    dueDate,
    timescaleNote: text('timescaleNote'),
    dependencies: text('dependencies'),
    status: status ?? 'open',
    updates,
  }
}

// --- Writing ---------------------------------------------------------------------------------------

export function sheetHeaders(): string[] {
  return SHEET_COLUMNS.map(c => c.header)
}

/**
 * The rows of a plan (without the heading row). Each priority's actions come in order: those directly
 * under the priority first, then each objective's in turn. A priority or objective with no actions gets
 * a row of its own.
 */
export function writeSheet(priorities: readonly DraftPriority[], options: { currentRag?: boolean } = {}): string[][] {
  const rows: string[][] = []
  for (const priority of priorities) {
    const priorityCells: Partial<Record<ColumnKey, string>> = {
      priority: priority.title,
      subThemes: priority.subThemes.join('\n'),
      headlineTarget: priority.headlineTarget ?? '',
      deliveringGroup: priority.deliveringGroup ?? '',
      resources: priority.resources ?? '',
      keyRisks: priority.risks.map(r => r.risk).join('\n'),
      mitigations: priority.risks.some(r => r.mitigation) ? priority.risks.map(r => r.mitigation ?? '').join('\n') : '',
      progressComment: priority.progressComment ?? '',
    }
    const emit = (cells: Partial<Record<ColumnKey, string>>, action?: DraftAction) =>
      rows.push([...SHEET_COLUMNS.map(c => cells[c.key] ?? ''), ...(options.currentRag ? [action ? currentRagText(action) : ''] : [])])
    const groups: (string | null)[] = [null, ...priority.objectives]
    let wrote = false
    for (const objective of groups) {
      const actions = priority.actions.filter(a => (a.objective === null ? objective === null : objective !== null && nameKey(a.objective) === nameKey(objective)))
      if (actions.length === 0 && objective !== null) {
        emit({ ...priorityCells, objective })
        wrote = true
      }
      for (const action of actions) {
        const cells: Partial<Record<ColumnKey, string>> = {
          ...priorityCells,
          objective: objective ?? '',
          action: action.title,
          outcomes: action.outcomes.join('\n'),
          leadOrganisations: action.leadOrganisations.join('\n'),
          leadPeople: action.leadPeople.join('\n'),
          leadNote: action.leadNote ?? '',
          supportingPartners: action.supportingPartners.join('\n'),
          quarters: formatQuarters(action.quarters),
          dueDate: action.dueDate ?? '',
          timescaleNote: action.timescaleNote ?? '',
          dependencies: action.dependencies ?? '',
          status: ACTION_STATUS_LABELS[action.status],
        }
        for (const update of action.updates) {
          cells[`q${update.quarter}Update`] = update.body
          cells[`q${update.quarter}Rag`] = update.rag ? RAG_LABELS[update.rag] : ''
        }
        emit(cells, action)
        wrote = true
      }
    }
    if (!wrote) emit(priorityCells)
  }
  return rows
}
