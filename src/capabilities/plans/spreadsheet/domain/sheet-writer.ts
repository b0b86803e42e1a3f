import { nameKey } from '../../domain/directory.ts'
import type { DraftAction, DraftPriority } from '../../domain/plan-draft.ts'
import { formatQuarters } from '../../../../core/calendar/index.ts'
import { RAG_LABELS } from '../../domain/rag.ts'
import { ACTION_STATUS_LABELS } from '../../domain/schedule.ts'

import { SHEET_COLUMNS, type ColumnKey } from './sheet-columns.ts'

/** An action's current RAG in words: its latest quarter's update's RAG, "No RAG given" or "No update yet", as the plan pages say. */
export function currentRagText(action: Pick<DraftAction, 'updates'>): string {
  const latest = [...action.updates].sort((a, b) => b.quarter - a.quarter)[0]
  if (!latest) return 'No update yet'
  return latest.rag ? RAG_LABELS[latest.rag] : 'No RAG given'
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
