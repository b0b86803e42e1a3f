import { describe, expect, it } from 'vitest'

import { demoPlanView, editActions, JOINT_2016_PLAN, withRag } from '#test/fixtures/demo-plans'
import { ragDefinitions, summarisePlanView } from '../../plans/index.ts'
import type { Block, ReportDocument, TableBlock } from '../../../core/documents/model.ts'
import { cellText, plainText } from '../../../core/documents/normalise.ts'

import { actionStatusRows } from './action-status.ts'
import { annualReportDocument } from './annual-report.ts'
import type { ReportFacts } from './common-blocks.ts'
import { quarterlyUpdateDocument } from './quarterly-update.ts'

/**
 * Which action is red, and why: the demo's 2016/17 plan (seed 001) with two red, one amber and one green Q1
 * status, one red action marked complete (so no longer an exception), and the rest as the seed gives them.
 */
let edited = editActions(JOINT_2016_PLAN, '‘Crucial Crew’', () => ({ status: 'complete' }))
edited = withRag(edited, '‘Crucial Crew’', 1, 'red')
edited = withRag(edited, 'To continue to provide a sanctuary', 1, 'green')
edited = withRag(edited, 'Re-introduce the J9', 1, 'amber')
edited = withRag(edited, 'Continue to support taxi Marshalls', 1, 'red')
edited = withRag(edited, 'To pilot a Well Homes Scheme', 1, 'red')
const view = demoPlanView(edited, { on: '2016-08-01' })
const facts: ReportFacts = {
  title: 'A report',
  partnershipName: 'Castle Point and Rochford Community Safety Partnership',
  status: 'draft',
  generatedAt: new Date('2026-11-25T10:00:00Z'),
  year: 2016,
  quarter: 1,
  committee: 'Review Committee',
  meetingDate: null,
  narrative: {},
}

const appendixOf = (document: ReportDocument) => document.sections.at(-1)!
const tableOf = (blocks: Block[]) => blocks.find((b): b is TableBlock => b.kind === 'table')!
const texts = (blocks: Block[]) => blocks.flatMap(b => (b.kind === 'paragraph' ? [`${b.number ? `${b.number} ` : ''}${plainText(b.text)}`] : b.kind === 'bullets' ? b.items.map(i => `• ${i}`) : []))
/** Each row's priority, start of the action's title and RAG word. */
const brief = (table: TableBlock) => table.rows.map(row => ('cells' in row ? `${cellText(row.cells[0]!)} | ${cellText(row.cells[1]!).slice(0, 24)} | ${cellText(row.cells[3]!)}` : ''))

describe('the exceptions of a plan', () => {
  it('orders every action Red, then Amber, then open actions with no update, then the rest, each in the plan’s order', () => {
    const rows = actionStatusRows(view, { kind: 'quarter', quarter: 1, year: 2016 })
    expect(rows).toHaveLength(49)
    const groups = rows.map(row => row.group)
    expect(groups.slice(0, 3)).toEqual(['red', 'red', 'amber'])
    expect(groups.lastIndexOf('no_update')).toBeLessThan(groups.indexOf('rest'))
    expect(rows.filter(row => row.group === 'red').map(row => row.action.title.slice(0, 24))).toEqual(['To pilot a Well Homes Sc', 'Continue to support taxi'])
    // Complete with a red status: no longer an exception, it stays with the rest.
    expect(rows.find(row => row.action.title.startsWith('‘Crucial Crew’'))!.group).toBe('rest')
    // In Q2 three actions have an update (without a RAG): the 45 other open actions come before them and the complete one.
    const q2 = actionStatusRows(view, { kind: 'quarter', quarter: 2, year: 2016 })
    expect(q2.map(row => row.group)).toEqual([...Array<string>(45).fill('no_update'), 'rest', 'rest', 'rest', 'rest'])
  })
})

