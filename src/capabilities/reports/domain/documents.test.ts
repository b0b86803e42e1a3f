import { describe, expect, it } from 'vitest'

import { demoPlanView, editActions, JOINT_2016_PLAN, withRag } from '#test/fixtures/demo-plans'
import { JOINT_2021_PLAN } from '../../../demo/plan-data.ts'
import { ragDefinitions, summarisePlanView } from '../../plans/index.ts'
import type { Block, DocumentSection, ReportDocument, TableBlock } from '../../../core/documents/model.ts'
import { cellText, plainText } from '../../../core/documents/normalise.ts'

import { annualReportDocument } from './annual-report.ts'
import { OGL_ATTRIBUTION, type PlanReading, type ReportFacts } from './common-blocks.ts'
import type { FundingSummary } from './funding.ts'
import { performanceReportDocument } from './performance-report.ts'
import type { PerformanceTable } from './performance.ts'
import { quarterlyUpdateDocument } from './quarterly-update.ts'
import { startingNarrative } from './report-kinds.ts'
import { strategicAssessmentDocument } from './strategic-assessment.ts'

/**
 * The documents built from the demo's 2016/17 plan (seed 001) as the plan pages read it. The seed gives no RAG
 * statuses, so these tests give three Q1 updates one each and mark one action complete.
 */
let edited = editActions(JOINT_2016_PLAN, '‘Crucial Crew’', () => ({ status: 'complete' }))
edited = withRag(edited, 'To continue to provide a sanctuary', 1, 'green')
edited = withRag(edited, 'Re-introduce the J9', 1, 'amber')
edited = withRag(edited, 'Continue to support taxi Marshalls', 1, 'red')
const view = demoPlanView(edited, { on: '2016-08-01' })
const plan: PlanReading = { view, summary: summarisePlanView(view) }
/** The partnership has reworded Amber. */
const definitions = ragDefinitions({ amber: 'Behind, but we know how to catch up' })
const facts = (over: Partial<ReportFacts> = {}): ReportFacts => ({
  title: 'A report',
  partnershipName: 'Castle Point and Rochford Community Safety Partnership',
  status: 'draft',
  generatedAt: new Date('2026-11-25T10:00:00Z'),
  year: 2016,
  quarter: null,
  committee: 'Review Committee',
  meetingDate: '2016-09-06',
  narrative: {},
  ...over,
})

const section = (document: ReportDocument, heading: string) => document.sections.find(s => s.heading === heading)!
const tables = (s: DocumentSection) => s.blocks.filter((b): b is TableBlock => b.kind === 'table')
const rowsOf = (table: TableBlock) => table.rows.map(row => ('group' in row ? `[${row.group}]` : row.cells.map(cellText).join(' | ')))
const texts = (blocks: Block[]) =>
  blocks.flatMap(b => (b.kind === 'paragraph' ? [`${b.number ? `${b.number} ` : ''}${plainText(b.text)}`] : b.kind === 'bullets' ? b.items.map(i => `• ${i}`) : b.kind === 'heading' ? [`## ${b.text}`] : []))

