import { financialYearLabel, quarterOrdinal, type Quarter } from '../../../core/calendar/index.ts'

import { numberedSections, type SectionLayoutEntry } from './section-layout.ts'

/**
 * The documents a partnership produces, and the narrative sections the coordinator writes for each. The
 * rest of each document is generated from the records when it is downloaded.
 */

export const REPORT_KINDS = ['quarterly_plan_update', 'annual_scrutiny_report', 'performance_table', 'strategic_assessment'] as const
export type ReportKind = (typeof REPORT_KINDS)[number]

export const REPORT_KIND_LABELS: Record<ReportKind, string> = {
  quarterly_plan_update: 'Quarterly partnership plan update',
  annual_scrutiny_report: 'Annual report to the scrutiny committee',
  performance_table: 'Performance table',
  strategic_assessment: 'Strategic assessment',
}

export const REPORT_KIND_HINTS: Record<ReportKind, string> = {
  quarterly_plan_update: 'Every action of the plan with its RAG status and the updates given for the quarter, priority by priority.',
  annual_scrutiny_report:
    'The yearly report to the council’s crime and disorder scrutiny committee: purpose, introduction, background, implications and recommendation, with the priorities and their progress.',
  performance_table: 'Achievements from the strategic priorities: each target with last year’s and this year’s figures, the change and a RAG status.',
  strategic_assessment: 'The yearly assessment of crime and disorder that sets the next plan’s priorities, with how the current plan is going.',
}

export const REPORT_STATUSES = ['draft', 'final'] as const
export type ReportStatus = (typeof REPORT_STATUSES)[number]
export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = { draft: 'Draft', final: 'Final' }

/** What the generated part of each kind is built from: a quarterly update is its plan's. */
export function needsPlan(kind: ReportKind): boolean {
  return kind === 'quarterly_plan_update'
}

/**
 * The kinds about a plan's year when a plan is chosen: the quarterly update, and the annual report (which may
 * also be about a year whose plan is not in CSP Hub, from the indicators and funding alone).
 */
export function yearFromPlan(kind: ReportKind): boolean {
  return kind === 'quarterly_plan_update' || kind === 'annual_scrutiny_report'
}

export function needsQuarter(kind: ReportKind): boolean {
  return kind === 'quarterly_plan_update'
}

/** Committee details (committee, meeting date, author) belong to committee reports. */
export function isCommitteeReport(kind: ReportKind): boolean {
  return kind === 'annual_scrutiny_report'
}

export interface DefaultsContext {
  partnershipName: string
  year: number
  committee: string | null
}

export interface NarrativeSection {
  key: string
  /** The heading in the document and the label of its box on the form. */
  heading: string
  hint: string
  /** A final report needs words here. */
  required: boolean
  /** Starting words for a new report (statutory wording, mostly), which the coordinator edits. */
  starting?: (ctx: DefaultsContext) => string
  rows?: number
}

const committeeName = (ctx: DefaultsContext) => ctx.committee?.trim() || 'the Committee'

