import { Router } from 'express'

import { fileName, toCsv, toXlsx } from '../../../shared/spreadsheet.ts'
import { attempt, parseForm } from '../../../web/form.ts'
import { partnershipContext } from '../../../web/request.ts'
import { allows, requirePermission, type PartnershipContext } from '../../../core/access/partnership-context.ts'
import { financialYearLabel } from '../../../core/calendar/index.ts'
import { ENTRY_KIND_LABELS, FIGURE_LABELS, FIGURE_NAMES, FIGURE_RULES, HEADLINE_FIGURES, NATURE_LABELS, NATURES, type FigureName } from '../domain/funding.ts'
import { changeWords } from '../domain/year-change.ts'
import { NATURE_FIGURES } from '../domain/year-figures.ts'
import { labels, yearOf } from '../funding-pages.ts'
import { fundingPaths } from '../funding-paths.ts'

import type { EntryService } from './entry-service.ts'
import { yearDetailsForm, yearForm } from './ledger-forms.ts'
import { fundingYearChart } from './year-chart.ts'
import type { YearService } from './year-service.ts'
import { money, type YearSummary } from './year-summary.ts'

const edits = (ctx: PartnershipContext) => requirePermission(ctx, 'edit_records')
const paths = (ctx: PartnershipContext) => fundingPaths(ctx.partnership.id)

/** The year summary with ready-made links: each figure links to the entries that make it up. */
function summaryView(ctx: PartnershipContext, summary: YearSummary) {
  const year = paths(ctx).year(summary.year.startYear)
  const detailed = summary.audience === 'partnership'
  const figureHref = (name: FigureName) =>
    detailed
      ? `${year.breakdown}#${name}`
      : name === 'spent' || name === 'committed' || name === 'forecastSpend' || name === 'allocated'
        ? '#allocations'
        : name.startsWith('administered')
          ? '#administered'
          : '#sources'
  return {
    summary,
    chart: fundingYearChart(summary),
    figureRows: HEADLINE_FIGURES.map(name => {
      const count = summary.figures[name].lines.length
      return {
        name,
        label: FIGURE_LABELS[name],
        totalPence: summary.figures[name].totalPence,
        withheld: summary.figures[name].withheld ?? null,
        href: figureHref(name),
        linkText: detailed ? `see the ${count === 1 ? 'entry' : `${count} entries`} that make it up` : 'see the table it comes from',
      }
    }),
    pending: detailed ? summary.figures.notYetConfirmed : null,
    withdrawn: detailed ? summary.figures.withdrawn : null,
    natureRows: NATURE_FIGURES.map(name => ({
      name,
      label: FIGURE_LABELS[name],
      amounts: NATURES.map(nature => summary.byNature[name][nature]),
      totalPence: summary.figures[name].totalPence,
    })),
    natureHeaders: NATURES.map(nature => NATURE_LABELS[nature]),
    changeRows: summary.change
      ? [
          ...summary.change.rows.map(r => ({ ...r, changeText: changeWords(r.changePence, money) })),
          {
            source: 'Total available',
            previousPence: summary.change.previousTotalPence,
            currentPence: summary.change.currentTotalPence,
            changeText: changeWords(summary.change.currentTotalPence - summary.change.previousTotalPence, money),
            note: summary.change.pendingPence ? `${money(summary.change.pendingPence)} still to be confirmed is not counted` : null,
            isTotal: true,
          },
        ]
      : [],
    allocationTotals: {
      amountPence: summary.figures.allocated.totalPence,
      spentPence: summary.figures.spent.totalPence,
      committedPence: summary.figures.committed.totalPence,
      forecastSpendPence: summary.figures.forecastSpend.totalPence,
      forecastUnderspendPence: summary.figures.allocated.totalPence - summary.figures.forecastSpend.totalPence,
    },
    ownAllocations: summary.allocations.filter(a => a.administeredStreamId === null),
    labels,
  }
}

