import { nameKey } from '../../domain/directory.ts'
import type { DraftPriority, DraftProblem, DraftStrategicObjective } from '../../domain/plan-draft.ts'
import { cleanText } from '../../domain/plan-text.ts'

import {
  column,
  columnLetter,
  CURRENT_RAG_HEADER,
  parseRecordIds,
  RECORD_IDS_COLUMN,
  SHEET_COLUMNS,
  type ColumnKey,
  type RecordIds,
  type SheetColumn,
} from './sheet-columns.ts'
import { readAction, readPriority } from './sheet-rows.ts'

/**
 * Reading the action plan sheet: the heading row (each column, or one of its other names, in any order),
 * then one row per action, each priority's details taken from its first row. The cells of each row are read
 * and checked in sheet-rows.ts.
 */

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
  /** The strategic objectives above the priorities, in the order of their first row. */
  strategicObjectives: DraftStrategicObjective[]
  /** Each column heading found → its column letter in the file. */
  letters: Record<string, string>
  /** Whether the file has the record IDs column (an exported plan). */
  hasRecordIds: boolean
}

/** Problems in reading order: by row, then by column as the columns are ordered. */
export function sortProblems<T extends DraftProblem>(problems: readonly T[], columns: readonly SheetColumn[] = SHEET_COLUMNS): T[] {
  const position = (header: string) => {
    const index = columns.findIndex(c => c.header === header)
    return index === -1 ? columns.length : index
  }
  return [...problems].sort((a, b) => (a.row ?? 0) - (b.row ?? 0) || position(a.column) - position(b.column))
}

/** A cell written by our export with a leading apostrophe against formula injection reads as typed. */
function unneutralise(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value
}

const MAX_ROWS = 5000

interface Columns {
  indexOf: Map<ColumnKey, number>
  problems: SheetProblem[]
}

/** The heading row: each known column's index, and the problems of unknown, repeated or missing columns. */
function readHeadings(headerRow: readonly string[], columns: readonly SheetColumn[]): Columns {
  const problems: SheetProblem[] = []
  const byHeading = new Map<string, SheetColumn>()
  for (const c of [...columns, RECORD_IDS_COLUMN]) for (const heading of [c.header, ...(c.aliases ?? [])]) byHeading.set(nameKey(heading), c)
  const indexOf = new Map<ColumnKey, number>()
  headerRow.forEach((raw, index) => {
    const heading = cleanText(unneutralise(raw ?? ''))
    if (heading === '' || nameKey(heading) === nameKey(CURRENT_RAG_HEADER)) return
    const found = byHeading.get(nameKey(heading.replace(/\s*\(optional\)$/i, '')))
    if (!found) {
      problems.push({ row: 1, column: heading, letter: columnLetter(index), message: `The column “${heading}” is not in the template: rename it to one of the template’s columns, or delete it` })
    } else if (indexOf.has(found.key)) {
      problems.push({ row: 1, column: heading, letter: columnLetter(index), message: `There are two “${found.header}” columns: keep one` })
    } else {
      indexOf.set(found.key, index)
    }
  })
  for (const c of columns.filter(c => c.required)) {
    if (!indexOf.has(c.key)) problems.push({ row: 1, column: c.header, letter: null, message: `Add a column headed “${c.header}” in the first row` })
  }
  return { indexOf, problems }
}

/**
 * Read the rows of the action plan sheet (the first row holds the headings) with the partnership's columns
 * (sheetColumns). Cells are text; empty rows are skipped. Returns every problem found, by row and column,
 * and the plan's contents.
 */
