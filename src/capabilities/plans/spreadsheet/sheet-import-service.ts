import { createHash } from 'node:crypto'

import type { Db } from '../../../db/database.ts'
import { ConflictError, NotFoundError } from '../../../shared/errors.ts'
import { auditLog } from '../../../core/audit/audit-log.ts'
import { allows, requirePermission, type PartnershipContext } from '../../../core/access/partnership-context.ts'
import { actionRepository } from '../actions/action-repository.ts'
import type { Directory } from '../domain/directory.ts'
import { resolveDraft, type DraftPriority, type DraftProblem } from '../domain/plan-draft.ts'
import type { Quarter } from '../../../core/calendar/index.ts'
import type { PlanAccess, PlanDeps } from '../plan-access.ts'
import { planRepository, type PlanRow } from '../plan-repository.ts'
import { assembleTree, draftOf } from '../plan-tree.ts'

import { planChanges, type PlanChanges } from './domain/plan-changes.ts'
import { futureUpdateProblems, leadUpdates, planPreview, type PlanPreview } from './domain/plan-preview.ts'
import { column, sheetColumns } from './domain/sheet-columns.ts'
import { readSheet, sortProblems, type SheetProblem } from './domain/sheet-reader.ts'
import { applyPlanChanges, postUpdates, type Applied } from './plan-changes-writer.ts'

export type ImportKind = 'plan' | 'updates'

export type ImportPreview =
  | { ok: false; problems: SheetProblem[] }
  | { ok: true; fileName: string; removeMissing: boolean; preview: PlanPreview; fingerprint: string }

/** A file read for an import, as the preview carries it to the confirmation (where it is checked again). */
export interface SheetImportFile {
  rows: string[][]
  fileName: string
  removeMissing: boolean
}

export type ImportResult = { ok: true; applied: Applied; fileName: string } | { ok: false; preview: ImportPreview; changedSince: true }

/** The columns a lead's file is read for: the updates, and what says which action a row is. */
const LEAD_COLUMNS = /^(Q[1-4] |Record IDs|Priority$|Action$|$)/

/**
 * Importing a spreadsheet into an existing plan, in two steps: the file is read and checked, and the
 * changes it would make are shown; only when the user confirms are they made, all in one transaction, each
 * audited. A coordinator's file may add, change and (only if asked) remove priorities, objectives and
 * actions, and add quarterly updates. A lead's file (the same spreadsheet, returned with their quarterly
 * updates) only posts updates, as theirs, and only for the actions they lead. The preview carries the rows
 * to the confirmation (app servers keep nothing between requests), where they are read and checked again;
 * if the plan changed in between, the changes are shown again before anything is saved.
 */
