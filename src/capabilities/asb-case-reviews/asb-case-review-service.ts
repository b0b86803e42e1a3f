import { allows, requirePermission, type PartnershipContext } from '../../core/access/partnership-context.ts'
import { auditLog } from '../../core/audit/audit-log.ts'
import { financialYearDates, financialYearLabel, financialYearOfDay, ukDate, type IsoDate } from '../../core/calendar/index.ts'
import type { DocumentSection } from '../../core/documents/model.ts'
import type { Db } from '../../db/database.ts'
import { isUniqueViolation } from '../../db/errors.ts'
import type { Clock } from '../../shared/clock.ts'
import { NotFoundError, ValidationError } from '../../shared/errors.ts'
import type { DutyDirectory, RetentionOutcome, StatutoryDate } from '../statutory-duties/index.ts'

import type { ApplicationInput, ReviewInput, SettingsInput, ThresholdInput } from './asb-case-review-forms.ts'
import { asbCaseReviewPaths } from './asb-case-review-paths.ts'
import { asbCaseReviewRepository as repo, PERSONAL_FIELDS, redacted, type ApplicationRow } from './asb-case-review-repository.ts'
import { caseReviewSection } from './domain/figures-section.ts'
import { applicationProblems, hasRecommendations, meetsThreshold, nextPublicationDueOn, RETENTION, retentionDueOn, stageOf, STAGE_LABELS, stepDays, thresholdText, yearFigures } from './domain/case-reviews.ts'

export const DUTY = 'ASB case review (community trigger)'

/** The community trigger began on 20 October 2014, in the financial year 2014/15. */
const FIRST_YEAR = 2014

/**
 * The ASB case review log and the yearly figures the partnership publishes. Members read the log (it names no
 * one); coordinators keep it. The figures of a year are public once the partnership publishes them.
 */
