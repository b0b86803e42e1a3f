/**
 * The demo partnerships' structure, entered from the documents in shared/seeds:
 *  - 000: Rochford District CSP, Annual Partnership Plan 2011/2012 (sections 2–6, 9)
 *  - 001: Castle Point and Rochford CSP, Partnership Plan 2016/17 and the Review Committee report of
 *         6 September 2016
 *  - 004: Review Committee report on the CP&R CSP, 2021/22
 * People appear by role, not by the names printed in the documents.
 */
import type { AreaType, AuthorityType, GroupType, MeetingCadence, MembershipRole } from '../capabilities/partnerships/index.ts'

export interface DemoArea {
  name: string
  type: AreaType
  code?: string
  description?: string
  children?: DemoArea[]
}
export interface DemoOrganisation {
  name: string
  shortName?: string
  authorityType?: AuthorityType
  notes?: string
}
export interface DemoGroup {
  name: string
  shortName?: string
  type: GroupType
  purpose: string
  meetingCadence?: MeetingCadence
  reportsTo?: string
  notes?: string
}
export interface DemoPerson {
  name: string
  organisation: string
  /** Groups the person belongs to, with their role there. */
  groups?: [string, MembershipRole][]
}
export interface DemoPartnership {
  key: 'rochford-2011' | 'joint-2016'
  name: string
  shortName: string
  vision: string
  description: string
  areas: DemoArea[]
  organisations: DemoOrganisation[]
  groups: DemoGroup[]
  people: DemoPerson[]
}

const ward = (name: string, code?: string): DemoArea => ({ name, type: 'ward', ...(code ? { code } : {}) })