describe('the quarterly plan update', () => {
  const document = quarterlyUpdateDocument({
    facts: { ...facts({ title: 'Partnership Plan 2016/17: 1st Quarter Update', narrative: { introduction: 'The purpose of the Community Safety Partnership is to provide a strategic approach.' } }), quarter: 1 },
    plan: view,
    ragDefinitions: definitions,
  })

  it('opens with the introduction, a summary of the statuses as the plan pages count them, the partnership’s RAG key and the priorities', () => {
    expect(document.sections.map(s => s.heading)).toEqual([
      'Introduction',
      'Summary of progress',
      'Partnership priorities for 2016/17',
      'Priority 1: Safeguarding Vulnerable People from Harm',
      'Priority 2: Anti-Social Behaviour',
      'Priority 3: Acquisitive Crime',
      'Appendix: every action by status, exceptions first',
    ])
    const summary = section(document, 'Summary of progress')
    expect(texts(summary.blocks)[0]).toBe('Of the 49 actions in Q1 2016/17 (April to June 2016), 1 is red, 1 amber, 1 green and 46 have no RAG status yet; 1 is marked complete.')
    const [counts, key] = tables(summary)
    expect(counts!.columns.map(c => c.header)).toEqual(['Priority', 'Actions', 'Red', 'Amber', 'Green', 'No status yet', 'Complete'])
    expect(rowsOf(counts!)).toEqual([
      'Priority 1: Safeguarding Vulnerable People from Harm | 22 | 0 | 1 | 1 | 20 | 0',
      'Priority 2: Anti-Social Behaviour | 15 | 1 | 0 | 0 | 14 | 1',
      'Priority 3: Acquisitive Crime | 12 | 0 | 0 | 0 | 12 | 0',
      'All priorities | 49 | 1 | 1 | 1 | 46 | 1',
    ])
    expect(rowsOf(key!)).toEqual(['Green | Complete, or no cause for concern', 'Amber | Behind, but we know how to catch up', 'Red | Off track: needs the steering group’s attention'])
    expect(texts(section(document, 'Partnership priorities for 2016/17').blocks)).toEqual([
      '• Safeguarding Vulnerable People from Harm (Domestic Abuse; Hidden Harm; Vulnerable groups)',
      '• Anti-Social Behaviour',
      '• Acquisitive Crime (Burglary; Vehicle Crime; Crime Prevention; Reducing reoffending)',
    ])
  })

  it('lays each priority out as Appendix A does: objective, actions, outcomes, lead, timescales, the quarter’s updates and RAG', () => {
    const priority = section(document, 'Priority 1: Safeguarding Vulnerable People from Harm')
    expect(priority.orientation).toBe('landscape')
    expect(priority.startOnNewPage).toBe(true)
    const [table] = tables(priority)
    expect(table!.caption).toBe('Priority 1: Safeguarding Vulnerable People from Harm – actions and Q1 2016/17 (April to June 2016) updates')
    expect(table!.columns.map(c => c.header)).toEqual(['Actions', 'Outcomes / measures', 'Lead agency / officer', 'Timescales', 'Q1 updates', 'RAG'])
    const rows = rowsOf(table!)
    const author = 'Community Safety Officer, Rochford District Council (Partnership Plan 1st quarter update, July 2016), 29 July 2016'
    expect(rows[0]).toBe('[Strategic objective: To safeguard victims of Domestic Abuse from repeat incidents, by identifying high risk victims and assessing their need for added security devices]')
    expect(rows[2]).toBe(
      `To continue to provide a sanctuary scheme for all residents. | Victims of Domestic violence are able to remain in their own home. | Castle Point Borough Council\nRochford District Council\nCommunity Safety Officer (Castle Point Borough Council)\nCommunity Safety Officer (Rochford District Council)\nCommunity Safety Officers CPBC & RDC | Q1–4 | Rochford: 3 home inspections and referrals for sanctuary intervention. On-going support via housing options.\n${author} | Green`,
    )
    expect(rows.find(r => r.startsWith('Re-introduce the J9'))).toMatch(/• Partners agencies trained and signed up to J9 principles\.\n• Residents able to readily access DA information at key J9 locations\. \|.*\| Amber$/s)
    // An update without a RAG, as the seed gives them, says so; an action without an update for the quarter says that.
    expect(rows[1]).toMatch(/\| No RAG given$/)
    expect(rows.find(r => r.startsWith('Complete existing DHR'))).toContain('| Q2\nDue 30 September 2016\nSept 16 | No update for Q1 | No update')
  })

  it('shows a completed action with its status for the quarter and the word Complete, as the plan pages do', () => {
    const asb = rowsOf(tables(section(document, 'Priority 2: Anti-Social Behaviour'))[0]!)
    expect(asb.find(r => r.startsWith('‘Crucial Crew’'))).toMatch(/\| No RAG given\nComplete$/)
    expect(asb.find(r => r.startsWith('Continue to support taxi Marshalls'))).toMatch(/June – scheme closed\..*\| Red$/s)
  })

  it('takes the updates of the quarter asked for', () => {
    const q2 = quarterlyUpdateDocument({ facts: { ...facts(), quarter: 2 }, plan: view, ragDefinitions: definitions })
    const rows = rowsOf(tables(section(q2, 'Priority 1: Safeguarding Vulnerable People from Harm'))[0]!)
    expect(rows[2]).toMatch(/No update for Q2 \| No update$/)
    expect(texts(section(q2, 'Summary of progress').blocks)[0]).toBe('Of the 49 actions in Q2 2016/17 (July to September 2016), 49 have no RAG status yet; 1 is marked complete.')
    expect(q2.metadata).toEqual(expect.arrayContaining([{ label: 'Quarter', value: 'Q2 2016/17 (July to September 2016)' }, { label: 'Status', value: 'Draft' }]))
  })
})

