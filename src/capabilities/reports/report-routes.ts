import { Router, type Request, type Response } from 'express'

import { formatDate } from '../../shared/format.ts'
import type { Capability } from '../../web/capability.ts'
import { attempt, parseForm, type ErrorItem } from '../../web/form.ts'
import { idParam, partnershipContext } from '../../web/request.ts'
import type { FundingService } from '../funding/index.ts'
import type { IndicatorService } from '../indicators/index.ts'
import type { PlanService } from '../plans/index.ts'
import { requirePermission, type PartnershipContext } from '../../core/access/partnership-context.ts'

import { financialYearLabel, isQuarter, quarterLabel } from '../../core/calendar/index.ts'

import {
  isCommitteeReport,
  needsPlan,
  needsQuarter,
  yearFromPlan,
  REPORT_KIND_HINTS,
  REPORT_KIND_LABELS,
  REPORT_KINDS,
  REPORT_STATUS_LABELS,
  type ReportKind,
} from './domain/report-kinds.ts'
import { LOGO_PATH } from './paper-layout-routes.ts'
import { paperRoutes } from './paper-routes.ts'
import { DATE_FIELD_LINKS, detailsForm, narrativeForm, newReportForm } from './report-forms.ts'
import { issuedText, requireDraft, type GeneratedFile, type ReportRow, type ReportService } from './report-service.ts'

const isKind = (value: unknown): value is ReportKind => typeof value === 'string' && (REPORT_KINDS as readonly string[]).includes(value)

/** A date input's errors link to its first box. */
function linkDateErrors<T extends { errorList?: ErrorItem[] }>(result: T): T {
  result.errorList?.forEach(item => {
    const link = DATE_FIELD_LINKS[item.href.slice(1) as keyof typeof DATE_FIELD_LINKS]
    if (link) item.href = link
  })
  return result
}

/** The period of a report in words: "Q1 2016/17 (April to June 2016)" or "2021/22". */
export function periodText(report: Pick<ReportRow, 'year' | 'quarter'>): string {
  return isQuarter(report.quarter) ? quarterLabel(report.year, report.quarter) : financialYearLabel(report.year)
}

function sendFile(res: Response, file: GeneratedFile) {
  res.set('Content-Type', file.contentType)
  res.set('Content-Disposition', `attachment; filename="${file.fileName}"`)
  res.set('Cache-Control', 'private, no-store')
  res.set('Server-Timing', `generate;dur=${file.milliseconds.toFixed(1)}`)
  res.send(file.body)
}

export interface ReportsCapabilityDeps {
  services: {
    reports: ReportService
    plans: Pick<PlanService, 'list'>
    indicators: Pick<IndicatorService, 'performance'>
    funding: Pick<FundingService, 'overview'>
  }
}