/** The funding years: adding one, its page, its breakdown, its downloads, changing and deleting it. */
export function yearRoutes(funding: YearService & Pick<EntryService, 'choices'>): Router {
  const routes = Router({ mergeParams: true })

  routes.get('/funding/years/new', async (req, res) => {
    const ctx = partnershipContext(req)
    edits(ctx)
    const { organisations } = await funding.choices(ctx)
    res.render('funding/ledger/views/year-form.njk', { isNew: true, values: {}, organisations, cancelHref: paths(ctx).overview })
  })

  routes.post('/funding/years/new', async (req, res) => {
    const ctx = partnershipContext(req)
    edits(ctx)
    const form = parseForm(yearForm, req.body)
    const result = form.ok ? await attempt(() => funding.createYear(ctx, form.value)) : form
    if (!result.ok) {
      const { organisations } = await funding.choices(ctx)
      return res.status(400).render('funding/ledger/views/year-form.njk', { isNew: true, values: req.body, organisations, cancelHref: paths(ctx).overview, ...result })
    }
    await req.flash(`${financialYearLabel(result.value.startYear)} added. Add its funding streams next.`)
    res.redirect(303, paths(ctx).year(result.value.startYear).show)
  })

  routes.get('/funding/:year', async (req, res) => {
    const ctx = partnershipContext(req)
    const summary = await funding.yearSummary(ctx, yearOf(req))
    res.render('funding/ledger/views/year.njk', summaryView(ctx, summary))
  })

  routes.get('/funding/:year/breakdown', async (req, res) => {
    const ctx = partnershipContext(req)
    requirePermission(ctx, 'view')
    const summary = await funding.yearSummary(ctx, yearOf(req))
    const year = paths(ctx).year(summary.year.startYear)
    const canEdit = allows(ctx, 'edit_records')
    res.render('funding/ledger/views/breakdown.njk', {
      summary,
      figures: FIGURE_NAMES.map(name => ({
        name,
        label: FIGURE_LABELS[name],
        rule: FIGURE_RULES[name],
        totalPence: summary.figures[name].totalPence,
        withheld: summary.figures[name].withheld ?? null,
        lines: summary.figures[name].lines.map(line => ({
          ...line,
          kindLabel: ENTRY_KIND_LABELS[line.kind],
          href: canEdit ? year.entry(line.kind, line.id).edit : null,
        })),
      })),
    })
  })

  routes.get('/funding/:year/export.csv', async (req, res) => {
    const ctx = partnershipContext(req)
    const { summary, ledger } = await funding.exportYear(ctx, yearOf(req))
    res.type('text/csv; charset=utf-8')
    res.attachment(`${fileName(ctx.partnership.shortName ?? ctx.partnership.name, 'funding', summary.year.slug)}.csv`)
    res.send(toCsv(ledger))
  })

  routes.get('/funding/:year/export.xlsx', async (req, res) => {
    const ctx = partnershipContext(req)
    const { summary, sheets } = await funding.exportYear(ctx, yearOf(req))
    res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    res.attachment(`${fileName(ctx.partnership.shortName ?? ctx.partnership.name, 'funding', summary.year.slug)}.xlsx`)
    res.send(await toXlsx(sheets, { title: `${ctx.partnership.name}: funding ${summary.year.label}` }))
  })

  routes.get('/funding/:year/edit', async (req, res) => {
    const ctx = partnershipContext(req)
    edits(ctx)
    const year = await funding.year(ctx, yearOf(req))
    const { organisations } = await funding.choices(ctx)
    res.render('funding/ledger/views/year-form.njk', { isNew: false, year, values: year, organisations, cancelHref: paths(ctx).year(year.startYear).show })
  })

  routes.post('/funding/:year/edit', async (req, res) => {
    const ctx = partnershipContext(req)
    edits(ctx)
    const year = await funding.year(ctx, yearOf(req))
    const form = parseForm(yearDetailsForm, req.body)
    const result = form.ok ? await attempt(() => funding.updateYear(ctx, year.startYear, form.value)) : form
    if (!result.ok) {
      const { organisations } = await funding.choices(ctx)
      return res.status(400).render('funding/ledger/views/year-form.njk', {
        isNew: false,
        year,
        values: req.body,
        organisations,
        cancelHref: paths(ctx).year(year.startYear).show,
        ...result,
      })
    }
    await req.flash(`${year.label} updated`)
    res.redirect(303, paths(ctx).year(year.startYear).show)
  })

  routes.get('/funding/:year/delete', async (req, res) => {
    const ctx = partnershipContext(req)
    edits(ctx)
    const year = await funding.year(ctx, yearOf(req))
    const entryCount = await funding.yearEntryCount(ctx, year.startYear)
    res.render('funding/ledger/views/year-delete.njk', { year, entryCount, cancelHref: paths(ctx).year(year.startYear).show })
  })

  routes.post('/funding/:year/delete', async (req, res) => {
    const ctx = partnershipContext(req)
    edits(ctx)
    const year = await funding.year(ctx, yearOf(req))
    await funding.deleteYear(ctx, year.startYear)
    await req.flash(`${year.label} deleted`)
    res.redirect(303, paths(ctx).overview)
  })

  return routes
}