describe('the quarterly update', () => {
  const document = quarterlyUpdateDocument({ facts: { ...facts, quarter: 1 }, plan: view, ragDefinitions: ragDefinitions({}) })

  it('names the red and amber actions in the summary, with their priority and lead, not just counts', () => {
    const summary = texts(document.sections.find(s => s.heading === 'Summary of progress')!.blocks)
    expect(summary.slice(1, 7)).toEqual([
      '2 actions are rated red in Q1 2016/17 (April to June 2016):',
      expect.stringMatching(/^• To pilot a Well Homes Scheme in Rochford \(Priority 1: Safeguarding Vulnerable People from Harm; lead: .+\)$/),
      expect.stringMatching(/^• Continue to support taxi Marshalls .*\(Priority 2: Anti-Social Behaviour; lead: Rochford District Council; Essex Police; .*\)$/),
      'One action is rated amber in Q1 2016/17 (April to June 2016):',
      expect.stringMatching(/^• Re-introduce the J9 scheme in both districts \(Priority 1: /),
      'The appendix gives every action with its lead, RAG status and latest commentary, the red and amber actions first. 24 open actions have no update for Q1; they follow the red and amber actions there.',
    ])
  })

  it('ends with an appendix of every action with its lead, RAG and latest commentary for the quarter, exceptions first', () => {
    const appendix = appendixOf(document)
    expect(appendix).toMatchObject({ heading: 'Appendix: every action by status, exceptions first', orientation: 'landscape', startOnNewPage: true })
    const table = tableOf(appendix.blocks)
    expect(table.columns.map(c => c.header)).toEqual(['Priority', 'Action', 'Lead', 'RAG', 'Latest Q1 commentary'])
    expect(table.rows).toHaveLength(49)
    expect(brief(table).slice(0, 4)).toEqual(['Priority 1 | To pilot a Well Homes Sc | Red', 'Priority 2 | Continue to support taxi | Red', 'Priority 1 | Re-introduce the J9 sche | Amber', expect.stringMatching(/ \| No update$/)])
    const taxi = table.rows[1]!
    expect('cells' in taxi && cellText(taxi.cells[4]!)).toMatch(/June – scheme closed\..*\nCommunity Safety Officer, Rochford District Council .*, 29 July 2016$/s)
    expect('cells' in taxi && cellText(taxi.cells[2]!)).toBe('Rochford District Council; Essex Police; Community Safety Officer (Rochford District Council); Licensing Team')
    const crucial = table.rows.find(row => 'cells' in row && cellText(row.cells[1]!).startsWith('‘Crucial Crew’'))!
    expect('cells' in crucial && cellText(crucial.cells[3]!)).toBe('Red\nComplete')
  })
})

describe('the annual report', () => {
  it('names the red and amber actions in the background and gives every action in Appendix A, by current status', () => {
    const document = annualReportDocument({ facts: { ...facts, quarter: null }, plan: { view, summary: summarisePlanView(view) }, performance: null, funding: null })
    const background = texts(document.sections.find(s => s.heading === 'Background')!.blocks)
    expect(background).toContain('3.4 2 actions are rated red:')
    expect(background).toContain('3.5 One action is rated amber:')
    expect(background).toContain(
      '3.6 Appendix A gives every action with its lead, RAG status and latest commentary, the red and amber actions first. 23 open actions have no update yet; they follow the red and amber actions there.',
    )
    const appendix = appendixOf(document)
    expect(appendix.heading).toBe('Appendix A: progress on every action')
    const table = tableOf(appendix.blocks)
    expect(table.columns.at(-1)!.header).toBe('Latest commentary')
    expect(brief(table).slice(0, 3)).toEqual(['Priority 1 | To pilot a Well Homes Sc | Red', 'Priority 2 | Continue to support taxi | Red', 'Priority 1 | Re-introduce the J9 sche | Amber'])
    const row = table.rows[0]!
    expect('cells' in row && cellText(row.cells[4]!)).toMatch(/\nQ1 update, .*2016$/)
  })

  it('says so when no action is red or amber', () => {
    const calm = demoPlanView(withRag(withRag(withRag(edited, 'Re-introduce the J9', 1, 'green'), 'Continue to support taxi Marshalls', 1, 'green'), 'To pilot a Well Homes Scheme', 1, null), { on: '2016-08-01' })
    const document = annualReportDocument({ facts: { ...facts, quarter: null }, plan: { view: calm, summary: summarisePlanView(calm) }, performance: null, funding: null })
    expect(texts(document.sections.find(s => s.heading === 'Background')!.blocks)).toContain('3.4 No action is rated red or amber.')
  })
})