export const ROCHFORD_2011: DemoPartnership = {
  key: 'rochford-2011',
  name: 'Rochford District Community Safety Partnership',
  shortName: 'Rochford CSP',
  vision:
    'Working in partnership to make our District a place which provides opportunities for the best possible quality of life for all who live, work and visit here',
  description:
    'Rochford District lies in South East Essex on a peninsula between the River Thames and the Crouch, with the North Sea to the east. The largest town is Rayleigh; the other main settlements are Rochford and Hockley. Annual Partnership Plan 2011/2012.',
  areas: [
    {
      name: 'Rochford District',
      type: 'district',
      code: 'E07000075',
      description: 'ONS mid-2008 estimate: 83,200 residents; about 33,700 homes.',
      children: [
        {
          name: 'Rayleigh',
          type: 'policing_area',
          code: 'A320',
          children: ['Whitehouse', 'Lodge', 'Wheatley', 'Grange', 'Sweyne Park', 'Downhall and Rawreth', 'Trinity', 'Rayleigh Central'].map(n => ward(n)),
        },
        { name: 'Rochford', type: 'policing_area', code: 'A321', children: ['Hawkwell North', 'Hawkwell South', 'Rochford'].map(n => ward(n)) },
        {
          name: 'Hockley',
          type: 'policing_area',
          code: 'A322',
          children: ['Hawkwell West', 'Hockley West', 'Hockley North', 'Hockley Central'].map(n => ward(n)),
        },
        { name: 'Hullbridge', type: 'policing_area', code: 'A323', children: [ward('Hullbridge')] },
        {
          name: 'Canewdon and Ashingdon',
          type: 'policing_area',
          code: 'A324',
          description: 'Includes South Fambridge, Great Stambridge, Paglesham and Ballards Gore.',
          children: [ward('Ashingdon and Canewdon')],
        },
        {
          name: 'Wakering',
          type: 'policing_area',
          code: 'A325',
          children: [ward('Barling and Sutton'), ward('Foulness and Great Wakering')],
        },
        {
          name: 'East Area',
          type: 'community_forum_area',
          description:
            'Community forum covering Ashingdon, Barling Magna, Canewdon, Great Wakering, Hockley, Hullbridge, Paglesham, Rochford, Stambridge and Sutton.',
        },
        { name: 'West Area', type: 'community_forum_area', description: 'Community forum covering Hawkwell, Rawreth and Rayleigh.' },
      ],
    },
  ],
  organisations: [
    { name: 'Rochford District Council', shortName: 'RDC', authorityType: 'district_council' },
    { name: 'Essex County Council', shortName: 'ECC', authorityType: 'county_council', notes: 'Includes Trading Standards and the County Youth Offending Service.' },
    { name: 'NHS South East Essex', authorityType: 'health' },
    { name: 'Essex Police', authorityType: 'police' },
    { name: 'Essex Police Authority', authorityType: 'police_authority' },
    { name: 'Essex County Fire and Rescue Service', shortName: 'ECFRS', authorityType: 'fire_and_rescue' },
    { name: 'Essex Probation', authorityType: 'probation', notes: 'A responsible authority since 1 April 2010 (Policing and Crime Act 2009).' },
    { name: 'Basildon Women’s Aid', shortName: 'BWA' },
    { name: 'Safer Places (Southend)' },
    { name: 'Thames Corridor Focus Group – Disability' },
    { name: 'Victim Support' },
    { name: 'Registered Social Landlords', shortName: 'RSLs' },
    { name: 'Citizens Advice Bureau', shortName: 'CAB' },
    { name: 'Open Road' },
    { name: 'Family Mosaic' },
    { name: 'Neighbourhood Watch' },
    { name: 'Parish Councils' },
    { name: 'Faith Groups' },
  ],
  groups: [
    {
      name: 'Joint Local Strategic Partnership',
      shortName: 'Joint LSP',
      type: 'partnership_board',
      purpose:
        'The joint Castle Point and Rochford Local Strategic Partnership acts as the Responsible Authority Group for the CSP and ratifies the Annual Partnership Plan and the Strategic Assessment.',
    },
    {
      name: 'Community Safety Partnership Steering Group',
      shortName: 'Steering Group',
      type: 'steering_group',
      meetingCadence: 'bi_monthly',
      reportsTo: 'Joint Local Strategic Partnership',
      purpose:
        'Provides strategic leadership and overall management of the partnership: formulates the annual Strategic Assessment and Partnership Plan, manages performance and finances, and allocates funding to projects.',
    },
    {
      name: 'Community Safety Partnership Reference Group',
      shortName: 'Reference Group',
      type: 'reference_group',
      reportsTo: 'Community Safety Partnership Steering Group',
      purpose: 'Representatives of each statutory partner together with members from non-statutory agencies and the voluntary sector.',
    },
    {
      name: 'Prolific and Priority Offender Group',
      shortName: 'PPO Group',
      type: 'sub_group',
      reportsTo: 'Community Safety Partnership Steering Group',
      purpose:
        'Manages those on the PPO programme across the three strands of the national strategy: Catch and Convict, Prevent and Deter, Rehabilitate and Resettle.',
      notes: 'Shared with Castle Point.',
    },
    {
      name: 'Domestic Abuse Panel',
      shortName: 'DAP',
      type: 'sub_group',
      reportsTo: 'Community Safety Partnership Steering Group',
      purpose: 'Lead responsibility for delivering the programme of work under each CSP’s domestic abuse objectives.',
      notes: 'A joint group with Castle Point.',
    },
    {
      name: 'Rochford Referral Group',
      shortName: 'RRG',
      type: 'sub_group',
      reportsTo: 'Community Safety Partnership Steering Group',
      purpose:
        'Works collaboratively with individuals and families referred as frequent service users with complex needs. Superseded the Joint Action Group and monitors anti-social behaviour issues.',
    },
    {
      name: 'Rochford District Hate Crime Panel',
      shortName: 'Hate Crime Panel',
      type: 'sub_group',
      reportsTo: 'Community Safety Partnership Steering Group',
      purpose: 'Addresses the priority of hate crime and hate incidents and encourages their reporting.',
    },
    {
      name: 'Community Development Partnership',
      shortName: 'CDP',
      type: 'other',
      purpose: 'Communication, consultation and public engagement with residents, through targeted campaigns, Citizens Panels and the media.',
    },
    {
      name: 'Task and Finish Groups',
      type: 'task_and_finish_group',
      meetingCadence: 'as_needed',
      reportsTo: 'Community Safety Partnership Steering Group',
      purpose: 'Created to address emerging priorities outside the identified ones, identified through Neighbourhood Meetings, Community Forums or a rise in a crime type.',
    },
  ],
  people: [
    {
      name: 'Community Safety Co-ordinator',
      organisation: 'Rochford District Council',
      groups: [
        ['Community Safety Partnership Steering Group', 'member'],
        ['Domestic Abuse Panel', 'member'],
        ['Rochford Referral Group', 'member'],
      ],
    },
    { name: 'Domestic Abuse Reduction Officer', organisation: 'Rochford District Council', groups: [['Domestic Abuse Panel', 'chair']] },
    { name: 'Anti-Social Behaviour Officer', organisation: 'Rochford District Council', groups: [['Rochford Referral Group', 'member']] },
    { name: 'Assistant Community Safety Officer', organisation: 'Rochford District Council', groups: [['Rochford District Hate Crime Panel', 'member']] },
    { name: 'Chairman of the Community Safety Partnership', organisation: 'Rochford District Council', groups: [['Community Safety Partnership Steering Group', 'chair']] },
    { name: 'District Chief Inspector', organisation: 'Essex Police', groups: [['Community Safety Partnership Steering Group', 'member'], ['Rochford District Hate Crime Panel', 'member']] },
    { name: 'Police Licensing Officer', organisation: 'Essex Police' },
    { name: 'Trading Standards Officer', organisation: 'Essex County Council' },
    { name: 'Disability Focus Group representative', organisation: 'Thames Corridor Focus Group – Disability', groups: [['Rochford District Hate Crime Panel', 'member']] },
    // A lead of the sexual offences priority in the 2011/12 action plan (plans demo data).
    { name: 'Acting Police Sergeant', organisation: 'Essex Police' },
  ],
}

