import { Router, type Request, type Response } from 'express'

import { ConflictError, NotFoundError } from '../../shared/errors.ts'
import type { Capability } from '../../web/capability.ts'
import { attempt, parseForm, type ErrorItem, type FieldErrors } from '../../web/form.ts'
import { idParam, partnershipContext } from '../../web/request.ts'
import { allows, type PartnershipContext } from '../../core/access/partnership-context.ts'
import { financialYearLabel, monthLabel, parseQuarter } from '../../core/calendar/index.ts'

import { ENTRY_FIELD_HINTS, ENTRY_FIELD_LABELS, ENTRY_FIELDS, entryFieldName } from './domain/highlight-report.ts'
import { reporterKey } from './domain/reporters.ts'
import { actionCountsText } from './domain/roll-up-document.ts'
import { MONTH_STATE_LABELS } from './domain/schedule.ts'
import { chooseForm, entriesForm, reopenForm, type ChooseInput } from './highlight-report-forms.ts'
import type { ReportSection } from './highlight-report-context.ts'
import type { HighlightReportService } from './highlight-report-service.ts'
import type { GeneratedFile } from './roll-up-service.ts'

/** Words the views share. */
const labels = {
  fields: ENTRY_FIELD_LABELS,
  hints: ENTRY_FIELD_HINTS,
  states: MONTH_STATE_LABELS,
}

/** Tag colours of a month's state (the word is always shown). */
const STATE_TAG_CLASSES: Record<string, string> = {
  submitted: 'govuk-tag--green',
  draft: 'govuk-tag--yellow',
  due: 'govuk-tag--blue',
  missing: 'govuk-tag--red',
  not_yet_due: 'govuk-tag--grey',
}

/** The form's values from a report's entries: "progress-12" → text. */
function entryValues(sections: readonly ReportSection[]): Record<string, string> {
  const values: Record<string, string> = {}
  for (const { priority, entry } of sections)
    for (const field of ENTRY_FIELDS) values[entryFieldName(field, priority.id)] = entry[field] ?? ''
  return values
}

/** Each section of the form with its field names, and the action counts in words. */
function formSections(sections: readonly ReportSection[]) {
  return sections.map(section => ({
    ...section,
    actionsText: actionCountsText(section.actions),
    fields: ENTRY_FIELDS.map(field => ({ field, name: entryFieldName(field, section.priority.id) })),
  }))
}

function sendFile(res: Response, file: GeneratedFile) {
  res.set('Content-Type', file.contentType)
  res.set('Content-Disposition', `attachment; filename="${file.fileName}"`)
  res.set('Cache-Control', 'private, no-store')
  res.set('Server-Timing', `generate;dur=${file.milliseconds.toFixed(1)}`)
  res.send(file.body)
}

const query = (req: Request, name: string): string | undefined => {
  const value = req.query[name]
  return typeof value === 'string' && value !== '' ? value : undefined
}

