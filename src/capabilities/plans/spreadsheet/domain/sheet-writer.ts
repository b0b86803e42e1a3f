import { nameKey } from '../../domain/directory.ts'
import { formatQuarters } from '../../../../core/calendar/index.ts'

import type { DraftAction, DraftPriority, DraftStrategicObjective } from '../../domain/plan-draft.ts'
import { RAG_LABELS } from '../../domain/rag.ts'
import { ACTION_STATUS_LABELS } from '../../domain/schedule.ts'

import { formatRecordIds, SHEET_COLUMNS, type ColumnKey, type SheetColumn } from './sheet-columns.ts'

/** An action's current RAG in words: its latest quarter's update's RAG, "No RAG given" or "No update yet", as the plan pages say. */
export function currentRagText(action: Pick<DraftAction, 'updates'>): string {
  const latest = [...action.updates].sort((a, b) => b.quarter - a.quarter)[0]
  if (!latest) return 'No update yet'
  return latest.rag ? RAG_LABELS[latest.rag] : 'No RAG given'
}

export interface WriteOptions {
  /** Add the current RAG after the plan's own columns (an export). */
  currentRag?: boolean
  /** The partnership's columns (sheetColumns); the template's when not given. */
  columns?: readonly SheetColumn[]
  /** The plan's strategic objectives above the priorities, in order: each gets a row of its own first. */
  strategicObjectives?: readonly DraftStrategicObjective[]
}

/**
 * The rows of a plan (without the heading row). A plan with strategic objectives above its priorities starts
 * with a row for each (so that one with no local priority of its own is kept, and their order too). Each
 * priority's actions come in order: those directly under the priority first, then each objective's in turn.
 * A priority or objective with no actions gets a row of its own. When the columns include the record IDs
 * column, each row says which records it came from.
 */
export function writeSheet(priorities: readonly DraftPriority[], options: WriteOptions = {}): string[][] {
  const columns = options.columns ?? SHEET_COLUMNS
  const own = columns.filter(c => c.key !== 'recordIds')
  const withIds = columns.some(c => c.key === 'recordIds')
  const rows: string[][] = []
  const emit = (cells: Partial<Record<ColumnKey, string>>, action?: DraftAction) =>
    rows.push([...own.map(c => cells[c.key] ?? ''), ...(options.currentRag ? [action ? currentRagText(action) : ''] : []), ...(withIds ? [cells.recordIds ?? ''] : [])])

  for (const objective of options.strategicObjectives ?? []) {
    emit({ strategicObjective: objective.title, recordIds: objective.id ? formatRecordIds({ strategicObjective: objective.id }) : '' })
  }
  for (const priority of priorities) {
    const priorityCells: Partial<Record<ColumnKey, string>> = {
      strategicObjective: priority.strategicObjective ?? '',
      priority: priority.title,
      subThemes: priority.subThemes.join('\n'),
      headlineTarget: priority.headlineTarget ?? '',
      deliveringGroup: priority.deliveringGroup ?? '',
      resources: priority.resources ?? '',
      keyRisks: priority.risks.map(r => r.risk).join('\n'),
      mitigations: priority.risks.some(r => r.mitigation) ? priority.risks.map(r => r.mitigation ?? '').join('\n') : '',
      progressComment: priority.progressComment ?? '',
    }
    const ids = (objective: string | null, actionId?: number | null) =>
      formatRecordIds({
        ...(priority.priorityId ? { priority: priority.priorityId } : {}),
        ...(objective !== null && priority.objectiveIds?.[nameKey(objective)] ? { objective: priority.objectiveIds[nameKey(objective)] } : {}),
        ...(actionId ? { action: actionId } : {}),
      })
    const groups: (string | null)[] = [null, ...priority.objectives]
    let wrote = false
    for (const objective of groups) {
      const actions = priority.actions.filter(a => (a.objective === null ? objective === null : objective !== null && nameKey(a.objective) === nameKey(objective)))
      if (actions.length === 0 && objective !== null) {
        emit({ ...priorityCells, objective, recordIds: ids(objective) })
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
          district: action.district ?? '',
          recordIds: ids(objective, action.actionId),
        }
        for (const update of action.updates) {
          cells[`q${update.quarter}Update`] = update.body
          cells[`q${update.quarter}Rag`] = update.rag ? RAG_LABELS[update.rag] : ''
          for (const [dimensionId, rag] of Object.entries(update.otherRags ?? {})) cells[`q${update.quarter}Rag${Number(dimensionId)}`] = RAG_LABELS[rag]
        }
        emit(cells, action)
        wrote = true
      }
    }
    if (!wrote) emit({ ...priorityCells, recordIds: ids(null) })
  }
  return rows
}
