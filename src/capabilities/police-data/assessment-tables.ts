import type { PartnershipContext } from '../../core/access/partnership-context.ts'
import { addMonths, describeMonths, monthLabel, monthRangeLabel, shortMonthLabel } from '../../core/calendar/index.ts'
import { chartTable, type DocumentChart, type DocumentTable, type StructuredDocument } from '../../core/documents/structured.ts'

import { ratePer1000 } from './domain/analyses.ts'
import { POLICE_SOURCE } from './domain/caveats.ts'
import type { Assessment, DistrictComparison, Hotspots } from './analysis-types.ts'
import { OGL, ONS_ATTRIBUTION } from './domain/caveats.ts'

/**
 * The assessment's figures as the tables and charts of its documents and downloads (DOCX, PDF, print, CSV,
 * XLSX): every table with its caption, caveats and source.
 */

const fmt = (value: number | null | undefined, decimals = 0) => (value === null || value === undefined ? null : Number(value.toFixed(decimals)))

export function trendCharts(a: Assessment): { trend12: DocumentChart; trend36: DocumentChart } {
  const lastYear = a.trend12.map(p => ({ month: addMonths(p.month, -12), value: null as number | null }))
  const allByMonth = new Map(a.trend36.map(p => [p.month, p.value]))
  for (const p of lastYear) p.value = allByMonth.get(p.month) ?? null
  const area = a.query.area.shortName
  const held12 = a.trend12.filter(p => p.value !== null).length
  const held36 = a.trend36.filter(p => p.value !== null).length
  return {
    trend12: {
      id: 'trend-12',
      title: `Crime and anti-social behaviour by month, 12 months to ${monthLabel(a.query.to)}`,
      description: `Monthly totals in ${area}, with the same months a year earlier as a dashed line. ${held12} of the 12 months are held; missing months are gaps.`,
      kind: 'line',
      series: [
        { name: '12 months to ' + shortMonthLabel(a.query.to), points: a.trend12.map(p => ({ label: shortMonthLabel(p.month).slice(0, 3), value: p.value })) },
        { name: 'A year earlier', dashed: true, points: lastYear.map(p => ({ label: shortMonthLabel(addMonths(p.month, 12)).slice(0, 3), value: p.value })) },
      ],
      yLabel: 'Records a month',
    },
    trend36: {
      id: 'trend-36',
      title: `Crime and anti-social behaviour by month, 36 months to ${monthLabel(a.query.to)}`,
      description: `Monthly totals in ${area}, and anti-social behaviour alone. ${held36} of the 36 months are held; missing months are gaps.`,
      kind: 'line',
      series: [
        { name: 'All crime and ASB', points: a.trend36.map(p => ({ label: shortMonthLabel(p.month), value: p.value })) },
        { name: 'Anti-social behaviour', points: a.asb36.map(p => ({ label: shortMonthLabel(p.month), value: p.value })) },
      ],
      yLabel: 'Records a month',
    },
  }
}

/** Every table of the assessment, with captions, headers and its caveats as notes. */
export function assessmentTables(a: Assessment, h: Hotspots, c: DistrictComparison): (DocumentTable & { key: string })[] {
  const notes = (caveats: string[]) => [...caveats, POLICE_SOURCE, OGL]
  const area = a.query.area.name
  const period = a.periodLabel
  const ytd = a.yearToDate
  const charts = trendCharts(a)
  return [
    {
      key: 'crime-types',
      caption: `Crimes and anti-social behaviour by type and month, ${area}, ${period}`,
      headers: ['Crime type', ...a.months.map(shortMonthLabel), 'Total'],
      rows: [
        ...a.table.rows.map(r => [r.crimeType, ...r.byMonth, r.total]),
        ['All crime and anti-social behaviour', ...a.table.monthTotals, a.table.total],
      ],
      numericColumns: a.months.map((_, i) => i + 1).concat(a.months.length + 1),
      notes: notes(a.caveats),
      totalRows: 1,
    },
    {
      key: 'year-to-date',
      caption: `Financial year ${ytd.financialYear} to date (${monthRangeLabel(ytd.currentFrom, ytd.to)}) against the same months of ${ytd.previousFinancialYear}, ${area}`,
      headers: ['Crime type', `${ytd.financialYear} to date`, `Same months ${ytd.previousFinancialYear}`, 'Difference', '% change'],
      rows: [...ytd.rows, ytd.total].map(r => [r.crimeType, r.current, r.previous, r.difference, fmt(r.change, 1)]),
      numericColumns: [1, 2, 3, 4],
      totalRows: 1,
      notes: notes([
        ytd.isComplete
          ? 'Every month of the year to date is held for both years.'
          : ytd.comparableMonths.length
            ? `Only months held in both years are compared: ${ytd.comparableMonths.map(shortMonthLabel).join(', ')} and the same months a year earlier.`
            : 'No month of the year to date is held for both years: nothing can be compared.',
        ...a.caveats,
      ]),
    },
    {
      key: 'top-types',
      caption: `The top ${a.top.items.length} types, ${area}, ${period}: ${a.top.topShare.toFixed(0)}% of all ${a.top.total.toLocaleString('en-GB')} records`,
      headers: ['Rank', 'Crime type', 'Count', 'Share of all records (%)', a.query.area.population ? 'Per 1,000 residents' : 'Per 1,000 residents (no population held)'],
      rows: a.top.items.map((t, i) => [i + 1, t.crimeType, t.count, fmt(t.share, 1), a.query.area.population ? fmt(ratePer1000(t.count, a.query.area.population.value), 2) : null]),
      numericColumns: [0, 2, 3, 4],
      notes: notes(a.caveats),
    },
    { key: 'trend-12', ...chartTable(charts.trend12, notes(a.caveats)) },
    { key: 'trend-36', ...chartTable(charts.trend36, notes(a.caveats)) },
    {
      key: 'wards',
      caption: `Wards ranked by count, ${area}, ${period}`,
      headers: ['Rank by count', 'Rank by rate', 'Ward (December 2021)', 'Ward code', 'District', 'Count', 'Population', 'Per 1,000 residents'],
      rows: h.wardsByCount.map(w => [w.rank, h.wardsByRate.find(r => r.code === w.code)?.rank ?? null, w.name, w.code, w.district, w.count, w.population, fmt(w.rate, 2)]),
      numericColumns: [0, 1, 5, 6, 7],
      notes: notes(h.caveats),
    },
    {
      key: 'lsoas',
      caption: `LSOAs ranked by count, ${area}, ${period}`,
      headers: ['Rank', 'LSOA', 'LSOA code', 'Ward (December 2021)', 'District', 'Count'],
      rows: h.lsoas.map(l => [l.rank, l.name, l.code, l.ward, l.district, l.count]),
      numericColumns: [0, 5],
      notes: notes(['No LSOA population estimates are held, so LSOAs are ranked by count only.', ...h.caveats]),
    },
    {
      key: 'districts',
      caption: `Districts ranked per 1,000 residents: ${c.groupName}, ${period}`,
      headers: ['Rank', 'District', 'District code', 'Count', 'Population', 'Per 1,000 residents'],
      rows: c.districts.map(d => [d.rank, d.name, d.code, d.count, d.population, fmt(d.rate, 2)]),
      numericColumns: [0, 3, 4, 5],
      notes: notes(c.caveats),
    },
  ]
}