export function sheetImportService({ db, clock, partnerships }: PlanDeps, access: PlanAccess) {
  /** Why the plan cannot take a coordinator's import, or null when it can. */
  async function importBlocker(ctx: PartnershipContext, planId: number): Promise<string | null> {
    requirePermission(ctx, 'edit_records')
    const plan = await access.loadPlan(ctx, planId)
    return plan.status === 'archived' ? 'An archived plan is kept as it was. To change it from a spreadsheet, set it back to agreed or draft first.' : null
  }

  /**
   * What the rows would change in the plan, with every problem by row and column. Reads the plan through the
   * executor given (the confirmation's transaction, which has locked the plan), with the names read before.
   */
  async function changesFor(ctx: PartnershipContext, plan: PlanRow, rows: readonly (readonly string[])[], kind: ImportKind, removeMissing: boolean, executor: Db = db, names?: Directory) {
    names ??= await access.names(ctx)
    const records = await planRepository.records(executor, ctx.partnership.id, plan.id)
    if (!records) throw new NotFoundError('Plan')
    const tree = assembleTree(records, names)
    const columns = sheetColumns(tree.ragDimensions)
    const reading = readSheet(rows, columns)
    const letter = (header: string) => reading.letters[header] ?? null
    const withLetters = (problems: readonly DraftProblem[]): SheetProblem[] => problems.map(p => ({ ...p, letter: letter(p.column) }))
    const current = { strategicObjectives: tree.strategicObjectives, priorities: tree.priorities.map(p => draftOf(p, tree.strategicObjectives)) }
    const updateColumn = (quarter: Quarter) => column(`q${quarter}Update`, columns).header
    const today = access.today()

    if (kind === 'plan') {
      const resolution = resolveDraft(reading.priorities, names)
      const file = { strategicObjectives: reading.strategicObjectives, priorities: resolution.ok ? resolution.priorities : [] }
      const changes = planChanges(current, file, { removeMissing })
      const problems = [...reading.problems, ...withLetters(resolution.ok ? [] : resolution.problems)]
      if (resolution.ok) problems.push(...withLetters([...changes.problems, ...futureUpdateProblems(changes.updates, plan.planYear, today, updateColumn)]))
      return { problems: sortProblems(problems, columns), changes, dimensions: tree.ragDimensions, changedAt: records.plan.updatedAt }
    }

    // A lead's updates: the rest of the file is not read, so its names need not be checked.
    const bare = reading.priorities.map((p): DraftPriority => ({ ...p, deliveringGroup: null, actions: p.actions.map(a => ({ ...a, leadOrganisations: [], leadPeople: [], supportingPartners: [], district: null })) }))
    const resolution = resolveDraft(bare, { organisations: [], people: [], groups: [] })
    const changes = planChanges(current, { strategicObjectives: reading.strategicObjectives, priorities: resolution.ok ? resolution.priorities : [] }, { removeMissing: false })
    // Coordinators may post any action's update; a lead, those of the actions they lead.
    const led = new Set(
      allows(ctx, 'edit_records') ? current.priorities.flatMap(p => p.actions.map(a => a.actionId!)) : ctx.personId === null ? [] : await actionRepository.actionIdsLedBy(executor, ctx.partnership.id, ctx.personId),
    )
    const mine = leadUpdates(changes, led, updateColumn)
    const problems = [
      ...reading.problems.filter(p => p.row === null || p.row === 1 || LEAD_COLUMNS.test(p.column)),
      ...withLetters([...changes.problems, ...mine.problems, ...futureUpdateProblems(mine.updates, plan.planYear, today, updateColumn)]),
    ]
    return { problems: sortProblems(problems, columns), changes: { ...changes, updates: mine.updates }, dimensions: tree.ragDimensions, changedAt: records.plan.updatedAt }
  }

  /**
   * What the user confirms: the changes (or, for a lead, the updates) as JSON, with the time the plan last
   * changed (so that a change someone else makes in between is noticed), hashed.
   */
  const fingerprintOf = (changes: PlanChanges, kind: ImportKind, planChangedAt: Date) => {
    const { problems: _p, ...rest } = changes
    return createHash('sha256').update(JSON.stringify([new Date(planChangedAt).toISOString(), kind === 'plan' ? rest : rest.updates])).digest('hex').slice(0, 32)
  }

  async function checkPlan(ctx: PartnershipContext, planId: number, kind: ImportKind) {
    if (kind === 'plan') {
      const blocker = await importBlocker(ctx, planId)
      if (blocker) throw new ConflictError(blocker)
      return access.loadPlan(ctx, planId)
    }
    requirePermission(ctx, 'post_own_updates')
    const plan = await access.loadPlan(ctx, planId)
    if (plan.status !== 'agreed') throw new ConflictError(`Updates can be posted only on an agreed plan: “${plan.title}” is ${plan.status === 'draft' ? 'a draft' : 'archived'}.`)
    return plan
  }

  function previewOf(file: SheetImportFile, result: Awaited<ReturnType<typeof changesFor>>, kind: ImportKind): ImportPreview {
    if (result.problems.length) return { ok: false, problems: result.problems }
    const preview = planPreview(kind === 'plan' ? result.changes : { ...emptyChanges(), updates: result.changes.updates }, result.dimensions)
    return { ok: true, fileName: file.fileName, removeMissing: file.removeMissing, preview, fingerprint: fingerprintOf(result.changes, kind, result.changedAt) }
  }

  return {
    importBlocker,

    /** What an uploaded file would change, or every problem by row and column. Nothing is saved. */
    async previewImport(ctx: PartnershipContext, planId: number, kind: ImportKind, file: SheetImportFile): Promise<ImportPreview> {
      const plan = await checkPlan(ctx, planId, kind)
      const removeMissing = kind === 'plan' && file.removeMissing
      return previewOf({ ...file, removeMissing }, await changesFor(ctx, plan, file.rows, kind, removeMissing), kind)
    },

    /**
     * Make the changes the user saw, all or nothing. If the plan changed since (so the changes are not the
     * ones shown), nothing is saved and the new changes are returned to be shown again.
     */
    async confirmImport(ctx: PartnershipContext, planId: number, kind: ImportKind, file: SheetImportFile, fingerprint: string): Promise<ImportResult> {
      const plan = await checkPlan(ctx, planId, kind)
      const found = { ...file, removeMissing: kind === 'plan' && file.removeMissing }
      const signature = await partnerships.signature(ctx)
      const names = await access.names(ctx)
      return db.transaction().execute(async trx => {
        // The plan is locked while its changes are worked out again and made, so no one else changes it in between.
        await planRepository.lockPlan(trx, ctx.partnership.id, planId)
        const result = await changesFor(ctx, plan, found.rows, kind, found.removeMissing, trx, names)
        if (result.problems.length || fingerprintOf(result.changes, kind, result.changedAt) !== fingerprint) return { ok: false as const, preview: previewOf(found, result, kind), changedSince: true as const }
        const author = { authorLabel: kind === 'plan' ? `${signature}, imported from ${found.fileName}` : signature, authorUserId: ctx.actor.userId, at: clock.now() }
        const applied =
          kind === 'plan'
            ? await applyPlanChanges(trx, ctx, planId, result.changes, author)
            : { added: 0, changed: 0, removed: 0, updates: await postUpdates(trx, ctx, result.changes.updates, u => u.actionId!, author) }
        await auditLog.record(trx, ctx.actor, {
          partnershipId: ctx.partnership.id,
          action: 'import',
          entityType: 'plan',
          entityId: planId,
          summary:
            kind === 'plan'
              ? `Imported ${found.fileName} into “${plan.title}”: ${applied.added} added, ${applied.changed} changed, ${applied.removed} removed, ${applied.updates} updates`
              : `Posted ${applied.updates} quarterly ${applied.updates === 1 ? 'update' : 'updates'} from ${found.fileName}`,
          after: { fileName: found.fileName, kind, removeMissing: found.removeMissing, ...applied },
        })
        await access.touchPlan(trx, planId)
        return { ok: true as const, applied, fileName: found.fileName }
      })
    },
  }
}

function emptyChanges(): PlanChanges {
  return {
    problems: [],
    strategicObjectives: [],
    priorities: [],
    objectives: [],
    actions: [],
    updates: [],
    removed: { strategicObjectives: [], priorities: [], objectives: [], actions: [] },
    kept: { strategicObjectives: 0, priorities: 0, objectives: 0, actions: 0 },
    reordered: false,
    fromAnotherPlan: false,
  }
}

export type SheetImportService = ReturnType<typeof sheetImportService>
