import type { DemoContext } from '../../demo/demo-context.ts'
import type { PartnershipContext } from '../../core/access/partnership-context.ts'

import type { ReportKind } from './domain/report-kinds.ts'

/**
 * Demo reports, entered as data from the seeds: the 1st quarter update of the joint 2016/17 plan with the
 * introduction of its Appendix A, and the 2016 report to the Review Committee (seed 001); the 2021/22 annual
 * report (seed 004) where a 2021/22 plan exists; and, for Rochford (seed 000), a 2010/11 annual report with
 * its achievements table from the indicators, and the "Achievements from Strategic Priorities 2010/2011"
 * performance table. Reports built on a plan are added only when the plans' demo data has that plan.
 */

const APPENDIX_A_INTRODUCTION =
  'The purpose of the Community Safety Partnership is to provide a strategic and co-operative approach to addressing local crime & disorder between agencies and the communities within the area. The partnership is made up of both Statutory and Community organisations.'

const REVIEW_COMMITTEE_2016 = {
  purpose: 'This report updates the Committee on the current priorities and joint work through the joint Castle Point and Rochford District Community Safety Partnership (CP & RDCSP).',
  introduction: [
    'The Police and Justice Act 2006 (As amended) includes an obligation for every local authority to have ‘a crime and disorder committee’ which carries out a scrutiny role for community safety partnerships. The Review Committee carries out this function.',
    'Each year the joint CP & RDCSP provides an update report to the Committee on its work.',
  ].join('\n'),
  background: [
    'The joint CP & RDCSP is a multi-agency partnership that works to identify common themes and practical solutions towards the reduction of crime and disorder, whilst maintaining the ability for the individual Districts to develop bespoke responses to address their community needs. The Partnership meets quarterly to share information.',
    'The responsible authorities within the Partnership are required to formulate and implement a strategy for the reduction of crime and disorder in their area. This strategy takes the form of a Partnership Plan. It is a statutory three year plan that gets refreshed on an annual basis.',
    'This year’s refreshed document has focussed on 3 cross cutting strategic priorities, determined by analysis of data from both the Police and partners, through a process known as the Strategic Assessment.',
    'The CSP undertakes a Strategic Assessment each year which considers all crime and disorder for the Districts. All members of the partnership are involved and consulted during this process.',
  ].join('\n'),
  achievements: [
    'Examples of what has been progressed so far this year by Rochford’s Community Safety Officer and partners:',
    '- Sanctuary Scheme and Domestic abuse outreach work (on-going): over 200 people per month accessing community based outreach, including counselling.',
    '- Taxi marshalling scheme (extended with PCC funding until June 2016).',
    '- Crucial Crew: over 400 Year 6 pupils given important community safety messages.',
    '- Tasking and briefing communications (new): the Community Safety Officer is now part of daily and 2-weekly police briefings.',
    '- Joint ‘days of action’ (new), e.g. Operation Turncoat.',
  ].join('\n'),
  businessPlan:
    'The work of the CP & RDCSP is aligned to the Council’s Business Plan in relation to ‘Early Intervention’, specifically with regards to promoting safeguarding and working with partners on prevention and increasing community confidence. Links to the CP & RDCSP partnership plan have also been included in the Council’s joint Health and Wellbeing Strategy Action Plan.',
  risk: 'There is little risk to the joint CP & RDCSP delivering its statutory requirement, but, as highlighted in resource implications below, the impact of the District’s CSP work will be dependent on the availability of resources to deliver and complete agreed actions.',
  resources: [
    'All crime and disorder related Government funds are managed by the Office of the Essex PCC. CSP interventions for both Districts are financed by an annual grant obtained by the PCC office. The 2016/17 allocation for Rochford District Council totals £14,019. There is an annual risk to this funding stream, although the joint CP & RDCSP currently has a positive relationship with the PCC.',
    'Other CSP activity is funded as part of individual agency responsibilities; however, bids for specific initiatives from public or voluntary agencies can also be submitted directly to the PCC office and are subject to approval.',
    'The District resources for the joint CP & RDCSP remain unchanged i.e. a part time Officer.',
  ].join('\n'),
  legal: [
    'The Councils are statutory partners of the joint CP & RDCSP as outlined in the Crime and Disorder Act 1998 and have a protocol in place to overview and scrutinise the work of the Partnership.',
    'The Delegated Member responsible for community safety sits on the joint CP & RDCSP steering group and is currently the Chair.',
  ].join('\n'),
  recommendation: 'It is proposed that the Committee **RESOLVES** to note the work of the joint CP & RDCSP as outlined in the report.',
  signOff: ['Assistant Director, Community & Housing Services, Rochford District Council', 'Background Papers: None.', 'For further information please contact the Assistant Director, Community & Housing Services.'].join('\n'),
}