/** What the figures are: area, period, months held, forces, the population a rate uses. */
export function assessmentMetadata(a: Assessment, forceNames: ReadonlyMap<string, string> = new Map()): { label: string; value: string }[] {
  const held = a.months.length - a.missingMonths.length
  return [
    { label: 'Area', value: a.query.area.name },
    { label: 'Period', value: a.periodLabel },
    {
      label: 'Months of police data held',
      value: `${held} of ${a.months.length}${a.missingMonths.length ? `; no data for ${describeMonths(a.missingMonths)}` : ''}`,
    },
    { label: 'Police force data', value: a.query.forces.length ? a.query.forces.map(f => forceNames.get(f) ?? f).join(', ') : 'None held' },
    { label: 'Population for rates', value: a.query.area.population ? a.query.area.population.description : 'None held for this area, so no rate per 1,000 residents is given' },
  ]
}

export function assessmentDocument(ctx: PartnershipContext, a: Assessment, h: Hotspots, c: DistrictComparison, date: string, forceNames: ReadonlyMap<string, string>): StructuredDocument {
  const tables = assessmentTables(a, h, c)
  const table = (key: string) => {
    const { key: _key, ...rest } = tables.find(t => t.key === key)!
    return rest
  }
  const charts = trendCharts(a)
  const byCount = h.wardsByCount.slice(0, 10)
  return {
    title: `Strategic assessment: police recorded crime and anti-social behaviour`,
    subtitle: `${a.query.area.name}, ${a.periodLabel}`,
    date,
    metadata: assessmentMetadata(a, forceNames),
    sections: [
      { heading: 'Summary', blocks: [{ type: 'bullets', items: a.summary }] },
      { heading: 'Crime and anti-social behaviour by type', blocks: [{ type: 'table', table: table('top-types') }, { type: 'table', table: table('crime-types') }] },
      { heading: 'This financial year against last', blocks: [{ type: 'table', table: table('year-to-date') }] },
      {
        heading: 'Trends and seasonal peaks',
        blocks: [
          { type: 'chart', chart: charts.trend12, table: table('trend-12') },
          { type: 'chart', chart: charts.trend36, table: table('trend-36') },
          a.peaks.length
            ? { type: 'bullets', items: a.peaks.map(p => `${p.series}: ${p.aboveAverage.toFixed(0)}% above the monthly average in ${p.seasonName} (${p.seasonMonths}).`) }
            : { type: 'paragraph', text: 'No seasonal peak stands out in the months held (summer holidays, Halloween and bonfire night, Christmas).' },
        ],
      },
      {
        heading: 'Hotspots',
        blocks: [
          { type: 'paragraph', text: byCount.length ? `The wards with the most records were ${byCount.slice(0, 3).map(w => `${w.name} (${w.count.toLocaleString('en-GB')})`).join(', ')}.` : 'No ward figures are held for this area.' },
          { type: 'table', table: table('wards') },
          { type: 'table', table: { ...table('lsoas'), rows: table('lsoas').rows.slice(0, 20), caption: `${table('lsoas').caption} (top 20)` } },
        ],
      },
      { heading: 'Comparison with other districts', blocks: [{ type: 'table', table: table('districts') }] },
      { heading: 'About these figures', blocks: [{ type: 'caveats', title: 'What these figures can and cannot tell you', items: a.caveats }] },
    ],
    attribution: [POLICE_SOURCE, OGL, ONS_ATTRIBUTION, `Prepared with CSP Hub for ${ctx.partnership.name}.`],
  }
}

