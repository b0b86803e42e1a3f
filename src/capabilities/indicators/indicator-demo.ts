/**
 * Demo indicators, entered as data from the Rochford District CSP Annual Partnership Plan 2011/2012
 * (shared/seeds/000): section 8's table "Achievements from Strategic Priorities 2010/2011" (2009/10 and
 * 2010/11 figures, the 2010/11 targets and their RAG), section 4's Tracker 9 survey results, and the
 * Appendix 1 indicators for 2011/12 (baselines 2,090, 179, 38, 38, 14 and 5 with their targets), and the one
 * comparator figure section 8 gives: the most similar group's average of 47.694 crimes per 1,000 residents.
 *
 * Indicators of the 2011/12 plan are linked to its priorities when the plan is loaded (looked up by
 * their title at load time); otherwise the link is left empty.
 */
import { periodsOfYear, type Frequency } from '../../core/calendar/index.ts'
import type { DemoContext } from '../../demo/demo-context.ts'

import type { Polarity, Unit } from './domain/indicator.ts'

interface DemoTarget {
  year: number
  /** Signed percentage change, an absolute figure, or neither (direction only). */
  percent?: number
  absolute?: number
  baselineYear?: number
  statement: string
}

interface DemoIndicator {
  name: string
  definition?: string
  source: string
  unit?: Unit
  polarity?: Polarity
  frequency?: Frequency
  countedAs: string
  /** With the district's population, for rates per 1,000. */
  perThousand?: boolean
  /** A pattern for the title of the 2011/12 plan priority the indicator serves. */
  priority?: RegExp
  notes?: string
  /** Annual figures by financial year (2009 is 2009/10). */
  actuals?: Record<number, number>
  baselines?: Record<number, number>
  targets: DemoTarget[]
  /** Other areas' figures the documents give, to rank the partnership among them. */
  comparators?: DemoComparator[]
}

interface DemoComparator {
  year: number
  groupName: string
  areaName: string
  value: number
  denominator: number
}

/** ONS 2008 mid-year estimate, as the plan gives it (section 2). */
const ROCHFORD_POPULATION = 83_200

