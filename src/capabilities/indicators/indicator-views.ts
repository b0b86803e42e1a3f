import { financialYearLabel, FREQUENCY_LABELS, monthAt, monthName, periodsOfYear, shortPeriodLabel } from '../../core/calendar/index.ts'
import { renderChart, type Chart } from '../../core/documents/chart.ts'
import { ragStackedChart } from '../../core/documents/chart-rag.ts'
import { actualAgainstTargetChart } from '../../core/documents/chart-target.ts'

import { denominatorNoun, formatValue, isRate, POLARITY_LABELS, roundingRule, type Unit } from './domain/indicator.ts'
import { targetValue, type Change } from './domain/performance.ts'
import type { IndicatorReport } from './domain/report.ts'
import { targetHistory } from './domain/target-history.ts'
import type { PerformanceTable } from './indicator-service.ts'

/** View models for the indicator pages: everything worked out, so the templates only lay it out. */

const DIRECTION_WORDS: Record<Change['direction'], string> = { increase: 'Increase', decrease: 'Decrease', none: 'No change' }


/** The chart of an indicator's figures: year on year for an annual indicator, this year against last for the others. */
function indicatorChart(report: IndicatorReport): Chart | null {
  const { indicator, targets } = report
  // A part-year figure is not a year's, a quarter's or a month's: it is listed on its own, not drawn.
  const actuals = report.actuals.filter(a => !a.period.cumulative)
  if (!actuals.length) return null
  const format = (value: number) => formatValue(indicator.unit === 'percentage' ? Math.round(value * 10) / 10 : value, indicator.unit)
  const yLabel = indicator.unit === 'percentage' ? 'Per cent' : indicator.unit === 'money' ? 'Pounds' : indicator.countedAs
  if (indicator.frequency === 'annual') {
    const years = [...new Set([...actuals.map(a => a.year), ...targets.map(t => t.year)])].sort((a, b) => a - b)
    const hasTargets = targets.some(t => t.computed.value !== null)
    return renderChart({
      id: `indicator-${indicator.id}-chart`,
      title: `${indicator.name}, year by year`,
      description: `Line chart of ${indicator.name.toLowerCase()} for each financial year from ${financialYearLabel(years[0]!)} to ${financialYearLabel(years.at(-1)!)}${hasTargets ? ', with the target for each year as a dashed line' : ''}.`,
      kind: 'line',
      yLabel,
      format,
      series: [
        { name: 'Actual', points: years.map(year => ({ label: financialYearLabel(year), value: actuals.find(a => a.year === year)?.value ?? null })) },
        ...(hasTargets
          ? [{ name: 'Target', dashed: true, points: years.map(year => ({ label: financialYearLabel(year), value: targets.find(t => t.year === year)?.computed.value ?? null })) }]
          : []),
      ],
    })
  }
  const latest = Math.max(...actuals.map(a => a.year))
  const periods = periodsOfYear(indicator.frequency, latest)
  const label = (start: number) => (indicator.frequency === 'monthly' ? monthName(monthAt(start)).slice(0, 3) : shortPeriodLabel({ start, months: 3 }).slice(0, 2))
  const valueAt = (start: number) => actuals.find(a => a.period.start === start)?.value ?? null
  const hasPrevious = periods.some(p => valueAt(p.start - 12) !== null)
  return renderChart({
    id: `indicator-${indicator.id}-chart`,
    title: `${indicator.name}, ${financialYearLabel(latest)}${hasPrevious ? ` against ${financialYearLabel(latest - 1)}` : ''}`,
    description: `Line chart of ${indicator.name.toLowerCase()} for each ${indicator.frequency === 'monthly' ? 'month' : 'quarter'} of ${financialYearLabel(latest)}${hasPrevious ? `, with ${financialYearLabel(latest - 1)} as a dashed line` : ''}.`,
    kind: 'line',
    yLabel,
    format,
    series: [
      { name: financialYearLabel(latest), points: periods.map(p => ({ label: label(p.start), value: valueAt(p.start) })) },
      ...(hasPrevious ? [{ name: financialYearLabel(latest - 1), dashed: true, points: periods.map(p => ({ label: label(p.start), value: valueAt(p.start - 12) })) }] : []),
    ],
  })
}

