import type { Quarter } from '../../../core/calendar/index.ts'

/**
 * RAG statuses of quarterly updates. The words are the partnership's: the defaults below follow the
 * way CSPs report to their steering group, and a partnership may reword them.
 */
export const RAGS = ['red', 'amber', 'green'] as const
export type Rag = (typeof RAGS)[number]

export const RAG_LABELS: Record<Rag, string> = { red: 'Red', amber: 'Amber', green: 'Green' }

export type RagDefinitions = Record<Rag, string>

export const DEFAULT_RAG_DEFINITIONS: RagDefinitions = {
  green: 'Complete, or no cause for concern',
  amber: 'Progressing, generally on schedule',
  red: 'Off track: needs the steering group’s attention',
}

export function isRag(value: unknown): value is Rag {
  return typeof value === 'string' && (RAGS as readonly string[]).includes(value)
}

/** The partnership's wording where it has one, the default wording elsewhere. */
export function ragDefinitions(stored: Partial<Record<string, unknown>> | null | undefined): RagDefinitions {
  const out = { ...DEFAULT_RAG_DEFINITIONS }
  for (const rag of RAGS) {
    const text = stored?.[rag]
    if (typeof text === 'string' && text.trim() !== '') out[rag] = text.trim()
  }
  return out
}

/**
 * Read a RAG status as people type it in a spreadsheet: "Red", "R", "amber", "A", "G", "Green ".
 * Returns undefined when it is not one.
 */
export function parseRag(text: string): Rag | undefined {
  const cleaned = text.trim().toLowerCase()
  const byLetter: Record<string, Rag> = { r: 'red', a: 'amber', g: 'green' }
  if (isRag(cleaned)) return cleaned
  return byLetter[cleaned]
}

export interface UpdateLike {
  id: number
  quarter: number
  rag: Rag | null
  createdAt: Date
}

/**
 * Updates newest first: the latest quarter first, and within a quarter the most recently posted. An update
 * back-filled for an earlier quarter does not overtake a later quarter's update.
 */
export function newestFirst<T extends UpdateLike>(updates: readonly T[]): T[] {
  return [...updates].sort((a, b) => b.quarter - a.quarter || b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id)
}

/** The latest update, or undefined when there is none. */
export function latestUpdate<T extends UpdateLike>(updates: readonly T[]): T | undefined {
  return newestFirst(updates)[0]
}

/** An action's current RAG is its latest update's: null when it has no update, or the latest gave none. */
export function currentRag(updates: readonly UpdateLike[]): Rag | null {
  return latestUpdate(updates)?.rag ?? null
}

/** The updates given for a quarter, in the order they were posted (oldest first). */
export function updatesInQuarter<T extends UpdateLike>(updates: readonly T[], quarter: Quarter): T[] {
  return newestFirst(updates)
    .filter(update => update.quarter === quarter)
    .reverse()
}

/**
 * An action's RAG for a quarter, as a quarterly update reports it: that of the latest update given for
 * the quarter; null when there is none, or it gave no RAG.
 */
export function ragInQuarter(updates: readonly UpdateLike[], quarter: Quarter): Rag | null {
  return latestPerQuarter(updates).get(quarter)?.rag ?? null
}

export interface RagCounts {
  red: number
  amber: number
  green: number
  /** No update yet, or the latest update gave no RAG. */
  none: number
}

export function countRags(rags: readonly (Rag | null)[]): RagCounts {
  const counts: RagCounts = { red: 0, amber: 0, green: 0, none: 0 }
  for (const rag of rags) counts[rag ?? 'none']++
  return counts
}

/** The latest update of each quarter (for the spreadsheet, which holds one update per quarter). */
export function latestPerQuarter<T extends UpdateLike>(updates: readonly T[]): Map<Quarter, T> {
  const out = new Map<Quarter, T>()
  for (const update of newestFirst(updates)) {
    const q = update.quarter as Quarter
    if (!out.has(q)) out.set(q, update)
  }
  return out
}