const ROCHFORD_INDICATORS: DemoIndicator[] = [
  // Section 8: "Achievements from Strategic Priorities 2010/2011", in the table's order.
  {
    name: 'Theft from motor vehicle',
    definition: 'Theft from motor vehicle (TFMV) offences recorded by the police in Rochford District.',
    source: 'Police crime data',
    countedAs: 'offences',
    perThousand: true,
    actuals: { 2009: 325, 2010: 198 },
    baselines: { 2009: 325 },
    targets: [{ year: 2010, percent: -10, baselineYear: 2009, statement: 'Reduce Theft From Motor Vehicle by 10% during 2010/2011' }],
  },
  {
    name: 'Robbery',
    definition: 'Robbery offences recorded by the police in Rochford District.',
    source: 'Police crime data',
    countedAs: 'offences',
    perThousand: true,
    actuals: { 2009: 23, 2010: 8 },
    baselines: { 2009: 23 },
    targets: [{ year: 2010, percent: -5, baselineYear: 2009, statement: 'Reduce Robbery by 5% during 2010/2011' }],
  },
  {
    name: 'Anti-social behaviour incidents',
    definition: 'Anti-social behaviour incidents reported to the police in Rochford District.',
    source: 'Police STORM database',
    countedAs: 'incidents',
    perThousand: true,
    priority: /anti-social behaviour/i,
    notes:
      'The plan’s section 8 gives the 2010/11 target as a 10% reduction in its text and a 5% reduction in its achievements table; the table’s 5% is entered here. Its text also dates the 2,090 incidents to 2011/2012, where it means 2010/2011.',
    actuals: { 2009: 2120, 2010: 2090 },
    baselines: { 2009: 2120, 2010: 2090 },
    targets: [
      { year: 2010, percent: -5, baselineYear: 2009, statement: 'Reduce Anti-Social Behaviour incidents by 5% during 2010/2011' },
      { year: 2011, percent: -2, baselineYear: 2010, statement: '2% reduction in ASB incidents by March 2012' },
    ],
  },
  {
    name: 'Domestic abuse incidents reported',
    definition: 'Domestic abuse incidents reported to the police in Rochford District. The partnership aimed to increase reporting.',
    source: 'Police crime data',
    polarity: 'higher_is_better',
    countedAs: 'incidents',
    actuals: { 2009: 626, 2010: 388 },
    baselines: { 2009: 626 },
    targets: [{ year: 2010, percent: 10, baselineYear: 2009, statement: 'Increase the reporting rates of domestic abuse by 10% during 2010/2011' }],
  },
  {
    name: 'Repeat victims of domestic violence reviewed at MARAC',
    definition: 'Repeat victims of domestic violence cases reviewed at the Multi Agency Risk Assessment Conference (MARAC).',
    source: 'MARAC',
    countedAs: 'victims',
    notes: 'Rochford District is grouped with Southend and Castle Point. Separate District data not available.',
    targets: [{ year: 2010, statement: 'Reduce the repeat victims of Domestic Violence cases reviewed at the Multi Agency Risk Assessment Conference' }],
  },
  {
    name: 'Repeat incidents of domestic violence',
    definition: 'Repeat incidents of domestic violence recorded by the police in Rochford District.',
    source: 'Police crime data',
    countedAs: 'incidents',
    priority: /domestic abuse/i,
    actuals: { 2009: 279, 2010: 179 },
    baselines: { 2009: 279, 2010: 179 },
    targets: [
      { year: 2010, percent: -10, baselineYear: 2009, statement: 'Reduce the number of repeat incidents by 10% during 2010/2011' },
      { year: 2011, percent: -5, baselineYear: 2010, statement: '5% reduction in the number of repeat incidents reported by March 2012' },
    ],
  },
  {
    name: 'Assault with less serious injury (NI 20)',
    definition: 'Alcohol related disorder, measured by assaults with less serious injury (National Indicator 20).',
    source: 'Police crime data',
    countedAs: 'offences',
    perThousand: true,
    actuals: { 2009: 181, 2010: 186 },
    baselines: { 2009: 181 },
    targets: [{ year: 2010, percent: -5, baselineYear: 2009, statement: 'Reduce alcohol related disorder by 5% during 2010/2011 (Assault with less serious injury NI 20)' }],
  },
  {
    name: 'All crime',
    definition: 'All offences reported to the police in Rochford District.',
    source: 'Police crime data; Home Office iQuanta',
    countedAs: 'offences',
    perThousand: true,
    notes:
      'At the end of 2010/11 Rochford was placed 1st (lowest) of the 15 areas of its most similar group and within Essex, with 28.9 crimes per 1,000 residents (the most similar group average was 47.694 at 31 March 2010). ' +
      'The plan gives the other areas’ figures only as that average, a rate: it is entered as a comparator of 47,694 crimes per 1,000,000 residents, which is 47.694 per 1,000.',
    actuals: { 2009: 2650, 2010: 2401 },
    baselines: { 2009: 2650 },
    targets: [{ year: 2010, baselineYear: 2009, statement: 'All Crime' }],
    // From the document: "compared with the average MSG being 47.694 as at 31 March 2010" (the end of 2009/10).
    comparators: [
      { year: 2009, groupName: 'Most similar group (Home Office iQuanta)', areaName: 'Most similar group average', value: 47_694, denominator: 1_000_000 },
    ],
  },
  // Section 4: Tracker 9 residents' survey (May to July 2010).
  {
    name: 'Perception of high levels of anti-social behaviour',
    definition: 'Residents who perceive high levels of anti-social behaviour.',
    source: 'Tracker 9 residents’ survey, Essex County Council (May to July 2010)',
    unit: 'percentage',
    countedAs: 'residents',
    notes: 'The survey showed a 1.1% increase on the previous year; the previous year’s figure is not given.',
    actuals: { 2010: 9.9 },
    targets: [{ year: 2010, absolute: 12.1, statement: 'Perception of high levels of anti-social behaviour below the decreasing target of 12.1%' }],
  },
  {
    name: 'Residents who feel safe after dark',
    source: 'Tracker 9 residents’ survey, Essex County Council (May to July 2010)',
    unit: 'percentage',
    polarity: 'higher_is_better',
    countedAs: 'residents',
    notes: 'The survey showed a 4.5% increase on the previous year; the previous year’s figure is not given.',
    actuals: { 2010: 71.5 },
    targets: [{ year: 2010, absolute: 56.4, statement: 'Residents who feel safe after dark: at least the target of 56.4%' }],
  },
  // Appendix 1: indicators of the 2011/12 plan, monitored quarterly.
  {
    name: 'Families supported by Basildon Women’s Aid',
    source: 'Basildon Women’s Aid',
    polarity: 'higher_is_better',
    frequency: 'quarterly',
    countedAs: 'families',
    priority: /domestic abuse/i,
    baselines: { 2010: 38 },
    targets: [{ year: 2011, baselineYear: 2010, statement: 'Increase in number supported by Basildon Women’s Aid' }],
  },
  {
    name: 'Sexual offences',
    source: 'Police crime data/iQuanta data',
    frequency: 'quarterly',
    countedAs: 'offences',
    perThousand: true,
    priority: /sexual offences/i,
    baselines: { 2010: 38 },
    targets: [{ year: 2011, percent: -2, baselineYear: 2010, statement: '2% reduction in sexual offences by March 2012' }],
  },
  {
    name: 'ECC test purchases for alcohol sales',
    definition: 'Essex County Council Trading Standards test purchases for alcohol sales in Rochford District.',
    source: 'ECC Trading Standards',
    polarity: 'higher_is_better',
    frequency: 'quarterly',
    countedAs: 'test purchases',
    priority: /sexual offences/i,
    baselines: { 2010: 5 },
    targets: [{ year: 2011, baselineYear: 2010, statement: 'Increase baseline data on ECC test purchasing for alcohol sales across the Rochford District' }],
  },
  {
    name: 'Racial incidents reported',
    definition: 'Racial incidents reported to the police. The partnership aims to increase the reporting of hate related incidents.',
    source: 'Police crime data/iQuanta data',
    polarity: 'higher_is_better',
    frequency: 'quarterly',
    countedAs: 'incidents',
    priority: /hate/i,
    baselines: { 2010: 14 },
    targets: [{ year: 2011, percent: 10, baselineYear: 2010, statement: '10% Increase in reported hate crime incidents by March 2012' }],
  },
  {
    name: 'Repeat hate incidents',
    source: 'Police crime data',
    frequency: 'quarterly',
    countedAs: 'incidents',
    priority: /hate/i,
    notes: 'The plan sets no baseline figure for repeat hate incidents.',
    targets: [{ year: 2011, percent: -10, statement: '10% reduction in number of repeats by March 2012' }],
  },
]

