import { performance as timer } from 'node:perf_hooks'

import type { Db } from '../../db/database.ts'
import type { Row } from '../../db/tables.ts'
import type { Clock } from '../../shared/clock.ts'
import { ConflictError, NotFoundError, ValidationError } from '../../shared/errors.ts'
import { formatDate } from '../../shared/format.ts'
import { fileName } from '../../shared/spreadsheet.ts'
import { auditedDelete, auditedInsert, auditedUpdate, type ChangeTarget } from '../../core/audit/audited-changes.ts'
import { auditLog } from '../../core/audit/audit-log.ts'
import { requirePermission, type PartnershipContext } from '../../core/access/partnership-context.ts'
import { isQuarter, quarterOf, ukDate, type Quarter } from '../../core/calendar/index.ts'
import type { PlanService } from '../plans/index.ts'

import { renderDocx } from '../../core/documents/docx.ts'
import { htmlDocument, type HtmlDocument } from '../../core/documents/html.ts'
import type { DocumentSection, ReportDocument } from '../../core/documents/model.ts'
import { renderPdf } from '../../core/documents/pdf.ts'
import { readStoredDocument, storeDocument } from '../../core/documents/stored.ts'
import { annualReportDocument } from './domain/annual-report.ts'
import { copiedSectionKeys, stillCopied, withCopiedNote, type StartFrom } from './domain/copied-narrative.ts'
import type { PlanReading, ReportFacts } from './domain/common-blocks.ts'
import type { FundingSummary } from './domain/funding.ts'
import { performanceReportDocument } from './domain/performance-report.ts'
import type { PerformanceTable } from './domain/performance.ts'
import { quarterlyUpdateDocument } from './domain/quarterly-update.ts'
import {
  cleanNarrative,
  defaultTitle,
  finalProblems,
  NARRATIVE_SECTIONS,
  needsPlan,
  narrativeSectionsFor,
  needsQuarter,
  startingNarrative,
  yearFromPlan,
  type ReportKind,
} from './domain/report-kinds.ts'
import { strategicAssessmentDocument, type PoliceDataPart } from './domain/strategic-assessment.ts'
import type { NewReportInput, ReportDetailsInput } from './report-forms.ts'
import { paperMasthead, paperSettings } from './paper-settings.ts'
import { sectionLayout } from './domain/section-layout.ts'
import { reportRepository as repo } from './report-repository.ts'

/**
 * Where the documents get the figures other capabilities own. Each is optional: a document leaves out the
 * part whose source is missing or has nothing for the year. The integrator plugs in the indicators and
 * funding services here (see services.ts):
 *
 *   performance(ctx, year) → the performance table of financial year `year` (indicators)
 *   funding(ctx, year)     → the funding summary of financial year `year` (funding)
 *   policeData(ctx, year)  → the police data analyses of the partnership's area for financial year `year`
 *                            (police data); policeDataPeriod says which area and period, cheaply
 *
 * All are called with a context that has already passed the 'view' check.
 */
export interface ReportDataSources {
  performance?(ctx: PartnershipContext, year: number): Promise<PerformanceTable | null>
  funding?(ctx: PartnershipContext, year: number): Promise<FundingSummary | null>
  policeData?(ctx: PartnershipContext, year: number): Promise<PoliceDataPart | null>
  policeDataPeriod?(ctx: PartnershipContext, year: number): Promise<string | null>
  /**
   * Sections other capabilities add to a report about its period (events and campaigns, ASB case reviews,
   * death review figures, the Serious Violence Duty, each priority's thread from evidence to money); each gives
   * none for a kind it has nothing for. They come after the document's own sections, before its sign-off.
   */
  moreSections?(ctx: PartnershipContext, report: ReportPeriod): Promise<DocumentSection[]>
}

/** The kind and period of a report, for the sections other capabilities add. */
export interface ReportPeriod {
  kind: ReportKind
  year: number
  quarter: Quarter | null
  planId: number | null
}

/**
 * Put the added sections after the document's own body, before what closes it: its appendices and a closing
 * section without a heading (the sign-off), so an appendix stays at the end.
 */
function withMoreSections(document: ReportDocument, more: readonly DocumentSection[]): ReportDocument {
  if (!more.length) return document
  const closes = (section: DocumentSection) => !section.heading || section.heading.startsWith('Appendix')
  let end = document.sections.length
  while (end > 0 && closes(document.sections[end - 1]!)) end -= 1
  return { ...document, sections: [...document.sections.slice(0, end), ...more, ...document.sections.slice(end)] }
}