describe('the annual report to the scrutiny committee', () => {
  const performance: PerformanceTable = {
    previousPeriodLabel: '2020/21',
    currentPeriodLabel: '2021/22',
    rows: [{ measure: 'Anti-social behaviour incidents', previous: 2120, current: 2090, unit: 'incidents', rag: 'amber' }],
    source: 'Essex Police; police.uk',
    containsPublicSectorData: true,
    charts: [{ id: 'asb', title: 'ASB incidents', description: 'Incidents per year', kind: 'bar', series: [{ name: 'Incidents', points: [{ label: '2020/21', value: 2120 }, { label: '2021/22', value: 2090 }] }] }],
  }
  const funding: FundingSummary = {
    financialYear: 2016,
    streams: [{ name: 'the Police and Crime Commissioner', amountPence: 1_401_900, note: null }],
    rollOverPence: 0,
    availablePence: 1_401_900,
    allocatedPence: 1_300_000,
    spentPence: 900_000,
    committedPence: 0,
    forecastUnderspendPence: 0,
    allocations: [{ name: 'Taxi marshalling', amountPence: 300_000, spentPence: 300_000 }],
    bids: [],
    notes: [],
  }
  const narrative = {
    ...startingNarrative('annual_scrutiny_report', { partnershipName: 'Castle Point and Rochford Community Safety Partnership', year: 2016, committee: 'Review Committee' }),
    background: 'The joint CP & RDCSP is a multi-agency partnership.\nThe Partnership meets quarterly.',
    achievements: '- Sanctuary Scheme and Domestic abuse outreach work\n- Crucial Crew',
    businessPlan: 'The work of the CP & RDCSP is aligned to the Council’s Business Plan.',
    risk: 'There is little risk to the joint CP & RDCSP delivering its statutory requirement.',
    signOff: 'Assistant Director, Community & Housing Services\nRochford District Council',
  }

  it('follows the committee-report structure, numbering sections and paragraphs', () => {
    const document = annualReportDocument({ facts: facts({ narrative }), plan, performance: null, funding: null })
    expect(document.sections.map(s => (s.number ? `${s.number} ${s.heading}` : s.heading ? `(appendix) ${s.heading}` : '(sign-off)'))).toEqual([
      '1 Purpose of report',
      '2 Introduction',
      '3 Background',
      '4 Risk implications',
      '5 Crime and disorder implications',
      '6 Resource implications',
      '7 Legal implications',
      '8 Equality and diversity implications',
      '9 Recommendation',
      '(sign-off)',
      '(appendix) Appendix A: progress on every action',
    ])
    expect(texts(section(document, 'Introduction').blocks)).toEqual([
      '2.1 In line with the statutory duty under Section 6 of the Crime and Disorder Act 1998, the Castle Point and Rochford Community Safety Partnership produces and implements a partnership plan for reducing crime and anti-social behaviour.',
      '2.2 Each year the partnership provides an update report to Review Committee on its work.',
    ])
    expect(texts(section(document, 'Resource implications').blocks)).toEqual(['6.1 This section has not been written yet.', '6.2 No funding recorded for 2016/17.'])
    expect(document.sections.at(-2)!.blocks).toHaveLength(2)
    expect(document.metadata).toEqual(expect.arrayContaining([{ label: 'Committee', value: 'Review Committee' }, { label: 'Meeting', value: '6 September 2016' }]))
  })

  it('adds the plan’s priorities and the RAG summary of their actions to the background, numbered on', () => {
    const document = annualReportDocument({ facts: facts({ narrative }), plan, performance: null, funding: null })
    const background = section(document, 'Background')
    expect(texts(background.blocks)).toEqual([
      '3.1 The joint CP & RDCSP is a multi-agency partnership.',
      '3.2 The Partnership meets quarterly.',
      '3.3 The priority areas for action for 2016/17 were:',
      '• Safeguarding Vulnerable People from Harm (Domestic Abuse; Hidden Harm; Vulnerable groups)',
      '• Anti-Social Behaviour',
      '• Acquisitive Crime (Burglary; Vehicle Crime; Crime Prevention; Reducing reoffending)',
      '3.4 Each priority has an action plan delivered through the partnership’s groups. Of the 49 actions in the plan, 1 is red, 1 amber, 1 green and 46 have no RAG status yet; 1 is marked complete. The table below gives the latest status of the actions of each priority.',
      '3.5 One action is rated red:',
      '• Continue to support taxi Marshalls in Rayleigh Town Centre and explore with licensed trade, alternative funding options for continuation of scheme. (Priority 2: Anti-Social Behaviour; lead: Rochford District Council; Essex Police; Community Safety Officer (Rochford District Council); Licensing Team)',
      '3.6 One action is rated amber:',
      '• Re-introduce the J9 scheme in both districts (Priority 1: Safeguarding Vulnerable People from Harm; lead: Essex County Council; Safer Places; Community Safety Officer (Castle Point Borough Council); Community Safety Officer (Rochford District Council); ECC DA provider i.e. Safer Places)',
      '3.7 Appendix A gives every action with its lead, RAG status and latest commentary, the red and amber actions first. 23 open actions have no update yet; they follow the red and amber actions there.',
      '3.8 Partnership outcomes during the year have included:',
      '• Sanctuary Scheme and Domestic abuse outreach work',
      '• Crucial Crew',
      '## Link to business plan priorities',
      '3.9 The work of the CP & RDCSP is aligned to the Council’s Business Plan.',
    ])
    expect(rowsOf(tables(background)[0]!).at(-1)).toBe('All priorities | 49 | 1 | 1 | 1 | 46 | 1')
    expect(document.attribution).toBeUndefined()
  })

  it('lists the priorities of a plan whose actions are not recorded, without a table of their statuses', () => {
    const priorities2021 = demoPlanView(JOINT_2021_PLAN, { on: '2022-06-01' })
    const document = annualReportDocument({ facts: facts({ year: 2021, narrative: { background: 'The priorities come from the strategic assessment.' } }), plan: { view: priorities2021, summary: summarisePlanView(priorities2021) }, performance: null, funding: null })
    const background = section(document, 'Background')
    expect(texts(background.blocks)).toEqual([
      '3.1 The priorities come from the strategic assessment.',
      '3.2 The priority areas for action for 2021/22 were:',
      '• Protecting vulnerable people',
      '• Anti-Social Behaviour',
      '• Violence (including knife crime)',
    ])
    expect(tables(background)).toEqual([])
  })

  it('puts in the performance table and funding figures when the records have them', () => {
    const document = annualReportDocument({ facts: facts({ narrative }), plan, performance, funding })
    const background = section(document, 'Background')
    expect(texts(background.blocks)).toEqual(
      expect.arrayContaining([
        '3.9 Performance against the partnership’s targets for 2016/17 is shown in the table below.',
        'Source: Essex Police; police.uk',
        '3.10 Funding from the Police and Crime Commissioner for 2016/17 amounted to £14,019. Of this, £13,000 has been allocated and £9,000 spent. The budget is forecast to be spent in full.',
      ]),
    )
    expect(rowsOf(tables(background)[1]!)).toEqual(['Anti-social behaviour incidents | 2,120 | 2,090 | 1.4% reduction (30 incidents) | Amber'])
    expect(background.blocks.some(b => b.kind === 'chart')).toBe(true)
    const resources = section(document, 'Resource implications')
    expect(tables(resources).map(t => t.caption)).toEqual(['Funding for 2016/17', 'Allocations for 2016/17'])
    expect(texts(resources.blocks).join('\n')).not.toContain('No funding recorded')
    expect(document.attribution).toEqual([OGL_ATTRIBUTION])
  })
})

