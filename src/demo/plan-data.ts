/**
 * The demo partnerships' plans, entered from the documents in shared/seeds:
 *  - 000: Rochford District CSP, Annual Partnership Plan 2011/2012, Appendix 1 (the action plan tables)
 *  - 001: Castle Point and Rochford CSP, Partnership Plan 2016/17, 1st quarter update (Appendix A of the
 *         Review Committee report of 6 September 2016)
 *  - 004: Castle Point and Rochford CSP, the 2021/22 priority areas (paragraph 3.2 of the Review Committee
 *         report on 2021/22); the report gives no action plan, so that plan holds its priorities only
 *
 * The wording is the documents'. People appear by role (see structure-data.ts), never by the names
 * printed in the documents. Where the documents' tables merged cells across several actions, the shared
 * outcomes and updates are given to each action they belong to. The 2011/12 tables mark every key
 * milestone "A" (Amber): that is recorded as a Q2 update dated when the plan was published. The 2016/17
 * update gives no RAG statuses, so its updates have none.
 */
import { draftAction, type DraftAction, draftPriority, type DraftPriority, type DraftUpdate, type PlanInput } from '../capabilities/plans/index.ts'

type ActionFields = Partial<Omit<DraftAction, 'title'>>

const action = draftAction

export interface DemoPlan {
  details: PlanInput & { status: 'agreed'; agreedOn: string | null; agreedBy: string | null }
  priorities: DraftPriority[]
}

// --- Rochford District CSP, Annual Partnership Plan 2011/2012 ------------------------------------------

const AMBER_2011: DraftUpdate = {
  quarter: 2,
  body: 'Amber in the Annual Partnership Plan 2011/2012 published in September 2011.',
  rag: 'amber',
  postedAt: new Date('2011-09-30T12:00:00Z'),
  authorLabel: 'Rochford District CSP Steering Group (Annual Partnership Plan, September 2011)',
}

/** Every key milestone of a 2011/12 priority has the priority's CSP leads and its Amber status. */
function milestones(leads: Pick<DraftAction, 'leadOrganisations' | 'leadPeople' | 'leadNote'>, list: [string, string[], ActionFields?][]): DraftAction[] {
  return list.map(([title, outcomes, fields]) => action(title, { ...leads, outcomes, updates: [AMBER_2011], ...fields }))
}

