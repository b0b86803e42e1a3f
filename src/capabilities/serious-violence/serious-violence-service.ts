import { allows, requirePermission, type PartnershipContext } from '../../core/access/partnership-context.ts'
import { auditLog } from '../../core/audit/audit-log.ts'
import { financialYearDates, financialYearLabel, monthRangeLabel, ukDate } from '../../core/calendar/index.ts'
import type { DocumentSection } from '../../core/documents/model.ts'
import type { Db } from '../../db/database.ts'
import type { Row } from '../../db/tables.ts'
import type { Clock } from '../../shared/clock.ts'
import { NotFoundError, ValidationError } from '../../shared/errors.ts'
import { formatDate } from '../../shared/format.ts'
import type { DutyDirectory, StatutoryDate } from '../statutory-duties/index.ts'

import { defaultReviewDueOn, DOCUMENT_KIND_LABELS, reviewProblems, reviewState, VIOLENCE_CRIME_TYPES } from './domain/duty.ts'
import type { DocumentInput, ReviewInput } from './serious-violence-forms.ts'

export const DUTY = 'Serious Violence Duty'

/** The strategic assessment's evidence, read through the police data and priority matrix capabilities. */
export interface ViolenceEvidence {
  /** The partnership's scoring matrices. */
  matrices(ctx: PartnershipContext): Promise<{ id: number; title: string; href: string }[]>
  /** A matrix's ranked rows. */
  matrixRows(ctx: PartnershipContext, id: number): Promise<{ rank: number; name: string; total: number | null; maxTotal: number; isChosen: boolean }[]>
  /** Counts of some crime types in the partnership's districts over a period, with the months held and the caveats. */
  crimeCounts(ctx: PartnershipContext, crimeTypes: readonly string[], from: string, to: string): Promise<{ counts: { crimeType: string; count: number }[]; monthsHeld: number; months: number; caveats: string[]; href: string } | null>
}

type DocumentRow = Row<'seriousViolenceDocuments'> & { priorityIds: number[]; actionIds: number[] }

export const seriousViolencePaths = (partnershipId: number) => {
  const list = `/partnerships/${partnershipId}/serious-violence`
  return { list, new: `${list}/new`, document: (id: number) => ({ show: `${list}/${id}`, edit: `${list}/${id}/edit`, delete: `${list}/${id}/delete`, review: `${list}/${id}/review` }) }
}

/**
 * The Serious Violence Duty's needs assessment and strategy: dated records with review dates, linked to the
 * evidence and to the priorities and actions that deliver them. Members read them; coordinators keep them.
 */