describe('the performance table and the strategic assessment', () => {
  const performance: PerformanceTable = {
    previousPeriodLabel: 'Year to date (April 09 – March 10)',
    currentPeriodLabel: 'Year to date (April 10 – March 11)',
    rows: [{ measure: 'Reduce Robbery by 5% during 2010/2011', previous: 23, current: 8, unit: 'offences', rag: 'green' }],
  }

  it('the performance table has the introduction, the table and what the partnership notes', () => {
    const document = performanceReportDocument({ facts: facts({ year: 2010, narrative: { introduction: 'Detailed below are the achievements.', commentary: 'Alcohol related disorder still needs to be addressed.' } }), performance })
    expect(document.sections.map(s => s.heading)).toEqual(['Achievements from strategic priorities 2010/11', 'What we note'])
    expect(rowsOf(tables(document.sections[0]!)[0]!)).toEqual(['Reduce Robbery by 5% during 2010/2011 | 23 | 8 | 65.2% reduction (15 offences) | Green'])
    const empty = performanceReportDocument({ facts: facts({ year: 2010 }), performance: null })
    expect(texts(empty.sections[0]!.blocks)).toEqual(['No indicator figures are recorded for 2010/11.'])
  })

  it('the strategic assessment numbers only the sections it has, and shows how the current plan stands', () => {
    const document = strategicAssessmentDocument({
      facts: facts({ year: 2017, narrative: { introduction: 'The assessment for 2017/18.', findings: '- Burglary rose\n- ASB fell', priorities: '- Domestic abuse\n- Anti-social behaviour' } }),
      plan,
      performance,
    })
    expect(document.sections.map(s => `${s.number} ${s.heading}`)).toEqual([
      '1 Introduction',
      '2 Delivery of Partnership Plan 2016/17',
      '3 Performance',
      '4 Key findings',
      '5 Recommended priorities for 2017/18',
    ])
    expect(texts(document.sections[2]!.blocks)[0]).toBe('3.1 Performance against the partnership’s targets for 2016/17 is shown in the table below.')
  })
})