export async function loadIndicatorDemo(demo: DemoContext): Promise<void> {
  const ctx = demo.partnerships['rochford-2011']
  const { indicators } = demo.services
  const db = demo.deps.database.db
  const district = await db.selectFrom('areas').select('id').where('partnershipId', '=', ctx.partnership.id).where('type', '=', 'district').where('name', '=', 'Rochford District').executeTakeFirst()
  const priorities = await db
    .selectFrom('priorities as p')
    .innerJoin('plans as pl', 'pl.id', 'p.planId')
    .select(['p.id', 'p.title'])
    .where('p.partnershipId', '=', ctx.partnership.id)
    .where('pl.planYear', '=', 2011)
    .orderBy('p.position')
    .execute()

  for (const item of ROCHFORD_INDICATORS) {
    const unit = item.unit ?? 'count'
    const frequency = item.frequency ?? 'annual'
    const saved = await indicators.save(ctx, null, {
      name: item.name,
      definition: item.definition ?? null,
      source: item.source,
      unit,
      polarity: item.polarity ?? 'lower_is_better',
      frequency,
      countedAs: item.countedAs,
      areaId: district?.id ?? null,
      denominator: item.perThousand ? ROCHFORD_POPULATION : null,
      denominatorNote: item.perThousand ? 'ONS 2008 mid-year population estimate' : null,
      priorityId: (item.priority && priorities.find(p => item.priority!.test(p.title))?.id) ?? null,
      notes: item.notes ?? null,
      sourceKind: 'manual',
      policeDefinition: null,
    })
    const baselineIds = new Map<number, number>()
    for (const [year, value] of Object.entries(item.baselines ?? {})) {
      const baseline = await indicators.saveBaseline(ctx, saved.id, null, { year: Number(year), value, note: null })
      baselineIds.set(Number(year), baseline.id)
    }
    for (const t of item.targets) {
      await indicators.saveTarget(ctx, saved.id, null, {
        year: t.year,
        kind: t.percent !== undefined ? 'percent_change' : t.absolute !== undefined ? 'absolute' : 'direction',
        changePercent: t.percent ?? null,
        absoluteValue: t.absolute ?? null,
        baselineId: t.baselineYear === undefined ? null : baselineIds.get(t.baselineYear)!,
        statement: t.statement,
      })
    }
    for (const [year, value] of Object.entries(item.actuals ?? {})) {
      await indicators.saveActual(ctx, saved.id, null, { period: periodsOfYear(frequency, Number(year))[0]!, value, note: null })
    }
    for (const comparator of item.comparators ?? []) await indicators.saveComparator(ctx, saved.id, null, comparator)
  }
}
