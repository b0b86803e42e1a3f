import { allows, requirePermission, type PartnershipContext } from '../../core/access/partnership-context.ts'
import { grantRepository } from '../../core/access/grant-repository.ts'
import { financialYearDates, financialYearOfDay, ukDate, type IsoDate } from '../../core/calendar/index.ts'
import type { DocumentSection } from '../../core/documents/model.ts'
import type { Db } from '../../db/database.ts'
import { isUniqueViolation } from '../../db/errors.ts'
import type { Clock } from '../../shared/clock.ts'
import { NotFoundError, ValidationError } from '../../shared/errors.ts'
import type { DutyDirectory, StatutoryDate } from '../statutory-duties/index.ts'

import { reviewAudit, type ReviewTarget } from './death-review-audit.ts'
import type { ChairInput, DecisionInput, NotificationInput, ReportInput } from './death-review-forms.ts'
import { reviewPartsService } from './death-review-parts.ts'
import { deathReviewPaths } from './death-review-paths.ts'
import { deathReviewRepository as repo, type ReviewRecords, type ReviewRow } from './death-review-repository.ts'
import { deathReviewRetention } from './death-review-retention.ts'
import { countActions, currentRag } from './domain/action-plan.ts'
import { deathReviewFigures, type DeathReviewFigures, type FigureReview } from './domain/figures.ts'
import { deathReviewSection } from './domain/figures-section.ts'
import { DEATH_REVIEW_RETENTION_RULES, retentionDueOn } from './domain/retention.ts'
import { datesProblems, decisionDeadline, DECISION_LABELS, isOpen, reportDeadline, reportDueOn, stageOf, STAGE_LABELS } from './domain/timescales.ts'

export const DUTY = 'Domestic abuse related death review'

export const reviewTarget = (review: Pick<ReviewRow, 'caseReference'>): ReviewTarget => ({ table: 'deathReviews', entityType: 'death review', label: review.caseReference })

/** A review with its stage and its deadlines against the statutory timescales. */
function overview(review: ReviewRow, extensions: readonly { agreedOn: string; extendedTo: string }[], today: IsoDate) {
  const stage = stageOf(review)
  return {
    ...review,
    stage,
    stageLabel: STAGE_LABELS[stage],
    decisionLabel: DECISION_LABELS[review.decision],
    isOpen: isOpen(review),
    decisionDeadline: decisionDeadline(review, today),
    reportDeadline: reportDeadline(review, extensions, today),
  }
}
export type ReviewOverview = ReturnType<typeof overview>

/**
 * Domestic abuse related death reviews, from notification to publication. Only holders of the 'reviews' grant
 * see or change them (a 404 for anyone else, whatever their role); every read and every change goes into the
 * audit log, which names a review by its case reference only (death-review-audit.ts).
 */