export function seriousViolenceService({ db, clock, directory, evidence }: { db: Db; clock: Clock; directory: DutyDirectory; evidence: ViolenceEvidence }) {
  const today = () => ukDate(clock.now())

  async function rows(partnershipId: number): Promise<DocumentRow[]> {
    const [documents, priorities, actions] = await Promise.all([
      db.selectFrom('seriousViolenceDocuments').selectAll().where('partnershipId', '=', partnershipId).orderBy('datedOn', 'desc').orderBy('id', 'desc').execute(),
      db.selectFrom('seriousViolencePriorities').selectAll().where('partnershipId', '=', partnershipId).execute(),
      db.selectFrom('seriousViolenceActions').selectAll().where('partnershipId', '=', partnershipId).execute(),
    ])
    return documents.map(d => ({ ...d, priorityIds: priorities.filter(p => p.documentId === d.id).map(p => p.priorityId), actionIds: actions.filter(a => a.documentId === d.id).map(a => a.actionId) }))
  }

  async function find(ctx: PartnershipContext, id: number): Promise<DocumentRow> {
    requirePermission(ctx, 'view')
    const row = (await rows(ctx.partnership.id)).find(d => d.id === id)
    if (!row) throw new NotFoundError('Document')
    return row
  }

  async function described(ctx: PartnershipContext, documents: readonly DocumentRow[]) {
    const [priorities, actions, matrices] = await Promise.all([directory.priorities(ctx), directory.actions(ctx), evidence.matrices(ctx)])
    const day = today()
    return documents.map(d => ({
      ...d,
      kindLabel: DOCUMENT_KIND_LABELS[d.kind],
      reviewState: reviewState(d.reviewDueOn, day),
      period: d.periodFrom && d.periodTo ? monthRangeLabel(d.periodFrom, d.periodTo) : null,
      priorities: priorities.filter(p => d.priorityIds.includes(p.id)),
      actions: actions.filter(a => d.actionIds.includes(a.id)),
      matrix: matrices.find(m => m.id === d.priorityAssessmentId) ?? null,
      paths: seriousViolencePaths(ctx.partnership.id).document(d.id),
    }))
  }

  const service = {
    async list(ctx: PartnershipContext) {
      requirePermission(ctx, 'view')
      return described(ctx, await rows(ctx.partnership.id))
    },

    async document(ctx: PartnershipContext, id: number) {
      const [document] = await described(ctx, [await find(ctx, id)])
      const [matrixRows, counts] = await Promise.all([
        document!.priorityAssessmentId ? evidence.matrixRows(ctx, document!.priorityAssessmentId) : Promise.resolve(null),
        document!.periodFrom && document!.periodTo ? evidence.crimeCounts(ctx, VIOLENCE_CRIME_TYPES, document!.periodFrom, document!.periodTo) : Promise.resolve(null),
      ])
      return { ...document!, matrixRows, counts }
    },

    async choices(ctx: PartnershipContext) {
      requirePermission(ctx, 'view')
      const [priorities, actions, matrices] = await Promise.all([directory.priorities(ctx), directory.actions(ctx), evidence.matrices(ctx)])
      return {
        priorities: priorities.map(p => ({ value: String(p.id), text: p.label })),
        actions: actions.map(a => ({ value: String(a.id), text: a.label })),
        matrices: matrices.map(m => ({ value: m.id, text: m.title })),
      }
    },

    async save(ctx: PartnershipContext, id: number | null, input: DocumentInput) {
      requirePermission(ctx, 'edit_records')
      const before = id === null ? null : await find(ctx, id)
      const choices = await service.choices(ctx)
      const errors: Record<string, string> = {}
      if (input.priorityAssessmentId !== null && !choices.matrices.some(m => m.value === input.priorityAssessmentId)) errors.priorityAssessmentId = 'Select a scoring matrix from the list'
      if (input.priorityIds.some(pid => !choices.priorities.some(p => p.value === String(pid)))) errors.priorityIds = 'Select priorities from the list'
      if (input.actionIds.some(aid => !choices.actions.some(a => a.value === String(aid)))) errors.actionIds = 'Select actions from the list'
      if (Object.keys(errors).length) throw new ValidationError(errors)
      const { priorityIds, actionIds, ...fields } = input
      const values = { ...fields, datedOn: input.datedOn!, reviewDueOn: input.reviewDueOn ?? defaultReviewDueOn(input.datedOn!) }
      const partnershipId = ctx.partnership.id
      return db.transaction().execute(async trx => {
        const row = before
          ? await trx.updateTable('seriousViolenceDocuments').set({ ...values, updatedAt: clock.now() }).where('id', '=', before.id).where('partnershipId', '=', partnershipId).returningAll().executeTakeFirstOrThrow()
          : await trx.insertInto('seriousViolenceDocuments').values({ ...values, partnershipId }).returningAll().executeTakeFirstOrThrow()
        await trx.deleteFrom('seriousViolencePriorities').where('partnershipId', '=', partnershipId).where('documentId', '=', row.id).execute()
        await trx.deleteFrom('seriousViolenceActions').where('partnershipId', '=', partnershipId).where('documentId', '=', row.id).execute()
        if (priorityIds.length) await trx.insertInto('seriousViolencePriorities').values(priorityIds.map(priorityId => ({ partnershipId, documentId: row.id, priorityId }))).execute()
        if (actionIds.length) await trx.insertInto('seriousViolenceActions').values(actionIds.map(actionId => ({ partnershipId, documentId: row.id, actionId }))).execute()
        await auditLog.record(trx, ctx.actor, {
          partnershipId,
          action: before ? 'update' : 'create',
          entityType: 'serious violence document',
          entityId: row.id,
          summary: `${before ? 'Updated' : 'Added'} the Serious Violence Duty ${DOCUMENT_KIND_LABELS[row.kind].toLowerCase()} “${row.title}”`,
          before,
          after: { ...row, priorityIds, actionIds },
        })
        return row
      })
    },

    async recordReview(ctx: PartnershipContext, id: number, input: ReviewInput) {
      requirePermission(ctx, 'edit_records')
      const before = await find(ctx, id)
      const problems = reviewProblems({ reviewedOn: input.reviewedOn!, nextReviewDueOn: input.nextReviewDueOn! }, before.datedOn, today())
      if (Object.keys(problems).length) throw new ValidationError(Object.fromEntries(Object.entries(problems).map(([k, v]) => [`${k}-day`, v])))
      await db.transaction().execute(async trx => {
        await trx.updateTable('seriousViolenceDocuments').set({ lastReviewedOn: input.reviewedOn!, reviewDueOn: input.nextReviewDueOn!, updatedAt: clock.now() }).where('id', '=', id).where('partnershipId', '=', ctx.partnership.id).execute()
        await auditLog.record(trx, ctx.actor, {
          partnershipId: ctx.partnership.id,
          action: 'update',
          entityType: 'serious violence document',
          entityId: id,
          summary: `Reviewed “${before.title}” on ${formatDate(input.reviewedOn)}; next review due ${formatDate(input.nextReviewDueOn)}`,
          before: { lastReviewedOn: before.lastReviewedOn, reviewDueOn: before.reviewDueOn },
          after: { lastReviewedOn: input.reviewedOn, reviewDueOn: input.nextReviewDueOn },
        })
      })
    },

    async remove(ctx: PartnershipContext, id: number) {
      requirePermission(ctx, 'edit_records')
      const before = await find(ctx, id)
      await db.transaction().execute(async trx => {
        await trx.deleteFrom('seriousViolenceDocuments').where('id', '=', id).where('partnershipId', '=', ctx.partnership.id).execute()
        await auditLog.record(trx, ctx.actor, { partnershipId: ctx.partnership.id, action: 'delete', entityType: 'serious violence document', entityId: id, summary: `Deleted the Serious Violence Duty document “${before.title}”`, before })
      })
      return before
    },

    /** The documents a priority delivers, for the thread from evidence to money. */
    async forPriority(ctx: PartnershipContext, priorityId: number, actionIds: readonly number[]) {
      if (!allows(ctx, 'view')) return []
      return described(ctx, (await rows(ctx.partnership.id)).filter(d => d.priorityIds.includes(priorityId) || d.actionIds.some(a => actionIds.includes(a))))
    },

    /** Each document's next review as a statutory date. Access-free, for internal callers. */
    async statutoryDates(partnershipId: number): Promise<StatutoryDate[]> {
      return (await rows(partnershipId)).map(d => ({
        partnershipId,
        key: `serious-violence:${d.id}:review`,
        title: `Review the ${DOCUMENT_KIND_LABELS[d.kind].toLowerCase()} “${d.title}”`,
        dueOn: d.reviewDueOn,
        doneOn: null,
        href: seriousViolencePaths(partnershipId).document(d.id).show,
        duty: DUTY,
      }))
    },

    /** The annual scrutiny report's section: the documents in force in the year and their reviews. */
    async reportSections(ctx: PartnershipContext, report: { kind: string; year: number }): Promise<DocumentSection[]> {
      if (report.kind !== 'annual_scrutiny_report' || !allows(ctx, 'view')) return []
      const { last } = financialYearDates(report.year)
      const documents = (await service.list(ctx)).filter(d => d.datedOn <= last)
      if (!documents.length) return []
      return [
        {
          heading: 'Serious Violence Duty',
          blocks: [
            { kind: 'paragraph', text: `The partnership’s strategic needs assessment and strategy for preventing and reducing serious violence, as they stood at the end of ${financialYearLabel(report.year)}.` },
            {
              kind: 'table',
              caption: `Serious Violence Duty documents, ${financialYearLabel(report.year)}`,
              columns: [
                { header: 'Document', width: 3 },
                { header: 'Dated', width: 1.3 },
                { header: 'Evidence', width: 2.2 },
                { header: 'Priorities it is delivered by', width: 3 },
                { header: 'Last reviewed', width: 1.3 },
                { header: 'Next review', width: 1.3 },
              ],
              rows: documents.map(d => ({
                cells: [
                  { lines: [{ text: d.title }, { text: d.kindLabel, small: true }] },
                  formatDate(d.datedOn),
                  [d.period ? `Police data ${d.period}` : '', d.matrix ? d.matrix.title : ''].filter(Boolean).join('; '),
                  { lines: d.priorities.map(p => ({ text: p.label, bullet: true })) },
                  d.lastReviewedOn ? formatDate(d.lastReviewedOn) : 'Not yet',
                  formatDate(d.reviewDueOn),
                ],
              })),
            },
          ],
        },
      ]
    },
  }
  return service
}
export type SeriousViolenceService = ReturnType<typeof seriousViolenceService>