const REVIEW_COMMITTEE_2022 = {
  purpose: 'This report updates the Committee on the delivery of the joint Castle Point and Rochford District Community Safety Partnership (CP&RCSP) priorities and actions.',
  introduction: [
    'In line with the statutory duty under Section 6 Crime and Disorder Act 1998, the CP & R CSP produces and implements a partnership plan for reducing crime and anti-social behaviour.',
    'Each year the CP & R CSP provides an update report to the Review Committee on its work.',
  ].join('\n'),
  background: [
    'Historically, the priorities for the CP & R CSP are identified following the production of an annual strategic assessment that has been produced by Essex Police analysts. The document incorporates data sets from partner agencies and identifies key priorities for action.',
    'As the impact of the COVID-19 pandemic has reduced, and service providers have altered their business models, the operation of the CP & R CSP has partially returned to “business as usual” although delivery mechanisms in some cases have changed, with mass audience events such as Walk Online and Crucial Crew reverting to online delivery.',
  ].join('\n'),
  achievements: [
    'CP & R CSP outcomes during the year have included:',
    '- The extension of Walk Online Project (online safety sessions to all Year 5, 6 and 7 across the district) where over 1,600 primary school children and 850 secondary school children participated.',
    '- Joint working across Essex to provide a Crucial Crew aimed at Year 6 pupils that tackles issues of exploitation linked to County Lines drug supply.',
    '- Continued support for outreach work undertaken across the District by Bar “N” Bus.',
    '- Sanctuary scheme support for victims of high-risk domestic abuse.',
    '- The provision of funding to Essex Police to facilitate specific policing operations on the district.',
  ].join('\n'),
  businessPlan:
    'The work of the CP & R CSP continues to be aligned to the Council’s Business Plan in relation to “Early Intervention”, specifically with regards to promoting safeguarding and working with partners on prevention and increasing community confidence.',
  risk: [
    'There are no known significant risks to the joint CP & R CSP delivering its statutory requirement, however, partnership challenges remain which include:',
    '- A lack of feedback from participants who have benefitted from provided interventions.',
    '- The identification of new interventions that are relevant, subject of effective review and present value for money.',
    '- Potential interventions that could be supported but capacity is currently lacked in organisations that would deliver the programme.',
    'Delivery continues to be dependent on the ongoing availability of an annual grant from the Office of the Police, Fire and Crime Commissioner for Essex.',
  ].join('\n'),
  crimeAndDisorder:
    'The partnership work will ensure that the CP & R CSP is delivering on its commitments to Section 17 Crime and Disorder Act 1998 as detailed in both the CP & R CSP action plan and the strategic assessment.',
  resources:
    'All crime and disorder related Government funds are managed by the Police, Fire and Crime Commissioner and the CP & R CSP interventions continue to be financed by an annual grant. The 2021/22 allocation to the Council was £12,337 – this figure has remained constant for the past five financial years. Grant funding for the year 2022/23 has yet to be confirmed.',
  equality:
    'As this is a report to note, no EIA has been completed; however, as activities develop through the partnership action plan, specific needs will be taken into consideration.',
  recommendation: 'It is proposed that the Committee **RESOLVES** to note the progress made by the Castle Point and Rochford Community Safety Partnership during 2021/22.',
  signOff: ['Assistant Director, People & Communities, Rochford District Council', 'Background Papers: None.', 'For further information please contact the Assistant Director, People & Communities.'].join('\n'),
}