export const NARRATIVE_SECTIONS: Record<ReportKind, NarrativeSection[]> = {
  quarterly_plan_update: [
    {
      key: 'introduction',
      heading: 'Introduction',
      hint: 'What the partnership is for and who it brings together. It comes before the plan’s priorities.',
      required: false,
      starting: ctx =>
        `The purpose of the ${ctx.partnershipName} is to provide a strategic and co-operative approach to addressing local crime and disorder between agencies and the communities within the area.`,
      rows: 5,
    },
    {
      key: 'summary',
      heading: 'Summary of progress',
      hint: 'The quarter in a few sentences: what went well, what is behind and why. It comes before the summary table.',
      required: false,
      rows: 6,
    },
  ],
  annual_scrutiny_report: [
    {
      key: 'purpose',
      heading: 'Purpose of report',
      hint: 'One or two sentences on what the report is for.',
      required: true,
      starting: ctx => `This report updates ${committeeName(ctx)} on the delivery of the ${ctx.partnershipName} priorities and actions during ${financialYearLabel(ctx.year)}.`,
      rows: 3,
    },
    {
      key: 'introduction',
      heading: 'Introduction',
      hint: 'The statutory basis of the partnership and of this report.',
      required: true,
      starting: ctx =>
        [
          `In line with the statutory duty under Section 6 of the Crime and Disorder Act 1998, the ${ctx.partnershipName} produces and implements a partnership plan for reducing crime and anti-social behaviour.`,
          `Each year the partnership provides an update report to ${committeeName(ctx)} on its work.`,
        ].join('\n'),
      rows: 5,
    },
    {
      key: 'background',
      heading: 'Background',
      hint: 'How the priorities were chosen (the strategic assessment) and how the partnership works. The priorities, their progress, the performance table and the funding figures follow from the records.',
      required: true,
      rows: 8,
    },
    {
      key: 'achievements',
      heading: 'Outcomes during the year',
      hint: 'What the partnership achieved, one point per line starting with a dash (-).',
      required: false,
      rows: 8,
    },
    {
      key: 'businessPlan',
      heading: 'Link to business plan priorities',
      hint: 'How the partnership’s work supports the council’s business plan and other strategies.',
      required: false,
      rows: 4,
    },
    {
      key: 'risk',
      heading: 'Risk implications',
      hint: 'Risks to the partnership delivering its statutory duty, and challenges it faces.',
      required: true,
      rows: 6,
    },
    {
      key: 'crimeAndDisorder',
      heading: 'Crime and disorder implications',
      hint: 'How the work meets Section 17 of the Crime and Disorder Act 1998.',
      required: true,
      starting: ctx =>
        `The partnership work will ensure that the ${ctx.partnershipName} is delivering on its commitments to Section 17 of the Crime and Disorder Act 1998, as detailed in both the partnership action plan and the strategic assessment.`,
      rows: 4,
    },
    {
      key: 'resources',
      heading: 'Resource implications',
      hint: 'How the partnership is funded and staffed. The funding figures for the year follow from the records.',
      required: true,
      rows: 6,
    },
    {
      key: 'legal',
      heading: 'Legal implications',
      hint: 'The statutory duties behind the partnership and the committee.',
      required: true,
      starting: () =>
        [
          'Section 6 of the Crime and Disorder Act 1998 places a statutory duty on responsible authorities (including local authorities, the police, the probation service, fire and rescue services and health) to formulate and implement strategies for the reduction of crime and disorder. The Community Safety Partnership is set up in accordance with this requirement.',
          'Section 19 of the Police and Justice Act 2006 (as amended) includes an obligation for every local authority to have a crime and disorder committee which carries out a scrutiny role for community safety partnerships.',
        ].join('\n'),
      rows: 6,
    },
    {
      key: 'equality',
      heading: 'Equality and diversity implications',
      hint: 'Whether an equality impact assessment was done, and how needs are considered.',
      required: true,
      starting: () =>
        'As this is a report to note, no equality impact assessment has been completed; however, as activities develop through the partnership action plan, specific needs will be taken into consideration.',
      rows: 4,
    },
    {
      key: 'financial',
      heading: 'Financial implications',
      hint: 'The cost to the council, where its finance team comments apart from resources. Printed only when the council’s paper includes it.',
      required: false,
      rows: 4,
    },
    {
      key: 'dataProtection',
      heading: 'Data protection implications',
      hint: 'Personal data the work uses and how it is protected. Printed only when the council’s paper includes it.',
      required: false,
      starting: () => 'This report contains no personal data. Information shared between partners is shared under the partnership’s information sharing agreement.',
      rows: 4,
    },
    {
      key: 'climate',
      heading: 'Climate and environmental implications',
      hint: 'The work’s effect on the council’s climate commitments. Printed only when the council’s paper includes it.',
      required: false,
      starting: () => 'There are no direct climate or environmental implications arising from this report.',
      rows: 4,
    },
    {
      key: 'recommendation',
      heading: 'Recommendation',
      hint: 'What the committee is asked to do. Put words in bold between double asterisks: **RESOLVES**.',
      required: true,
      starting: ctx => `It is proposed that ${committeeName(ctx)} **RESOLVES** to note the progress made by the ${ctx.partnershipName} during ${financialYearLabel(ctx.year)}.`,
      rows: 3,
    },
    {
      key: 'signOff',
      heading: 'Author and contact',
      hint: 'Printed at the end: the name and job title of the officer presenting the report, background papers and who to contact.',
      required: false,
      starting: () => 'Background papers: none.',
      rows: 5,
    },
  ],
  performance_table: [
    {
      key: 'introduction',
      heading: 'Introduction',
      hint: 'A sentence or two before the table, for example how the year went overall.',
      required: false,
      starting: ctx => `Detailed below are the ${ctx.partnershipName}’s achievements against its ${financialYearLabel(ctx.year)} targets.`,
      rows: 4,
    },
    {
      key: 'commentary',
      heading: 'What we note',
      hint: 'Targets that were missed and why, and what the partnership is doing about them.',
      required: false,
      rows: 8,
    },
  ],
  strategic_assessment: [
    { key: 'introduction', heading: 'Introduction', hint: 'What the strategic assessment is for and the period it covers.', required: true, rows: 5 },
    { key: 'method', heading: 'Data and method', hint: 'The data sets used, who analysed them, and how priorities were scored.', required: true, rows: 6 },
    { key: 'findings', heading: 'Key findings', hint: 'The patterns and trends that matter most, one per line starting with a dash (-) if you like.', required: true, rows: 10 },
    { key: 'emerging', heading: 'Emerging issues and risks', hint: 'Longer-term concerns and national themes.', required: false, rows: 6 },
    { key: 'consultation', heading: 'Consultation', hint: 'Who was consulted and what they said.', required: false, rows: 5 },
    { key: 'priorities', heading: 'Recommended priorities', hint: 'The priorities proposed for the next plan, one per line starting with a dash (-).', required: true, rows: 6 },
  ],
}

