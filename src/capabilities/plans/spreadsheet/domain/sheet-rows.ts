import type { DraftAction, DraftPriority, DraftUpdate } from '../../domain/plan-draft.ts'
import { cleanText, linesOf } from '../../domain/plan-text.ts'
import { parseQuarters, QUARTERS } from '../../../../core/calendar/index.ts'

import { parseRag, type Rag } from '../../domain/rag.ts'
import type { ActionStatus } from '../../domain/schedule.ts'

import type { ColumnKey, SheetColumn } from './sheet-columns.ts'

/**
 * The cells of one row of the action plan sheet, read and checked: the priority's details on its first
 * row, and the action. Every problem is reported against its column; what can be read is returned.
 */

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

export type TextOf = (key: ColumnKey) => string | null
export type Problem = (key: ColumnKey, message: string) => void

export function readPriority(title: string, row: number, text: TextOf, cells: Map<ColumnKey, string>, problem: Problem): DraftPriority {
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

export function readAction(title: string, objective: string | null, row: number, text: TextOf, columns: readonly SheetColumn[], problem: Problem): DraftAction {
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
    // The further dimensions' RAGs of the quarter, each needed with the update.
    const otherRags: Record<string, Rag> = {}
    for (const c of columns.filter(c => c.dimensionId !== undefined && c.key.startsWith(`q${q}Rag`))) {
      const other = text(c.key)
      const parsed = other === null ? null : parseRag(other)
      if (parsed === undefined) problem(c.key, `${c.header} must be Red, Amber or Green (not “${other}”)`)
      else if (parsed === null && body !== null) problem(c.key, `Enter ${c.header}: Red, Amber or Green`)
      else if (parsed !== null && body === null) problem(`q${q}Update`, `Enter the Q${q} update, or leave ${c.header} empty`)
      else if (parsed) otherRags[String(c.dimensionId)] = parsed
    }
    if (body !== null) updates.push({ quarter: q, body, rag: rag ?? null, ...(Object.keys(otherRags).length ? { otherRags } : {}) })
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
    district: text('district'),
  }
}