/** A worked example of the rounding rule in the indicator's own unit, computed by the rule itself. */
function roundingExample(unit: Unit): string {
  const [baseline, changePercent] = unit === 'percentage' ? [12.15, -10] : unit === 'money' ? [100005, 3] : [2090, -2]
  const worked = targetValue({ kind: 'percent_change', changePercent, absoluteValue: null }, baseline, unit)
  return `For example: ${worked.explanation.charAt(0).toLowerCase()}${worked.explanation.slice(1)}.`
}

/** The indicator page; `ragLegend` states the partnership's RAG rules in words (rag-rules.ts). */
export function indicatorPage(report: IndicatorReport, ragLegend: string) {
  const { indicator } = report
  const latestYear = report.years[0] ?? null
  const rateLabel = `Per 1,000 ${denominatorNoun(indicator.unit)}`
  return {
    report,
    indicator,
    details: {
      unit: indicator.unitText,
      polarity: POLARITY_LABELS[indicator.polarity].replace(/ \(.*\)$/, ''),
      frequency: FREQUENCY_LABELS[indicator.frequency],
      denominator: indicator.denominator === null ? null : `${formatValue(indicator.denominator, 'count')} ${denominatorNoun(indicator.unit)}${indicator.denominatorNote ? ` (${indicator.denominatorNote})` : ''}`,
      showsRates: indicator.denominator !== null && indicator.unit !== 'percentage',
      isRate: isRate(indicator.unit),
    },
    rateLabel,
    latestYear: latestYear && { ...latestYear, directionWord: latestYear.change ? DIRECTION_WORDS[latestYear.change.direction] : null },
    years: report.years.map(y => ({ ...y, directionWord: y.change ? DIRECTION_WORDS[y.change.direction] : null })),
    roundingRule: `Percentage targets are worked out from their baseline and ${roundingRule(indicator.unit)}. ${roundingExample(indicator.unit)}`,
    ragText: ragLegend,
    /** Every target's warnings, shown at the top of the page as soon as the target is saved. */
    targetChecks: report.targets.flatMap(t => t.warnings.map(text => ({ yearLabel: t.yearLabel, text }))),
    chart: indicatorChart(report),
    comparators: report.comparators,
  }
}

/** The performance table as the page shows it: a cell's months are shown when they differ from its column's. */
export function performanceView(table: PerformanceTable) {
  const inHeader = (header: string, label: string) => header === label || header.endsWith(`(${label})`)
  const groups = table.groups.map(group => ({
    heading: group.heading,
    rows: group.rows.map(row => ({
      ...row,
      lastYearNote: row.lastYear.text && !inHeader(table.headers.lastYear, row.lastYear.label) ? row.lastYear.label : null,
      thisYearNote: row.thisYear.text && !inHeader(table.headers.thisYear, row.thisYear.label) ? row.thisYear.label : null,
      directionWord: row.change ? DIRECTION_WORDS[row.change.direction] : null,
    })),
  }))
  return { ...table, groups, rowCount: groups.reduce((n, g) => n + g.rows.length, 0) }
}

/**
 * The performance page's pictures: how the indicators' RAG statuses spread across the priorities (a stacked
 * bar per group), and each indicator with a target in the year against that target, year by year.
 */
export function performanceCharts(table: PerformanceTable): { ragSpread: Chart | null; againstTarget: Chart[] } {
  const rows = table.groups.flatMap(g => g.rows)
  const ragSpread = rows.length
    ? renderChart(
        ragStackedChart({
          id: 'performance-rag-chart',
          title: `Indicators by RAG status, ${table.yearLabel}`,
          description: `Stacked bar chart with a bar for ${table.groups.length === 1 ? 'the' : `each of the ${table.groups.length} groups of`} indicators in the table, split into those that are red, amber, green and with no RAG status. The counts are written under each bar.`,
          counted: 'Indicators',
          noneLabel: 'No RAG',
          labelHeading: 'Indicators',
          rows: table.groups.map(g => ({
            label: g.heading ?? 'All indicators',
            red: g.rows.filter(r => r.rag === 'red').length,
            amber: g.rows.filter(r => r.rag === 'amber').length,
            green: g.rows.filter(r => r.rag === 'green').length,
            none: g.rows.filter(r => r.rag === null).length,
          })),
        }),
      )
    : null
  const shown = rows.map(r => table.reports.find(report => report.indicator.id === r.indicatorId)).filter(report => report !== undefined)
  const againstTarget = shown.flatMap(report => {
    const history = targetHistory(report, table.year)
    return history ? [renderChart(actualAgainstTargetChart(history))] : []
  })
  return { ragSpread, againstTarget }
}
