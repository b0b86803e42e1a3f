import type { Quarter } from '../../../core/calendar/index.ts'
import { countRags, ragsInQuarter, RAG_LABELS, type ActionView, type PlanSummary, type PlanView } from '../../plans/index.ts'
import type { Block, TableBlock } from '../../../core/documents/model.ts'

/**
 * How the documents show what plans now hold, read from the plans' own view and summary: strategic
 * objectives above the priorities, a RAG status on each of the partnership's dimensions, and actions per
 * district of a joint partnership. Each is left out for a plan that does not use it.
 */

/** The priorities as a list under their strategic objectives: "Keep people safe: Domestic abuse; Hate crime". */
export function strategicObjectiveBullets(plan: PlanView): Block {
  return {
    kind: 'bullets',
    items: plan.sections.map(section => {
      const priorities = section.priorities.map(p => (p.subThemes.length ? `${p.title} (${p.subThemes.join('; ')})` : p.title))
      if (!section.strategicObjective) return `Priorities under no strategic objective: ${priorities.join('; ')}`
      return priorities.length ? `${section.strategicObjective.title}: ${priorities.join('; ')}` : `${section.strategicObjective.title} (no local priority of its own${section.strategicObjective.description ? `: ${section.strategicObjective.description}` : ''})`
    }),
  }
}

interface Counts {
  title: string
  actions: number
  rag: { red: number; amber: number; green: number; none: number }
}

function countsTable(rows: readonly Counts[], total: Counts, caption: string, first: string): TableBlock {
  const cells = (c: Counts) => [c.actions, c.rag.red, c.rag.amber, c.rag.green, c.rag.none]
  return {
    kind: 'table',
    caption,
    columns: [
      { header: first, width: 4 },
      { header: 'Actions', width: 1, numeric: true },
      { header: RAG_LABELS.red, width: 1, numeric: true },
      { header: RAG_LABELS.amber, width: 1, numeric: true },
      { header: RAG_LABELS.green, width: 1, numeric: true },
      { header: 'No status yet', width: 1.2, numeric: true },
    ],
    rowHeaders: true,
    rows: [...rows.map(r => ({ cells: [r.title, ...cells(r)] })), { cells: [total.title, ...cells(total)].map(value => ({ lines: [String(value)], bold: true })) }],
  }
}

/** The counts of each dimension after the first (the headline's table is the one the document already has). */
export function dimensionTables(summary: PlanSummary, caption: (dimension: string) => string): TableBlock[] {
  return summary.dimensions.slice(1).map((dimension, i) =>
    countsTable(
      summary.priorities.map((p, n) => ({ title: `Priority ${n + 1}: ${p.title}`, actions: p.actions, rag: p.ragByDimension[i + 1]! })),
      { title: 'All priorities', actions: summary.totals.actions, rag: summary.totals.ragByDimension[i + 1]! },
      caption(dimension.name),
      'Priority',
    ),
  )
}

/** The actions of each district of a joint partnership by their headline status, or null when no action is for a district. */
export function districtTable(summary: PlanSummary, caption: string): TableBlock | null {
  if (!summary.districts.length) return null
  return countsTable(
    summary.districts.map(d => ({ title: d.title, actions: d.actions, rag: d.rag })),
    { title: 'All actions', actions: summary.totals.actions, rag: summary.totals.rag },
    caption,
    'District',
  )
}

/** The quarter's counts of each dimension after the first, per priority, for the quarterly update. */
export function quarterDimensionTables(plan: PlanView, quarter: Quarter, caption: (dimension: string) => string): TableBlock[] {
  const count = (actions: readonly ActionView[], d: number) => ({ actions: actions.length, rag: countRags(actions.map(a => ragsInQuarter(a.updates, quarter, plan.ragDimensions)[d] ?? null)) })
  return plan.ragDimensions.slice(1).map((dimension, i) =>
    countsTable(
      plan.priorities.map((p, n) => ({ title: `Priority ${n + 1}: ${p.title}`, ...count(p.actions, i + 1) })),
      { title: 'All priorities', ...count(plan.priorities.flatMap(p => p.actions), i + 1) },
      caption(dimension.name),
      'Priority',
    ),
  )
}

/** "Agreed by Partnership meeting; date not recorded" for the metadata of a plan's documents, or null for a draft. */
export function agreedLine(plan: PlanView['plan'], formatDate: (date: string) => string): { label: string; value: string } | null {
  if (plan.status === 'draft') return null
  return { label: 'Agreed', value: [plan.agreedBy ? `by ${plan.agreedBy}` : null, plan.agreedOn ? `on ${formatDate(plan.agreedOn)}` : 'date not recorded'].filter(Boolean).join(', ') }
}
