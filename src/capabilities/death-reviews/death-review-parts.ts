import type { PartnershipContext } from '../../core/access/partnership-context.ts'
import { ukDate } from '../../core/calendar/index.ts'
import type { Db } from '../../db/database.ts'
import type { Clock } from '../../shared/clock.ts'
import { NotFoundError, ValidationError } from '../../shared/errors.ts'
import type { DutyDirectory } from '../statutory-duties/index.ts'

import { reviewAudit, type ReviewTarget } from './death-review-audit.ts'
import type { ActionInput, ActionUpdateInput, ExtensionInput, MeetingInput, PanelMemberInput } from './death-review-forms.ts'
import { deathReviewRepository as repo, type ReviewRow } from './death-review-repository.ts'
import { extensionProblems, reportDueOn } from './domain/timescales.ts'

type PartTable = 'deathReviewPanelMembers' | 'deathReviewMeetings' | 'deathReviewExtensions' | 'deathReviewActions'
type PartKind = 'panel' | 'meetings' | 'extensions' | 'actions'

const PARTS: Record<PartKind, { table: PartTable; entityType: string }> = {
  panel: { table: 'deathReviewPanelMembers', entityType: 'death review panel member' },
  meetings: { table: 'deathReviewMeetings', entityType: 'death review meeting' },
  extensions: { table: 'deathReviewExtensions', entityType: 'death review extension' },
  actions: { table: 'deathReviewActions', entityType: 'death review action' },
}

const partTarget = (kind: PartKind, review: Pick<ReviewRow, 'caseReference'>): ReviewTarget => ({ ...PARTS[kind], label: `of review ${review.caseReference}` })

/**
 * A review's parts: the panel's organisations, its meetings, the agreed extensions of the report's deadline,
 * and the action plan with its RAG updates. Each read and change is audited like the review's own.
 */
export function reviewPartsService({ db, clock, find, directory }: { db: Db; clock: Clock; find: (ctx: PartnershipContext, id: number) => Promise<ReviewRow>; directory: DutyDirectory }) {
  const today = () => ukDate(clock.now())

  async function part<K extends PartKind>(ctx: PartnershipContext, kind: K, reviewId: number, id: number) {
    const review = await find(ctx, reviewId)
    const records = await repo.records(db, ctx.partnership.id, review)
    const list = { panel: records.panel, meetings: records.meetings, extensions: records.extensions, actions: records.actions }[kind]
    const row = (list as { id: number }[]).find(r => r.id === id)
    if (!row) throw new NotFoundError(PARTS[kind].entityType)
    await reviewAudit.read(db, ctx, PARTS[kind].entityType, id, `Opened a ${PARTS[kind].entityType} of review ${review.caseReference}`)
    return { review, records, row }
  }

  async function save(ctx: PartnershipContext, kind: PartKind, reviewId: number, id: number | null, values: Record<string, unknown>) {
    const review = await find(ctx, reviewId)
    if (id !== null) await part(ctx, kind, reviewId, id)
    const target = partTarget(kind, review)
    return db.transaction().execute(async trx => {
      if (id === null) return reviewAudit.insert(trx, ctx.actor, ctx.partnership.id, target, { ...values, reviewId })
      await reviewAudit.update(trx, ctx.actor, ctx.partnership.id, target, id, values, clock.now())
      return { id }
    })
  }

  async function remove(ctx: PartnershipContext, kind: PartKind, reviewId: number, id: number) {
    const { review } = await part(ctx, kind, reviewId, id)
    await db.transaction().execute(trx => reviewAudit.delete(trx, ctx.actor, ctx.partnership.id, partTarget(kind, review), id))
  }

  return {
    panelMember: (ctx: PartnershipContext, reviewId: number, id: number) => part(ctx, 'panel', reviewId, id).then(p => p.records.panel.find(m => m.id === id)!),
    async savePanelMember(ctx: PartnershipContext, reviewId: number, id: number | null, input: PanelMemberInput) {
      if (input.organisationId !== null && !(await directory.organisations(ctx)).some(o => o.id === input.organisationId)) throw new ValidationError({ organisationId: 'Select an organisation from the list' })
      return save(ctx, 'panel', reviewId, id, { ...input, organisationName: input.organisationId === null ? input.organisationName : null })
    },
    deletePanelMember: (ctx: PartnershipContext, reviewId: number, id: number) => remove(ctx, 'panel', reviewId, id),

    meeting: (ctx: PartnershipContext, reviewId: number, id: number) => part(ctx, 'meetings', reviewId, id).then(p => p.records.meetings.find(m => m.id === id)!),
    async saveMeeting(ctx: PartnershipContext, reviewId: number, id: number | null, input: MeetingInput) {
      if (input.heldOn! > today()) throw new ValidationError({ 'heldOn-day': 'Date of the meeting must be today or in the past' })
      return save(ctx, 'meetings', reviewId, id, { ...input, heldOn: input.heldOn! })
    },
    deleteMeeting: (ctx: PartnershipContext, reviewId: number, id: number) => remove(ctx, 'meetings', reviewId, id),

    extension: (ctx: PartnershipContext, reviewId: number, id: number) => part(ctx, 'extensions', reviewId, id).then(p => p.records.extensions.find(m => m.id === id)!),
    /** An extension must move the report's due date later than it stood before it (the other extensions counted). */
    async saveExtension(ctx: PartnershipContext, reviewId: number, id: number | null, input: ExtensionInput) {
      const review = await find(ctx, reviewId)
      const others = (await repo.records(db, ctx.partnership.id, review)).extensions.filter(e => e.id !== id)
      const problems = extensionProblems({ agreedOn: input.agreedOn!, extendedTo: input.extendedTo! }, reportDueOn(review, others), today())
      if (Object.keys(problems).length) throw new ValidationError(Object.fromEntries(Object.entries(problems).map(([field, message]) => [`${field}-day`, message])))
      return save(ctx, 'extensions', reviewId, id, { ...input, agreedOn: input.agreedOn!, extendedTo: input.extendedTo! })
    },
    deleteExtension: (ctx: PartnershipContext, reviewId: number, id: number) => remove(ctx, 'extensions', reviewId, id),

    action: (ctx: PartnershipContext, reviewId: number, id: number) => part(ctx, 'actions', reviewId, id).then(p => p.records.actions.find(m => m.id === id)!),
    saveAction: (ctx: PartnershipContext, reviewId: number, id: number | null, input: ActionInput) => save(ctx, 'actions', reviewId, id, input),
    deleteAction: (ctx: PartnershipContext, reviewId: number, id: number) => remove(ctx, 'actions', reviewId, id),

    async postActionUpdate(ctx: PartnershipContext, reviewId: number, actionId: number, input: ActionUpdateInput) {
      const { review } = await part(ctx, 'actions', reviewId, actionId)
      const authorLabel = ctx.actor.label
      return db.transaction().execute(trx =>
        reviewAudit.insert(trx, ctx.actor, ctx.partnership.id, { table: 'deathReviewActionUpdates', entityType: 'death review action update', label: `of review ${review.caseReference}` }, { ...input, actionId, authorLabel }),
      )
    },
  }
}
