import { describe, expect, it } from 'vitest'

import { annualReportDocument } from './annual-report.ts'
import type { ReportFacts } from './common-blocks.ts'
import { narrativeSectionsFor, startingNarrative } from './report-kinds.ts'
import { layoutFromChoices, moveSection, numberedSections, sectionLayout, standardLayout, type SectionLayoutEntry } from './section-layout.ts'

const facts: ReportFacts = {
  title: 'Rochford District Community Safety Partnership: annual report to the Review Committee 2016/17',
  partnershipName: 'Rochford District Community Safety Partnership',
  status: 'draft',
  generatedAt: new Date('2026-11-25T10:00:00Z'),
  year: 2016,
  quarter: null,
  committee: 'Review Committee',
  meetingDate: null,
  narrative: { ...startingNarrative('annual_scrutiny_report', { partnershipName: 'Rochford District Community Safety Partnership', year: 2016, committee: 'Review Committee' }), risk: 'Little risk.' },
}

const headings = (layout: readonly SectionLayoutEntry[] | null) =>
  annualReportDocument({ facts, plan: null, performance: null, funding: null, layout })
    .sections.filter(section => section.number)
    .map(section => `${section.number} ${section.heading}`)

describe('the annual report’s sections as the council lays them out', () => {
  it('are the seeds’ nine numbered sections until the council changes them', () => {
    expect(headings(null)).toEqual([
      '1 Purpose of report',
      '2 Introduction',
      '3 Background',
      '4 Risk implications',
      '5 Crime and disorder implications',
      '6 Resource implications',
      '7 Legal implications',
      '8 Equality and diversity implications',
      '9 Recommendation',
    ])
    expect(headings(standardLayout())).toEqual(headings(null))
  })

  it('puts the recommendation second, adds climate implications, drops equality and renames legal, numbering paragraphs by the new order', () => {
    const layout = layoutFromChoices(standardLayout(), [
      { key: 'recommendation', title: 'Recommendations', included: true, position: 2 },
      { key: 'climate', title: '', included: true, position: null },
      { key: 'equality', title: 'Equality and diversity implications', included: false, position: null },
      { key: 'legal', title: 'Legal and governance implications', included: true, position: null },
    ])
    expect(headings(layout)).toEqual([
      '1 Purpose of report',
      '2 Recommendations',
      '3 Introduction',
      '4 Background',
      '5 Risk implications',
      '6 Crime and disorder implications',
      '7 Resource implications',
      '8 Legal and governance implications',
      '9 Climate and environmental implications',
    ])
    const document = annualReportDocument({ facts, plan: null, performance: null, funding: null, layout })
    const recommendation = document.sections.find(section => section.heading === 'Recommendations')!
    expect(recommendation.blocks[0]).toMatchObject({ kind: 'paragraph', number: '2.1' })
    // The funding line stays with the resource implications, wherever they fall.
    expect(document.sections.find(section => section.number === '7')!.blocks.at(-1)).toMatchObject({ number: '7.2', text: 'No funding recorded for 2016/17.' })
    // A section the council added is written like the others: the starting words, or a note that it is not written.
    expect(document.sections.find(section => section.number === '9')!.blocks[0]).toMatchObject({ text: [{ text: 'There are no direct climate or environmental implications arising from this report.' }] })
    const dataProtection = layoutFromChoices(layout, [{ key: 'financial', title: '', included: true, position: 3 }])
    expect(annualReportDocument({ facts, plan: null, performance: null, funding: null, layout: dataProtection }).sections[2]).toMatchObject({
      number: '3',
      heading: 'Financial implications',
      blocks: [{ text: [{ text: 'This section has not been written yet.', bold: true }], number: '3.1' }],
    })
  })

  it('keeps the sections that carry the records’ figures and the purpose and recommendation every paper has', () => {
    const layout = layoutFromChoices(
      standardLayout(),
      standardLayout().map(entry => ({ key: entry.key, title: entry.title, included: false, position: null })),
    )
    expect(numberedSections(layout).map(entry => entry.key)).toEqual(['purpose', 'background', 'resources', 'recommendation'])
  })

  it('reads a stored layout whole: unknown and repeated keys dropped, a missing section where the standard layout has it, blank titles standard', () => {
    const layout = sectionLayout([
      { key: 'recommendation', title: '  ', included: true },
      { key: 'purpose', title: 'Purpose', included: true },
      { key: 'nonsense', title: 'x', included: true },
      { key: 'purpose', title: 'Again', included: true },
      { key: 'background', title: 'Background', included: false },
    ])
    expect(layout.slice(0, 4).map(entry => `${entry.key}:${entry.title}:${entry.included}`)).toEqual([
      'recommendation:Recommendation:true',
      'purpose:Purpose:true',
      'introduction:Introduction:true',
      'background:Background:true',
    ])
    expect(layout).toHaveLength(12)
    expect(sectionLayout('not a layout')).toEqual(standardLayout())
  })

  it('moves a section up or down one place, and not past either end', () => {
    const up = moveSection(standardLayout(), 'risk', 'up')
    expect(up.slice(2, 4).map(entry => entry.key)).toEqual(['risk', 'background'])
    expect(moveSection(standardLayout(), 'purpose', 'up')).toEqual(standardLayout())
    expect(moveSection(standardLayout(), 'recommendation', 'down')).toEqual(standardLayout())
    // An included section moves past the next included one, over those left out.
    const climate = layoutFromChoices(standardLayout(), [{ key: 'climate', title: '', included: true, position: null }])
    expect(numberedSections(moveSection(climate, 'climate', 'up')).map(entry => entry.key).slice(-3)).toEqual(['climate', 'equality', 'recommendation'])
    expect(moveSection(climate, 'dataProtection', 'up').map(entry => entry.key).slice(-4)).toEqual(['dataProtection', 'equality', 'climate', 'recommendation'])
  })

  it('gives the narrative form the included sections in order with the council’s titles, each required', () => {
    const layout = layoutFromChoices(standardLayout(), [
      { key: 'recommendation', title: 'Recommendations', included: true, position: 2 },
      { key: 'equality', title: '', included: false, position: null },
      { key: 'climate', title: '', included: true, position: null },
    ])
    const sections = narrativeSectionsFor('annual_scrutiny_report', layout)
    expect(sections.map(section => section.key)).toEqual([
      'purpose',
      'recommendation',
      'introduction',
      'background',
      'achievements',
      'businessPlan',
      'risk',
      'crimeAndDisorder',
      'resources',
      'legal',
      'climate',
      'signOff',
    ])
    expect(sections.find(section => section.key === 'recommendation')).toMatchObject({ heading: 'Recommendations', required: true })
    expect(sections.find(section => section.key === 'climate')).toMatchObject({ required: true })
  })
})