const castlePointWards = [
  ['E05004082', 'Appleton'],
  ['E05004083', 'Boyce'],
  ['E05004084', 'Canvey Island Central'],
  ['E05004085', 'Canvey Island East'],
  ['E05004086', 'Canvey Island North'],
  ['E05004087', 'Canvey Island South'],
  ['E05004088', 'Canvey Island West'],
  ['E05004089', 'Canvey Island Winter Gardens'],
  ['E05004090', 'Cedar Hall'],
  ['E05004091', 'St George’s'],
  ['E05004092', 'St James'],
  ['E05004093', 'St Mary’s'],
  ['E05004094', 'St Peter’s'],
  ['E05004095', 'Victoria'],
] as const
const rochfordWards = [
  ['E05010844', 'Downhall and Rawreth'],
  ['E05010845', 'Foulness and The Wakerings'],
  ['E05010846', 'Hawkwell East'],
  ['E05010847', 'Hawkwell West'],
  ['E05010848', 'Hockley'],
  ['E05010849', 'Hockley and Ashingdon'],
  ['E05010850', 'Hullbridge'],
  ['E05010851', 'Lodge'],
  ['E05010852', 'Roche North and Rural'],
  ['E05010853', 'Roche South'],
  ['E05010854', 'Sweyne Park and Grange'],
  ['E05010855', 'Trinity'],
  ['E05010856', 'Wheatley'],
] as const