export type ReportRow = Row<'reports'>

/**
 * A new report's details. `startFrom` is the form's answer to where the narrative starts: null (not answered)
 * is an error when the partnership has a report of the kind already. Callers with no form (the demo data)
 * leave it out and get the starting words.
 */
export type NewReportRequest = Omit<NewReportInput, 'startFrom'> & { startFrom?: StartFrom | null }

/** "Final: issued on 6 September 2016 at 10:00am" — the words for a final report, and why it cannot be changed. */
export function issuedText(report: Pick<ReportRow, 'finalisedAt'>): string {
  return report.finalisedAt ? `issued on ${formatDate(report.finalisedAt, 'datetime')}` : 'issued'
}

/** A final report stays as issued: its narrative and details cannot change until it is set back to a draft. */
export function requireDraft(report: Pick<ReportRow, 'status' | 'finalisedAt'>): void {
  if (report.status === 'final') {
    throw new ConflictError(
      `This report is final, ${issuedText(report)}, and stays as it was issued. To change it, set its status back to Draft (under “Change the report’s details”): its downloads then follow the records again until you mark it final once more.`,
    )
  }
}

export type DocumentFormat = 'docx' | 'pdf'

const CONTENT_TYPES: Record<DocumentFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
}

export interface GeneratedFile {
  body: Buffer
  fileName: string
  contentType: string
  /** How long building the document and writing the file took, in milliseconds. */
  milliseconds: number
}

/** What a report's page says about the parts generated from the records. */
export interface GeneratedParts {
  plan: { title: string; priorities: number; actions: number } | null
  performance: 'not_needed' | 'no_source' | 'none' | 'included'
  funding: 'not_needed' | 'no_source' | 'none' | 'included'
  policeData: 'not_needed' | 'no_source' | 'none' | 'included'
  /** The area and period of the police data figures, when included. */
  policeDataPeriod: string | null
}

/**
 * The reports read a plan through the plans capability (its view of the plan, its summary and the
 * partnership's RAG wording), so a document shows exactly what the plan pages show.
 */
