import { nameKey } from '../../domain/directory.ts'
import type { DraftPriority, DraftProblem } from '../../domain/plan-draft.ts'
import { cleanText } from '../../domain/plan-text.ts'

import { ACTION_COLUMNS, column, columnLetter, CURRENT_RAG_HEADER, PRIORITY_COLUMNS, SHEET_COLUMNS, UPDATE_COLUMNS, type ColumnKey, type SheetColumn } from './sheet-columns.ts'
import { readAction, readPriority } from './sheet-rows.ts'

/**
 * Reading the action plan sheet: the heading row (each template column, or one of its other names, in
 * any order), then one row per action, each priority's details taken from its first row. The cells of
 * each row are read and checked in sheet-rows.ts.
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
