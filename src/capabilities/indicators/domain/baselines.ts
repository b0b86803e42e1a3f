/**
 * Several baselines per indicator, labelled as plans print them ("Local 2023/24", "National 2023/24"). One
 * of them may be marked as the one RAG is judged against: a target that names no baseline of its own is
 * measured from it. A target that names one is measured from that one, as before.
 */
import { financialYearLabel } from '../../../core/calendar/index.ts'

export interface LabelledBaseline {
  id: number
  year: number
  label?: string | null
  judged?: boolean
}

/** "Local 2023/24", or "2023/24" for a baseline without a label. */
export function baselineTitle(baseline: Pick<LabelledBaseline, 'year' | 'label'>): string {
  return baseline.label ? `${baseline.label} ${financialYearLabel(baseline.year)}` : financialYearLabel(baseline.year)
}

/** The baseline a target is measured from: the one it names, or else the one marked for RAG. */
export function baselineForTarget<B extends LabelledBaseline>(baselines: B[], target: { baselineId: number | null }): B | null {
  if (target.baselineId !== null) return baselines.find(b => b.id === target.baselineId) ?? null
  return baselines.find(b => b.judged) ?? null
}

/** A label as typed: trimmed, inner spaces collapsed, at most 60 characters; empty is no label. */
export function readBaselineLabel(input: unknown): { ok: true; label: string | null } | { ok: false; message: string } {
  if (input === undefined || input === null) return { ok: true, label: null }
  if (typeof input !== 'string') return { ok: false, message: 'The label must be text, like Local or National' }
  const label = input.trim().replace(/\s+/g, ' ')
  if (label.length > 60) return { ok: false, message: 'The label must be 60 characters or fewer' }
  return { ok: true, label: label || null }
}

/** "yes", "true", true, "1" and "y" are yes; empty, "no", "false", false and "0" are no. */
export function readYesNo(input: unknown): boolean | null {
  if (input === undefined || input === null || input === '') return false
  if (typeof input === 'boolean') return input
  if (typeof input !== 'string') return null
  const text = input.trim().toLowerCase()
  if (['yes', 'y', 'true', '1'].includes(text)) return true
  if (['no', 'n', 'false', '0', ''].includes(text)) return false
  return null
}
