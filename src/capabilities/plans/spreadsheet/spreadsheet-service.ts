import { ConflictError } from '../../../shared/errors.ts'
import type { Table } from '../../../shared/spreadsheet.ts'
import { auditLog } from '../../../core/audit/audit-log.ts'
import { requirePermission, type PartnershipContext } from '../../../core/access/partnership-context.ts'
import { personLabel } from '../domain/directory.ts'
import { resolveDraft, type DraftPriority, type DraftProblem } from '../domain/plan-draft.ts'
import { ukDate } from '../../../core/calendar/index.ts'
import { RAG_LABELS } from '../domain/rag.ts'
import type { PlanAccess, PlanDeps } from '../plan-access.ts'
import { planRepository, type ContentCounts } from '../plan-repository.ts'
import { draftOf } from '../plan-tree.ts'
import { summarisePlanView } from '../plan-view.ts'

import { exportHeaders } from './domain/sheet-columns.ts'
import { readSheet, sortProblems, type SheetProblem } from './domain/sheet-reader.ts'
import { writeSheet } from './domain/sheet-writer.ts'

export type ImportResult = { ok: true; counts: ContentCounts } | { ok: false; problems: SheetProblem[] }

/** The action plan as a spreadsheet: importing one into an empty draft plan, and exporting a plan. */
export function spreadsheetService({ db, clock, partnerships }: PlanDeps, access: PlanAccess) {
  /** Why the plan cannot take an import, or null when it can (a draft with no priorities yet). */
  async function importBlocker(ctx: PartnershipContext, planId: number): Promise<string | null> {
    requirePermission(ctx, 'edit_records')
    const plan = await access.loadPlan(ctx, planId)
    if (plan.status !== 'draft') return 'Only a draft plan can be imported into. Start a new plan for the import, or set this one back to draft.'
    if ((await planRepository.priorityCount(db, planId)) > 0) return 'This plan already has priorities. Import into a new, empty plan, or delete its priorities first.'
    return null
  }

  return {
    importBlocker,

    /**
     * Import the action plan from spreadsheet rows (first row: headings) into an empty draft plan. Every
     * problem is reported, by row and column; nothing is saved unless the whole file is good, and then
     * everything is saved in one transaction.
     */
    async importSheet(ctx: PartnershipContext, planId: number, rows: readonly (readonly string[])[], fileName: string): Promise<ImportResult> {
      const blocker = await importBlocker(ctx, planId)
      if (blocker) throw new ConflictError(blocker)
      const reading = readSheet(rows)
      const names = await access.names(ctx)
      const signature = await partnerships.signature(ctx)
      return db.transaction().execute(async trx => {
        // The names are checked in the same pass as the format, so the file's every problem shows at once.
        const resolution = resolveDraft(reading.priorities, names)
        const nameProblems = resolution.ok ? [] : resolution.problems.map((p: DraftProblem) => ({ ...p, letter: reading.letters[p.column] ?? null }))
        const problems = sortProblems([...reading.problems, ...nameProblems])
        if (!resolution.ok || problems.length > 0) return { ok: false as const, problems }
        const now = clock.now()
        const counts = await planRepository.insertContents(trx, ctx.partnership.id, planId, resolution.priorities, {
          postedAt: now,
          authorLabel: `${signature}, imported from ${fileName}`,
          authorUserId: ctx.actor.userId,
        })
        await access.touchPlan(trx, planId)
        await auditLog.record(trx, ctx.actor, {
          partnershipId: ctx.partnership.id,
          action: 'import',
          entityType: 'plan',
          entityId: planId,
          summary: `Imported ${counts.priorities} priorities, ${counts.objectives} objectives, ${counts.actions} actions and ${counts.updates} updates from ${fileName}`,
          after: { fileName, ...counts },
        })
        return { ok: true as const, counts }
      })
    },

    /**
     * The plan in the spreadsheet's format: the headings and one row per action, with the current RAG after
     * the template's columns (the import ignores it, so the file imports again exactly). For a workbook, two
     * more sheets the import does not read: the priorities with their actions counted by status, and every
     * update with who posted it and when.
     */
    async exportSheet(ctx: PartnershipContext, planId: number) {
      requirePermission(ctx, 'view')
      const dir = await access.names(ctx)
      const tree = await access.loadTree(ctx, planId, dir)
      const orgName = new Map(dir.organisations.map(o => [o.id, o.name]))
      const groupName = new Map(dir.groups.map(g => [g.id, g.name]))
      const personName = new Map(dir.people.map(p => [p.id, personLabel(dir, p)]))
      const priorities: DraftPriority[] = tree.priorities.map(priority => {
        const draft = draftOf(priority)
        return {
          ...draft,
          deliveringGroup: draft.deliveringGroup === null ? null : groupName.get(draft.deliveringGroup)!,
          actions: draft.actions.map(action => ({
            ...action,
            leadOrganisations: action.leadOrganisations.map(id => orgName.get(id)!),
            supportingPartners: action.supportingPartners.map(id => orgName.get(id)!),
            leadPeople: action.leadPeople.map(id => personName.get(id)!),
          })),
        }
      })
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
          headers: ['Priority', 'Strategic objective', 'Action', 'Quarter', 'RAG', 'Update', 'Posted by', 'Posted on'],
          rows: planView.priorities.flatMap(priority =>
            priority.groups.flatMap(group =>
              group.actions.flatMap(action =>
                [...action.updates]
                  .reverse()
                  .map(u => [priority.title, group.objective?.title ?? '', action.title, `Q${u.quarter}`, u.rag ? RAG_LABELS[u.rag] : '', u.body, u.authorLabel, ukDate(u.createdAt)]),
              ),
            ),
          ),
          notes: ['Every quarterly update, oldest first for each action. The Action plan sheet holds the latest update of each quarter, which is what an import reads.'],
        },
      ]
      return { plan: tree.plan, headers: exportHeaders(), rows: writeSheet(priorities, { currentRag: true }), sheets }
    },
  }
}

export type SpreadsheetService = ReturnType<typeof spreadsheetService>