export const ROCHFORD_2011_PLAN: DemoPlan = {
  details: {
    title: 'Annual Partnership Plan 2011/2012',
    planYear: 2011,
    periodStartYear: 2011,
    periodEndYear: 2013,
    vision: 'Working in partnership to make our District a place which provides opportunities for the best possible quality of life for all who live, work and visit here',
    versionLabel: 'September 2011',
    status: 'agreed',
    agreedOn: null,
    agreedBy: 'Rochford District CSP Steering Group, for ratification by the Joint Local Strategic Partnership',
  },
  priorities: [
    {
      title: 'Reduce Anti-Social Behaviour by 2% by 2012',
      subThemes: [],
      headlineTarget: '2% reduction in ASB incidents by March 2012 (2,048, from 2,090 incidents in 2010/2011)',
      deliveringGroup: 'Rochford Referral Group',
      resources: '£5K CSP allocation\n£10K CSP problem solving',
      risks: [
        { risk: 'Unable/delay in recruiting RDC ASB officer', mitigation: null },
        { risk: 'Delay in engaging and/or being unsuccessful at engaging with the agencies to identify young people at risk', mitigation: null },
        { risk: 'Partner agencies not engaging on RRG', mitigation: null },
        { risk: 'Schools not engaging/resistance to ASB training', mitigation: null },
      ],
      progressComment: null,
      objectives: [],
      actions: milestones(
        {
          leadOrganisations: ['Rochford District Council'],
          leadPeople: ['Anti-Social Behaviour Officer', 'Community Safety Co-ordinator'],
          leadNote: 'ASB Officer post vacant when the plan was published',
        },
        [
          ['Recruit RDC anti-social behaviour officer', ['Officer recruited, in place and work plan agreed by October 2011.'], { dueDate: '2011-10-31' }],
          [
            'Partner agencies to identify young people at risk of offending. Engage with County Youth Offending Service, Family Mosaic and Extended Schools.',
            [
              'Attendance and participation by partner agencies at meetings including Rochford Referral Group.',
              'Number of young people identified and engaging with service providers.',
              'Support and encourage targeted intervention work with both the young person and parent(s).',
              'Reduction in number of ASB incidents and Criminal Damage offences.',
            ],
            { supportingPartners: ['Essex County Council', 'Family Mosaic'] },
          ],
          [
            'Produce ASB response plan to peak times/hotspots for anti-social behaviour for District – Summer Holidays – Halloween – Nov 5th – Christmas.',
            [
              'Ensure there are appropriate diversionary/campaign activities available at identified times.',
              'Reduction in number of Rowdy/Nuisance Behaviour incidents reported to Police and Community Safety Team by March 2012.',
            ],
            { dueDate: '2012-03-31' },
          ],
          [
            'Increased joint working with Police on Operations and initiatives to tackle ASB hotspots and seasonal trends (parks/mini motos).',
            [
              'Targeted multi-agency approach to tackling the issues, relaying positive messages via the local media.',
              'Reduction in ASB incidents and Criminal Damage offences by March 2012.',
            ],
            { supportingPartners: ['Essex Police'], dueDate: '2012-03-31' },
          ],
          [
            'Monitor and evaluate effectiveness of Dispersal Orders across Rochford District',
            [
              'Reduction in reports of ASB and crime from local residents and businesses.',
              'Reduction in anti-social behaviour incidents in the dispersal zone and reduction in crime in the dispersal zone, relaying positive messages via the local media.',
              'Use of future Dispersal Orders in other areas of the District.',
            ],
            { supportingPartners: ['Essex Police'] },
          ],
          [
            'Recommend retailers across Rochford District adopt Challenge 25 scheme.',
            [
              'ECC Trading Standards contact retailers selling age restricted goods across the District by December 2011.',
              'Number of retailers signed up to scheme by March 2012.',
              'Fines/fixed penalty notice and risk of license review for retailers.',
              'Reduction in the sale of age restricted products to underage people.',
              'Reduction in number of ASB incidents and criminal offences.',
              'Key individuals identified for PPO scheme or Integrated Offender Management cohort.',
            ],
            { supportingPartners: ['Essex County Council'], dueDate: '2012-03-31' },
          ],
          [
            'Provide Anti-social awareness training in schools across the District',
            ['Schools approached by October 2011.', 'Training dates and method of delivery agreed by November 2011.', 'Training commences December 2011.'],
            { dueDate: '2011-12-31' },
          ],
          [
            'Refer and record individual(s) and/or families engaging in anti-social behaviour to the Rochford Referral Group (RRG).',
            [
              'Targeted multi agency approach to tackling the issues.',
              'Reduction in number of ASB complaints to the area.',
              'Key individuals identified for PPO scheme or Integrated Offender Management cohort.',
            ],
          ],
        ],
      ),
    },
    {
      title: 'Reduce Repeat Incidents of Domestic Abuse by 5% by 2012',
      subThemes: [],
      headlineTarget:
        '5% reduction in the number of repeat incidents reported by March 2012 (170, from 179 repeat incidents in 2010/2011)\nIncrease in number supported by Basildon Women’s Aid\nNumber supported by Safer Places (Southend)',
      deliveringGroup: 'Domestic Abuse Panel',
      resources: '£5K CSP allocation\n£5K Sanctuary Scheme\n£5K for Basildon Women’s Aid and Safer Places\n£2K for Basildon Careline Service\n£3K for Domestic Homicide Review (DHR)',
      risks: [
        { risk: 'Schools not engaging/resistance to awareness training', mitigation: 'Domestic Abuse Reduction Officer can manage some of the issues.' },
        { risk: 'Identifying future funding schemes for Sanctuary and Careline', mitigation: null },
        { risk: 'Allocated funding for outreach work exceeds 5K', mitigation: null },
      ],
      progressComment:
        'Domestic Abuse Reduction Officer post is a fixed term contract until May 2012. Prepare report by December 2011 to Executive around value and continuation of post.',
      objectives: [],
      actions: milestones(
        { leadOrganisations: ['Rochford District Council'], leadPeople: ['Domestic Abuse Reduction Officer', 'Community Safety Co-ordinator'], leadNote: 'Domestic Abuse Reduction Officer and Chair of DAP' },
        [
          [
            'Administer the Freedom Programme across the District. (Provides victims with support and enables them to gain self esteem).',
            [
              'Officer trained to be a facilitator by April 2011.',
              'Referral sources identified and contacted by May 2011.',
              'Referral process in place by May 2011.',
              'Leaflet produced and disseminated across the District to signpost training by May 2011.',
              'First session delivered by June 2011.',
              'Training rolled out across the District throughout the year.',
            ],
          ],
          [
            'J9 initiative (To mobilise communities to take responsibility and challenge Violence Against Women and Girls) by awareness raising, information points and signposting.',
            [
              'Literature produced and disseminated at first phase of group training sessions targeted at schools, children’s centres, housing teams and libraries by June 2011.',
              'Second phase of group training sessions as above and to include local businesses by July 2011.',
            ],
            { dueDate: '2011-07-31' },
          ],
          [
            'Provide Domestic Abuse awareness training to RDC staff, Registered Social Landlords (RSL’s) and key agencies.',
            [
              'Member training by April 2011.',
              'E-learning package identified and installed by August 2011.',
              'Training rolled out across the Authority in line with Home Office Violence Against Women and Girls strategy and ECC training guidance by March 2012.',
              'Greater awareness and understanding of Domestic Homicide Reviews (DHR) and participation in the DHR at the request of the Review Panel.',
            ],
            { supportingPartners: ['Registered Social Landlords'], dueDate: '2012-03-31' },
          ],
          [
            'Establish Domestic Abuse campaigns within the District to raise awareness.',
            ['In line with work of the Domestic Abuse Panel and other panels across Essex by March 2012.', 'Run targeted campaign for National Domestic Violence Week by November 2011.'],
            { dueDate: '2012-03-31' },
          ],
          [
            'Provide Domestic Abuse awareness training in schools across the District.',
            [
              'Schools approached by July 2011 for new school year starting Sept 2011.',
              'Training dates and method of delivery agreed with each school by Oct 2011.',
              'Awareness raising, early intervention and prevention in line with Home Office Violence Against Women and Girls Strategy Action Plan items 2 and 3.',
            ],
            { dueDate: '2011-10-31' },
          ],
          [
            'Continue to support the work of Basildon Women’s Aid and Safer Places.',
            [
              'Protocols and guidance produced by July 2011.',
              'Process for payment, monitoring and evaluation by July 2011.',
              'Referrals from BWA and Safer Places to attend Freedom Programme.',
              'Organisations support for Freedom Programme and J9 initiative.',
              'Increase in number of individuals/families receiving outreach by March 2012.',
              'Outreach support funding allocation spent by March 2012.',
            ],
            { supportingPartners: ['Basildon Women’s Aid', 'Safer Places (Southend)'], dueDate: '2012-03-31' },
          ],
          [
            'Establish use of Careline Service across the District',
            [
              'Record number of Careline units still in use across the District by May 2011.',
              'Arrange collection/write off of unused Careline units by May 2011.',
              'Produce protocol and guidance regarding use of Careline units with new provider by May 2011.',
              'Secure future funding for Careline by March 2012.',
            ],
            { dueDate: '2012-03-31' },
          ],
          [
            'Identify and refer known perpetrators of Domestic Abuse or Violence to perpetrator programmes and support services.',
            ['Provision of a perpetrator version of the programme to be developed and rolled out by December 2011.', 'Key individuals identified for PPO scheme or Integrated Offender Management cohort.'],
            { dueDate: '2011-12-31' },
          ],
          [
            'Provide clear and readily available personal safety advice for women.',
            ['Produce a pocket guide covering personal safety, alcohol awareness and travelling home after a night out by September 2011.'],
            { dueDate: '2011-09-30' },
          ],
          [
            'Continue to support the Rochford District Sanctuary Scheme',
            [
              'Secure and monitor new contract with Safe Partnership by April 2011.',
              'Produce and disseminate new Sanctuary Scheme procedure and referral information by July 2011.',
              'Secure future funding for Sanctuary Schemes by March 2012.',
            ],
            { dueDate: '2012-03-31' },
          ],
        ],
      ),
    },
    {
      title: 'Reduce the Number of Sexual Offences by 2% by March 2012',
      subThemes: [],
      headlineTarget: '2% reduction in sexual offences by March 2012 (from 38 in 2010/2011)\nIncrease baseline data on ECC test purchasing for alcohol sales across the Rochford District',
      deliveringGroup: null,
      resources: '£5K CSP allocation\n£3K for Challenge 25 for 2011/2012',
      risks: [
        { risk: 'Licensees not engaging with schemes', mitigation: null },
        { risk: 'Schools not engaging', mitigation: null },
        { risk: 'Young people not engaging', mitigation: null },
      ],
      progressComment: null,
      objectives: [],
      actions: milestones(
        {
          leadOrganisations: ['Essex Police', 'Essex County Council'],
          leadPeople: ['District Chief Inspector', 'Police Licensing Officer', 'Acting Police Sergeant', 'Trading Standards Officer'],
          leadNote: 'Essex Police with ECC Trading Standards (no formal sub-group: the partners liaise regularly)',
        },
        [
          [
            'Recommend licensed premises in Rayleigh (Night Time Economy) to adopt Challenge 25 scheme.',
            [
              'Identify Night Time Economy footprint by May 2011.',
              'Identify licensed premises in High Street and surrounding area by May 2011.',
              'Approach licensees by June 2011.',
              'Arrange meeting with licensed premises in High Street and surrounding area by July 2011.',
              'Number of licensees signed up to scheme by March 2012.',
              'Reduction in the sale of age restricted products to underage people.',
              'Fines/fix penalty notice and risk of license review for retailers.',
              'Key individuals identified for PPO scheme or Integrated Offender Management cohort.',
            ],
            { dueDate: '2012-03-31' },
          ],
          [
            'Adopt Pub Watch Scheme',
            [
              'Rayleigh Licensed premises sign up to pub watch scheme (NTE) by September 2011.',
              'Number of licensed premises across the District signed up to Pub Watch by March 2012.',
              'Reduction in number of crimes and anti-social behaviour incidents.',
            ],
            { dueDate: '2012-03-31' },
          ],
          ['Use of knife arches at public houses and clubs.', ['Detect and deter the number of people carrying weapons.', 'Reduction in the number of violent offences.']],
          [
            'Improve intelligence from all agencies to ECC Trading Standards on underage sales.',
            ['Increase in number of test purchases across the District to premises suspected of selling to underage by March 2012.', 'Increase in number of license reviews.'],
            { dueDate: '2012-03-31' },
          ],
          [
            'Improve intelligence from all agencies and the public to Police around drugs and drug paraphernalia.',
            ['Contact RDC Street Scene regarding recording types of and location of drug paraphernalia throughout the District.'],
          ],
          ['Establish baseline target on drugs and alcohol across the District.', ['Refer information to Essex Drug and Alcohol Action Team (EDAAT) for future strategies.']],
          [
            'Provide clear and readily available personal safety advice for women.',
            [
              'Produce a pocket guide covering personal safety, alcohol awareness and travelling home after a night out by September 2011.',
              'Distribute pocket guide to premises across the District by August 2011.',
              'Reduction in the number of sexual offences by March 2012.',
            ],
            { dueDate: '2012-03-31' },
          ],
          ['Aim to identify Help Points in appropriate premises in Rayleigh.', ['Reduction in the number of sexual offences by March 2012.']],
          [
            'Promote Healthy Relationships and Personal Safety in schools across the District.',
            ['Contact 4 schools in District by September 2011.', 'Training rolled out throughout year.', 'Reduction in number of young people becoming a victim or repeat victim of crime.'],
          ],
          ['Promote Healthy Relationships in Leisure Centres across the District.', ['Contact Leisure Centres in District by September 2011.', 'Training rolled out throughout year.']],
          [
            'Fund Outreach Workers to engage with young people in Rayleigh High Street (NTE) area.',
            ['Awareness and understanding of personal safety.', 'Reduction in number of young people becoming a victim or repeat victim of crime.'],
          ],
        ],
      ),
    },
    {
      title: 'Increase the Reporting of Hate Related Incidents by 10% and Reduce the Number of Repeats by 10% by 2012',
      subThemes: [],
      headlineTarget: '10% increase in reported hate crime incidents by March 2012 (15, from 14 racial incidents in 2010/2011)\n10% reduction in number of repeats by March 2012',
      deliveringGroup: 'Rochford District Hate Crime Panel',
      resources: '£5K CSP allocation',
      risks: [
        { risk: 'Schools not agreeing to Hate Crime awareness training', mitigation: null },
        { risk: 'Capacity of Victim Support to deliver training', mitigation: null },
        { risk: 'Partner agencies not delivering agreed actions within agreed timescales', mitigation: null },
      ],
      progressComment: null,
      objectives: [],
      actions: milestones(
        {
          leadOrganisations: ['Thames Corridor Focus Group – Disability', 'Essex Police', 'Rochford District Council'],
          leadPeople: ['Disability Focus Group representative', 'District Chief Inspector', 'Assistant Community Safety Officer'],
          leadNote: null,
        },
        [
          ['Establish a Rochford Hate Crime panel.', ['Group established, terms of reference, Chair and Vice-Chair elected, meeting held by May 2011.'], { dueDate: '2011-05-31' }],
          [
            'Produce a reporting form to enable residents to report hate related incidents.',
            [
              'Content agreed by June 2011.',
              'Form produced and distributed to agencies/organisations (hard copy) across the District by June 2011.',
              'Hate crime page and online reporting form added to CSP web pages by June 2011.',
              'Increase in number of reported incidents by March 2012.',
              'Reduction in number of repeats by March 2012.',
              'Number of hits on Hate crime webpage by March 2012.',
              'Number of completed online reporting forms by March 2012.',
              'District hate related incidents baseline data available for future strategic assessments.',
            ],
            { dueDate: '2012-03-31' },
          ],
          [
            'Provide clear and readily available advice and information for those suffering hate related incidents across the District in conjunction with the Hate Crime Panel.',
            [
              'Awareness and greater understanding of what constitutes a hate related incident.',
              'Literature produced to signpost to support services and disseminated to agencies/organisations by June 2011.',
              'Increase in the number of hate related incidents reported to Police by March 2012.',
              'Identify number of hate related incidents reported to other agencies other than Police by March 2012.',
            ],
            { dueDate: '2012-03-31' },
          ],
          ['Work with Hate Crime Panel with coordinating and producing campaigns.', ['2 local media campaigns to take place by March 2012.'], { dueDate: '2012-03-31' }],
          [
            'Provide hate related incident awareness training to frontline staff in RDC, RSL’s and key agencies',
            [
              'Identify key frontline staff by May 2011.',
              'Cost scheme for those identified by May 2011.',
              'Funding scheme agreed by May 2011.',
              'Training rollout throughout year.',
              'Greater awareness and understanding within agencies and ability to signpost to appropriate services i.e. victim support.',
              'Direct advice to prevent them becoming a repeat victim.',
              'Reduction in the number of repeat victims of hate related incidents.',
            ],
          ],
          [
            'Provide Hate Crime awareness training in schools across the District.',
            [
              'Schools approached by July 2011.',
              'Cost scheme for Victim Support to deliver training by August 2011.',
              'Funding scheme agreed by August 2011.',
              'Training rollout throughout the year.',
              'Reduction in hate related graffiti/criminal damage.',
              'Reduction in number of repeats by March 2012.',
            ],
            { supportingPartners: ['Victim Support'], dueDate: '2012-03-31' },
          ],
        ],
      ),
    },
  ],
}