export function highlightReportsCapability({ services }: { services: { highlightReports: HighlightReportService } }): Capability {
  const reports: HighlightReportService = services.highlightReports
  const routes = Router({ mergeParams: true })
  const base = (ctx: PartnershipContext) => `/partnerships/${ctx.partnership.id}/highlight-reports`
  const reportUrl = (ctx: PartnershipContext, id: number) => `${base(ctx)}/${id}`

  // --- Overview: a month's reports, the year so far, the quarterly roll-ups --------------------------

  routes.get('/highlight-reports', async (req, res) => {
    const ctx = partnershipContext(req)
    const plan = query(req, 'plan')
    const overview = await reports.overview(ctx, {
      planId: plan === undefined ? undefined : Number(plan),
      month: query(req, 'month'),
    })
    res.render('highlight-reports/views/overview.njk', {
      ...overview,
      planItems: overview.plans.map(p => ({
        value: String(p.id),
        text: `${p.title} (${financialYearLabel(p.planYear)})`,
        selected: p.id === overview.plan?.id,
      })),
      labels,
      tagClasses: STATE_TAG_CLASSES,
      reporterKey,
    })
  })

  // --- A new report: who and which month, then the form -------------------------------------------

  async function renderChoose(
    req: Request,
    res: Response,
    values: Record<string, unknown>,
    errors: { errors?: FieldErrors; errorList?: ErrorItem[] } = {},
    status = 200,
  ) {
    const ctx = partnershipContext(req)
    const choices = await reports.choices(ctx)
    const reporterItems = choices.plans.flatMap(({ plan, reporters }) =>
      reporters.map(r => ({
        value: r.key,
        text: r.name,
        hint: `${financialYearLabel(plan.planYear)}: ${r.priorities.map(p => p.title).join('; ')}`,
      })),
    )
    const seen = new Set<string>()
    const uniqueReporters = reporterItems.filter(item => (seen.has(item.value) ? false : (seen.add(item.value), true)))
    const monthItems = choices.plans.flatMap(({ months }) => months.map(m => ({ value: m, text: monthLabel(m) })))
    const chosen = {
      reporter: values.reporter ?? (uniqueReporters.length === 1 ? uniqueReporters[0]!.value : undefined),
      month: values.month ?? choices.thisMonth,
    }
    res.status(status).render('highlight-reports/views/choose.njk', {
      reporterItems: uniqueReporters,
      monthItems,
      values: chosen,
      hasChoices: monthItems.length > 0,
      ...errors,
    })
  }

  async function renderForm(
    req: Request,
    res: Response,
    choice: ChooseInput,
    values: Record<string, unknown>,
    errors: { errors?: FieldErrors; errorList?: ErrorItem[] } = {},
    status = 200,
  ) {
    const ctx = partnershipContext(req)
    const draft = await reports.draft(ctx, choice)
    res.status(status).render('highlight-reports/views/report-form.njk', {
      isNew: true,
      plan: draft.plan,
      reporterName: draft.reporter.name,
      reporter: reporterKey(choice.groupId),
      month: choice.month,
      monthLabel: draft.monthLabel,
      figuresTo: monthLabel(draft.figuresTo),
      sections: formSections(draft.sections),
      values,
      labels,
      cancelHref: base(ctx),
      ...errors,
    })
  }

  const choiceErrors = (errors: FieldErrors) => 'reporter' in errors || 'month' in errors

  routes.get('/highlight-reports/new', async (req, res) => {
    const ctx = partnershipContext(req)
    const asked = { reporter: query(req, 'reporter'), month: query(req, 'month') }
    if (asked.reporter === undefined && asked.month === undefined) return renderChoose(req, res, {})
    // "Choose again" from the form: the first question, with the choice made.
    if (query(req, 'change') === 'yes') return renderChoose(req, res, asked)
    const choice = parseForm(chooseForm, asked)
    if (!choice.ok) return renderChoose(req, res, asked, choice, 400)
    const draft = await attempt(() => reports.draft(ctx, choice.value))
    if (!draft.ok) return renderChoose(req, res, asked, draft, 400)
    // A report already started for that month opens instead of a second one.
    if (draft.value.existing)
      return res.redirect(
        303,
        `${reportUrl(ctx, draft.value.existing.id)}${draft.value.existing.status === 'draft' ? '/edit' : ''}`,
      )
    return renderForm(req, res, choice.value, {})
  })

  routes.post('/highlight-reports/new', async (req, res) => {
    const ctx = partnershipContext(req)
    const body = (req.body ?? {}) as Record<string, unknown>
    const choice = parseForm(chooseForm, body)
    if (!choice.ok) return renderChoose(req, res, body, choice, 400)
    const draft = await attempt(() => reports.draft(ctx, choice.value))
    if (!draft.ok) return renderChoose(req, res, body, draft, 400)
    const form = parseForm(entriesForm(draft.value.reporter.priorities.map(p => p.id)), body)
    if (!form.ok) return renderForm(req, res, choice.value, body, form, 400)
    const result = await attempt(() => reports.create(ctx, choice.value, form.value))
    if (!result.ok)
      return choiceErrors(result.errors)
        ? renderChoose(req, res, body, result, 400)
        : renderForm(req, res, choice.value, body, result, 400)
    await req.flash(
      form.value.submit ? 'Highlight report submitted to the steering group' : 'Highlight report saved as a draft',
    )
    res.redirect(303, reportUrl(ctx, result.value.id))
  })

  // --- The quarterly roll-up for the steering group ------------------------------------------------

  const quarterOf = (req: Request) => {
    const asked = query(req, 'quarter')
    const quarter = parseQuarter(asked)
    if (asked !== undefined && quarter === undefined) throw new NotFoundError()
    return quarter
  }

  routes.get('/highlight-reports/plans/:planId/roll-up', async (req, res) => {
    const ctx = partnershipContext(req)
    const pack = await reports.rollUp(ctx, idParam(req, 'planId'), quarterOf(req))
    const here = `${base(ctx)}/plans/${pack.plan.id}/roll-up`
    res.render('highlight-reports/views/roll-up.njk', {
      ...pack,
      here,
      figures: Object.fromEntries(pack.figures),
      actionsText: Object.fromEntries(
        [...pack.rollUp.priorities].map(p => [p.priority.id, actionCountsText(pack.actions.get(p.priority.id))]),
      ),
      actions: Object.fromEntries(pack.actions),
      usesPoliceData: [...pack.figures.values()].some(list => list.some(f => f.fromPoliceData)),
      labels,
      tagClasses: STATE_TAG_CLASSES,
      monthLabel,
    })
  })

  const download = (format: 'docx' | 'pdf') => async (req: Request, res: Response) => {
    const ctx = partnershipContext(req)
    sendFile(res, await reports.rollUpFile(ctx, idParam(req, 'planId'), quarterOf(req), format))
  }
  routes.get('/highlight-reports/plans/:planId/roll-up.docx', download('docx'))
  routes.get('/highlight-reports/plans/:planId/roll-up.pdf', download('pdf'))

  // --- One report ------------------------------------------------------------------------------------

  routes.get('/highlight-reports/:id', async (req, res) => {
    const ctx = partnershipContext(req)
    const page = await reports.report(ctx, idParam(req, 'id'))
    res.render('highlight-reports/views/report.njk', {
      ...page,
      sections: formSections(page.sections),
      figuresToLabel: monthLabel(page.figuresTo),
      canSubmit: page.mayEdit && Object.keys(page.submitProblems).length === 0,
      usesPoliceData: page.sections.some(s => s.figures.some(f => f.fromPoliceData)),
      labels,
      tagClasses: STATE_TAG_CLASSES,
      rollUpHref: `${base(ctx)}/plans/${page.plan.id}/roll-up`,
      canDeleteDrafts: page.mayEdit,
      isCoordinator: allows(ctx, 'edit_records'),
    })
  })

  /**
   * A page that only fits one status (the edit form of a draft, the reopen form of a submitted report):
   * opened on the other, it goes back to the report and says why. The permission checks come first.
   */
  const orBackToReport =
    (page: (req: Request, res: Response) => Promise<void>) => async (req: Request, res: Response) => {
      try {
        await page(req, res)
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error
        await req.flash(error.message)
        res.redirect(303, reportUrl(partnershipContext(req), idParam(req, 'id')))
      }
    }

  async function renderEdit(
    req: Request,
    res: Response,
    values: Record<string, unknown> | null,
    errors: { errors?: FieldErrors; errorList?: ErrorItem[] } = {},
    status = 200,
  ) {
    const ctx = partnershipContext(req)
    const page = await reports.editable(ctx, idParam(req, 'id'))
    res.status(status).render('highlight-reports/views/report-form.njk', {
      isNew: false,
      report: page.report,
      plan: page.plan,
      reporterName: page.reporter.name,
      monthLabel: page.monthLabel,
      figuresTo: monthLabel(page.figuresTo),
      sections: formSections(page.sections),
      values: values ?? entryValues(page.sections),
      labels,
      cancelHref: reportUrl(ctx, page.report.id),
      ...errors,
    })
  }

  routes.get(
    '/highlight-reports/:id/edit',
    orBackToReport((req, res) => renderEdit(req, res, null)),
  )

  routes.post('/highlight-reports/:id/edit', async (req, res) => {
    const ctx = partnershipContext(req)
    const page = await reports.editable(ctx, idParam(req, 'id'))
    const body = (req.body ?? {}) as Record<string, unknown>
    const form = parseForm(entriesForm(page.sections.map(s => s.priority.id)), body)
    const result = form.ok ? await attempt(() => reports.update(ctx, page.report.id, form.value)) : form
    if (!result.ok) return renderEdit(req, res, body, result, 400)
    await req.flash(
      form.ok && form.value.submit ? 'Highlight report submitted to the steering group' : 'Highlight report saved',
    )
    res.redirect(303, reportUrl(ctx, page.report.id))
  })

  routes.post('/highlight-reports/:id/submit', async (req, res) => {
    const ctx = partnershipContext(req)
    const id = idParam(req, 'id')
    const result = await attempt(() => reports.submit(ctx, id))
    // Something still to write: the form, with what is missing.
    if (!result.ok) return renderEdit(req, res, null, result, 400)
    await req.flash('Highlight report submitted to the steering group')
    res.redirect(303, reportUrl(ctx, id))
  })

  async function renderReopen(
    req: Request,
    res: Response,
    values: Record<string, unknown>,
    errors: { errors?: FieldErrors; errorList?: ErrorItem[] } = {},
    status = 200,
  ) {
    const ctx = partnershipContext(req)
    const page = await reports.reopenable(ctx, idParam(req, 'id'))
    res.status(status).render('highlight-reports/views/reopen.njk', {
      ...page,
      values,
      cancelHref: reportUrl(ctx, page.report.id),
      ...errors,
    })
  }

  routes.get(
    '/highlight-reports/:id/reopen',
    orBackToReport((req, res) => renderReopen(req, res, {})),
  )

  routes.post('/highlight-reports/:id/reopen', async (req, res) => {
    const ctx = partnershipContext(req)
    const id = idParam(req, 'id')
    await reports.reopenable(ctx, id)
    const form = parseForm(reopenForm, req.body)
    const result = form.ok ? await attempt(() => reports.reopen(ctx, id, form.value.reason)) : form
    if (!result.ok) return renderReopen(req, res, (req.body ?? {}) as Record<string, unknown>, result, 400)
    await req.flash('Highlight report reopened: it is a draft again')
    res.redirect(303, reportUrl(ctx, id))
  })

  routes.get(
    '/highlight-reports/:id/delete',
    orBackToReport(async (req, res) => {
      const ctx = partnershipContext(req)
      const page = await reports.editable(ctx, idParam(req, 'id'))
      res.render('confirm-delete.njk', {
        pageTitle: 'Delete highlight report',
        noun: 'draft highlight report',
        name: `${page.reporter.name}, ${page.monthLabel}`,
        warning:
          'This deletes the draft and what has been written in it. The plan and the indicators’ figures are not changed.',
        cancelHref: reportUrl(ctx, page.report.id),
      })
    }),
  )

  routes.post('/highlight-reports/:id/delete', async (req, res) => {
    const ctx = partnershipContext(req)
    const report = await reports.remove(ctx, idParam(req, 'id'))
    await req.flash(`Draft highlight report for ${monthLabel(report.month)} deleted`)
    res.redirect(303, `${base(ctx)}?plan=${report.planId}&month=${report.month}`)
  })

  return {
    name: 'highlight-reports',
    partnershipRoutes: routes,
    navigation: [{ text: 'Highlight reports', path: '/highlight-reports', permission: 'view', order: 15 }],
  }
}
