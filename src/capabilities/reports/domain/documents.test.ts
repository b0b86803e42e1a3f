import { describe, expect, it } from 'vitest'

import { JOINT_PLAN_2016, snapshotOf } from '../../../../test/fixtures/joint-plan-2016.ts'
import type { Block, DocumentSection, ReportDocument, TableBlock } from '../document/model.ts'
import { cellText, plainText } from '../document/normalise.ts'

import { annualReportDocument } from './annual-report.ts'
import { OGL_ATTRIBUTION, type ReportFacts } from './common-blocks.ts'
import type { FundingSummary } from './funding.ts'
import { performanceReportDocument } from './performance-report.ts'
import type { PerformanceTable } from './performance.ts'
import { DEFAULT_RAG_DEFINITIONS } from './plan-snapshot.ts'
import { quarterlyUpdateDocument } from './quarterly-update.ts'
import { startingNarrative } from './report-kinds.ts'
import { strategicAssessmentDocument } from './strategic-assessment.ts'

const plan = snapshotOf(JOINT_PLAN_2016)
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
    plan,
    ragDefinitions: DEFAULT_RAG_DEFINITIONS,
  })

  it('opens with the introduction, a summary of the statuses, the RAG key and the priorities', () => {
    expect(document.sections.map(s => s.heading)).toEqual([
      'Introduction',
      'Summary of progress',
      'Partnership priorities for 2016/17',
      'Priority 1: Safeguarding Vulnerable People from Harm',
      'Priority 2: Anti-Social Behaviour',
      'Priority 3: Acquisitive Crime',
    ])
    const summary = section(document, 'Summary of progress')
    expect(texts(summary.blocks)[0]).toBe('Of the 40 actions in Q1 2016/17 (April to June 2016), 6 green, 5 amber, 1 complete (blue) and 28 have no update.')
    const [counts, key] = tables(summary)
    expect(rowsOf(counts!)).toEqual([
      'Priority 1: Safeguarding Vulnerable People from Harm | 13 | 3 | 2 | 0 | 0 | 8',
      'Priority 2: Anti-Social Behaviour | 15 | 1 | 3 | 0 | 1 | 10',
      'Priority 3: Acquisitive Crime | 12 | 2 | 0 | 0 | 0 | 10',
      'All priorities | 40 | 6 | 5 | 0 | 1 | 28',
    ])
    expect(rowsOf(key!).map(r => r.split(' | ')[0])).toEqual(['Red', 'Amber', 'Green', 'Blue'])
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
    expect(rows[0]).toBe('[Strategic objective: To safeguard victims of Domestic Abuse from repeat incidents, by identifying high risk victims and assessing their need for added security devices]')
    expect(rows[1]).toBe(
      'Crime Prevention Tactical Advisor (CPTA) will visit all suitable high risk DA victims and carry out a full home safety inspection providing recommendations for improving security. | An increased number of victims to be safeguarded from incidents of DA. | Essex Police\nCrime Prevention Tactical Advisor | Q1–4 | No update for Q1 | No update',
    )
    expect(rows[2]).toBe(
      'To continue to provide a sanctuary scheme for all residents. | Victims of Domestic violence are able to remain in their own home. | Rochford District Council\nCastle Point Borough Council\nCommunity Safety Officers CPBC & RDC | Q1–4 | Rochford: 3 home inspections and referrals for sanctuary intervention. On-going support via housing options.\nCommunity Safety Officer, 1 July 2016 | Green',
    )
    expect(rows).toContain(
      'Re-introduce the J9 scheme in both districts | • Partners agencies trained and signed up to J9 principles.\n• Residents able to readily access DA information at key J9 locations. | Essex County Council\nECC DA provider i.e. Safer Places / HC + GB | Q1–4 | J9 Training sessions booked for October\nCommunity Safety Officer, 1 July 2016 | Amber',
    )
    expect(rows.find(r => r.startsWith('Complete existing DHR'))).toContain('| Q2\nBy 30 September 2016 |')
    expect(rows.find(r => r.startsWith('Actively promote'))).toContain('‘Together we Can’ campaign promoted via social media.\n• DA training to all front line housing staff')
  })

  it('shows risks where the priority has them, and a completed action as complete', () => {
    const acquisitive = section(document, 'Priority 3: Acquisitive Crime')
    expect(rowsOf(tables(acquisitive)[1]!)).toEqual(['Dependencies on Trading Standards whose preventative work has reduced. | Partners share intelligence through the Hub tasking process.'])
    const asb = rowsOf(tables(section(document, 'Priority 2: Anti-Social Behaviour'))[0]!)
    expect(asb.find(r => r.startsWith('‘Crucial Crew’'))).toMatch(/^‘Crucial Crew’ life skills event for year 6 pupils in Rochford District\nComplete \|.*\| Blue$/s)
  })

  it('takes the updates of the quarter asked for', () => {
    const q2 = quarterlyUpdateDocument({ facts: { ...facts(), quarter: 2 }, plan, ragDefinitions: DEFAULT_RAG_DEFINITIONS })
    const rows = rowsOf(tables(section(q2, 'Priority 1: Safeguarding Vulnerable People from Harm'))[0]!)
    expect(rows[2]).toMatch(/No update for Q2 \| No update$/)
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
    streams: [{ name: 'the Police and Crime Commissioner', amountPence: 1_401_900 }],
    rollOverPence: 0,
    availablePence: 1_401_900,
    allocatedPence: 1_300_000,
    spentPence: 900_000,
    committedPence: 0,
    forecastUnderspendPence: 0,
    allocations: [{ name: 'Taxi marshalling', amountPence: 300_000, spentPence: 300_000 }],
  }
  const narrative = {
    ...startingNarrative('annual_scrutiny_report', { partnershipName: 'Castle Point and Rochford Community Safety Partnership', year: 2016, committee: 'Review Committee' }),
    background: 'The joint CP & RDCSP is a multi-agency partnership.\nThe Partnership meets quarterly.',
    achievements: '- Sanctuary Scheme and Domestic abuse outreach work\n- Crucial Crew',
    businessPlan: 'The work of the CP & RDCSP is aligned to the Council’s Business Plan.',
    risk: 'There is little risk to the joint CP & RDCSP delivering its statutory requirement.',
    signOff: 'Louisa Moss\nAssistant Director, Community & Housing Services',
  }

  it('follows the committee-report structure, numbering sections and paragraphs', () => {
    const document = annualReportDocument({ facts: facts({ narrative }), plan, performance: null, funding: null })
    expect(document.sections.map(s => (s.number ? `${s.number} ${s.heading}` : '(sign-off)'))).toEqual([
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
    ])
    expect(texts(section(document, 'Introduction').blocks)).toEqual([
      '2.1 In line with the statutory duty under Section 6 of the Crime and Disorder Act 1998, the Castle Point and Rochford Community Safety Partnership produces and implements a partnership plan for reducing crime and anti-social behaviour.',
      '2.2 Each year the partnership provides an update report to Review Committee on its work.',
    ])
    expect(texts(section(document, 'Resource implications').blocks)).toEqual(['6.1 This section has not been written yet.'])
    expect(document.sections.at(-1)!.blocks).toHaveLength(2)
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
      '3.4 Each priority has an action plan delivered through the partnership’s groups. Of the 40 actions in the plan, 6 green, 5 amber, 1 complete (blue) and 28 have no update. The table below gives the latest status of the actions of each priority.',
      '3.5 Partnership outcomes during the year have included:',
      '• Sanctuary Scheme and Domestic abuse outreach work',
      '• Crucial Crew',
      '## Link to business plan priorities',
      '3.6 The work of the CP & RDCSP is aligned to the Council’s Business Plan.',
    ])
    expect(rowsOf(tables(background)[0]!).at(-1)).toBe('All priorities | 40 | 6 | 5 | 0 | 1 | 28')
    expect(document.attribution).toBeUndefined()
  })

  it('puts in the performance table and funding figures when the records have them', () => {
    const document = annualReportDocument({ facts: facts({ narrative }), plan, performance, funding })
    const background = section(document, 'Background')
    expect(texts(background.blocks)).toEqual(
      expect.arrayContaining([
        '3.6 Performance against the partnership’s targets for 2016/17 is shown in the table below.',
        'Source: Essex Police; police.uk',
        '3.7 Funding from the Police and Crime Commissioner for 2016/17 amounted to £14,019. Of this, £13,000 has been allocated and £9,000 spent. The budget is forecast to be spent in full.',
      ]),
    )
    expect(rowsOf(tables(background)[1]!)).toEqual(['Anti-social behaviour incidents | 2,120 | 2,090 | 1.4% reduction (30 incidents) | Amber'])
    expect(background.blocks.some(b => b.kind === 'chart')).toBe(true)
    const resources = section(document, 'Resource implications')
    expect(tables(resources).map(t => t.caption)).toEqual(['Funding for 2016/17', 'Allocations for 2016/17'])
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