// --- Castle Point and Rochford CSP, Partnership Plan 2016/17 (1st quarter update) -----------------------

const Q1_2016 = new Date('2016-07-29T12:00:00Z')
const ROCHFORD_CSO = 'Community Safety Officer (Rochford District Council)'
const CASTLE_POINT_CSO = 'Community Safety Officer (Castle Point Borough Council)'
const BOTH_CSOS = { leadOrganisations: ['Castle Point Borough Council', 'Rochford District Council'], leadPeople: [CASTLE_POINT_CSO, ROCHFORD_CSO] }
const UPDATE_AUTHOR = 'Community Safety Officer, Rochford District Council (Partnership Plan 1st quarter update, July 2016)'

/** An update of the 2016/17 plan: the document gives no RAG status. */
const q = (quarter: 1 | 2, body: string): DraftUpdate => ({ quarter, body, rag: null, postedAt: Q1_2016, authorLabel: UPDATE_AUTHOR })

const under = (objective: string, actions: DraftAction[]) => actions.map(a => ({ ...a, objective }))

const SAFEGUARD_DA = 'To safeguard victims of Domestic Abuse from repeat incidents, by identifying high risk victims and assessing their need for added security devices'
const RAISE_DA = 'To raise awareness of Domestic abuse and encourage reporting'
const DHR = 'Domestic Homicide Review (DHR) (statutory obligation)'
const ELDERLY = 'To protect the most vulnerable and elderly residents from becoming victims of crime including scams, internet, fire safety and more'
const PROTECT = 'To protect vulnerable people from Harm including domestic abuse, radicalisation, grooming, sexual exploitation, bullying, hate crime, drugs and alcohol abuse'
const HIDDEN_HARM = 'To Raise Awareness of Hidden Harm with Partners and Frontline Practitioners'
const NTE = 'To continue to work with partners to ensure that the Night Time Economy (NTE) remains safe and vibrant for all residents and visitors'
const JOINT_ASB = 'Joint working to proactively tackle ASB in the Borough'
const NEIGHBOURS = 'Encourage Residents to be proactive in dealing with neighbour disputes & ASB'
const ENVIRONMENT = 'To target those responsible for Environmental Crime'
const DIVERSION = 'To support communities and young people in providing alternative diversionary activities'
const NHW = 'To continue to promote and support Neighbourhood Watch (NHW) and other members of the voluntary sector'
const KEEP_SAFE = 'Enabling residents and communities to keep and feel safe.'
const PROLIFIC = 'Targeting prolific Offenders'
const BURGLARY = 'Reduce dwelling burglaries'