export const JOINT_2016: DemoPartnership = {
  key: 'joint-2016',
  name: 'Castle Point and Rochford Community Safety Partnership',
  shortName: 'CP&R CSP',
  vision: 'To provide a strategic and co-operative approach to addressing local crime and disorder between agencies and the communities within the area.',
  description:
    'A joint partnership covering part of the South Local Policing Area, from Foulness Island in the east to Canvey Island in the south, including Rayleigh, Rochford, Benfleet and Hadleigh. The Community Policing Team for both districts is based at Rayleigh Police Station.',
  areas: [
    {
      name: 'Castle Point',
      type: 'district',
      code: 'E07000069',
      description: '88,011 residents and 37,604 households (2011 census); 43% of residents live on Canvey Island.',
      children: castlePointWards.map(([code, name]) => ward(name, code)),
    },
    {
      name: 'Rochford',
      type: 'district',
      code: 'E07000075',
      description: 'Much of the District’s 65 square miles is green belt; Rayleigh is the only significant night-time economy.',
      children: rochfordWards.map(([code, name]) => ward(name, code)),
    },
  ],
  organisations: [
    { name: 'Castle Point Borough Council', shortName: 'CPBC', authorityType: 'district_council' },
    { name: 'Rochford District Council', shortName: 'RDC', authorityType: 'district_council' },
    { name: 'Essex County Council', shortName: 'ECC', authorityType: 'county_council', notes: 'Includes Trading Standards and the Youth Service.' },
    { name: 'Essex Police', authorityType: 'police', notes: 'Community Policing Team, Rayleigh Police Station.' },
    { name: 'Essex County Fire and Rescue Service', shortName: 'ECFRS', authorityType: 'fire_and_rescue' },
    { name: 'Essex Community Rehabilitation Company', shortName: 'Essex CRC', authorityType: 'probation', notes: 'With the National Probation Service.' },
    { name: 'Public Health', authorityType: 'health' },
    { name: 'Neighbourhood Watch', shortName: 'NHW' },
    { name: 'Parish Councils' },
    { name: 'Housing Providers' },
    { name: 'Voluntary and Community Services' },
    { name: 'Safer Places', notes: 'Domestic abuse services.' },
    { name: 'Crimestoppers' },
    { name: 'Rayleigh Churches (Street Pastors)' },
    { name: 'Essex Safeguarding Board' },
  ],
  groups: [
    {
      name: 'Local Strategic Partnership Executive',
      shortName: 'LSP Executive',
      type: 'partnership_board',
      purpose: 'Receives the outcomes of the partnership plan, with the County Safer Essex groups, to ensure effective strategic join-up.',
    },
    {
      name: 'CP&R CSP Steering Group',
      shortName: 'Steering Group',
      type: 'steering_group',
      meetingCadence: 'quarterly',
      reportsTo: 'Local Strategic Partnership Executive',
      purpose:
        'The partnership’s strategic group: agrees the priorities from the strategic assessment, reviews delivery of the partnership plan every quarter and decides the use of the Police, Fire and Crime Commissioner’s grant.',
    },
    {
      name: 'Tactical Group',
      type: 'sub_group',
      meetingCadence: 'weekly',
      reportsTo: 'CP&R CSP Steering Group',
      purpose: 'Weekly tactical-level conference call with Environmental Health, Licensing and Community Safety, sharing intelligence and agreeing joint days of action.',
    },
    {
      name: 'Thorney Bay Steering Group',
      type: 'sub_group',
      reportsTo: 'CP&R CSP Steering Group',
      purpose: 'Regular meetings of the agencies who can assist with safeguarding at the Thorney Bay site; improved information sharing.',
    },
    {
      name: 'Keep Safe Planning Group',
      type: 'task_and_finish_group',
      meetingCadence: 'as_needed',
      reportsTo: 'CP&R CSP Steering Group',
      purpose: 'Re-launches the Keep Safe Scheme in Rochford and introduces it in Castle Point.',
    },
  ],
  people: [
    { name: 'Community Safety Officer', organisation: 'Rochford District Council', groups: [['CP&R CSP Steering Group', 'member'], ['Tactical Group', 'member']] },
    { name: 'Community Safety Officer', organisation: 'Castle Point Borough Council', groups: [['CP&R CSP Steering Group', 'member'], ['Tactical Group', 'member']] },
    { name: 'Delegated Member for Community Safety', organisation: 'Rochford District Council', groups: [['CP&R CSP Steering Group', 'chair']] },
    { name: 'Portfolio Holder for Communities', organisation: 'Castle Point Borough Council', groups: [['CP&R CSP Steering Group', 'vice_chair']] },
    { name: 'Community Policing Team Inspector', organisation: 'Essex Police', groups: [['Tactical Group', 'chair'], ['CP&R CSP Steering Group', 'member']] },
    { name: 'Crime Prevention Tactical Advisor', organisation: 'Essex Police' },
    { name: 'Crime Reduction Officer', organisation: 'Essex Police' },
    { name: 'Watch Coordinator', organisation: 'Essex Police' },
    { name: 'Partnership Officer', organisation: 'Rochford District Council' },
    { name: 'Assistant Director, Community and Housing Services', organisation: 'Rochford District Council', groups: [['CP&R CSP Steering Group', 'member']] },
    { name: 'Domestic Homicide Review Lead', organisation: 'Castle Point Borough Council' },
    { name: 'Youth Service Community Capacity Building Officer', organisation: 'Essex County Council', groups: [['Thorney Bay Steering Group', 'member']] },
    { name: 'Domestic Abuse Lead', organisation: 'Essex County Council', groups: [['Thorney Bay Steering Group', 'chair']] },
    { name: 'Fire Safety Officer', organisation: 'Essex County Fire and Rescue Service', groups: [['Keep Safe Planning Group', 'member']] },
    { name: 'Licensing Team', organisation: 'Rochford District Council' },
    // Leads named in the 2016/17 action plan (plans demo data).
    { name: 'Thorney Bay Police Officer', organisation: 'Essex Police', groups: [['Thorney Bay Steering Group', 'member']] },
    { name: 'Youth Service Officer', organisation: 'Essex County Council' },
    { name: 'Risk Avert Programme Officer', organisation: 'Essex County Council' },
  ],
}

export const DEMO_PARTNERSHIPS = [ROCHFORD_2011, JOINT_2016]
