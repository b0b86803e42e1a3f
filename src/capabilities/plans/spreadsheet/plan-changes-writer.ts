import type { Db } from '../../../db/database.ts'
import { auditedDelete, auditedInsert, auditedUpdate } from '../../../core/audit/audited-changes.ts'
import { auditLog } from '../../../core/audit/audit-log.ts'
import type { PartnershipContext } from '../../../core/access/partnership-context.ts'
import { actionRepository } from '../actions/action-repository.ts'
import { nameKey } from '../domain/directory.ts'
import type { ResolvedAction, ResolvedPriority } from '../domain/plan-draft.ts'
import { changeTarget, json } from '../plan-access.ts'

import type { PlanChanges, UpdateChange } from './domain/plan-changes.ts'

/**
 * Applying the changes of a spreadsheet to a plan, in the caller's transaction: each record added, changed or
 * removed with its own audit record, then the order of the file. Quarterly updates are added, never changed.
 */

export interface Applied {
  added: number
  changed: number
  removed: number
  updates: number
}

export interface Author {
  authorLabel: string
  authorUserId: number | null
  at: Date
}

const priorityValues = (p: ResolvedPriority, strategicObjectiveId: number | null) => ({
  title: p.title,
  strategicObjectiveId,
  subThemes: json(p.subThemes),
  headlineTarget: p.headlineTarget,
  deliveringGroupId: p.deliveringGroup,
  resources: p.resources,
  progressComment: p.progressComment,
})

const actionValues = (a: ResolvedAction, objectiveId: number | null) => ({
  objectiveId,
  title: a.title,
  outcomes: json(a.outcomes),
  leadNote: a.leadNote,
  quarters: json(a.quarters),
  dueDate: a.dueDate,
  timescaleNote: a.timescaleNote,
  dependencies: a.dependencies,
  status: a.status,
  districtAreaId: a.district ?? null,
})

const links = (a: ResolvedAction) => ({ leadOrganisationIds: a.leadOrganisations, supportingOrganisationIds: a.supportingPartners, leadPersonIds: a.leadPeople })

/** Post the updates (as the author given), each audited. */
export async function postUpdates(trx: Db, ctx: PartnershipContext, updates: readonly UpdateChange[], actionIdOf: (u: UpdateChange) => number, author: Author): Promise<number> {
  for (const u of updates) {
    await auditedInsert(trx, ctx.actor, changeTarget('update', ctx), {
      actionId: actionIdOf(u),
      quarter: u.update.quarter,
      body: u.update.body,
      rag: u.update.rag,
      otherRags: json(u.update.otherRags ?? {}),
      authorUserId: author.authorUserId,
      authorLabel: author.authorLabel,
      createdAt: author.at,
      updatedAt: author.at,
    })
  }
  return updates.length
}

async function auditAction(trx: Db, ctx: PartnershipContext, actionId: number, before: unknown, summary: string) {
  const after = await actionRepository.snapshot(trx, actionId)
  await auditLog.record(trx, ctx.actor, {
    partnershipId: ctx.partnership.id,
    action: before ? 'update' : 'create',
    entityType: 'action',
    entityId: actionId,
    summary: `${summary} action “${after.title.slice(0, 100)}” from a spreadsheet`,
    before: before as Record<string, unknown> | null,
    after,
  })
}