const SANCTUARY_Q1 = 'Rochford: 3 home inspections and referrals for sanctuary intervention. On-going support via housing options.'

export const JOINT_2016_PLAN: DemoPlan = {
  details: {
    title: 'Partnership Plan 2016/17',
    planYear: 2016,
    periodStartYear: null,
    periodEndYear: null,
    vision: 'To provide a strategic and co-operative approach to addressing local crime & disorder between agencies and the communities within the area.',
    versionLabel: 'Version 2 – July 2016 (1st quarter update)',
    status: 'agreed',
    agreedOn: '2016-03-14',
    agreedBy: 'Partnership meeting',
  },
  priorities: [
    {
      title: 'Safeguarding Vulnerable People from Harm',
      subThemes: ['Domestic Abuse', 'Hidden Harm', 'Vulnerable groups'],
      headlineTarget: null,
      deliveringGroup: null,
      resources: null,
      risks: [],
      progressComment: null,
      objectives: [SAFEGUARD_DA, RAISE_DA, DHR, ELDERLY, PROTECT, HIDDEN_HARM],
      actions: [
        ...under(SAFEGUARD_DA, [
          action(
            'Crime Prevention Tactical Advisor (CPTA) will visit all suitable high risk DA victims and carry out a full home safety inspection providing recommendations for improving security.',
            {
              outcomes: ['An increased number of victims to be safeguarded from incidents of DA.'],
              leadOrganisations: ['Essex Police'],
              leadPeople: ['Crime Prevention Tactical Advisor'],
              quarters: [1, 2, 3, 4],
              updates: [q(1, SANCTUARY_Q1)],
            },
          ),
          action('To continue to provide a sanctuary scheme for all residents.', {
            outcomes: ['Victims of Domestic violence are able to remain in their own home.'],
            ...BOTH_CSOS,
            leadNote: 'Community Safety Officers CPBC & RDC',
            quarters: [1, 2, 3, 4],
            updates: [q(1, SANCTUARY_Q1)],
          }),
        ]),
        ...under(RAISE_DA, [
          action('Actively promote Essex wide campaigns in Rochford & Castle Point', {
            outcomes: ['Two DA campaigns promoted within the year'],
            leadNote: 'All partners',
            quarters: [1, 2, 3, 4],
            updates: [q(1, 'Rochford: ‘Together we Can’ campaign promoted via social media. DA training to all front line housing staff.')],
          }),
          action('Re-introduce the J9 scheme in both districts', {
            outcomes: ['Partners agencies trained and signed up to J9 principles.', 'Residents able to readily access DA information at key J9 locations.'],
            leadOrganisations: ['Essex County Council', 'Safer Places'],
            leadPeople: [CASTLE_POINT_CSO, ROCHFORD_CSO],
            leadNote: 'ECC DA provider i.e. Safer Places',
            updates: [q(1, 'Rochford: J9 Training sessions booked for October.')],
          }),
          action('Family event in Castle Point targeting Thorney Bay residents and Children Centre users', {
            outcomes: ['DA information to targeted audience.'],
            leadOrganisations: ['Essex County Council', 'Castle Point Borough Council'],
            leadPeople: ['Domestic Abuse Lead', CASTLE_POINT_CSO],
            quarters: [2],
            timescaleNote: 'August',
          }),
        ]),
        ...under(DHR, [
          action('Complete existing DHR within appropriate timescales to agreed Home Office standard', {
            outcomes: ['Shared learning on outcomes of DHR cascaded to front line officers and partners'],
            leadOrganisations: ['Castle Point Borough Council'],
            leadPeople: ['Domestic Homicide Review Lead'],
            leadNote: '+ CSP executive',
            quarters: [2],
            dueDate: '2016-09-30',
            timescaleNote: 'Sept 16',
          }),
        ]),
        ...under(ELDERLY, [
          action('Senior Safety Road Shows – To organise two awareness days in Rochford.', {
            outcomes: ['80% of attendees indicate they are more safety aware'],
            leadOrganisations: ['Rochford District Council'],
            leadPeople: [ROCHFORD_CSO],
            updates: [q(1, 'Rochford: Roadshow planned for October.')],
          }),
          action('Re-launch the Keep Safe Scheme in Rochford. Introduce the Keep Safe Scheme in Castle Point.', {
            outcomes: ['Local trade and businesses signed up to scheme.'],
            leadNote: 'Partnership Keep Safe Planning Group',
            updates: [q(1, 'Rochford: Re-launch planned for Q4.')],
          }),
          action('Electric Blanket and Fire Safety event in Castle Point', {
            outcomes: ['At least 100 vulnerable residents provided with info & blankets tested.', 'All dangerous blankets confiscated'],
            leadOrganisations: ['Castle Point Borough Council', 'Essex County Fire and Rescue Service'],
            leadPeople: [CASTLE_POINT_CSO, 'Fire Safety Officer'],
            quarters: [3],
            timescaleNote: 'Oct 16',
          }),
          action('To pilot a Well Homes Scheme in Rochford', {
            outcomes: ['80% of residents feel healthier and safer at home'],
            leadOrganisations: ['Rochford District Council'],
            leadNote: 'RDC – private housing service + RRAVS',
            updates: [
              q(
                1,
                'Rochford: New Well homes specification, Job Description and Volunteers recruited – complete.\nTraining of volunteers – Q3.\nPrivate housing data from new BRE stock profile and health impact assessment to be assessed – Q3.\nLaunch planned – Q4.',
              ),
            ],
          }),
        ]),
        ...under(PROTECT, [
          action('Training event for licensed premises in Rochford & Castle Point – including info on CSE, legal highs', {
            outcomes: ['Increased understanding and knowledge of license trade in identifying and understanding the issues recognising those at risk and referral routes.'],
            leadOrganisations: ['Rochford District Council', 'Castle Point Borough Council', 'Essex Police'],
            leadPeople: ['Licensing Team'],
            leadNote: 'RDC / CPBC Licensing Teams + Police',
            updates: [q(1, 'Rochford: Venue booked for 13/9.')],
          }),
          action('Strengthening conditions for Taxi drivers in Rochford & Castle Point', {
            outcomes: ['Increased understanding and knowledge of licensed driver in identifying and understanding the issues & referral routes.'],
            leadOrganisations: ['Rochford District Council', 'Castle Point Borough Council'],
            leadPeople: ['Licensing Team'],
            leadNote: 'RDC / CPBC Licensing Teams',
            updates: [q(1, 'Rochford: New conditions to be included within review of license conditions.'), q(2, 'Rochford: Disability awareness training completed for drivers.')],
          }),
          action('Intelligence from partners re underage sales supplied to Trading Standards Test purchasing.', {
            outcomes: ['Targeted premises visited & follow up enforcement action when necessary'],
            leadOrganisations: ['Essex County Council', 'Rochford District Council', 'Castle Point Borough Council'],
            leadNote: 'ECC Trading Standards; RDC / CPBC Licensing',
            dependencies: 'Dependencies on T Standards whose preventative work has reduced. Risk.',
          }),
          action('Dedicated police staff school officers based at HQ reactive to appropriate issues raised locally', {
            outcomes: ['Police HQ staff targeted at highest risk & problem areas'],
            leadOrganisations: ['Essex Police'],
            leadNote: 'Essex Police School Officers',
            quarters: [1, 2, 3, 4],
            timescaleNote: 'Ongoing',
          }),
          action('Raise PREVENT awareness across partner agencies', {
            outcomes: ['Increased PREVENT awareness across partner agencies', 'Completion of 2 events for front line staff to be trained to Home Office standard'],
            leadNote: 'All partners',
            quarters: [4],
            timescaleNote: 'Q4 – training for all partners',
            updates: [q(1, 'Rochford: New safeguarding policy to include PREVENT as a referral process. Key decision Sept.\nNew web pages for Rochford to go live Sept.')],
          }),
          action('Continued development of Thorney Bay Steering Group', {
            outcomes: ['Regular meetings of agencies who can assist with safeguarding at the site.', 'Improved information sharing'],
            leadOrganisations: ['Essex County Council', 'Essex Police'],
            leadPeople: ['Domestic Abuse Lead', 'Thorney Bay Police Officer'],
            quarters: [1, 2, 3, 4],
            timescaleNote: 'Ongoing',
          }),
          action('Young People engagement Project (similar to Chelsea’s Choice) delivered to at least 80% of senior schools', {
            outcomes: [
              'To reduce associated risks with children who are missing and CSE.',
              'To better identify threats and build resilience in young people to exploitation.',
              'To understand the threat and recognise and develop an effective response.',
            ],
            leadOrganisations: ['Essex County Council'],
            leadPeople: ['Youth Service Officer'],
            leadNote: 'Youth Service (two officers)',
            updates: [q(2, '‘Call for register of interest for providers’ released by Youth Strategy Group. Rochford are represented on the strategy group.')],
          }),
          action('Gang awareness training to front line staff to understand how they operate and better safeguard the community', {
            outcomes: ['Free training sessions for partner agencies', 'Improved awareness of issues and ability to respond'],
            ...BOTH_CSOS,
            quarters: [4],
            timescaleNote: 'Planned for Q4',
          }),
          action('Promote the Risk Avert program and encourage all Secondary schools to use it.', {
            outcomes: ['Information on risk avert promoted to all local schools not currently signed up'],
            leadOrganisations: ['Essex County Council'],
            leadPeople: ['Risk Avert Programme Officer'],
            leadNote: 'ECC (two officers) – Provide + education',
            quarters: [3, 4],
            dependencies: 'Dependencies on education.',
            updates: [q(1, 'Rochford: To work with ECC to encourage more local schools to participate and offer support.')],
          }),
          action('Identification and intervention with those children identified at risk of CSE, in particular who are reported missing, as part of the Force tasking process.', {
            outcomes: ['Reduce associated risks for children missing or vulnerable to CSE'],
            leadNote: 'All partners',
            quarters: [3],
            updates: [q(1, 'Rochford: On-going representation at Essex MACE meetings, sharing information on missing young people.')],
          }),
        ]),
        ...under(HIDDEN_HARM, [
          action('Ensure information is provided through existing media sources including newsletters, website, events', {
            outcomes: ['Partner websites updated with information'],
            leadNote: 'All partners',
            quarters: [1, 2, 3, 4],
            updates: [q(1, 'Rochford: Best practice sites explored. Web page review in progress. Completion Q2.')],
          }),
          action('Support appropriate county wide events', {
            outcomes: ['Campaign information is disseminated locally'],
            ...BOTH_CSOS,
            updates: [q(1, 'Safeguarding Board CSE campaign materials distributed, via social media and with partners. On-going links to new campaigns.')],
          }),
        ]),
      ],
    },
    {
      title: 'Anti-Social Behaviour',
      subThemes: [],
      headlineTarget: null,
      deliveringGroup: null,
      resources: null,
      risks: [],
      progressComment: null,
      objectives: [NTE, JOINT_ASB, NEIGHBOURS, ENVIRONMENT, DIVERSION],
      actions: [
        ...under(NTE, [
          action('Continue to support taxi Marshalls in Rayleigh Town Centre and explore with licensed trade, alternative funding options for continuation of scheme.', {
            outcomes: ['Public confidence raised', 'Incidents reduced', 'Taxi drivers more confident to service locality', 'Survey of options completed'],
            leadOrganisations: ['Rochford District Council', 'Essex Police'],
            leadPeople: [ROCHFORD_CSO, 'Licensing Team'],
            updates: [
              q(
                1,
                'Rochford: Taxi driver’s confidence to return to ranks increased. Min. difference in ASB reporting.\nQ1 extension of pilot completed to allow for consultation with users.\nNew web page and consultation survey completed. Letters sent to all licensed businesses including taxis.\nJune – scheme closed.\nQ2–4 ongoing consultation with licensees and review of further Home Office funding, where available.',
              ),
            ],
          }),
          action('Op Benison – targeted licensed premises visits to reduce incidents, prevent reoffending & ensuring licensing conditions are adhered to.', {
            outcomes: ['Number of visits completed as per OP Benison requirements'],
            leadOrganisations: ['Essex Police', 'Rochford District Council'],
            leadNote: 'Essex Police / RDC Licensing',
            quarters: [1, 2, 3, 4],
            timescaleNote: 'Ongoing',
          }),
          action('To support and maintain effective “Behaved or Be Banned” (BOBB) scheme for licensed premises in Rochford District', {
            outcomes: ['All member premises in Pub watch respond in a coordinated way to repeat offenders'],
            leadOrganisations: ['Essex Police', 'Rochford District Council'],
            leadNote: 'Essex Police / RDC Licensing, Pub Watch',
            quarters: [1, 2, 3, 4],
            timescaleNote: 'Ongoing',
          }),
          action('Introduction of Street Pastor scheme in Rayleigh.', {
            outcomes: [
              'Basic first aid treatment – place of shelter and safety for those intoxicated/vulnerable – reduction in offending, demand on police and ambulance, increase confidence in the community',
            ],
            leadOrganisations: ['Essex Police', 'Rayleigh Churches (Street Pastors)'],
            leadNote: 'Essex Police / Street Pastors scheme; Essex Police + Rayleigh Churches',
            quarters: [2, 3, 4],
          }),
          action('Community policing team/special constabulary deployments on key dates – including bank holiday weekends – Christmas – Halloween', {
            outcomes: ['Reduce offending, improve and develop partner relationships with licensed premises, public reassurance.'],
            leadOrganisations: ['Essex Police'],
            timescaleNote: 'Key dates: bank holiday weekends, Halloween, Christmas',
          }),
        ]),
        ...under(JOINT_ASB, [
          action('Managing hotspot areas through robust partnership working. Regular partner proactive days of action to educate – enforce and reassure', {
            outcomes: ['The most vulnerable / repeat victims and areas are prioritised', 'Reassure the public through high visibility and focus on community identified issues.'],
            leadOrganisations: ['Essex Police', 'Castle Point Borough Council', 'Rochford District Council', 'Housing Providers'],
            leadPeople: [CASTLE_POINT_CSO, ROCHFORD_CSO],
            leadNote: 'Essex Police / Community Safety Officers / Housing / Street Scenes',
            updates: [
              q(1, 'Rochford: New briefing and tasking attendance – increased sharing of intelligence. X2 joint operations. Publicity for both – reassuring residents.'),
              q(2, 'Rochford: New ‘days of action’ planning meeting for further joint working in Q3–4.'),
            ],
          }),
          action('‘Crucial Crew’ life skills event for year 6 pupils in Rochford District', {
            outcomes: ['Year six pupils are more able to make informed decisions'],
            leadOrganisations: ['Rochford District Council'],
            leadPeople: [ROCHFORD_CSO],
            leadNote: 'With the Extended Schools Programme',
            updates: [q(1, 'Rochford: Crucial Crew events held in both Rayleigh + Rochford. > 500 year 6 pupils attended. 85% of teachers reported it was beneficial for pupils.')],
          }),
          action('Identification and partnership resolution on wider ASB issues affecting communities will be actioned through future local Hub tasking process.', {
            outcomes: ['Reduction in ASB cases, improved satisfaction, enhanced development of partnership working.'],
            leadOrganisations: ['Essex Police', 'Castle Point Borough Council', 'Rochford District Council'],
          }),
          action('Attendance and support at local Community/resident/council meetings re local ASB for action', {
            outcomes: ['Community concerns are appropriately risk assessed and actioned'],
            leadOrganisations: ['Essex Police', 'Castle Point Borough Council', 'Rochford District Council'],
          }),
          action('Promotion and appropriate use of most recent ASB legislation eg criminal behaviour orders, community warning notices.', {
            outcomes: ['Appropriate enforcement of offenders – from advice and warnings through to potential prosecution.'],
            leadOrganisations: ['Essex Police', 'Castle Point Borough Council', 'Rochford District Council'],
            updates: [q(1, 'Rochford: Street scenes officers accredited for enforcement action, pending review of service provision. Delegation for new ASB powers – Q4.')],
          }),
        ]),
        ...under(NEIGHBOURS, [
          action('Promotion of Restorative Justice service to residents and agency referrals', {
            outcomes: ['Increased numbers of referrals to RJ hub', 'Partner websites updated. Use of social media message'],
            leadNote: 'All partners',
            updates: [q(1, 'Rochford: Q3 web site to be updated. X2 referrals.')],
          }),
        ]),
        ...under(ENVIRONMENT, [
          action(
            'To develop the Community Safety Accreditation scheme to address issues of fly tipping and nuisance behaviour in open spaces and other public places in the Rochford District',
            {
              outcomes: ['Front line staff community safety accredited', 'Civil enforcement structure in place'],
              leadOrganisations: ['Rochford District Council'],
              leadNote: 'RDC Park/Leisure services',
              updates: [q(1, 'Rochford: Q1 front line officers accredited. Civil enforcement structure outstanding.')],
            },
          ),
          action('Estate/area walkabouts with partners and residents to identify environmental issues that require resolution', {
            outcomes: ['Reduction in incidents reported', 'Increased pride and maintenance in a geographical area'],
            leadOrganisations: ['Rochford District Council', 'Castle Point Borough Council', 'Housing Providers', 'Essex Police'],
            leadNote: 'RDC / CPBC / Housing Association / Essex Police',
            quarters: [2, 3, 4],
            updates: [q(1, 'Rochford: On-going multi agency meetings with local housing associations focusing on case specific persons/issues. Future ‘days of action’ for new ‘estate walkabouts’.')],
          }),
        ]),
        ...under(DIVERSION, [
          action(
            'Support and enable partner community groups and partner organisations to use Youth Service premises, Youth Buses and Youth Service resources to provide young people with diversionary activities.',
            {
              outcomes: ['An increase in diversionary activities'],
              leadOrganisations: ['Essex County Council'],
              leadPeople: ['Youth Service Community Capacity Building Officer'],
              leadNote: 'ECC Youth Service Community Capacity Building Team; Canvey Youth Project',
              quarters: [1, 2, 3, 4],
              dependencies: 'Dependencies on capacity of reduced youth services.',
              updates: [q(1, 'Ongoing. Work with Rayleigh Town Council – KG park.')],
            },
          ),
          action('Mapping Exercise to explore where young people feel safe and unsafe in the area', {
            outcomes: ['Increased understanding of young people’s needs. Diversionary activities & support targeted appropriately'],
            leadOrganisations: ['Essex County Council'],
            leadPeople: ['Youth Service Community Capacity Building Officer'],
            quarters: [3],
          }),
        ]),
      ],
    },
    {
      title: 'Acquisitive Crime',
      subThemes: ['Burglary', 'Vehicle Crime', 'Crime Prevention', 'Reducing reoffending'],
      headlineTarget: null,
      deliveringGroup: null,
      resources: null,
      risks: [],
      progressComment: null,
      objectives: [NHW, KEEP_SAFE, PROLIFIC, BURGLARY],
      actions: [
        ...under(NHW, [
          action('To promote the Police Community Messaging System', { outcomes: ['Increased sign up to ECM'], leadOrganisations: ['Essex Police'], quarters: [1, 2, 3, 4] }),
          action('To increase use of cost effective communication by NHW to distribute targeted crime prevention advice i.e. email and social media', {
            outcomes: ['Increased use of electronic media by NHW'],
            leadOrganisations: ['Essex Police', 'Neighbourhood Watch'],
            leadPeople: ['Watch Coordinator'],
            quarters: [3, 4],
          }),
          action('To explore the development of Good Neighbour Scheme with NHW (Rochford) enabling communities to support those vulnerable residents.', {
            outcomes: ['Good Neighbourhood officers signed up and working in their areas.'],
            leadOrganisations: ['Rochford District Council', 'Neighbourhood Watch'],
            leadPeople: ['Partnership Officer'],
            timescaleNote: 'On-going as part of business plan priority ‘early intervention’',
            updates: [
              q(1, 'Rochford: Q1 – meeting with local NHW coordinators to gain support. A meeting being arranged by a councillor to engage local coordinators in Hullbridge to explore piloting an extended scheme.'),
            ],
          }),
          action(
            'Continue to recruit Active Citizen Volunteers for high visibility deployment in the community. To support intelligence gathering, increase public satisfaction and confidence and reduce the opportunity for crime to be committed',
            { leadOrganisations: ['Essex Police'], quarters: [1, 2, 3, 4], timescaleNote: 'Ongoing' },
          ),
        ]),
        ...under(KEEP_SAFE, [
          action(
            'Provide crime prevention advice and produce relevant awareness literature for distribution: crime prevention messages in partner publications / websites / social media i.e. church magazines, partner publications; information / attendance at community events; information and resources to identified groups vulnerable to becoming victims of crime',
            {
              outcomes: ['Key messages distributed in line with local crime stats.'],
              leadOrganisations: ['Essex Police', 'Neighbourhood Watch'],
              leadPeople: ['Crime Reduction Officer'],
              quarters: [1, 2, 3, 4],
              timescaleNote: 'Ongoing',
            },
          ),
          action('To improve the profile of the CSP through an enhanced web profile.', {
            outcomes: ['Websites are updated and clear'],
            leadOrganisations: ['Rochford District Council'],
            leadPeople: ['Partnership Officer', ROCHFORD_CSO],
            quarters: [3],
          }),
          action('To refresh the Rochford Community Safety resident questionnaire', {
            outcomes: ['Consultation outcome is included in Strategic Assessment'],
            leadOrganisations: ['Rochford District Council'],
            leadPeople: ['Partnership Officer', ROCHFORD_CSO],
            quarters: [3],
          }),
          action('To introduce Crime Stoppers Ambassador programmes in partner organisations', {
            outcomes: ['Increase in number of Crimestoppers Ambassadors – Front line staff signed up in at least 2 new partner organisations'],
            leadOrganisations: ['Crimestoppers'],
            quarters: [3, 4],
            updates: [q(1, 'Meeting with Crimestoppers to set future programme. Parish councils updated.')],
          }),
          action('Promotion of Crimestoppers as an anonymous reporting tool – distribution of campaign information by all partners', {
            outcomes: ['Increase in reports made by CP&R residents to Crimestoppers'],
            leadOrganisations: ['Crimestoppers'],
            leadNote: 'Crimestoppers; all agencies',
          }),
        ]),
        ...under(PROLIFIC, [
          action(
            'Integrated Offender Management (IOM) – To ensure that the offenders whose crimes cause most damage and harm locally are managed in a coordinated way. A joint initiative between Essex Police and Essex CRC',
            {
              outcomes: ['Reduction in reoffending for IOM cohort', 'Multi agency response'],
              leadOrganisations: ['Essex Community Rehabilitation Company', 'Essex Police'],
              quarters: [1, 2, 3, 4],
              timescaleNote: 'Ongoing',
            },
          ),
          action('Spotlight nominals – focusing on those who are believed to be most prevalent committing acquisitive crime', {
            outcomes: ['Reduction in acquisitive crimes', 'Less victims of crime'],
            leadOrganisations: ['Essex Community Rehabilitation Company', 'Essex Police'],
            quarters: [1, 2, 3, 4],
            timescaleNote: 'Ongoing',
          }),
        ]),
        ...under(BURGLARY, [
          action(
            'Support for Operation Insight – Identifying vulnerable areas through intelligence led policing. Strategic deployment of all available resources, including community safety partners and the wider community including Active Citizens',
            {
              outcomes: ['Cocooning of target areas leads to reduction in domestic burglaries'],
              leadOrganisations: ['Essex Police'],
              leadPeople: ['Crime Reduction Officer'],
              quarters: [1, 2, 3, 4],
              updates: [q(1, 'Ongoing sharing of information. Distribution of ‘smart water’ pens. Joint targeted operations.')],
            },
          ),
        ]),
      ],
    },
  ],
}

// --- Castle Point and Rochford CSP, 2021/22 (seed 004) ----------------------------------------------------


/** "The priority areas for action for 2021/22 were identified as…" (seed 004, 3.2): no actions are given. */
export const JOINT_2021_PLAN: DemoPlan = {
  details: {
    title: 'Partnership Plan 2021/22',
    planYear: 2021,
    periodStartYear: null,
    periodEndYear: null,
    vision: null,
    versionLabel: 'Priority areas only: the Review Committee report on 2021/22 does not give the action plan',
    status: 'agreed',
    agreedOn: null,
    agreedBy: null,
  },
  priorities: [draftPriority('Protecting vulnerable people'), draftPriority('Anti-Social Behaviour'), draftPriority('Violence (including knife crime)')],
}