/** Rochford CSP's year 2010/11 in the words of its Annual Partnership Plan 2011/2012 (seed 000, sections 1, 7 and 8). */
const ROCHFORD_ANNUAL_2010 = {
  purpose: 'This report updates the Committee on the work of the Rochford District Community Safety Partnership during 2010/2011, the third year of its Strategic Assessment, and on its achievements against the 2010/2011 targets.',
  introduction:
    'Each Community Safety Partnership (CSP) under the Crime and Disorder Act 1998 has a statutory requirement to produce a Strategic Assessment and three year Partnership Plan (2008-2011), reviewed annually. The purpose of the partnership conducting a Strategic Assessment, which includes the analysis of crime and disorder, is to improve understanding of local problems and their potential causes and to respond more effectively to the communities we serve by setting clear and robust priorities.',
  background: [
    'The aim of the Strategic Assessment is to identify current patterns, trends, future gaps and risks that impact upon Rochford District and the community, linked to crime, anti-social behaviour, substance misuse, fear of crime and behaviour adversely affecting the environment.',
    'The priorities identified from the 2010/2011 Strategic Assessment (year 3) were:',
    '- Reduce Anti-Social Behaviour by 10% during 2010/2011',
    '- Reduce Theft from Motor Vehicle by 10% during 2010/2011',
    '- Reduce Robbery by 5% during 2010/2011',
    '- Reduce the number of repeat incidents of domestic violence cases reviewed at MARAC (Multi Agency Risk Assessment Conference) and increase reporting rates of domestic abuse by 10%',
    '- Reduce alcohol related disorder by 5% during 2010/2011 and increase baseline data on drug offences and service provision',
    '- A task and finish group to tackle ASB driving, reduce speeding throughout the District and encourage safer parking especially around schools',
    'For general ‘All Crime’, the partnership achieved a reduction of 9.4% in the number of offences reported to the Police in 2010/2011 compared to the previous year.',
  ].join('\n'),
  achievements: [
    'In its third year of the Strategic Assessment Rochford Community Safety Partnership achieved the following:',
    '- A six month Dispersal Order for Rochford Town Centre and surrounding area from 1 December 2010: to 30 April 2011, reported anti-social behaviour fell by 49% and youth nuisance calls by 61%.',
    '- Theft from motor vehicle reduced by 39%, almost four times the target of 10%, through campaigns and media releases reminding motorists to lock their vehicles.',
    '- Robbery reduced by 65%, to just eight offences.',
    '- Repeat incidents of domestic violence reduced by 35.8%.',
  ].join('\n'),
  risk: 'The Department for Communities and Local Government revoked the Local Area Agreement targets in October 2010, and there will be no payments for Performance Reward Grant against the 2008-2011 targets. All of these factors will limit the resources and capacity of Rochford CSP to deliver on our priorities, however we will endeavour to continue to the best of our ability into 2012 and beyond and where possible seek other sources of funding for our partnership work to continue.',
  resources:
    'The CSP currently receives funding from Essex Probation, Basic Command Unit funding from Essex Police and part of an Area Based Grant received from the Home Office via Essex County Council, as Rochford is a two-tier authority. Each CSP received nominal funding from Essex County Council but this ceased on 31 March 2011 and the Basic Command Unit funding which supports posts and activities for the CSP will cease altogether on 31 March 2012. In addition, the Area Based Grant allocation for 2011/2012 has been reduced by 59%.',
}

const ACHIEVEMENTS_2010 = {
  introduction:
    'In its third year of the Strategic Assessment Rochford Community Safety Partnership achieved a reduction of 9.4% in the number of offences reported to the Police in 2010/2011 compared to the previous year. Detailed below are the Community Safety Partnership’s achievements against the 2010/2011 targets.',
  commentary: [
    'Although the CSP has achieved a great deal we do note the following:',
    '- Reduce alcohol related disorder by 5%: there was an increase of five offences. The CSP is working with Police Licensing Officers and ECC Trading Standards to implement Challenge 25.',
    '- Increase reporting rates of Domestic Abuse by 10%: the number reported was down by 38%, although CSPs across Essex saw an overall reduction in incidents of Domestic Violence during 2010/2011.',
    '- The task and finish group on ASB driving: Safer Parking around Schools campaigns were successful but not sustainable after restructures in partner organisations.',
  ].join('\n'),
}

async function addReport(
  demo: DemoContext,
  ctx: PartnershipContext,
  input: { kind: ReportKind; planId: number | null; year: number | null; quarter: number | null; committee?: string; meetingDate?: string },
  narrative: Record<string, string>,
) {
  const reports = demo.services.reports
  const report = await reports.create(ctx, { title: null, committee: input.committee ?? null, meetingDate: input.meetingDate ?? null, ...input })
  await reports.updateNarrative(ctx, report.id, { ...report.narrative, ...narrative })
}

export async function loadDemoReports(demo: DemoContext): Promise<void> {
  const db = demo.deps.database.db
  const planOf = async (ctx: PartnershipContext, year: number) =>
    (await db.selectFrom('plans').select('id').where('partnershipId', '=', ctx.partnership.id).where('planYear', '=', year).orderBy('id').executeTakeFirst())?.id ?? null

  const joint = demo.partnerships['joint-2016']
  const plan2016 = await planOf(joint, 2016)
  if (plan2016) {
    await addReport(demo, joint, { kind: 'quarterly_plan_update', planId: plan2016, year: null, quarter: 1 }, { introduction: APPENDIX_A_INTRODUCTION })
    await addReport(demo, joint, { kind: 'annual_scrutiny_report', planId: plan2016, year: null, quarter: null, committee: 'Review Committee', meetingDate: '2016-09-06' }, REVIEW_COMMITTEE_2016)
  }
  const plan2021 = await planOf(joint, 2021)
  if (plan2021) {
    await addReport(demo, joint, { kind: 'annual_scrutiny_report', planId: plan2021, year: null, quarter: null, committee: 'Review Committee' }, REVIEW_COMMITTEE_2022)
  }

  const rochford = demo.partnerships['rochford-2011']
  await addReport(demo, rochford, { kind: 'annual_scrutiny_report', planId: null, year: 2010, quarter: null, committee: 'Review Committee' }, ROCHFORD_ANNUAL_2010)
  await addReport(demo, rochford, { kind: 'performance_table', planId: null, year: 2010, quarter: null }, ACHIEVEMENTS_2010)
}
