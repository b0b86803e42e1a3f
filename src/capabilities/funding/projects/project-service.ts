import type { Db } from '../../../db/database.ts'
import { isForeignKeyViolation, isUniqueViolation } from '../../../db/errors.ts'
import type { Clock } from '../../../shared/clock.ts'
import { financialYearLabel, financialYearSlug, ukDate } from '../../../core/calendar/index.ts'
import { ConflictError, NotFoundError, ValidationError } from '../../../shared/errors.ts'
import { auditedDelete, auditedInsert, auditedUpdate, findInPartnership } from '../../../core/audit/audited-changes.ts'
import { requirePermission, type PartnershipContext } from '../../../core/access/partnership-context.ts'
import { BID_STATUS_LABELS } from '../domain/funding.ts'
import { sumPence } from '../domain/money.ts'
import { evaluationStatus, type EvaluationStatus } from '../domain/projects.ts'
import { checkId, requireOrganisation, target } from '../funding-records.ts'

import type { EvaluationInput, ProjectInput } from './project-forms.ts'
import { projectRepository as repo, type ProjectRow } from './project-repository.ts'

/** Funded projects: what they are, the money allocated to them and bid for them across years, and their evaluation. */
export function projectService({ db, clock }: { db: Db; clock: Clock }) {
  return {
    async projects(ctx: PartnershipContext): Promise<(ProjectRow & { evaluation: EvaluationStatus })[]> {
      requirePermission(ctx, 'view')
      const today = ukDate(clock.now())
      return (await repo.projects(db, ctx.partnership.id)).map(p => ({ ...p, evaluation: evaluationStatus(p, today) }))
    },

    async project(ctx: PartnershipContext, id: number) {
      requirePermission(ctx, 'view')
      checkId(id)
      const project = await repo.project(db, ctx.partnership.id, id)
      if (!project) throw new NotFoundError('Project')
      const [allocations, bids] = await Promise.all([repo.projectAllocations(db, ctx.partnership.id, id), repo.projectBids(db, ctx.partnership.id, id)])
      const rows = allocations.map(a => ({ ...a, yearLabel: financialYearLabel(a.startYear), yearSlug: financialYearSlug(a.startYear) }))
      return {
        project,
        evaluation: evaluationStatus(project, ukDate(clock.now())),
        allocations: rows,
        totals: {
          allocatedPence: sumPence(rows.map(r => r.amountPence)),
          spentPence: sumPence(rows.map(r => r.spentPence)),
          committedPence: sumPence(rows.map(r => r.committedPence)),
        },
        bids: bids.map(b => ({
          ...b,
          yearLabel: financialYearLabel(b.startYear),
          yearSlug: financialYearSlug(b.startYear),
          statusLabel: BID_STATUS_LABELS[b.status],
        })),
      }
    },

    async saveProject(ctx: PartnershipContext, id: number | null, input: ProjectInput) {
      requirePermission(ctx, 'edit_records')
      try {
        return await db.transaction().execute(async trx => {
          if (id !== null) {
            checkId(id)
            await findInPartnership(trx, target('project', ctx), id)
          }
          await requireOrganisation(trx, ctx, input.leadOrganisationId, 'leadOrganisationId')
          return id === null ? auditedInsert(trx, ctx.actor, target('project', ctx), input) : auditedUpdate(trx, ctx.actor, target('project', ctx), id, input, clock.now())
        })
      } catch (error) {
        if (isUniqueViolation(error)) throw new ValidationError({ name: 'There is already a project with this name' })
        throw error
      }
    },

    async recordEvaluation(ctx: PartnershipContext, id: number, input: EvaluationInput) {
      requirePermission(ctx, 'edit_records')
      checkId(id)
      return db.transaction().execute(async trx => {
        const project = await findInPartnership(trx, target('project', ctx), id)
        if (project.startDate && input.evaluationCompletedOn < project.startDate) {
          throw new ValidationError({ 'completedOn-day': 'Date must be the same as or after the project’s start date' })
        }
        return auditedUpdate(trx, ctx.actor, target('project', ctx), id, input, clock.now())
      })
    },

    async deleteProject(ctx: PartnershipContext, id: number) {
      requirePermission(ctx, 'edit_records')
      checkId(id)
      try {
        await db.transaction().execute(trx => auditedDelete(trx, ctx.actor, target('project', ctx), id))
      } catch (error) {
        if (isForeignKeyViolation(error)) {
          throw new ConflictError('This project cannot be deleted while money is allocated to it. Delete or change those allocations first.')
        }
        throw error
      }
    },
  }
}

export type ProjectService = ReturnType<typeof projectService>