export function asbCaseReviewService({ db, clock, directory }: { db: Db; clock: Clock; directory: DutyDirectory }) {
  const today = () => ukDate(clock.now())

  async function find(ctx: PartnershipContext, id: number): Promise<ApplicationRow> {
    requirePermission(ctx, 'view')
    const row = Number.isSafeInteger(id) ? await repo.find(db, ctx.partnership.id, id) : undefined
    if (!row) throw new NotFoundError('ASB case review')
    return row
  }

  function describe(row: ApplicationRow, threshold: { complaints: number; months: number }) {
    const stage = stageOf(row)
    return { ...row, stage, stageLabel: STAGE_LABELS[stage], days: stepDays(row), meetsThreshold: meetsThreshold(row.complaintsCount, threshold), hasRecommendations: hasRecommendations(row), retentionDueOn: retentionDueOn(row) }
  }

  /** Save once the dates stand in order; a threshold decision against the partnership's threshold needs its reason. */
  async function save(ctx: PartnershipContext, id: number | null, values: Partial<ApplicationRow>) {
    requirePermission(ctx, 'edit_records')
    const before = id === null ? null : await find(ctx, id)
    const after = { ...(before ?? { thresholdDecisionOn: null, thresholdMet: null, reviewOn: null, outcomeOn: null, recommendations: null }), ...values } as ApplicationRow
    const problems = applicationProblems(after, today())
    const own = Object.entries(problems).filter(([field]) => field in values)
    if (own.length) throw new ValidationError(Object.fromEntries(own.map(([field, message]) => [`${field}-day`, message])))
    const other = Object.entries(problems)[0]
    if (other) throw new ValidationError({ form: other[1] })
    if ('thresholdMet' in values) {
      const threshold = await repo.threshold(db, ctx.partnership.id)
      if (after.thresholdMet !== meetsThreshold(after.complaintsCount, threshold) && !after.thresholdReason) {
        throw new ValidationError({ thresholdReason: `${after.complaintsCount} complaints ${meetsThreshold(after.complaintsCount, threshold) ? 'meet' : 'do not meet'} the partnership’s threshold of ${thresholdText(threshold)}: give the reason for deciding otherwise` })
      }
    }
    if (after.priorityId !== null && after.priorityId !== undefined && !(await directory.priorities(ctx)).some(p => p.id === after.priorityId)) throw new ValidationError({ priorityId: 'Select a priority from the list' })
    if (after.receivedByOrganisationId && !(await directory.organisations(ctx)).some(o => o.id === after.receivedByOrganisationId)) throw new ValidationError({ receivedByOrganisationId: 'Select an organisation from the list' })
    try {
      return await db.transaction().execute(trx => (before ? repo.update(trx, ctx.actor, before, values, clock.now()) : repo.insert(trx, ctx.actor, ctx.partnership.id, values)))
    } catch (error) {
      if (isUniqueViolation(error)) throw new ValidationError({ reference: 'Another application already has this reference' })
      throw error
    }
  }

  async function published(partnershipId: number) {
    return new Map((await repo.publications(db, partnershipId)).map(p => [p.year, p]))
  }

  const service = {
    async list(ctx: PartnershipContext) {
      requirePermission(ctx, 'view')
      const [rows, threshold] = await Promise.all([repo.list(db, ctx.partnership.id), repo.threshold(db, ctx.partnership.id)])
      return { applications: rows.map(row => describe(row, threshold)), threshold, thresholdText: thresholdText(threshold) }
    },

    async application(ctx: PartnershipContext, id: number) {
      const row = await find(ctx, id)
      const threshold = await repo.threshold(db, ctx.partnership.id)
      const [organisations, priorities] = await Promise.all([directory.organisations(ctx), directory.priorities(ctx)])
      return {
        ...describe(row, threshold),
        receivedBy: row.receivedByOrganisationId ? (organisations.find(o => o.id === row.receivedByOrganisationId)?.name ?? '') : (row.receivedByName ?? ''),
        priority: priorities.find(p => p.id === row.priorityId) ?? null,
        threshold,
        thresholdText: thresholdText(threshold),
        retention: RETENTION,
      }
    },

    create: (ctx: PartnershipContext, input: ApplicationInput) => save(ctx, null, { ...input, receivedOn: input.receivedOn!, receivedByName: input.receivedByOrganisationId ? null : input.receivedByName }),
    saveApplication: (ctx: PartnershipContext, id: number, input: ApplicationInput) => save(ctx, id, { ...input, receivedOn: input.receivedOn!, receivedByName: input.receivedByOrganisationId ? null : input.receivedByName }),
    saveThreshold: (ctx: PartnershipContext, id: number, input: ThresholdInput) => save(ctx, id, input),
    saveReview: (ctx: PartnershipContext, id: number, input: ReviewInput) => save(ctx, id, input),

    async remove(ctx: PartnershipContext, id: number) {
      requirePermission(ctx, 'edit_records')
      const row = await find(ctx, id)
      await db.transaction().execute(trx => repo.delete(trx, ctx.actor, row))
      return row
    },

    async threshold(ctx: PartnershipContext) {
      requirePermission(ctx, 'view')
      return repo.threshold(db, ctx.partnership.id)
    },

    async saveThresholdSettings(ctx: PartnershipContext, input: SettingsInput) {
      requirePermission(ctx, 'edit_records')
      const before = await repo.threshold(db, ctx.partnership.id)
      await db.transaction().execute(async trx => {
        await trx
          .insertInto('asbCaseReviewSettings')
          .values({ partnershipId: ctx.partnership.id, ...input })
          .onConflict(oc => oc.column('partnershipId').doUpdateSet({ ...input, updatedAt: clock.now() }))
          .execute()
        await auditLog.record(trx, ctx.actor, {
          partnershipId: ctx.partnership.id,
          action: 'update',
          entityType: 'ASB case review threshold',
          entityId: ctx.partnership.id,
          summary: `Set the ASB case review threshold to ${thresholdText({ complaints: input.thresholdComplaints, months: input.thresholdMonths })}`,
          before,
          after: { complaints: input.thresholdComplaints, months: input.thresholdMonths },
        })
      })
    },

    // --- The yearly figures ------------------------------------------------------------------------

    /** The years to show: those with applications or publications, and the current year. The public see published years only. */
    async figureYears(ctx: PartnershipContext) {
      requirePermission(ctx, 'view_published')
      const [rows, pubs] = await Promise.all([repo.list(db, ctx.partnership.id), published(ctx.partnership.id)])
      const years = new Set([financialYearOfDay(today()), ...rows.map(r => financialYearOfDay(r.receivedOn)), ...pubs.keys()])
      return [...years]
        .sort((a, b) => b - a)
        .filter(year => allows(ctx, 'view') || pubs.has(year))
        .map(year => ({ year, label: financialYearLabel(year), publishedAt: pubs.get(year)?.publishedAt ?? null, figures: yearFigures(rows, year) }))
    },

    /** The figures of a financial year, from the records now. A year not published is not there for the public. */
    async figures(ctx: PartnershipContext, year: number) {
      requirePermission(ctx, 'view_published')
      // Any year from 2014/15 (the community trigger began in October 2014) to this one, and any other year with records.
      const [rows, pubs] = await Promise.all([repo.list(db, ctx.partnership.id), published(ctx.partnership.id)])
      const recorded = pubs.has(year) || rows.some(r => financialYearOfDay(r.receivedOn) === year)
      if (!Number.isSafeInteger(year) || (!recorded && (year < FIRST_YEAR || year > financialYearOfDay(today())))) throw new NotFoundError('Year')
      const publication = pubs.get(year) ?? null
      if (!publication && !allows(ctx, 'view')) throw new NotFoundError('Year')
      const { first, last } = financialYearDates(year)
      const day = today()
      return {
        ...yearFigures(rows, year),
        label: financialYearLabel(year),
        first,
        last,
        isPartial: day < last,
        asAt: day < last ? day : last,
        publishedAt: publication?.publishedAt ?? null,
        threshold: thresholdText(await repo.threshold(db, ctx.partnership.id)),
      }
    },

    async setPublished(ctx: PartnershipContext, year: number, publish: boolean) {
      requirePermission(ctx, 'edit_records')
      await figuresOf(ctx, year)
      await db.transaction().execute(async trx => {
        const exists = await trx.selectFrom('asbCaseReviewPublications').select('year').where('partnershipId', '=', ctx.partnership.id).where('year', '=', year).executeTakeFirst()
        if (publish === Boolean(exists)) return
        if (publish) await trx.insertInto('asbCaseReviewPublications').values({ partnershipId: ctx.partnership.id, year, publishedByLabel: ctx.actor.label, publishedAt: clock.now() }).execute()
        else await trx.deleteFrom('asbCaseReviewPublications').where('partnershipId', '=', ctx.partnership.id).where('year', '=', year).execute()
        await auditLog.record(trx, ctx.actor, {
          partnershipId: ctx.partnership.id,
          action: publish ? 'publish' : 'withdraw',
          entityType: 'ASB case review figures',
          entityId: year,
          summary: `${publish ? 'Published' : 'Withdrew'} the ASB case review figures for ${financialYearLabel(year)}`,
        })
      })
    },

    /** The applications linked to a priority, for the thread from evidence to money. */
    async forPriority(ctx: PartnershipContext, priorityId: number) {
      if (!allows(ctx, 'view')) return []
      const threshold = await repo.threshold(db, ctx.partnership.id)
      return (await repo.list(db, ctx.partnership.id)).filter(r => r.priorityId === priorityId).map(r => ({ ...describe(r, threshold), href: asbCaseReviewPaths(ctx.partnership.id).application(r.id).show }))
    },

    /** The published figures' shape for a year, for the scrutiny report (access-free, for the reports). */
    async yearFigures(partnershipId: number, year: number) {
      const rows = await repo.list(db, partnershipId)
      return { ...yearFigures(rows, year), threshold: thresholdText(await repo.threshold(db, partnershipId)) }
    },

    /** The annual scrutiny report's section: the year's four published figures. */
    async reportSections(ctx: PartnershipContext, report: { kind: string; year: number }): Promise<DocumentSection[]> {
      if (report.kind !== 'annual_scrutiny_report' || !allows(ctx, 'view_published')) return []
      const rows = await repo.list(db, ctx.partnership.id)
      return [caseReviewSection({ ...yearFigures(rows, report.year), threshold: thresholdText(await repo.threshold(db, ctx.partnership.id)) }, today())]
    },

    /**
     * The duty to publish the figures at intervals of no more than twelve months: due a year after the last
     * publication. Access-free, for internal callers.
     */
    async statutoryDates(partnershipId: number): Promise<StatutoryDate[]> {
      const pubs = [...(await repo.publications(db, partnershipId))].sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime())
      const paths = asbCaseReviewPaths(partnershipId)
      return pubs.map((pub, i) => {
        const published = ukDate(pub.publishedAt)
        const next = pubs[i + 1]
        return {
          partnershipId,
          key: `asb-case-review:figures-after:${pub.year}`,
          title: `Publish the ASB case review figures again (last published ${financialYearLabel(pub.year)})`,
          dueOn: nextPublicationDueOn(published),
          doneOn: next ? ukDate(next.publishedAt) : null,
          href: paths.figuresList,
          duty: DUTY,
        }
      })
    },

    /** Retention: anonymise the applications closed three years ago or more, each audited by the system. */
    async runRetention(now: Date): Promise<RetentionOutcome[]> {
      const day = ukDate(now)
      const count = await db.transaction().execute(async trx => {
        const rows = await trx.selectFrom('asbCaseReviews').selectAll().where('anonymisedAt', 'is', null).orderBy('id').execute()
        let changed = 0
        for (const row of rows) {
          const due: IsoDate | null = retentionDueOn(row)
          if (!due || due > day) continue
          const cleared = Object.fromEntries(PERSONAL_FIELDS.map(field => [field, null]))
          await trx.updateTable('asbCaseReviews').set({ ...cleared, anonymisedAt: now, updatedAt: now }).where('id', '=', row.id).execute()
          await auditLog.record(trx, { userId: null, label: 'system (retention rules)' }, {
            partnershipId: row.partnershipId,
            action: 'anonymise',
            entityType: 'ASB case review',
            entityId: row.id,
            summary: `Anonymised ASB case review application ${row.reference}: ${RETENTION.years} years after it closed (due ${due})`,
            before: redacted(Object.fromEntries(PERSONAL_FIELDS.map(field => [field, row[field]]))),
            after: { ...cleared, anonymisedAt: now },
          })
          changed += 1
        }
        return changed
      })
      return [{ recordType: RETENTION.recordType, action: RETENTION.action, count }]
    },
  }
  const figuresOf = (ctx: PartnershipContext, year: number) => service.figures(ctx, year)
  return service
}
export type AsbCaseReviewService = ReturnType<typeof asbCaseReviewService>
