import type { Table } from '../../../shared/spreadsheet.ts'
import { requirePermission, type PartnershipContext } from '../../../core/access/partnership-context.ts'
import { ukDate } from '../../../core/calendar/index.ts'
import { personLabel, type Directory } from '../domain/directory.ts'
import type { DraftPriority, DraftStrategicObjective } from '../domain/plan-draft.ts'
import { dimensionsOf, RAG_LABELS } from '../domain/rag.ts'
import type { PlanAccess, PlanDeps } from '../plan-access.ts'
import { planRepository } from '../plan-repository.ts'
import type { PlanTree } from '../plan-tree.ts'
import { draftOf } from '../plan-tree.ts'
import { summarisePlanView } from '../plan-view.ts'

import { exportHeaders, sheetColumns } from './domain/sheet-columns.ts'
import { writeSheet } from './domain/sheet-writer.ts'
import { sheetImportService } from './sheet-import-service.ts'

/** A plan's contents with the partnership's names in place of record ids, and each record's id kept: what the spreadsheet holds. */
export function namedDrafts(tree: PlanTree, dir: Directory): { priorities: DraftPriority[]; strategicObjectives: DraftStrategicObjective[] } {
  const orgName = new Map(dir.organisations.map(o => [o.id, o.name]))
  const groupName = new Map(dir.groups.map(g => [g.id, g.name]))
  const personName = new Map(dir.people.map(p => [p.id, personLabel(dir, p)]))
  const districtName = new Map((dir.districts ?? []).map(d => [d.id, d.name]))
  const priorities: DraftPriority[] = tree.priorities.map(priority => {
    const draft = draftOf(priority, tree.strategicObjectives)
    return {
      ...draft,
      deliveringGroup: draft.deliveringGroup === null ? null : groupName.get(draft.deliveringGroup)!,
      actions: draft.actions.map(action => ({
        ...action,
        leadOrganisations: action.leadOrganisations.map(id => orgName.get(id)!),
        supportingPartners: action.supportingPartners.map(id => orgName.get(id)!),
        leadPeople: action.leadPeople.flatMap(id => (personName.has(id) ? [personName.get(id)!] : [])),
        district: action.district ? (districtName.get(action.district) ?? null) : null,
      })),
    }
  })
  return { priorities, strategicObjectives: tree.strategicObjectives.map(o => ({ id: o.id, title: o.title, description: o.description })) }
}

/**
 * The action plan as a spreadsheet: exporting a plan (with the record IDs that let it be imported back into
 * the same plan), the template's columns and lists, and the imports (sheet-import-service.ts).
 */
export function spreadsheetService(deps: PlanDeps, access: PlanAccess) {
  return {
    ...sheetImportService(deps, access),

    /** The template's columns for the partnership's RAG dimensions, and the names its drop-down lists offer. */
    async templateData(ctx: PartnershipContext) {
      requirePermission(ctx, 'view')
      const dimensions = dimensionsOf(await planRepository.ragDimensions(deps.db, ctx.partnership.id))
      return { columns: sheetColumns(dimensions), directory: await access.names(ctx) }
    },

    /**
     * The plan in the spreadsheet's format: the headings and one row per action, with the current RAG after
     * the plan's columns (the import ignores it) and the record IDs last. For a workbook, two more sheets the
     * import does not read: the priorities with their actions counted by status, and every update with who
     * posted it and when.
     */
    async exportSheet(ctx: PartnershipContext, planId: number) {
      requirePermission(ctx, 'view')
      const dir = await access.names(ctx)
      const tree = await access.loadTree(ctx, planId, dir)
      const columns = sheetColumns(tree.ragDimensions, { recordIds: true })
      const { priorities, strategicObjectives } = namedDrafts(tree, dir)
      const planView = access.view(ctx, tree)
      const summary = summarisePlanView(planView)
      const sheets: Table[] = [
        {
          name: 'Priorities',
          headers: ['Priority', 'Actions', 'Red', 'Amber', 'Green', 'No status yet', 'Complete', 'Cancelled', 'Updates due', 'Updates overdue'],
          rows: summary.priorities.map(p => [p.title, p.actions, p.rag.red, p.rag.amber, p.rag.green, p.rag.none, p.complete, p.cancelled, p.due, p.overdue]),
          notes: [`Actions counted by their current RAG (that of their latest update), and updates due or overdue on ${summary.on}, as the plan’s page shows them.`],
        },
        {
          name: 'Updates',
          headers: ['Priority', 'Strategic objective', 'Action', 'Quarter', ...tree.ragDimensions.map(d => (tree.ragDimensions.length > 1 ? d.name : 'RAG')), 'Update', 'Posted by', 'Posted on'],
          rows: planView.priorities.flatMap(priority =>
            priority.groups.flatMap(group =>
              group.actions.flatMap(action =>
                [...action.updates]
                  .reverse()
                  .map(u => [priority.title, group.objective?.title ?? '', action.title, `Q${u.quarter}`, ...u.rags.map(rag => (rag ? RAG_LABELS[rag] : '')), u.body, u.authorLabel, ukDate(u.createdAt)]),
              ),
            ),
          ),
          notes: ['Every quarterly update, oldest first for each action. The Action plan sheet holds the latest update of each quarter, which is what an import reads.'],
        },
      ]
      return {
        plan: tree.plan,
        columns,
        headers: exportHeaders(columns),
        rows: writeSheet(priorities, { currentRag: true, columns, strategicObjectives }),
        sheets,
        directory: dir,
      }
    },
  }
}

export type SpreadsheetService = ReturnType<typeof spreadsheetService>
