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

/**
 * A dimension the partnership assesses its actions on, such as "Milestone progress" and "Outcome". A
 * partnership that records none has one: the RAG status. The first dimension is the headline: its RAG is the
 * update's `rag` (what "current RAG" and the filters use); the others' are kept by dimension id.
 */
export interface RagDimension {
  /** Null for the one RAG status of a partnership that records no dimensions. */
  id: number | null
  name: string
  description?: string | null
}

export const SINGLE_DIMENSION: RagDimension = { id: null, name: 'RAG status' }

/** The partnership's dimensions in order, or the single RAG status when it records none. */
export function dimensionsOf(rows: readonly { id: number; name: string; description?: string | null }[]): RagDimension[] {
  return rows.length ? rows.map(r => ({ id: r.id, name: r.name, description: r.description ?? null })) : [SINGLE_DIMENSION]
}

/** The further dimensions' RAGs of an update as stored (jsonb, or its text), keeping only real RAGs. */
export function otherRagsOf(value: unknown): Record<string, Rag> {
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value
  const out: Record<string, Rag> = {}
  if (parsed && typeof parsed === 'object') for (const [key, rag] of Object.entries(parsed)) if (isRag(rag)) out[key] = rag
  return out
}

/** An update's RAG on each dimension, in the dimensions' order: the first is its headline `rag`. */
export function ragsOf(update: { rag: Rag | null; otherRags?: unknown }, dimensions: readonly RagDimension[]): (Rag | null)[] {
  const others = otherRagsOf(update.otherRags ?? {})
  return dimensions.map((dimension, index) => (index === 0 ? update.rag : (others[String(dimension.id)] ?? null)))
}

/** The action's current RAG on each dimension: its latest update's. */
export function currentRags(updates: readonly (UpdateLike & { otherRags?: unknown })[], dimensions: readonly RagDimension[]): (Rag | null)[] {
  const latest = latestUpdate(updates)
  return latest ? ragsOf(latest, dimensions) : dimensions.map(() => null)
}

/** The RAG on each dimension of the latest update given for a quarter (as ragInQuarter for the headline). */
export function ragsInQuarter(updates: readonly (UpdateLike & { otherRags?: unknown })[], quarter: Quarter, dimensions: readonly RagDimension[]): (Rag | null)[] {
  const latest = latestPerQuarter(updates).get(quarter)
  return latest ? ragsOf(latest, dimensions) : dimensions.map(() => null)
}