export function reportsCapability({ services }: ReportsCapabilityDeps): Capability {
  const reports: ReportService = services.reports
  const routes = Router({ mergeParams: true })
  const base = (ctx: PartnershipContext) => `/partnerships/${ctx.partnership.id}/reports`

  /** What the details form needs to show its choices; a new report also asks where its narrative starts from. */
  async function detailsOptions(ctx: PartnershipContext, kind: ReportKind, isNew = false) {
    const [plans, years, previous] = await Promise.all([reports.plans(ctx), reports.yearOptions(ctx), isNew ? reports.previousReport(ctx, kind) : null])
    return {
      startFromItems: previous
        ? [
            {
              value: 'starting_words',
              text: 'The starting words',
              hint: 'The statutory wording CSP Hub suggests for each section, written for this report’s year; the other sections start empty.',
            },
            {
              value: 'previous',
              text: `The narrative of “${previous.title}” (${financialYearLabel(previous.year)})`,
              hint: 'Every section as it was written then. Each copied section is flagged on the report’s page, and the draft’s downloads list them, until you edit it or confirm it is right for this report.',
            },
          ]
        : null,
      kind,
      kindLabel: REPORT_KIND_LABELS[kind],
      needsPlan: needsPlan(kind),
      yearFromPlan: yearFromPlan(kind),
      usesPlan: kind !== 'performance_table',
      needsQuarter: needsQuarter(kind),
      isCommitteeReport: isCommitteeReport(kind),
      plans: plans.map(plan => ({ value: plan.id, text: `${plan.title} (${financialYearLabel(plan.planYear)})` })),
      years: years.map(year => ({ value: year, text: financialYearLabel(year) })),
      quarters: [1, 2, 3, 4].map(q => ({ value: String(q), text: `Quarter ${q}`, hint: `${['April to June', 'July to September', 'October to December', 'January to March'][q - 1]}` })),
      statuses: Object.entries(REPORT_STATUS_LABELS).map(([value, text]) => ({
        value,
        text,
        hint:
          value === 'final'
            ? 'Ready to circulate. Every required section must be written. The document is kept as it is generated now: later changes to the records do not change it.'
            : 'Still being written or checked: the document follows the records each time it is opened',
      })),
    }
  }

  routes.get('/reports', async (req, res) => {
    const ctx = partnershipContext(req)
    const list = await reports.list(ctx)
    res.render('reports/views/reports.njk', {
      reports: list.map(report => ({ ...report, kindLabel: REPORT_KIND_LABELS[report.kind], period: periodText(report), statusLabel: REPORT_STATUS_LABELS[report.status] })),
    })
  })

  // --- New report: choose the kind, then its details ----------------------------------------------

  routes.get('/reports/new', async (req, res) => {
    const ctx = partnershipContext(req)
    requirePermission(ctx, 'edit_records')
    const kind = req.query.kind
    const kinds = REPORT_KINDS.map(value => ({ value, text: REPORT_KIND_LABELS[value], hint: REPORT_KIND_HINTS[value] }))
    if (kind === undefined) return res.render('reports/views/new-report-kind.njk', { kinds, values: {} })
    if (!isKind(kind)) {
      return res.status(400).render('reports/views/new-report-kind.njk', {
        kinds,
        values: {},
        errors: { kind: { text: 'Select the kind of report' } },
        errorList: [{ text: 'Select the kind of report', href: '#kind' }],
      })
    }
    const plans = await reports.plans(ctx)
    res.render('reports/views/report-details-form.njk', {
      isNew: true,
      values: { kind, planId: plans[0]?.id, year: undefined },
      cancelHref: base(ctx),
      ...(await detailsOptions(ctx, kind, true)),
    })
  })

  routes.post('/reports/new', async (req, res) => {
    const ctx = partnershipContext(req)
    requirePermission(ctx, 'edit_records')
    const form = parseForm(newReportForm, req.body)
    const result = form.ok ? await attempt(() => reports.create(ctx, form.value)) : form
    if (!result.ok) {
      const kind = isKind(req.body?.kind) ? req.body.kind : null
      if (!kind) return res.status(400).render('reports/views/new-report-kind.njk', { kinds: REPORT_KINDS.map(value => ({ value, text: REPORT_KIND_LABELS[value], hint: REPORT_KIND_HINTS[value] })), values: {}, ...result })
      return res.status(400).render('reports/views/report-details-form.njk', { isNew: true, values: req.body, cancelHref: base(ctx), ...(await detailsOptions(ctx, kind, true)), ...linkDateErrors(result) })
    }
    await req.flash(
      result.value.startedFrom === 'previous'
        ? 'Report added. Its narrative is copied from your last report of this kind: each copied section is flagged until you edit it or confirm it.'
        : 'Report added. Write its narrative sections next.',
    )
    res.redirect(303, `${base(ctx)}/${result.value.id}`)
  })

  // --- Exports: every spreadsheet download of the partnership, in one list -----------------------

  routes.get('/reports/exports', async (req, res) => {
    const ctx = partnershipContext(req)
    requirePermission(ctx, 'view')
    const partnershipBase = `/partnerships/${ctx.partnership.id}`
    const [plans, performance, funding] = await Promise.all([services.plans.list(ctx), services.indicators.performance(ctx), services.funding.overview(ctx)])
    // Years with a target or a figure (the performance table falls back to the current year when there are none).
    const indicators = performance.reports
    const performanceYears = indicators.some(r => r.targets.length > 0 || r.actuals.length > 0) ? performance.years : []
    const both = (href: string) => [
      { text: 'CSV', href: `${href}.csv` },
      { text: 'Excel (XLSX)', href: `${href}.xlsx` },
    ]
    res.render('reports/views/exports.njk', {
      groups: [
        {
          key: 'plans',
          heading: 'Plans',
          description:
            'Every action of the plan in the import template’s columns (so a copy can be edited and imported again), with the priority and objective, leads, timescales, each quarter’s update and RAG, and the current RAG. The Excel file also has a sheet of the priorities with their actions counted by status, and a sheet of every update with who posted it and when.',
          empty: 'There are no plans yet.',
          items: plans.map(plan => ({ name: `${plan.title} (${financialYearLabel(plan.planYear)})`, links: both(`${partnershipBase}/plans/${plan.id}/export`) })),
        },
        {
          key: 'performance',
          heading: 'Performance indicators',
          description: 'The performance table of a year: each target with last year’s and this year’s figures, the change and the RAG. The figures of an indicator come in the format its import reads.',
          empty: 'There are no indicator figures or targets yet.',
          items: [
            ...performanceYears.map(year => ({
              name: `Performance table ${financialYearLabel(year)}`,
              links: both(`${partnershipBase}/indicators/performance`).map(link => ({ ...link, href: `${link.href}?year=${year}` })),
            })),
            ...indicators.filter(r => r.actuals.length > 0).map(r => ({ name: `${r.indicator.name}: figures`, links: [{ text: 'CSV', href: `${partnershipBase}/indicators/${r.indicator.id}/actuals.csv` }] })),
          ],
        },
        {
          key: 'funding',
          heading: 'Funding',
          description: 'The ledger of a financial year: every stream, roll-over, contribution, bid, allocation and spend entry, with the year’s figures. The Excel file has a sheet for each kind of entry.',
          empty: 'There are no funding years yet.',
          items: funding.years.map(year => ({ name: `Funding ${year.label}`, links: both(`${partnershipBase}/funding/${year.slug}/export`) })),
        },
      ],
    })
  })

  // --- The council's paper front matter (before /reports/:id) --------------------------------------

  paperRoutes(routes, reports)

  // --- One report ------------------------------------------------------------------------------

  routes.get('/reports/:id', async (req, res) => {
    const ctx = partnershipContext(req)
    const report = await reports.get(ctx, idParam(req, 'id'))
    const generated = await reports.generatedParts(ctx, report)
    const narrative = report.narrative ?? {}
    const details = [
      { label: 'Kind', value: REPORT_KIND_LABELS[report.kind] },
      { label: 'Period', value: periodText(report) },
      { label: 'Plan', value: generated.plan?.title ?? 'None' },
      ...(isCommitteeReport(report.kind)
        ? [
            { label: 'Committee', value: report.committee ?? 'Not given' },
            { label: 'Meeting', value: report.meetingDate ? formatDate(report.meetingDate) : 'Not given' },
          ]
        : []),
      { label: 'Status', value: report.status === 'final' ? `Final, ${issuedText(report)}` : REPORT_STATUS_LABELS[report.status] },
      { label: 'Last changed', value: formatDate(report.updatedAt, 'datetime') },
    ]
    res.render('reports/views/report.njk', {
      details,
      report: { ...report, kindLabel: REPORT_KIND_LABELS[report.kind], period: periodText(report), statusLabel: REPORT_STATUS_LABELS[report.status] },
      isCommitteeReport: isCommitteeReport(report.kind),
      sections: (await reports.narrativeSections(ctx, report.kind)).map(section => ({
        key: section.key,
        heading: section.heading,
        required: section.required,
        written: Boolean(narrative[section.key]?.trim()),
        copied: report.status === 'draft' && (report.copiedFrom?.sections.includes(section.key) ?? false),
        preview: (narrative[section.key] ?? '').trim().split('\n')[0]?.slice(0, 160) ?? '',
      })),
      generated,
      copiedFrom: report.status === 'draft' && report.copiedFrom?.sections.length ? { title: report.copiedFrom.title, year: financialYearLabel(report.copiedFrom.year), count: report.copiedFrom.sections.length } : null,
      issued: report.status === 'final' ? { text: issuedText(report) } : null,
      planMissing: report.status === 'draft' && needsPlan(report.kind) && report.planId === null,
    })
  })

  routes.get('/reports/:id/edit', async (req, res) => {
    const ctx = partnershipContext(req)
    requirePermission(ctx, 'edit_records')
    const report = await reports.get(ctx, idParam(req, 'id'))
    const [year, month, day] = (report.meetingDate ?? '').split('-')
    res.render('reports/views/report-details-form.njk', {
      isNew: false,
      report,
      values: { ...report, quarter: report.quarter ? String(report.quarter) : '', 'meetingDate-day': day ? String(Number(day)) : '', 'meetingDate-month': month ? String(Number(month)) : '', 'meetingDate-year': year ?? '' },
      cancelHref: `${base(ctx)}/${report.id}`,
      ...(await detailsOptions(ctx, report.kind)),
    })
  })

  routes.post('/reports/:id/edit', async (req, res) => {
    const ctx = partnershipContext(req)
    requirePermission(ctx, 'edit_records')
    const report = await reports.get(ctx, idParam(req, 'id'))
    const form = parseForm(detailsForm, req.body)
    const result = form.ok ? await attempt(() => reports.updateDetails(ctx, report.id, form.value)) : form
    if (!result.ok) {
      return res
        .status(400)
        .render('reports/views/report-details-form.njk', { isNew: false, report, values: req.body, cancelHref: `${base(ctx)}/${report.id}`, ...(await detailsOptions(ctx, report.kind)), ...linkDateErrors(result) })
    }
    await req.flash('Report details saved')
    res.redirect(303, `${base(ctx)}/${report.id}`)
  })

  /** The narrative form: the sections of the report as the partnership lays it out, copied ones flagged. */
  const narrativeView = async (ctx: PartnershipContext, report: ReportRow) => {
    const sections = await reports.narrativeSections(ctx, report.kind)
    return {
      report: { ...report, kindLabel: REPORT_KIND_LABELS[report.kind] },
      sections: sections.map(section => ({ ...section, copied: report.copiedFrom?.sections.includes(section.key) ?? false })),
      copiedFrom: report.copiedFrom?.sections.length
        ? {
            title: report.copiedFrom.title,
            year: financialYearLabel(report.copiedFrom.year),
            items: sections.filter(section => report.copiedFrom!.sections.includes(section.key)).map(section => ({ value: section.key, text: section.heading })),
          }
        : null,
    }
  }

  routes.get('/reports/:id/narrative', async (req, res) => {
    const ctx = partnershipContext(req)
    requirePermission(ctx, 'edit_records')
    const report = await reports.get(ctx, idParam(req, 'id'))
    requireDraft(report)
    res.render('reports/views/narrative-form.njk', { ...(await narrativeView(ctx, report)), values: report.narrative ?? {}, cancelHref: `${base(ctx)}/${report.id}` })
  })

  routes.post('/reports/:id/narrative', async (req, res) => {
    const ctx = partnershipContext(req)
    requirePermission(ctx, 'edit_records')
    const report = await reports.get(ctx, idParam(req, 'id'))
    const form = parseForm(narrativeForm(report.kind), req.body)
    const result = form.ok
      ? await attempt(() => {
          const { confirmed, ...sections } = form.value
          // Only the sections on the form: one the council's layout leaves out keeps its words.
          const given = Object.fromEntries(Object.entries(sections as Record<string, string | null>).filter(([key]) => key in (req.body as object)))
          return reports.updateNarrative(ctx, report.id, given, confirmed as string[])
        })
      : form
    if (!result.ok) return res.status(400).render('reports/views/narrative-form.njk', { ...(await narrativeView(ctx, report)), values: req.body, cancelHref: `${base(ctx)}/${report.id}`, ...result })
    await req.flash('Narrative saved')
    res.redirect(303, `${base(ctx)}/${report.id}`)
  })

  routes.get('/reports/:id/print', async (req, res) => {
    const ctx = partnershipContext(req)
    const { report, document, masthead } = await reports.html(ctx, idParam(req, 'id'))
    const logo = masthead?.logo ? { src: `data:image/png;base64,${masthead.logo.png}`, alt: masthead.logo.alt } : null
    res.render('reports/views/print.njk', { report, document, masthead: masthead && { name: masthead.name, logo }, reportUrl: `${base(ctx)}/${report.id}` })
  })

  const download = (format: 'docx' | 'pdf') => async (req: Request, res: Response) => {
    sendFile(res, await reports.download(partnershipContext(req), idParam(req, 'id'), format))
  }
  routes.get('/reports/:id/document.docx', download('docx'))
  routes.get('/reports/:id/document.pdf', download('pdf'))

  routes.get('/reports/:id/delete', async (req, res) => {
    const ctx = partnershipContext(req)
    requirePermission(ctx, 'edit_records')
    const report = await reports.get(ctx, idParam(req, 'id'))
    res.render('confirm-delete.njk', {
      pageTitle: 'Delete report',
      noun: 'report',
      name: report.title,
      warning: 'This deletes the report and the narrative written for it. The plan, indicators and funding records it was generated from are not changed.',
      cancelHref: `${base(ctx)}/${report.id}`,
    })
  })

  routes.post('/reports/:id/delete', async (req, res) => {
    const ctx = partnershipContext(req)
    requirePermission(ctx, 'edit_records')
    const report = await reports.remove(ctx, idParam(req, 'id'))
    await req.flash(`Report “${report.title}” deleted`)
    res.redirect(303, base(ctx))
  })

  return {
    name: 'reports',
    partnershipRoutes: routes,
    uploadRoutes: [LOGO_PATH],
    navigation: [{ text: 'Reports', path: '/reports', permission: 'view', order: 80 }],
  }
}