/**
 * The narrative sections of a report as its partnership lays it out: for the annual report, only the sections the
 * council's paper includes, in its order and with its titles (the outcomes and business plan under the
 * background, the sign-off last); a section the council added is required, as the standard ones are.
 */
export function narrativeSectionsFor(kind: ReportKind, layout: readonly SectionLayoutEntry[] | null): NarrativeSection[] {
  if (kind !== 'annual_scrutiny_report' || !layout) return NARRATIVE_SECTIONS[kind]
  const all = new Map(NARRATIVE_SECTIONS[kind].map(section => [section.key, section]))
  const sections: NarrativeSection[] = []
  for (const entry of numberedSections(layout)) {
    const section = all.get(entry.key)
    if (!section) continue
    sections.push({ ...section, heading: entry.title, required: true })
    if (entry.key === 'background') sections.push(all.get('achievements')!, all.get('businessPlan')!)
  }
  sections.push(all.get('signOff')!)
  return sections
}

/** The narrative a new report starts with: the starting words of each section that has them. */
export function startingNarrative(kind: ReportKind, ctx: DefaultsContext): Record<string, string> {
  return Object.fromEntries(NARRATIVE_SECTIONS[kind].map(section => [section.key, section.starting?.(ctx) ?? '']))
}

/** Keep only the kind's own sections, each trimmed. */
export function cleanNarrative(kind: ReportKind, narrative: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    NARRATIVE_SECTIONS[kind].map(section => {
      const value = narrative[section.key]
      return [section.key, typeof value === 'string' ? value.replace(/\r\n/g, '\n').trim() : '']
    }),
  )
}

/** Why a report cannot be final yet: each required section left empty, by its key. */
export function finalProblems(kind: ReportKind, narrative: Record<string, string>, sections: readonly NarrativeSection[] = NARRATIVE_SECTIONS[kind]): Record<string, string> {
  const problems: Record<string, string> = {}
  for (const section of sections) {
    if (section.required && !narrative[section.key]?.trim()) problems[section.key] = `Write the “${section.heading}” section before marking the report final`
  }
  return problems
}

/** "Partnership Plan 2016/17: 1st Quarter Update", "Rochford CSP: annual report to the Review Committee 2021/22"… */
export function defaultTitle(
  kind: ReportKind,
  period: { year: number; quarter: Quarter | null; committee?: string | null; planTitle?: string | null; partnershipName?: string | null },
): string {
  const year = financialYearLabel(period.year)
  switch (kind) {
    case 'quarterly_plan_update':
      return `${period.planTitle?.trim() || `Partnership Plan ${year}`}: ${quarterOrdinal(period.quarter ?? 1)} Update`
    case 'annual_scrutiny_report':
      return `${period.partnershipName?.trim() || 'Community Safety Partnership'}: annual report to the ${period.committee?.trim() || 'scrutiny committee'} ${year}`
    case 'performance_table':
      return `Achievements from Strategic Priorities ${year}`
    case 'strategic_assessment':
      return `Strategic Assessment ${year}`
  }
}
