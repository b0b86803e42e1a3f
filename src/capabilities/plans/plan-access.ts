import { allows, requirePermission, type PartnershipContext } from '../../core/access/partnership-context.ts'
import type { ChangeTarget } from '../../core/audit/audited-changes.ts'
import { ukDate, type IsoDate } from '../../core/calendar/index.ts'
import type { Db } from '../../db/database.ts'
import type { Clock } from '../../shared/clock.ts'
import { NotFoundError } from '../../shared/errors.ts'
import type { PartnershipService } from '../partnerships/index.ts'

import { actionRepository } from './actions/action-repository.ts'
import type { Directory } from './domain/directory.ts'
import { planRepository, type PlanRow } from './plan-repository.ts'
import { assembleTree, type PlanTree } from './plan-tree.ts'
import { planViewOf, type PlanView } from './plan-view.ts'
import { priorityRepository } from './priorities/priority-repository.ts'

/** What plans read of the partnership's records, through the partnership service: names, and who is writing. */
export type PartnershipRecords = Pick<PartnershipService, 'directory' | 'signature'>

/** What every part of the plan service is built from. */
export interface PlanDeps {
  db: Db
  clock: Clock
  partnerships: PartnershipRecords
}

const targets = {
  plan: { table: 'plans', entityType: 'plan', describe: (row: { title: string }) => row.title },
  priority: { table: 'priorities', entityType: 'priority', describe: (row: { title: string }) => row.title },
  objective: { table: 'objectives', entityType: 'objective', describe: (row: { title: string }) => row.title },
  strategicObjective: { table: 'strategicObjectives', entityType: 'strategic objective', describe: (row: { title: string }) => row.title },
  risk: { table: 'priorityRisks', entityType: 'priority risk', describe: (row: { risk: string }) => row.risk },
  update: { table: 'actionUpdates', entityType: 'action update', describe: (row: { quarter: number; body: string }) => `Q${row.quarter}: ${row.body.slice(0, 60)}` },
} as const

/** The audited-changes target of a kind of plan record, in the reader's partnership. */
export function changeTarget<K extends keyof typeof targets>(name: K, ctx: PartnershipContext) {
  return { ...targets[name], partnershipId: ctx.partnership.id } as unknown as ChangeTarget<(typeof targets)[K]['table']>
}

/** A record's number from a URL, or a 404. */
export function ensureId(id: number, what: string): number {
  if (!Number.isSafeInteger(id) || id <= 0) throw new NotFoundError(what)
  return id
}

export const json = (value: unknown) => JSON.stringify(value)

/**
 * Reading plans as the reader may see them: a draft plan (and everything in it) is a 404 for the public;
 * a record of another partnership is a 404 for everyone.
 */
export function planAccess({ db, clock, partnerships }: PlanDeps) {
  const today = (): IsoDate => ukDate(clock.now())
  const seesDrafts = (ctx: PartnershipContext) => allows(ctx, 'view')

  function checkVisible(ctx: PartnershipContext, plan: PlanRow | undefined): PlanRow {
    if (!plan || (plan.status === 'draft' && !seesDrafts(ctx))) throw new NotFoundError('Plan')
    return plan
  }

  /** Organisations, people (for readers who may see them) and groups, for names in a plan. */
  function names(ctx: PartnershipContext): Promise<Directory> {
    return partnerships.directory(ctx)
  }

  /** A plan's records and the names they refer to (fetched unless given), asked together: one wait, not two. */
  function recordsWithNames(ctx: PartnershipContext, planId: number, directory?: Directory) {
    return Promise.all([planRepository.records(db, ctx.partnership.id, planId), directory ?? names(ctx)])
  }

  /** A plan's tree with the names it refers to (fetched unless given). */
  async function treeOf(ctx: PartnershipContext, planId: number, directory?: Directory): Promise<PlanTree | undefined> {
    const [records, directoryNames] = await recordsWithNames(ctx, planId, directory)
    return records && assembleTree(records, directoryNames)
  }

  return {
    today,
    seesDrafts,
    checkVisible,
    names,
    treeOf,

    async loadPlan(ctx: PartnershipContext, planId: number, trx: Db = db): Promise<PlanRow> {
      requirePermission(ctx, 'view_published')
      return checkVisible(ctx, await planRepository.findPlan(trx, ctx.partnership.id, planId))
    },

    /** The plan's tree, as the reader may see it (with the names given, or fetched). */
    async loadTree(ctx: PartnershipContext, planId: number, directory?: Directory): Promise<PlanTree> {
      requirePermission(ctx, 'view_published')
      // A plan the reader may not see is still a 404, though its names were asked for beside it.
      const [records, directoryNames] = await recordsWithNames(ctx, planId, directory)
      checkVisible(ctx, records?.plan)
      return assembleTree(records!, directoryNames)
    },

    view(ctx: PartnershipContext, tree: PlanTree, on: IsoDate = today()): PlanView {
      return planViewOf(tree, { on, showsPeople: allows(ctx, 'view') })
    },

    /** The priority and its plan, as the reader may see them. */
    async priorityContext(ctx: PartnershipContext, priorityId: number, trx: Db = db) {
      requirePermission(ctx, 'view_published')
      const priority = await priorityRepository.findPriority(trx, ctx.partnership.id, priorityId)
      if (!priority) throw new NotFoundError('Priority')
      const plan = checkVisible(ctx, await planRepository.findPlan(trx, ctx.partnership.id, priority.planId))
      return { priority, plan }
    },

    /** The action, its priority and its plan, as the reader may see them. */
    async actionContext(ctx: PartnershipContext, actionId: number, trx: Db = db) {
      requirePermission(ctx, 'view_published')
      const row = await actionRepository.findAction(trx, ctx.partnership.id, actionId)
      if (!row) throw new NotFoundError('Action')
      const priority = (await priorityRepository.findPriority(trx, ctx.partnership.id, row.priorityId))!
      const plan = checkVisible(ctx, await planRepository.findPlan(trx, ctx.partnership.id, priority.planId))
      return { row, priority, plan }
    },

    /** Mark the plan changed, in the caller's transaction. */
    touchPlan(trx: Db, planId: number) {
      return planRepository.touchPlan(trx, planId, clock.now())
    },
  }
}

export type PlanAccess = ReturnType<typeof planAccess>
