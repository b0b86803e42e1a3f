import { Router, type Request, type Response } from 'express'
import multer from 'multer'

import { allows, requirePermission, type PartnershipContext } from '../../core/access/partnership-context.ts'
import { financialYearLabel, financialYearOfUtcDate, FREQUENCY_LABELS, parseFinancialYearText, periodFromStartDate, periodKey, periodsOfYear } from '../../core/calendar/index.ts'
import { fileName, toCsv, toXlsx, type Table } from '../../shared/spreadsheet.ts'
import type { Capability } from '../../web/capability.ts'
import { crudPages } from '../../web/crud-routes.ts'
import { attempt, formErrors, parseForm } from '../../web/form.ts'
import { isMultipart } from '../../web/middleware/csrf.ts'
import { idParam, partnershipContext } from '../../web/request.ts'
import { receiveUpload } from '../../web/upload.ts'
import type { Clock } from '../../shared/clock.ts'
import type { PartnershipService } from '../partnerships/index.ts'

import { isRateUnit } from './domain/rates.ts'
import { readIndicatorCsv, type IndicatorCsvRows } from './actuals-csv.ts'
import type { RowError } from './domain/import.ts'
import { POLARITY_LABELS, POLICE_CRIME_TYPES, UNIT_LABELS, valueForInput } from './domain/indicator.ts'
import { TARGET_KIND_LABELS } from './domain/performance.ts'
import { indicatorApi } from './indicator-api.ts'
import { actualForm, anyBody, baselineForm, comparatorForm, indicatorForm, settingsForm, targetForm, validate } from './indicator-forms.ts'
import { indicatorPage, performanceCharts, performanceView } from './indicator-views.ts'
import type { IndicatorService } from './indicator-service.ts'

const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, text]) => ({ value, text }))
const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: 2 * 1024 * 1024, files: 1 } })

/** A row's problem in the error summary: "Row 3, value: The figure must be a whole number, like 2,090". */
/** "3 figures", "2 baselines, 3 targets and 4 figures". */
function importedText(rows: IndicatorCsvRows): string {
  const parts = [
    rows.baselines.length ? `${rows.baselines.length} ${rows.baselines.length === 1 ? 'baseline' : 'baselines'}` : '',
    rows.targets.length ? `${rows.targets.length} ${rows.targets.length === 1 ? 'target' : 'targets'}` : '',
    rows.actuals.length ? `${rows.actuals.length} ${rows.actuals.length === 1 ? 'figure' : 'figures'}` : '',
  ].filter(Boolean)
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : (parts[0] ?? 'nothing')
}

/** A rate's count and denominator as a form shows them for editing. */
const figureValues = (row: { count: number | null; denominator: number | null }) => ({
  count: row.count === null ? '' : String(row.count),
  denominator: row.denominator === null ? '' : String(row.denominator),
})

function rowErrorText(error: RowError): string {
  if (error.column === 'file') return error.row ? `Row ${error.row}: ${error.message}` : error.message
  return `Row ${error.row}, ${error.column}: ${error.message}`
}