export function reportService({ db, clock, plans, sources = {} }: { db: Db; clock: Clock; plans: PlanService; sources?: ReportDataSources }) {
  const target = (ctx: PartnershipContext): ChangeTarget<'reports'> => ({
    table: 'reports',
    partnershipId: ctx.partnership.id,
    entityType: 'report',
    describe: row => row.title,
  })

  async function find(ctx: PartnershipContext, id: number): Promise<ReportRow> {
    const report = Number.isSafeInteger(id) ? await repo.find(db, ctx.partnership.id, id) : undefined
    if (!report) throw new NotFoundError('Report')
    return report
  }

  /** Check the period and plan for a kind; the year comes from the plan for the kinds built on one. */
  async function resolvePeriod(ctx: PartnershipContext, kind: ReportKind, input: Pick<NewReportInput, 'planId' | 'year' | 'quarter'>) {
    const errors: Record<string, string> = {}
    const plan = input.planId === null ? null : ((await plans.list(ctx)).find(p => p.id === input.planId) ?? null)
    if (input.planId !== null && !plan) errors.planId = 'Select a plan from the list'
    if (needsPlan(kind) && input.planId === null) errors.planId = 'Select the plan the report is about'
    if (needsQuarter(kind) && input.quarter === null) errors.quarter = 'Select the quarter'
    const year = yearFromPlan(kind) && plan ? plan.planYear : input.year
    if (!needsPlan(kind) && year === null) errors.year = yearFromPlan(kind) ? 'Select the plan or the year the report is about' : 'Select the year the report is about'
    if (Object.keys(errors).length) throw new ValidationError(errors)
    return { plan, year: year!, quarter: needsQuarter(kind) ? input.quarter : null }
  }

  function facts(ctx: PartnershipContext, report: ReportRow, generatedAt: Date): ReportFacts {
    return {
      title: report.title,
      partnershipName: ctx.partnership.name,
      status: report.status,
      generatedAt,
      year: report.year,
      quarter: isQuarter(report.quarter) ? report.quarter : null,
      committee: report.committee,
      meetingDate: report.meetingDate,
      narrative: cleanNarrative(report.kind, report.narrative ?? {}),
    }
  }

  /** The report's plan as the plan pages show it, with their summary of its actions. */
  async function planOf(ctx: PartnershipContext, report: ReportRow, required: boolean): Promise<PlanReading | null> {
    if (report.planId === null) {
      if (required) throw new ConflictError('The plan this report was about has been deleted. Change the report’s details to choose another plan.')
      return null
    }
    const view = await plans.planView(ctx, report.planId)
    return { view, summary: plans.summariseView(view) }
  }

  /** The document of a report; a draft's carries a note of the sections still as copied from an earlier report. */
  async function buildDocument(ctx: PartnershipContext, report: ReportRow, generatedAt: Date = clock.now()): Promise<ReportDocument> {
    const [document, more] = await Promise.all([
      buildFromRecords(ctx, report, generatedAt),
      sources.moreSections?.(ctx, { kind: report.kind, year: report.year, quarter: isQuarter(report.quarter) ? report.quarter : null, planId: report.planId }) ?? [],
    ])
    const whole = withMoreSections(document, more)
    return report.status === 'draft' && report.copiedFrom?.sections.length ? withCopiedNote(whole, report.kind, report.copiedFrom, await narrativeSections(ctx, report.kind)) : whole
  }

  /** Every document the partnership circulates is on the council's paper (its logo and name at the head), read once. */
  async function buildFromRecords(ctx: PartnershipContext, report: ReportRow, generatedAt: Date): Promise<ReportDocument> {
    const paper = await repo.paperSettings(db, ctx.partnership.id)
    const [document, masthead] = await Promise.all([documentOfKind(ctx, report, generatedAt, paper), paperMasthead(db, ctx, paper?.councilName ?? null)])
    return masthead ? { ...document, masthead } : document
  }

  async function documentOfKind(ctx: PartnershipContext, report: ReportRow, generatedAt: Date, paper: Awaited<ReturnType<typeof repo.paperSettings>>): Promise<ReportDocument> {
    const reportFacts = facts(ctx, report, generatedAt)
    switch (report.kind) {
      case 'quarterly_plan_update': {
        const plan = (await planOf(ctx, report, true))!
        return quarterlyUpdateDocument({
          facts: { ...reportFacts, quarter: reportFacts.quarter ?? 1 },
          plan: plan.view,
          summary: plan.summary,
          ragDefinitions: await plans.ragDefinitions(ctx),
        })
      }
      case 'annual_scrutiny_report': {
        const [plan, performance, funding] = await Promise.all([
          planOf(ctx, report, false),
          sources.performance?.(ctx, report.year) ?? null,
          sources.funding?.(ctx, report.year) ?? null,
        ])
        return annualReportDocument({ facts: reportFacts, plan, performance, funding, paper: paper ?? null, layout: sectionLayout(paper?.sections ?? null) })
      }
      case 'performance_table':
        return performanceReportDocument({ facts: reportFacts, performance: (await sources.performance?.(ctx, report.year)) ?? null })
      case 'strategic_assessment': {
        // The assessment for a year looks back at the year before it.
        const [plan, performance, policeData] = await Promise.all([
          planOf(ctx, report, false),
          sources.performance?.(ctx, report.year - 1) ?? null,
          sources.policeData?.(ctx, report.year - 1) ?? null,
        ])
        return strategicAssessmentDocument({ facts: reportFacts, plan, performance, policeData })
      }
    }
  }

  /** A final report's document as it was issued; undefined for a draft. */
  async function issuedDocument(report: ReportRow): Promise<ReportDocument | undefined> {
    if (report.status !== 'final') return undefined
    const stored = await repo.finalDocument(db, report.partnershipId, report.id)
    if (!stored) throw new ConflictError('This final report has no stored document. Set it back to a draft, check it, then mark it final again.')
    return readStoredDocument(stored.document)
  }

  /** The document: a final report's as issued, a draft's generated from the records now. */
  async function generate(ctx: PartnershipContext, id: number): Promise<{ report: ReportRow; document: ReportDocument }> {
    requirePermission(ctx, 'view')
    const report = await find(ctx, id)
    return { report, document: (await issuedDocument(report)) ?? (await buildDocument(ctx, report)) }
  }

  /** The police data analyses go into the strategic assessment, for the year it looks back on. */
  async function policeDataState(ctx: PartnershipContext, report: ReportRow): Promise<Pick<GeneratedParts, 'policeData' | 'policeDataPeriod'>> {
    if (report.kind !== 'strategic_assessment') return { policeData: 'not_needed', policeDataPeriod: null }
    if (!sources.policeData || !sources.policeDataPeriod) return { policeData: 'no_source', policeDataPeriod: null }
    const period = await sources.policeDataPeriod(ctx, report.year - 1)
    return period ? { policeData: 'included', policeDataPeriod: period } : { policeData: 'none', policeDataPeriod: null }
  }

  /** The narrative sections of a kind as the partnership lays its reports out (annual report: its sections). */
  async function narrativeSections(ctx: PartnershipContext, kind: ReportKind) {
    if (kind !== 'annual_scrutiny_report') return NARRATIVE_SECTIONS[kind]
    return narrativeSectionsFor(kind, sectionLayout((await repo.paperSettings(db, ctx.partnership.id))?.sections ?? null))
  }

  function baseName(ctx: PartnershipContext, report: ReportRow) {
    return fileName(ctx.partnership.shortName ?? ctx.partnership.name, report.title)
  }

  return {
    ...paperSettings({ db, clock }),

    async list(ctx: PartnershipContext) {
      requirePermission(ctx, 'view')
      const titles = new Map((await plans.list(ctx)).map(plan => [plan.id, plan.title]))
      return (await repo.list(db, ctx.partnership.id)).map(report => ({ ...report, planTitle: report.planId === null ? null : (titles.get(report.planId) ?? null) }))
    },

    async get(ctx: PartnershipContext, id: number) {
      requirePermission(ctx, 'view')
      return find(ctx, id)
    },

    /** The plans to choose from, newest first. */
    async plans(ctx: PartnershipContext) {
      requirePermission(ctx, 'view')
      return plans.list(ctx)
    },

    /** The years a report can be about: from the earliest plan (or five years back) to next year. */
    async yearOptions(ctx: PartnershipContext) {
      requirePermission(ctx, 'view')
      const years = (await plans.list(ctx)).map(p => p.planYear)
      const current = quarterOf(ukDate(clock.now())).planYear
      const earliest = Math.min(current - 5, ...years)
      const latest = Math.max(current + 1, ...years)
      return Array.from({ length: latest - earliest + 1 }, (_, i) => latest - i)
    },

    /** The partnership's last report of a kind, whose narrative a new one may start from; null when there is none. */
    async previousReport(ctx: PartnershipContext, kind: ReportKind) {
      requirePermission(ctx, 'view')
      const previous = await repo.latestNarrative(db, ctx.partnership.id, kind)
      return previous ? { id: previous.id, title: previous.title, year: previous.year } : null
    },

    /**
     * A new report. Where the partnership has a report of the kind already, whether to start from its narrative
     * or from the starting words is asked, never assumed; sections copied are flagged until edited or confirmed.
     */
    async create(ctx: PartnershipContext, input: NewReportRequest): Promise<ReportRow & { startedFrom: 'previous' | 'starting_words' }> {
      requirePermission(ctx, 'edit_records')
      const previous = await repo.latestNarrative(db, ctx.partnership.id, input.kind)
      const periodErrors = await resolvePeriod(ctx, input.kind, input).then(
        () => ({}),
        (error: unknown) => {
          if (error instanceof ValidationError) return error.fieldErrors
          throw error
        },
      )
      const startErrors: Record<string, string> = {}
      if (previous && input.startFrom === null) startErrors.startFrom = `Select whether to start from the narrative of “${previous.title}” or from the starting words`
      if (!previous && input.startFrom === 'previous') startErrors.startFrom = 'There is no earlier report of this kind to start from: select the starting words'
      if (Object.keys(periodErrors).length || Object.keys(startErrors).length) throw new ValidationError({ ...periodErrors, ...startErrors })
      const { plan, year, quarter } = await resolvePeriod(ctx, input.kind, input)
      const fromPrevious = previous && input.startFrom === 'previous' ? previous : null
      const committee = input.committee ?? previous?.committee ?? null
      const narrative = fromPrevious
        ? cleanNarrative(input.kind, fromPrevious.narrative ?? {})
        : startingNarrative(input.kind, { partnershipName: ctx.partnership.name, year, committee })
      // Only the sections the report has (the council's layout) are flagged as copied.
      const sectionKeys = new Set((await narrativeSections(ctx, input.kind)).map(section => section.key))
      const copiedFrom = fromPrevious
        ? { reportId: fromPrevious.id, title: fromPrevious.title, year: fromPrevious.year, sections: copiedSectionKeys(input.kind, narrative).filter(key => sectionKeys.has(key)) }
        : null
      const title = input.title ?? defaultTitle(input.kind, { year, quarter: isQuarter(quarter) ? quarter : null, committee, planTitle: plan?.title, partnershipName: ctx.partnership.name })
      const row = await db.transaction().execute(trx =>
        auditedInsert(trx, ctx.actor, target(ctx), {
          kind: input.kind,
          title,
          planId: plan?.id ?? null,
          year,
          quarter,
          committee,
          meetingDate: input.meetingDate,
          narrative: JSON.stringify(narrative),
          copiedFrom: copiedFrom ? JSON.stringify(copiedFrom) : null,
          status: 'draft',
        }),
      )
      return { ...row, startedFrom: fromPrevious ? 'previous' : 'starting_words' }
    },

    /**
     * Change a report's details and status. Marking it final generates the document from the records now and
     * keeps it: its downloads are drawn from that document from then on. A final report cannot change; setting
     * it back to a draft discards the kept document, and its downloads follow the records again.
     */
    async updateDetails(ctx: PartnershipContext, id: number, input: ReportDetailsInput) {
      requirePermission(ctx, 'edit_records')
      const report = await find(ctx, id)
      const { plan, year, quarter } = await resolvePeriod(ctx, report.kind, input)
      const title = input.title ?? defaultTitle(report.kind, { year, quarter: isQuarter(quarter) ? quarter : null, committee: input.committee, planTitle: plan?.title, partnershipName: ctx.partnership.name })
      const details = { title, planId: plan?.id ?? null, year, quarter, committee: input.committee, meetingDate: input.meetingDate }
      const now = clock.now()
      const partnershipId = ctx.partnership.id

      if (report.status === 'final') {
        if (input.status === 'final') {
          if ((Object.keys(details) as (keyof typeof details)[]).every(key => report[key] === details[key])) return report
          throw new ValidationError({ status: `This report is final, ${issuedText(report)}, and stays as it was issued. To change its details, choose Draft: its downloads then follow the records again until you mark it final once more.` })
        }
        return db.transaction().execute(async trx => {
          const issued = await repo.finalDocument(trx, partnershipId, id)
          const saved = await auditedUpdate(trx, ctx.actor, target(ctx), id, { ...details, status: 'draft', finalisedAt: null }, now)
          await repo.removeFinalDocument(trx, partnershipId, id)
          await auditLog.record(trx, ctx.actor, {
            partnershipId,
            action: 'update',
            entityType: 'report',
            entityId: id,
            summary: `Set report “${title}” back to a draft: its downloads follow the records again, no longer the document ${issuedText(report)}`,
            before: issued ? { status: 'final', issuedDocumentGeneratedAt: issued.generatedAt } : null,
            after: { status: 'draft', issuedDocumentGeneratedAt: null },
          })
          return saved
        })
      }

      if (input.status === 'final') {
        const sections = await narrativeSections(ctx, report.kind)
        const problems = finalProblems(report.kind, cleanNarrative(report.kind, report.narrative ?? {}), sections)
        const missing = sections.filter(section => problems[section.key]).map(section => `“${section.heading}”`)
        if (missing.length) throw new ValidationError({ status: `Before marking the report final, write ${missing.length === 1 ? 'the section' : 'these sections'}: ${missing.join(', ')}` })
        // Generated before the transaction: the documents read the records through other services.
        const document = await buildDocument(ctx, { ...report, ...details, status: 'final', finalisedAt: now }, now)
        const stored = storeDocument(document)
        return db.transaction().execute(async trx => {
          const saved = await auditedUpdate(trx, ctx.actor, target(ctx), id, { ...details, status: 'final', finalisedAt: now }, now)
          await repo.insertFinalDocument(trx, { reportId: id, partnershipId, document: stored, generatedAt: now })
          await auditLog.record(trx, ctx.actor, {
            partnershipId,
            action: 'update',
            entityType: 'report',
            entityId: id,
            summary: `Issued report “${title}” as final: the document generated from the records on ${formatDate(now, 'datetime')} is kept, and its downloads no longer change`,
            before: { status: 'draft', issuedDocumentGeneratedAt: null },
            after: { status: 'final', issuedDocumentGeneratedAt: now, sections: document.sections.map(section => section.heading ?? '').filter(Boolean) },
          })
          return saved
        })
      }

      return db.transaction().execute(trx => auditedUpdate(trx, ctx.actor, target(ctx), id, { ...details, status: 'draft', finalisedAt: null }, now))
    },

    /**
     * Save the narrative (the sections given; the others keep their words). A section copied from an earlier report stops being flagged once its words change, or
     * when it is among `confirmed` (checked and right for this report as it stands).
     */
    async updateNarrative(ctx: PartnershipContext, id: number, narrative: Record<string, string | null>, confirmed: readonly string[] = []) {
      requirePermission(ctx, 'edit_records')
      const report = await find(ctx, id)
      requireDraft(report)
      // A section not on the form (one the council's layout leaves out) keeps its words.
      const cleaned = cleanNarrative(report.kind, { ...(report.narrative ?? {}), ...Object.fromEntries(Object.entries(narrative).map(([key, value]) => [key, value ?? ''])) })
      const copied = report.copiedFrom
      const changes = {
        narrative: JSON.stringify(cleaned),
        ...(copied ? { copiedFrom: JSON.stringify({ ...copied, sections: stillCopied(copied.sections, cleanNarrative(report.kind, report.narrative ?? {}), cleaned, confirmed) }) } : {}),
      }
      return db.transaction().execute(trx => auditedUpdate(trx, ctx.actor, target(ctx), id, changes, clock.now()))
    },

    async remove(ctx: PartnershipContext, id: number) {
      requirePermission(ctx, 'edit_records')
      await find(ctx, id)
      return db.transaction().execute(trx => auditedDelete(trx, ctx.actor, target(ctx), id))
    },

    /** What the report's page shows about the generated parts: which records feed it. */
    async generatedParts(ctx: PartnershipContext, report: ReportRow): Promise<GeneratedParts> {
      requirePermission(ctx, 'view')
      const plan = await planOf(ctx, report, false)
      const usesPerformance = report.kind !== 'quarterly_plan_update'
      const usesFunding = report.kind === 'annual_scrutiny_report'
      const performanceYear = report.kind === 'strategic_assessment' ? report.year - 1 : report.year
      const state = async <T>(used: boolean, source: ((ctx: PartnershipContext, year: number) => Promise<T | null>) | undefined, year: number) => {
        if (!used) return 'not_needed' as const
        if (!source) return 'no_source' as const
        return (await source(ctx, year)) ? ('included' as const) : ('none' as const)
      }
      return {
        plan: plan ? { title: plan.view.plan.title, priorities: plan.summary.priorities.length, actions: plan.summary.totals.actions } : null,
        performance: await state(usesPerformance, sources.performance?.bind(sources), performanceYear),
        funding: await state(usesFunding, sources.funding?.bind(sources), report.year),
        ...(await policeDataState(ctx, report)),
      }
    },

    /** The document: as issued for a final report, generated from the records now for a draft. */
    document: generate,

    /** The narrative sections of a report's kind as the partnership lays them out, for its page and form. */
    async narrativeSections(ctx: PartnershipContext, kind: ReportKind) {
      requirePermission(ctx, 'view')
      return narrativeSections(ctx, kind)
    },

    /** The document as the browser page draws it. */
    async html(ctx: PartnershipContext, id: number): Promise<{ report: ReportRow; document: HtmlDocument; masthead: ReportDocument['masthead'] | null }> {
      const { report, document } = await generate(ctx, id)
      return { report, document: htmlDocument(document), masthead: document.masthead ?? null }
    },

    async download(ctx: PartnershipContext, id: number, format: DocumentFormat): Promise<GeneratedFile> {
      const started = timer.now()
      const { report, document } = await generate(ctx, id)
      const body = format === 'docx' ? await renderDocx(document) : await renderPdf(document)
      return { body, fileName: `${baseName(ctx, report)}.${format}`, contentType: CONTENT_TYPES[format], milliseconds: timer.now() - started }
    },
  }
}

export type ReportService = ReturnType<typeof reportService>
