import { describe, expect, it } from 'vitest'

import { demoPlanView, JOINT_2016_PLAN, withRag } from '#test/fixtures/demo-plans'
import { ragDefinitions, summarisePlanView } from '../../plans/index.ts'
import { renderChart } from '../../../core/documents/chart.ts'
import type { ChartBlock, DocumentSection, ReportDocument, TableBlock } from '../../../core/documents/model.ts'
import { cellText } from '../../../core/documents/normalise.ts'

import { annualReportDocument } from './annual-report.ts'
import type { PlanReading, ReportFacts } from './common-blocks.ts'
import type { PerformanceTable } from './performance.ts'
import { quarterlyUpdateDocument } from './quarterly-update.ts'
import { indicatorTargetChart, type IndicatorTrend } from './report-charts.ts'

let edited = withRag(JOINT_2016_PLAN, 'To continue to provide a sanctuary', 1, 'green')
edited = withRag(edited, 'Re-introduce the J9', 1, 'amber')
edited = withRag(edited, 'Continue to support taxi Marshalls', 1, 'red')
const view = demoPlanView(edited, { on: '2016-08-01' })
const plan: PlanReading = { view, summary: summarisePlanView(view) }
const facts: ReportFacts = {
  title: 'A report',
  partnershipName: 'Castle Point and Rochford Community Safety Partnership',
  status: 'draft',
  generatedAt: new Date('2026-11-25T10:00:00Z'),
  year: 2016,
  quarter: null,
  committee: null,
  meetingDate: null,
  narrative: {},
}

const trend: IndicatorTrend = {
  indicatorId: 7,
  indicatorName: 'Anti-social behaviour incidents',
  measure: 'incidents',
  years: [
    { label: '2015/16', actual: 2120, target: 2200, toDate: false, basisText: 'The whole year 2015/16' },
    { label: '2016/17 to date', actual: 1010, target: 1045, toDate: true, basisText: 'Year to date' },
  ],
  format: value => value.toLocaleString('en-GB'),
}
const performance: PerformanceTable = {
  previousPeriodLabel: '2015/16',
  currentPeriodLabel: '2016/17',
  rows: [{ measure: 'Anti-social behaviour incidents', previous: 2120, current: 1010, unit: 'incidents', rag: 'green' }],
  trends: [trend],
}

const charts = (s: DocumentSection) => s.blocks.filter((b): b is ChartBlock => b.kind === 'chart')
const section = (document: ReportDocument, heading: string) => document.sections.find(s => s.heading === heading)!
const rowsOf = (table: TableBlock) => table.rows.flatMap(row => ('group' in row ? [] : [row.cells.map(cellText)]))

describe('the charts of the annual report to the scrutiny committee', () => {
  const document = annualReportDocument({ facts, plan, performance, funding: null })
  const background = section(document, 'Background')

  it('draws the actions of each priority by RAG status right after the table of the same counts, and the figures agree', () => {
    const index = background.blocks.findIndex(b => b.kind === 'chart' && b.chart.id === 'rag-by-priority')
    expect(index).toBeGreaterThan(0)
    const table = background.blocks[index - 1] as TableBlock
    expect(table.kind).toBe('table')
    const chart = renderChart((background.blocks[index] as ChartBlock).chart)
    expect(chart.svg).toContain('<title id="rag-by-priority-title">Actions by RAG status, priority by priority, now</title>')
    expect(chart.svg).toContain('<desc id="rag-by-priority-desc">Stacked bar chart with a bar for each of the 3 priorities')
    // The chart's figures: priority, Red, Amber, Green, No status yet — as the summary table's columns 3 to 6.
    const fromTable = rowsOf(table)
      .filter(cells => cells[0] !== 'All priorities')
      .map(cells => [cells[0], cells[2], cells[3], cells[4], cells[5]])
    expect(chart.table.head).toEqual(['Priority', 'Red', 'Amber', 'Green', 'No status yet'])
    expect(chart.table.rows).toEqual(fromTable)
    expect(chart.table.rows[0]).toEqual(['Priority 1: Safeguarding Vulnerable People from Harm', '0', '1', '1', '20'])
  })

  it('draws each indicator with a target against it, year by year, under its own heading after the performance table', () => {
    const blocks = background.blocks
    const heading = blocks.findIndex(b => b.kind === 'heading' && b.text === 'Each indicator against its target')
    expect(heading).toBeGreaterThan(blocks.findIndex(b => b.kind === 'table' && b.caption.startsWith('Achievements')))
    const [chart] = charts(background).filter(c => c.chart.id === 'indicator-7-against-target')
    expect(chart).toBeDefined()
    const drawn = renderChart(chart!.chart)
    expect(drawn.title).toBe('Anti-social behaviour incidents: actual against target')
    expect(drawn.description).toContain('the actual figure beside the target for each year from 2015/16 to 2016/17')
    expect(drawn.description).toContain('2016/17 to date sets the months so far against the target for the same months')
    expect(drawn.table.head).toEqual(['Year', 'Actual', 'Target'])
    expect(drawn.table.rows).toEqual([
      ['2015/16', '2,120', '2,200'],
      ['2016/17 to date', '1,010', '1,045'],
    ])
  })

  it('has no indicator charts when no indicator has a target in the year', () => {
    const without = annualReportDocument({ facts, plan, performance: { ...performance, trends: [] }, funding: null })
    expect(charts(section(without, 'Background')).map(c => c.chart.id)).toEqual(['rag-by-priority'])
  })
})

describe('the charts of the quarterly plan update', () => {
  const document = quarterlyUpdateDocument({ facts: { ...facts, quarter: 1 }, plan: view, ragDefinitions: ragDefinitions({}) })

  it('draws the quarter’s statuses of each priority’s actions beside the summary table', () => {
    const summary = section(document, 'Summary of progress')
    const [chart] = charts(summary)
    const drawn = renderChart(chart!.chart)
    expect(drawn.title).toBe('Actions by RAG status, priority by priority, in Q1 2016/17 (April to June 2016)')
    expect(drawn.table.rows).toEqual([
      ['Priority 1: Safeguarding Vulnerable People from Harm', '0', '1', '1', '20'],
      ['Priority 2: Anti-Social Behaviour', '1', '0', '0', '14'],
      ['Priority 3: Acquisitive Crime', '0', '0', '0', '12'],
    ])
  })
})

describe('an indicator against its target', () => {
  it('says which years have no figure to compare', () => {
    const chart = indicatorTargetChart({ ...trend, years: [{ label: '2016/17', actual: null, target: 2000, toDate: false, basisText: 'No figures yet' }] })
    expect(chart.description).toBe('Bar chart of Anti-social behaviour incidents (incidents): the actual figure beside the target for 2016/17. No figure to set against the target for 2016/17.')
    expect(renderChart(chart).svg).toContain('Actual: no figure')
  })
})