export function indicatorsCapability({ services, deps }: { services: { indicators: IndicatorService; partnerships: Pick<PartnershipService, 'contextFor'> }; deps: { clock: Clock } }): Capability {
  const { indicators } = services
  const scoped = Router({ mergeParams: true })
  const base = (ctx: PartnershipContext) => `/partnerships/${ctx.partnership.id}/indicators`
  const indicatorUrl = (ctx: PartnershipContext, req: Request) => `${base(ctx)}/${idParam(req, 'indicatorId')}`
  const edits = (ctx: PartnershipContext) => requirePermission(ctx, 'edit_records')
  const indicatorOf = (ctx: PartnershipContext, req: Request) => indicators.indicator(ctx, idParam(req, 'indicatorId'))

  // --- The performance table and the list of indicators --------------------------------------------

  async function performancePage(req: Request) {
    const ctx = partnershipContext(req)
    const requested = typeof req.query.year === 'string' ? parseFinancialYearText(req.query.year) : null
    const table = await indicators.performance(ctx, requested)
    return { ctx, table, reports: table.reports }
  }

  scoped.get('/indicators', async (req, res) => {
    const { table, reports } = await performancePage(req)
    res.render('indicators/views/performance.njk', {
      table: performanceView(table),
      charts: performanceCharts(table),
      yearItems: table.years.map(year => ({ value: String(year), text: financialYearLabel(year), selected: year === table.year })),
      ragText: table.ragLegend,
      indicators: reports.map(r => ({
        id: r.indicator.id,
        name: r.indicator.name,
        priority: r.indicator.priority?.title ?? null,
        unit: UNIT_LABELS[r.indicator.unit].replace(/ \(.*\)$/, ''),
        latest: r.years[0] ? { label: r.years[0].currentLabel, text: r.years[0].currentText } : null,
        fromPoliceData: r.indicator.sourceKind === 'police_data',
      })),
    })
  })

  /** The performance table as a spreadsheet table: the figures, the change and the RAG of each target. */
  async function performanceDownload(req: Request) {
    const { ctx, table } = await performancePage(req)
    const rows = table.groups.flatMap(group =>
      group.rows.map(row => [
        group.heading ?? '',
        row.indicatorName,
        row.targetWording ?? '',
        row.baselineFigure?.value ?? null,
        row.baselineFigure?.label ?? '',
        row.targetFigure?.value ?? null,
        row.targetFigure && row.targetFigure.value === null ? row.targetFigure.text : '',
        row.lastYear.value,
        row.thisYear.value,
        row.change?.percent ?? null,
        row.change?.difference ?? null,
        row.change?.text ?? '',
        row.rag ? row.rag.charAt(0).toUpperCase() + row.rag.slice(1) : '',
        row.reason,
      ]),
    )
    const sheet: Table = {
      name: `Performance ${table.yearLabel}`,
      headers: ['Priority', 'Indicator', `${table.yearLabel} target`, 'Baseline', 'Baseline year', 'Target figure', 'Target figure note', table.headers.lastYear, table.headers.thisYear, '% change', 'Difference', 'Change as shown', 'RAG', 'Why'],
      rows,
      notes: [table.ragLegend],
    }
    const name = `${fileName(ctx.partnership.shortName ?? ctx.partnership.name, 'performance', table.yearLabel)}`
    return { ctx, sheet, name }
  }

  scoped.get('/indicators/performance.csv', async (req, res) => {
    const { sheet, name } = await performanceDownload(req)
    res.attachment(`${name}.csv`)
    res.type('text/csv; charset=utf-8').send(toCsv(sheet))
  })

  scoped.get('/indicators/performance.xlsx', async (req, res) => {
    const { ctx, sheet, name } = await performanceDownload(req)
    res.attachment(`${name}.xlsx`)
    res.type('xlsx').send(await toXlsx([sheet], { title: `${ctx.partnership.name}: ${sheet.name}`, creator: ctx.partnership.name }))
  })

  // --- The RAG tolerance (partnership admins) ------------------------------------------------------

  scoped.get('/indicators/settings', async (req, res) => {
    const ctx = partnershipContext(req)
    requirePermission(ctx, 'manage_partnership')
    const settings = await indicators.settings(ctx)
    res.render('indicators/views/settings.njk', { values: settings, legend: settings.legend })
  })

  scoped.post('/indicators/settings', async (req, res) => {
    const ctx = partnershipContext(req)
    requirePermission(ctx, 'manage_partnership')
    const form = parseForm(settingsForm, req.body)
    const result = form.ok ? await attempt(() => indicators.saveSettings(ctx, form.value)) : form
    if (!result.ok) return res.status(400).render('indicators/views/settings.njk', { values: req.body, ...result })
    await req.flash('RAG rules saved')
    res.redirect(303, base(ctx))
  })

  // --- Indicators --------------------------------------------------------------------------------

  scoped.use(
    crudPages({
      path: '/indicators',
      noun: 'indicator',
      view: 'indicators/views/indicator-form.njk',
      schema: indicatorForm,
      guard: edits,
      load: (ctx, id) => indicators.indicator(ctx, id),
      toValues: row => ({
        ...row,
        denominator: row.denominator === null ? '' : String(row.denominator),
        crimeTypes: row.policeDefinition?.crimeTypes ?? [],
      }),
      defaults: () => ({ unit: 'count', polarity: 'lower_is_better', frequency: 'monthly', countedAs: 'incidents', sourceKind: 'manual' }),
      extra: async ctx => {
        const { priorities, areas, wholes } = await indicators.formOptions(ctx)
        return {
          units: options(UNIT_LABELS),
          polarities: options(POLARITY_LABELS),
          frequencies: options(FREQUENCY_LABELS),
          priorities: priorities.map(p => ({ value: p.id, text: `${p.title} (${p.planTitle})` })),
          areas: areas.map(a => ({ value: a.id, text: a.name })),
          wholes: wholes.map(i => ({ value: i.id, text: i.name })),
          crimeTypes: POLICE_CRIME_TYPES.map(type => ({ value: type, text: type })),
          policeDataAvailable: indicators.policeDataAvailable,
        }
      },
      save: (ctx, id, input) => indicators.save(ctx, id, input),
      remove: (ctx, id) => indicators.remove(ctx, id),
      after: (ctx, _req, saved) => (saved?.id ? `${base(ctx)}/${saved.id}` : base(ctx)),
      describe: row => row.name,
      deleteWarning: () => 'Its baselines, targets, figures and comparator areas are deleted with it.',
    }),
  )

  scoped.get('/indicators/:indicatorId', async (req, res) => {
    const ctx = partnershipContext(req)
    const report = await indicators.report(ctx, idParam(req, 'indicatorId'))
    const settings = await indicators.settings(ctx)
    res.render('indicators/views/indicator.njk', {
      ...indicatorPage(report, settings.legend),
      districts: await indicators.districts(ctx, report.indicator.id),
      policeDataAvailable: indicators.policeDataAvailable,
      canEdit: allows(ctx, 'edit_records'),
    })
  })

  // --- Baselines, targets, actuals, comparators ------------------------------------------------------

  scoped.use(
    crudPages({
      path: '/indicators/:indicatorId/baselines',
      noun: 'baseline',
      view: 'indicators/views/baseline-form.njk',
      schema: anyBody,
      guard: edits,
      load: (ctx, id, req) => indicators.baseline(ctx, idParam(req, 'indicatorId'), id),
      toValues: row => ({
        year: financialYearLabel(row.year),
        value: row.count !== null ? '' : String(row.value),
        ...figureValues(row),
        label: row.label,
        judged: row.judged ? 'yes' : undefined,
        note: row.note,
      }),
      extra: async (ctx, req) => ({ indicator: await indicatorOf(ctx, req) }),
      save: async (ctx, id, _input, req) => {
        const indicator = await indicatorOf(ctx, req)
        return indicators.saveBaseline(ctx, indicator.id, id, validate(baselineForm(indicator.unit), req.body))
      },
      remove: (ctx, id, req) => indicators.removeBaseline(ctx, idParam(req, 'indicatorId'), id),
      after: (ctx, req) => `${indicatorUrl(ctx, req)}#baselines`,
      describe: row => `${financialYearLabel(row.year)}: ${row.value}`,
    }),
  )

  scoped.use(
    crudPages({
      path: '/indicators/:indicatorId/targets',
      noun: 'target',
      view: 'indicators/views/target-form.njk',
      schema: anyBody,
      guard: edits,
      load: (ctx, id, req) => indicators.target(ctx, idParam(req, 'indicatorId'), id),
      toValues: row => ({
        year: financialYearLabel(row.year),
        kind: row.kind,
        changeDirection: (row.changePercent ?? row.changePoints) === null ? undefined : (row.changePercent ?? row.changePoints)! < 0 ? 'reduce' : 'increase',
        changePercent: row.changePercent === null ? '' : String(Math.abs(row.changePercent)),
        perYear: row.perYear ? 'yes' : undefined,
        changePoints: row.changePoints === null ? '' : String(Math.abs(row.changePoints)),
        absoluteValue: row.absoluteValue,
        printedValue: row.printedValue,
        baselineId: row.baselineId,
        statement: row.statement,
      }),
      defaults: async (ctx, req) => {
        const report = await indicators.report(ctx, idParam(req, 'indicatorId'))
        const latestBaseline = report.baselines.at(-1)
        return {
          kind: 'percent_change',
          changeDirection: report.indicator.polarity === 'lower_is_better' ? 'reduce' : 'increase',
          baselineId: latestBaseline?.id ?? '',
          year: latestBaseline ? financialYearLabel(latestBaseline.year + 1) : '',
        }
      },
      extra: async (ctx, req) => {
        const report = await indicators.report(ctx, idParam(req, 'indicatorId'))
        return {
          indicator: report.indicator,
          kinds: options(TARGET_KIND_LABELS),
          baselines: report.baselines.map(b => ({ value: b.id, text: `${b.title}: ${b.valueText}${b.judged ? ' (RAG is judged against it)' : ''}` })),
        }
      },
      save: async (ctx, id, _input, req) => {
        const indicator = await indicatorOf(ctx, req)
        return indicators.saveTarget(ctx, indicator.id, id, validate(targetForm(indicator.unit), req.body))
      },
      remove: (ctx, id, req) => indicators.removeTarget(ctx, idParam(req, 'indicatorId'), id),
      after: (ctx, req) => `${indicatorUrl(ctx, req)}#targets`,
      describe: row => `target for ${financialYearLabel(row.year)}`,
    }),
  )

  scoped.use(
    crudPages({
      path: '/indicators/:indicatorId/actuals',
      noun: 'figure',
      view: 'indicators/views/actual-form.njk',
      schema: anyBody,
      guard: edits,
      load: (ctx, id, req) => indicators.actual(ctx, idParam(req, 'indicatorId'), id),
      toValues: row => ({ period: periodKey(periodFromStartDate(row.periodStart, row.periodMonths, row.cumulative)), value: row.count !== null ? '' : String(row.value), ...figureValues(row), note: row.note }),
      extra: async (ctx, req) => ({ indicator: await indicatorOf(ctx, req) }),
      save: async (ctx, id, _input, req) => {
        const indicator = await indicatorOf(ctx, req)
        return indicators.saveActual(ctx, indicator.id, id, validate(actualForm(indicator.unit, indicator.frequency), req.body))
      },
      remove: (ctx, id, req) => indicators.removeActual(ctx, idParam(req, 'indicatorId'), id),
      after: (ctx, req) => `${indicatorUrl(ctx, req)}#actuals`,
      describe: row => `${periodKey(periodFromStartDate(row.periodStart, row.periodMonths, row.cumulative))}: ${row.value}`,
    }),
  )

  scoped.use(
    crudPages({
      path: '/indicators/:indicatorId/comparators',
      noun: 'comparator area',
      view: 'indicators/views/comparator-form.njk',
      schema: anyBody,
      guard: edits,
      load: (ctx, id, req) => indicators.comparator(ctx, idParam(req, 'indicatorId'), id),
      toValues: row => ({ ...row, year: financialYearLabel(row.year), value: String(row.value), denominator: row.denominator === null ? '' : String(row.denominator) }),
      defaults: (ctx, req) => ({ year: typeof req.query.year === 'string' ? req.query.year : '', groupName: typeof req.query.group === 'string' ? req.query.group : '' }),
      extra: async (ctx, req) => ({ indicator: await indicatorOf(ctx, req) }),
      save: async (ctx, id, _input, req) => {
        const indicator = await indicatorOf(ctx, req)
        return indicators.saveComparator(ctx, indicator.id, id, validate(comparatorForm(indicator.unit), req.body))
      },
      remove: (ctx, id, req) => indicators.removeComparator(ctx, idParam(req, 'indicatorId'), id),
      after: (ctx, req) => `${indicatorUrl(ctx, req)}#comparators`,
      describe: row => `${row.areaName} (${row.groupName}, ${financialYearLabel(row.year)})`,
    }),
  )

  // --- Importing actuals from CSV --------------------------------------------------------------------

  async function importView(ctx: PartnershipContext, req: Request) {
    const report = await indicators.report(ctx, idParam(req, 'indicatorId'))
    const indicator = report.indicator
    // The example shows the periods the officer is most likely to enter next.
    const year = report.actuals.at(-1)?.year ?? report.targets.at(-1)?.year ?? financialYearOfUtcDate(deps.clock.now())
    const example = periodsOfYear(indicator.frequency, year).slice(0, 3).map(periodKey)
    const sample = report.actuals.at(-1)?.value ?? report.baselines.at(-1)?.value ?? (indicator.unit === 'money' ? 125000 : indicator.unit === 'percentage' ? 9.9 : isRateUnit(indicator.unit) ? 12.4 : 170)
    const perPeriod = indicator.frequency === 'annual' || indicator.unit === 'percentage' || isRateUnit(indicator.unit) ? sample : Math.round(sample / (indicator.frequency === 'monthly' ? 12 : 4))
    return { indicator, example, exampleValue: valueForInput(perPeriod, indicator.unit) }
  }

  scoped.get('/indicators/:indicatorId/actuals/import', async (req, res) => {
    const ctx = partnershipContext(req)
    edits(ctx)
    res.render('indicators/views/import.njk', { ...(await importView(ctx, req)), values: {} })
  })

  scoped.post('/indicators/:indicatorId/actuals/import', async (req: Request, res: Response) => {
    const ctx = partnershipContext(req)
    edits(ctx)
    if (isMultipart(req)) await receiveUpload(req, res, upload.single('file'))
    const view = await importView(ctx, req)
    const pasted = typeof req.body?.csv === 'string' ? (req.body.csv as string) : ''
    const field = req.file ? 'file' : 'csv'
    const text = req.file ? req.file.buffer.toString('utf8') : pasted
    const fail = (errors: RowError[]) => {
      const { errorList } = formErrors({})
      for (const error of errors) errorList.push({ text: rowErrorText(error), href: `#${field}` })
      return res.status(400).render('indicators/views/import.njk', { ...view, values: { csv: pasted }, errorList, errors: { [field]: { text: errors.length === 1 ? rowErrorText(errors[0]!) : `There are ${errors.length} problems with the figures: see the list above. Nothing has been imported.` } }, rowErrors: errors })
    }
    if (!text.trim()) {
      const errors = formErrors({ file: 'Choose a CSV file, or paste the figures into the box' })
      return res.status(400).render('indicators/views/import.njk', { ...view, values: {}, ...errors })
    }
    // A NUL character never appears in a CSV file: this is a binary file (a workbook, an image) chosen by mistake.
    if (text.includes('\u0000')) return fail([{ row: 0, column: 'file', message: 'The selected file must be a CSV file: save your spreadsheet as CSV (comma separated values) and choose that' }])
    const read = readIndicatorCsv(text)
    if (!read.ok) return fail(read.errors)
    const result = await indicators.importRecords(ctx, view.indicator.id, read.rows, req.file ? `the CSV file ${req.file.originalname}` : 'pasted CSV')
    if (!result.ok) return fail(result.errors)
    await req.flash(`Imported ${importedText(read.rows)}: ${result.created} new, ${result.updated} replaced, ${result.unchanged} unchanged`)
    res.redirect(303, `${base(ctx)}/${view.indicator.id}#actuals`)
  })

  /** The figures as a CSV file in the import format: to keep, or to fill in and import again. */
  scoped.get('/indicators/:indicatorId/actuals.csv', async (req, res) => {
    const ctx = partnershipContext(req)
    const report = await indicators.report(ctx, idParam(req, 'indicatorId'))
    const { unit } = report.indicator
    const csv = isRateUnit(unit)
      ? toCsv({ name: report.indicator.name, headers: ['period', 'value', 'count', 'denominator', 'note'], rows: report.actuals.map(a => [a.key, a.value, a.count ?? '', a.denominator ?? '', a.note ?? '']) })
      : toCsv({
          name: report.indicator.name,
          headers: ['period', 'value', 'note'],
          rows: report.actuals.map(a => [a.key, unit === 'money' ? valueForInput(a.value, unit) : a.value, a.note ?? '']),
        })
    res.attachment(`${report.indicator.name.replace(/[^\w]+/g, '-').replace(/^-|-$/g, '')}-figures.csv`)
    res.type('text/csv').send(csv)
  })

  const api = indicatorApi(services)
  return {
    name: 'indicators',
    partnershipRoutes: scoped,
    uploadRoutes: ['/indicators/:indicatorId/actuals/import'],
    navigation: [{ text: 'Performance', path: '/indicators', permission: 'view_published', order: 40 }],
    apiRoutes: api.apiRoutes,
    apiPartnershipRoutes: api.apiPartnershipRoutes,
    openapi: api.openapi,
  }
}

