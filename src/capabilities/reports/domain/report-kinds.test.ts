import { describe, expect, it } from 'vitest'

import { cleanNarrative, defaultTitle, finalProblems, NARRATIVE_SECTIONS, REPORT_KINDS, startingNarrative } from './report-kinds.ts'

const ctx = { partnershipName: 'Castle Point and Rochford Community Safety Partnership', year: 2021, committee: 'Review Committee' }

describe('report kinds', () => {
  it('give the annual report the sections of the council’s committee report, in order', () => {
    expect(NARRATIVE_SECTIONS.annual_scrutiny_report.filter(s => s.required).map(s => s.heading)).toEqual([
      'Purpose of report',
      'Introduction',
      'Background',
      'Risk implications',
      'Crime and disorder implications',
      'Resource implications',
      'Legal implications',
      'Equality and diversity implications',
      'Recommendation',
    ])
  })

  it('start a new report with the statutory wording, naming the partnership, committee and year', () => {
    const words = startingNarrative('annual_scrutiny_report', ctx)
    expect(words.purpose).toBe('This report updates Review Committee on the delivery of the Castle Point and Rochford Community Safety Partnership priorities and actions during 2021/22.')
    expect(words.recommendation).toBe('It is proposed that Review Committee **RESOLVES** to note the progress made by the Castle Point and Rochford Community Safety Partnership during 2021/22.')
    expect(words.legal).toContain('Section 19 of the Police and Justice Act 2006')
    expect(words.background).toBe('')
    for (const kind of REPORT_KINDS) expect(Object.keys(startingNarrative(kind, ctx))).toEqual(NARRATIVE_SECTIONS[kind].map(s => s.key))
  })

  it('need every required section written before a report can be final', () => {
    const words = startingNarrative('annual_scrutiny_report', ctx)
    expect(Object.keys(finalProblems('annual_scrutiny_report', words))).toEqual(['background', 'risk', 'resources'])
    expect(finalProblems('annual_scrutiny_report', { ...words, background: 'b', risk: 'r', resources: ' \n' }).resources).toBe('Write the “Resource implications” section before marking the report final')
    expect(finalProblems('quarterly_plan_update', {})).toEqual({})
  })

  it('keep only a kind’s own sections, trimmed', () => {
    expect(cleanNarrative('performance_table', { introduction: '  Hello \r\n there ', other: 'x', commentary: 3 })).toEqual({ introduction: 'Hello \n there', commentary: '' })
  })

  it('make a title from the kind and period', () => {
    expect(defaultTitle('quarterly_plan_update', { year: 2016, quarter: 1, planTitle: 'Partnership Plan 2016/17' })).toBe('Partnership Plan 2016/17: 1st Quarter Update')
    expect(defaultTitle('annual_scrutiny_report', { year: 2021, quarter: null, committee: 'Review Committee', partnershipName: 'Rochford District Community Safety Partnership' })).toBe(
      'Rochford District Community Safety Partnership: annual report to the Review Committee 2021/22',
    )
    expect(defaultTitle('performance_table', { year: 2010, quarter: null })).toBe('Achievements from Strategic Priorities 2010/11')
    expect(defaultTitle('strategic_assessment', { year: 2022, quarter: null })).toBe('Strategic Assessment 2022/23')
  })
})