export function readSheet(rows: readonly (readonly string[])[], columns: readonly SheetColumn[] = SHEET_COLUMNS): SheetReading {
  const { indexOf, problems } = readHeadings(rows[0] ?? [], columns)
  const none = { priorities: [], strategicObjectives: [], letters: {}, hasRecordIds: false }
  if (rows.length > MAX_ROWS + 1) {
    problems.push({ row: null, column: '', letter: null, message: `The file has more than ${MAX_ROWS} rows: split it into several plans` })
  }
  if (problems.some(p => p.row === 1 && /Add a column|two “/.test(p.message)) || problems.some(p => p.row === null)) {
    return { ok: false, problems, ...none }
  }

  const priorities: DraftPriority[] = []
  const strategicObjectives: DraftStrategicObjective[] = []
  const firstRowOf = new Map<string, { row: number; cells: Map<ColumnKey, string>; priority: DraftPriority }>()
  const actionColumns = columns.filter(c => c.level === 'action' && c.key !== 'action' && c.key !== 'objective')
  let dataRows = 0

  const declareStrategicObjective = (title: string, row: number, id: number | undefined) => {
    const found = strategicObjectives.find(o => nameKey(o.title) === nameKey(title))
    if (found) return found
    const objective: DraftStrategicObjective = { row, title, description: null, ...(id !== undefined ? { id } : {}) }
    strategicObjectives.push(objective)
    return objective
  }

  for (let r = 1; r < rows.length; r++) {
    const row = r + 1
    const cells = new Map<ColumnKey, string>()
    for (const [key, index] of indexOf) cells.set(key, unneutralise(String(rows[r]?.[index] ?? '')))
    if ([...cells].every(([key, value]) => key === 'recordIds' || value.trim() === '')) continue
    dataRows++
    const problem = (key: ColumnKey, message: string) => problems.push({ row, column: column(key, columns).header, letter: indexOf.has(key) ? columnLetter(indexOf.get(key)!) : null, message })
    const text = (key: ColumnKey): string | null => {
      const value = cleanText(cells.get(key) ?? '')
      if (value.length > column(key, columns).maxLength) problem(key, `${column(key, columns).header} must be ${column(key, columns).maxLength.toLocaleString('en-GB')} characters or fewer`)
      return value === '' ? null : value
    }
    const idsText = text('recordIds') ?? ''
    const ids: RecordIds = parseRecordIds(idsText) ?? {}
    if (parseRecordIds(idsText) === null) problem('recordIds', `The record IDs “${idsText}” cannot be read: copy them back from the exported file, or leave the cell empty on a new row`)

    // A strategic objective above the priorities, and a row that only declares one.
    const strategic = text('strategicObjective')
    const title = text('priority')
    if (title === null) {
      const filled = actionColumns.concat(columns.filter(c => c.key === 'action' || c.key === 'objective')).filter(c => cleanText(cells.get(c.key) ?? '') !== '')
      if (strategic !== null && filled.length === 0) {
        declareStrategicObjective(strategic, row, ids.strategicObjective)
        continue
      }
      problem('priority', 'Enter the priority this row belongs to')
      continue
    }

    // The priority, and its details on its first row.
    const key = nameKey(title)
    let entry = firstRowOf.get(key)
    if (!entry) {
      const priority = readPriority(title, row, text, cells, problem)
      if (strategic !== null) priority.strategicObjective = declareStrategicObjective(strategic, row, ids.strategicObjective).title
      if (ids.priority !== undefined) priority.priorityId = ids.priority
      entry = { row, cells, priority }
      firstRowOf.set(key, entry)
      priorities.push(priority)
    } else {
      for (const c of columns.filter(c => c.level === 'priority' && c.key !== 'priority')) {
        const value = cleanText(cells.get(c.key) ?? '')
        const first = cleanText(entry.cells.get(c.key) ?? '')
        if (value !== '' && value !== first) problem(c.key, `${c.header} is different from row ${entry.row}, where this priority first appears: give the same on every row of the priority, or leave it empty`)
      }
      if (ids.priority !== undefined && entry.priority.priorityId !== undefined && ids.priority !== entry.priority.priorityId) {
        problem('recordIds', `This row’s priority ID (P${ids.priority}) is not that of row ${entry.row} (P${entry.priority.priorityId}), though the priority has the same words: give each priority its own words`)
      }
    }
    const priority = entry.priority

    // The objective.
    const objective = text('objective')
    if (objective !== null && !priority.objectives.some(o => nameKey(o) === nameKey(objective))) priority.objectives.push(objective)
    const objectiveTitle = objective === null ? null : priority.objectives.find(o => nameKey(o) === nameKey(objective))!
    if (objectiveTitle !== null && ids.objective !== undefined) priority.objectiveIds = { ...priority.objectiveIds, [nameKey(objectiveTitle)]: ids.objective }

    // The action.
    const actionTitle = text('action')
    if (actionTitle === null) {
      const filled = actionColumns.filter(c => cleanText(cells.get(c.key) ?? '') !== '')
      if (filled.length > 0) problem('action', `Enter the action: this row has ${filled.map(c => c.header).join(', ')} but no action`)
      continue
    }
    const action = readAction(actionTitle, objectiveTitle, row, text, columns, problem)
    if (ids.action !== undefined) action.actionId = ids.action
    priority.actions.push(action)
  }
  if (dataRows === 0 && problems.length === 0) {
    problems.push({ row: null, column: '', letter: null, message: 'The file has no rows under the headings: add one row per action' })
  }
  const letters: Record<string, string> = {}
  for (const [key, index] of indexOf) letters[column(key, columns).header] = columnLetter(index)
  return { ok: problems.length === 0, problems, priorities, strategicObjectives, letters, hasRecordIds: indexOf.has('recordIds') }
}