export async function applyPlanChanges(trx: Db, ctx: PartnershipContext, planId: number, changes: PlanChanges, author: Author): Promise<Applied> {
  const pid = ctx.partnership.id
  const count: Applied = { added: 0, changed: 0, removed: 0, updates: 0 }

  // Strategic objectives, in the file's order.
  const soId = new Map<string, number>()
  for (const o of changes.strategicObjectives) {
    if (o.id === null) {
      const row = await auditedInsert(trx, ctx.actor, changeTarget('strategicObjective', ctx), { planId, title: o.title, position: 0 })
      soId.set(nameKey(o.title), row.id)
      count.added++
    } else {
      if (o.status === 'changed') {
        await auditedUpdate(trx, ctx.actor, changeTarget('strategicObjective', ctx), o.id, { title: o.title }, author.at)
        count.changed++
      }
      soId.set(nameKey(o.title), o.id)
    }
  }

  // Priorities with their key risks, and their objectives.
  const priorityIds: number[] = []
  const objectiveId = new Map<string, number>()
  for (const [index, p] of changes.priorities.entries()) {
    const values = priorityValues(p.values, p.values.strategicObjective ? (soId.get(nameKey(p.values.strategicObjective)) ?? null) : null)
    let id = p.id
    if (id === null) {
      id = (await auditedInsert(trx, ctx.actor, changeTarget('priority', ctx), { ...values, planId, position: 0 })).id
      count.added++
    } else if (p.status === 'changed') {
      await auditedUpdate(trx, ctx.actor, changeTarget('priority', ctx), id, values, author.at)
      count.changed++
    }
    priorityIds.push(id)
    if (p.id === null || p.fields.includes('Key risks')) {
      const old = await trx.selectFrom('priorityRisks').select('id').where('partnershipId', '=', pid).where('priorityId', '=', id).execute()
      for (const r of old) await auditedDelete(trx, ctx.actor, changeTarget('risk', ctx), r.id)
      for (const [i, r] of p.values.risks.entries()) await auditedInsert(trx, ctx.actor, changeTarget('risk', ctx), { priorityId: id, position: i + 1, risk: r.risk, mitigation: r.mitigation })
    }
    for (const [i, o] of changes.objectives.filter(o => o.priorityIndex === index).entries()) {
      let oid = o.id
      if (oid === null) {
        oid = (await auditedInsert(trx, ctx.actor, changeTarget('objective', ctx), { priorityId: id, title: o.title, position: 1000 + i })).id
        count.added++
      } else {
        await trx.updateTable('objectives').set({ position: i + 1 }).where('id', '=', oid).execute()
        if (o.status === 'changed') {
          await auditedUpdate(trx, ctx.actor, changeTarget('objective', ctx), oid, { title: o.title }, author.at)
          count.changed++
        }
      }
      objectiveId.set(`${index}:${nameKey(o.title)}`, oid)
    }
  }

  // Actions, then the updates of the file.
  const actionIds: number[] = []
  for (const a of changes.actions) {
    const priorityId = priorityIds[a.priorityIndex]!
    const values = actionValues(a.values, a.values.objective ? (objectiveId.get(`${a.priorityIndex}:${nameKey(a.values.objective)}`) ?? null) : null)
    if (a.id === null) {
      const id = await actionRepository.insertAction(trx, { ...values, partnershipId: pid, priorityId, position: 0 })
      await actionRepository.saveLinks(trx, pid, id, links(a.values), false)
      await auditAction(trx, ctx, id, null, 'Added')
      actionIds.push(id)
      count.added++
    } else {
      if (a.status === 'changed') {
        const before = await actionRepository.snapshot(trx, a.id)
        await actionRepository.updateAction(trx, pid, a.id, values, author.at)
        if (a.fields.includes('Priority')) await trx.updateTable('actions').set({ priorityId }).where('id', '=', a.id).execute()
        await actionRepository.saveLinks(trx, pid, a.id, links(a.values), true)
        await auditAction(trx, ctx, a.id, before, 'Changed')
        count.changed++
      }
      actionIds.push(a.id)
    }
  }
  count.updates = await postUpdates(trx, ctx, changes.updates, u => actionIds[u.actionIndex]!, author)

  // Removals (only when asked for): actions, objectives, priorities, then strategic objectives.
  const { removed } = changes
  for (const a of removed.actions) {
    const before = await actionRepository.snapshot(trx, a.id)
    await actionRepository.deleteAction(trx, pid, a.id)
    await auditLog.record(trx, ctx.actor, { partnershipId: pid, action: 'delete', entityType: 'action', entityId: a.id, summary: `Deleted action “${a.title.slice(0, 100)}” and its updates, as the spreadsheet left it out`, before })
  }
  for (const o of removed.objectives) await auditedDelete(trx, ctx.actor, changeTarget('objective', ctx), o.id)
  for (const p of removed.priorities) await auditedDelete(trx, ctx.actor, changeTarget('priority', ctx), p.id)
  for (const o of removed.strategicObjectives) await auditedDelete(trx, ctx.actor, changeTarget('strategicObjective', ctx), o.id)
  count.removed = removed.actions.length + removed.objectives.length + removed.priorities.length + removed.strategicObjectives.length

  await putInFileOrder(trx, planId, changes, priorityIds, actionIds, soId)
  return count
}

/** Number the records in the file's order; those the file leaves out (and keeps) follow. */
async function putInFileOrder(trx: Db, planId: number, changes: PlanChanges, priorityIds: number[], actionIds: number[], soId: Map<string, number>) {
  const renumber = async (table: 'priorities' | 'actions' | 'strategicObjectives', ordered: number[], all: { id: number; position: number }[]) => {
    const rest = all.filter(r => !ordered.includes(r.id)).sort((a, b) => a.position - b.position || a.id - b.id)
    for (const [i, id] of [...ordered, ...rest.map(r => r.id)].entries()) await trx.updateTable(table).set({ position: i + 1 }).where('id', '=', id).execute()
  }
  const strategic = changes.strategicObjectives.map(o => soId.get(nameKey(o.title))!)
  await renumber('strategicObjectives', [...new Set(strategic)], await trx.selectFrom('strategicObjectives').select(['id', 'position']).where('planId', '=', planId).execute())
  await renumber('priorities', priorityIds, await trx.selectFrom('priorities').select(['id', 'position']).where('planId', '=', planId).execute())
  for (const [index, priorityId] of priorityIds.entries()) {
    const ordered = changes.actions.flatMap((a, i) => (a.priorityIndex === index ? [actionIds[i]!] : []))
    await renumber('actions', ordered, await trx.selectFrom('actions').select(['id', 'position']).where('priorityId', '=', priorityId).execute())
  }
}