export function deathReviewService({ db, clock, directory }: { db: Db; clock: Clock; directory: DutyDirectory }) {
  const today = () => ukDate(clock.now())

  async function find(ctx: PartnershipContext, id: number): Promise<ReviewRow> {
    requirePermission(ctx, 'reviews')
    const review = await repo.find(db, ctx.partnership.id, id)
    if (!review) throw new NotFoundError('Death review')
    return review
  }

  async function checkPriority(ctx: PartnershipContext, priorityId: number | null) {
    if (priorityId !== null && !(await directory.priorities(ctx)).some(p => p.id === priorityId)) throw new ValidationError({ priorityId: 'Select a priority from the list' })
  }

  /** Save some fields of a review once its dates, as they would then stand, are in order. */
  async function saveStep(ctx: PartnershipContext, id: number, values: Partial<ReviewRow>) {
    const review = await find(ctx, id)
    const after = { ...review, ...values }
    const problems = datesProblems(after, today())
    const relevant = Object.fromEntries(Object.entries(problems).filter(([field]) => field in values).map(([field, message]) => [`${field}-day`, message]))
    if (Object.keys(relevant).length) throw new ValidationError(relevant)
    const other = Object.entries(problems).find(([field]) => !(field in values))
    if (other) throw new ValidationError({ form: `${other[1]}: change it on its own page first` })
    await db.transaction().execute(trx => reviewAudit.update(trx, ctx.actor, ctx.partnership.id, reviewTarget(review), id, values, clock.now()))
    return after
  }

  async function duplicateReference<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn()
    } catch (error) {
      if (isUniqueViolation(error)) throw new ValidationError({ caseReference: 'Another review already has this case reference' })
      throw error
    }
  }

  async function figureReviews(partnershipId: number): Promise<FigureReview[]> {
    const reviews = await repo.list(db, partnershipId)
    const parts = await repo.parts(db, partnershipId)
    return reviews.map(review => ({
      ...review,
      extensions: parts.extensions.filter(e => e.reviewId === review.id),
      actions: parts.actions
        .filter(a => a.reviewId === review.id)
        .map(a => ({ status: a.status, dueOn: a.dueOn, rag: currentRag(parts.updates.filter(u => u.actionId === a.id)) })),
    }))
  }

  /** The scrutiny report's figures for a financial year: counts only, no case. Access-free, for the reports. */
  async function figures(partnershipId: number, year: number): Promise<DeathReviewFigures | null> {
    const reviews = await figureReviews(partnershipId)
    if (!reviews.length) return null
    const { last } = financialYearDates(year)
    const day = today()
    return deathReviewFigures(reviews, year, last < day ? last : day)
  }

  const parts = reviewPartsService({ db, clock, find, directory })

  return {
    ...parts,

    /** The partnership's reviews, newest notification first, with their stage and deadlines. Audited. */
    async list(ctx: PartnershipContext) {
      requirePermission(ctx, 'reviews')
      const [reviews, all] = await Promise.all([repo.list(db, ctx.partnership.id), repo.parts(db, ctx.partnership.id)])
      await reviewAudit.read(db, ctx, 'death review', null, `Viewed the list of death reviews (${reviews.length})`)
      const day = today()
      return reviews.map(review => ({
        ...overview(review, all.extensions.filter(e => e.reviewId === review.id), day),
        actions: countActions(
          all.actions.filter(a => a.reviewId === review.id).map(a => ({ status: a.status, dueOn: a.dueOn, rag: currentRag(all.updates.filter(u => u.actionId === a.id)) })),
          day,
        ),
      }))
    },

    /** Everything recorded about one review, with its deadlines and retention. Audited. */
    async review(ctx: PartnershipContext, id: number) {
      const review = await find(ctx, id)
      await reviewAudit.read(db, ctx, 'death review', id, `Viewed death review ${review.caseReference}`)
      return view(ctx, await repo.records(db, ctx.partnership.id, review))
    },

    /** The review's own fields for a step's form (audited as a read). */
    async forForm(ctx: PartnershipContext, id: number, step: string) {
      const review = await find(ctx, id)
      await reviewAudit.read(db, ctx, 'death review', id, `Opened the ${step} of death review ${review.caseReference} to change it`)
      return { ...review, reportDueOn: reportDueOn(review, (await repo.records(db, ctx.partnership.id, review)).extensions) }
    },

    async create(ctx: PartnershipContext, input: NotificationInput) {
      requirePermission(ctx, 'reviews')
      await checkPriority(ctx, input.priorityId)
      const problems = datesProblems({ notifiedOn: input.notifiedOn!, decision: 'pending', decisionOn: null, reportSentOn: null, homeOfficeFeedbackOn: null, publishedOn: null, homeOfficeNotifiedOn: null }, today())
      if (problems.notifiedOn) throw new ValidationError({ 'notifiedOn-day': problems.notifiedOn })
      return duplicateReference(() =>
        db.transaction().execute(trx => reviewAudit.insert(trx, ctx.actor, ctx.partnership.id, reviewTarget(input), { ...input, notifiedOn: input.notifiedOn! })),
      )
    },

    async saveNotification(ctx: PartnershipContext, id: number, input: NotificationInput) {
      await checkPriority(ctx, input.priorityId)
      return duplicateReference(() => saveStep(ctx, id, { ...input, notifiedOn: input.notifiedOn! }))
    },

    saveDecision: (ctx: PartnershipContext, id: number, input: DecisionInput) => saveStep(ctx, id, input),
    saveChair: (ctx: PartnershipContext, id: number, input: ChairInput) => saveStep(ctx, id, input),
    saveReport: (ctx: PartnershipContext, id: number, input: ReportInput) => saveStep(ctx, id, input),

    async remove(ctx: PartnershipContext, id: number) {
      const review = await find(ctx, id)
      await db.transaction().execute(trx => reviewAudit.delete(trx, ctx.actor, ctx.partnership.id, reviewTarget(review), id, `Deleted death review ${review.caseReference} and everything recorded about it`))
      return review
    },

    // --- Who may see them ------------------------------------------------------------------------

    async accessList(ctx: PartnershipContext) {
      requirePermission(ctx, 'manage_partnership')
      return (await grantRepository.holders(db, ctx.partnership.id)).map(holder => ({ ...holder, hasAccess: holder.grants.includes('reviews') }))
    },

    async changeAccess(ctx: PartnershipContext, userId: number, change: 'give' | 'take') {
      requirePermission(ctx, 'manage_partnership')
      await db.transaction().execute(trx =>
        change === 'give' ? grantRepository.give(trx, ctx.actor, ctx.partnership.id, userId, 'reviews') : grantRepository.take(trx, ctx.actor, ctx.partnership.id, userId, 'reviews'),
      )
    },

    // --- For other capabilities and the statutory calendar ---------------------------------------

    /**
     * Every deadline of the partnership's reviews as plain data: the decision (one month from the notification),
     * the report to the Home Office (six months from the decision, or as extended) and each action of the action
     * plans. Access-free, for internal callers (the statutory calendar, reminders): they show it to those who may
     * see it. Titles carry the case reference only.
     */
    async statutoryDates(partnershipId: number): Promise<StatutoryDate[]> {
      const reviews = await repo.list(db, partnershipId)
      const all = await repo.parts(db, partnershipId)
      const paths = deathReviewPaths(partnershipId)
      return reviews.flatMap(review => {
        const href = paths.review(review.id).show
        const base = { partnershipId, duty: DUTY, href }
        const dates: StatutoryDate[] = [
          { ...base, key: `death-review:${review.id}:decision`, title: `Decide whether to hold a review (${review.caseReference})`, dueOn: decisionDeadline(review, today()).dueOn, doneOn: review.decisionOn },
        ]
        const report = reportDeadline(review, all.extensions.filter(e => e.reviewId === review.id), today())
        if (report) dates.push({ ...base, key: `death-review:${review.id}:qa-report`, title: `Send the report to the Home Office for quality assurance (${review.caseReference})`, dueOn: report.dueOn, doneOn: review.reportSentOn })
        for (const action of all.actions.filter(a => a.reviewId === review.id && a.dueOn && a.status !== 'cancelled')) {
          dates.push({ ...base, key: `death-review:${review.id}:action:${action.id}`, title: `Action plan of ${review.caseReference}: ${action.action}`, dueOn: action.dueOn!, doneOn: action.completedOn })
        }
        return dates
      })
    },

    figures,

    /** The reviews' deadlines for the statutory calendar: for those who hold the grant (the read audited), nothing for anyone else. */
    async calendarDeadlines(ctx: PartnershipContext): Promise<StatutoryDate[]> {
      if (!allows(ctx, 'reviews')) return []
      const dates = await this.statutoryDates(ctx.partnership.id)
      if (dates.length) {
        const references = (await repo.list(db, ctx.partnership.id)).map(r => r.caseReference)
        await reviewAudit.read(db, ctx, 'death review', null, `Viewed the death reviews' deadlines on the statutory calendar (${references.join(', ')})`)
      }
      return dates
    },

    /** The reviews linked to a priority, for those who hold the grant; nothing for anyone else. Audited when read. */
    async forPriority(ctx: PartnershipContext, priorityId: number) {
      if (!allows(ctx, 'reviews')) return null
      const reviews = (await repo.list(db, ctx.partnership.id)).filter(r => r.priorityId === priorityId)
      if (reviews.length) await reviewAudit.read(db, ctx, 'death review', null, `Viewed the death reviews linked to priority ${priorityId} (${reviews.map(r => r.caseReference).join(', ')})`)
      const all = await repo.parts(db, ctx.partnership.id, reviews.map(r => r.id))
      return reviews.map(review => ({ ...overview(review, all.extensions.filter(e => e.reviewId === review.id), today()), href: deathReviewPaths(ctx.partnership.id).review(review.id).show }))
    },

    /** How many reviews a priority has (a count reveals no case), for documents read by everyone. */
    async countForPriority(partnershipId: number, priorityId: number): Promise<number> {
      return (await repo.list(db, partnershipId)).filter(r => r.priorityId === priorityId).length
    },

    /** The annual scrutiny report's section: the year's figures, counts only (read by the report's readers, who may not hold the grant). */
    async reportSections(ctx: PartnershipContext, report: { kind: string; year: number }): Promise<DocumentSection[]> {
      if (report.kind !== 'annual_scrutiny_report' || !allows(ctx, 'view')) return []
      return [deathReviewSection(await figures(ctx.partnership.id, report.year), report.year)]
    },

    runRetention: deathReviewRetention({ db }).run,
    currentYear: () => financialYearOfDay(today()),
  }

  async function view(ctx: PartnershipContext, records: ReviewRecords) {
    const day = today()
    const { review } = records
    const [organisations, priorities] = await Promise.all([directory.organisations(ctx), directory.priorities(ctx)])
    const organisationName = new Map(organisations.map(o => [o.id, o.name]))
    const actions = records.actions.map(action => ({ ...action, rag: currentRag(action.updates) }))
    return {
      ...overview(review, records.extensions, day),
      priority: priorities.find(p => p.id === review.priorityId) ?? null,
      panel: records.panel.map(member => ({ ...member, organisationLabel: (member.organisationId ? organisationName.get(member.organisationId) : member.organisationName) ?? '' })),
      meetings: records.meetings,
      extensions: records.extensions,
      actions,
      actionCounts: countActions(actions, day),
      retention: DEATH_REVIEW_RETENTION_RULES.map(rule => ({ rule, dueOn: retentionDueOn(rule, review) })),
      paths: deathReviewPaths(ctx.partnership.id).review(review.id),
    }
  }
}
export type DeathReviewService = ReturnType<typeof deathReviewService>
export type ReviewView = Awaited<ReturnType<DeathReviewService['review']>>
