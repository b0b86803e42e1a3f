import type { DocumentSection, TableRow } from '../../../core/documents/model.ts'
import { formatMoney } from '../../../shared/format.ts'

/**
 * The thread from evidence to money: for each priority, the scoring matrix row that chose it, its actions and
 * their RAG, the indicators that measure it, the money allocated to it and paid or committed, and the reviews,
 * case reviews, events and Serious Violence Duty documents that belong to it.
 */

export type Rag = 'red' | 'amber' | 'green'

export interface MatrixEvidence {
  matrixTitle: string
  href: string
  /** The row whose issue is the priority, or null when none matches (the priority renamed, or not from this matrix). */
  row: { rank: number; of: number; total: number; maxTotal: number; scores: { criterion: string; weight: number; score: number | null }[]; count: number | null; change: number | null } | null
}

/** The matrix row of a priority: the chosen issue of the same name (ignoring case, spaces and punctuation). */
export function matchByName<T extends { name: string }>(rows: readonly T[], title: string): T | null {
  const norm = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim()
  return rows.find(row => norm(row.name) === norm(title)) ?? null
}

export interface ActionCounts {
  actions: number
  red: number
  amber: number
  green: number
  none: number
  complete: number
}

export function countActions(actions: readonly { rag: Rag | null; status: string }[]): ActionCounts {
  const counts = { actions: actions.length, red: 0, amber: 0, green: 0, none: 0, complete: 0 }
  for (const action of actions) {
    counts[action.rag ?? 'none'] += 1
    if (action.status === 'complete') counts.complete += 1
  }
  return counts
}

export interface MoneyFigures {
  allocatedPence: number
  /** Paid or committed from those allocations. */
  spentPence: number
  allocations: number
}

export function sumMoney(allocations: readonly { allocatedPence: number | null; costPence: number }[]): MoneyFigures {
  return {
    allocatedPence: allocations.reduce((sum, a) => sum + (a.allocatedPence ?? 0), 0),
    spentPence: allocations.reduce((sum, a) => sum + a.costPence, 0),
    allocations: allocations.length,
  }
}

/** One priority's thread, in figures, for the steering group's pack. */
export interface ThreadFigures {
  title: string
  matrix: MatrixEvidence | null
  actions: ActionCounts
  indicators: number
  money: MoneyFigures
  events: { count: number; reach: number }
  caseReviews: number
  deathReviews: number
  seriousViolence: number
}

const chosenBy = (m: MatrixEvidence | null) => (m?.row ? `Ranked ${m.row.rank} of ${m.row.of} (${m.row.total} of ${m.row.maxTotal}) in ${m.matrixTitle}` : m ? `Not found in ${m.matrixTitle}` : 'No scoring matrix')

/** The pack's section: every priority of the plan in one table, from evidence to money. */
export function threadSection(priorities: readonly ThreadFigures[], planTitle: string): DocumentSection {
  const rows: TableRow[] = priorities.map((p, i) => ({
    cells: [
      `Priority ${i + 1}: ${p.title}`,
      chosenBy(p.matrix),
      { lines: [`${p.actions.actions} actions`, `${p.actions.red} red, ${p.actions.amber} amber, ${p.actions.green} green, ${p.actions.none} no status`, `${p.actions.complete} complete`] },
      p.indicators,
      { lines: [`${formatMoney(p.money.allocatedPence)} allocated`, `${formatMoney(p.money.spentPence)} paid or committed`] },
      { lines: [`${p.events.count} events and campaigns`, ...(p.events.reach ? [`${p.events.reach.toLocaleString('en-GB')} people reached`] : [])] },
      { lines: [`${p.caseReviews} ASB case reviews`, `${p.deathReviews} death reviews`, `${p.seriousViolence} Serious Violence Duty documents`] },
    ],
  }))
  return {
    heading: 'From evidence to money',
    orientation: 'landscape',
    blocks: [
      { kind: 'paragraph', text: `For each priority of ${planTitle}: the strategic assessment’s scoring that chose it, its actions, the indicators that measure it, the money allocated to it and paid or committed, and the events, reviews and documents that belong to it.` },
      {
        kind: 'table',
        caption: 'Each priority from evidence to money',
        size: 'small',
        rowHeaders: true,
        columns: [
          { header: 'Priority', width: 2.6 },
          { header: 'Chosen by', width: 2.6 },
          { header: 'Actions', width: 2.2 },
          { header: 'Indicators', width: 1, numeric: true },
          { header: 'Money', width: 2 },
          { header: 'Events', width: 1.8 },
          { header: 'Reviews and documents', width: 2.4 },
        ],
        rows,
      },
      { kind: 'note', title: 'About these figures', paragraphs: ['Death reviews are counted only: their records are seen by those given access. Money is the allocations made to the priority in the funding ledger, in every year recorded.'] },
    ],
  }
}
