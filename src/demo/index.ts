import type { CurrentUser } from '../core/access/current-user.ts'
import type { Role } from '../core/access/roles.ts'
import type { Actor } from '../core/audit/audit-entry.ts'
import { loadIndicatorDemo } from '../capabilities/indicators/indicator-demo.ts'
import type { PartnershipContext } from '../core/access/partnership-context.ts'
import { loadFundingDemo } from '../capabilities/funding/funding-demo.ts'
import { loadHighlightReportDemo } from '../capabilities/highlight-reports/highlight-report-demo.ts'
import { loadPoliceDataDemo } from '../capabilities/police-data/police-data-demo.ts'
import { loadPriorityMatrixDemo } from '../capabilities/priority-matrix/matrix-demo.ts'
import { loadDemoReports } from '../capabilities/reports/demo-reports.ts'
import type { AppDeps, Services } from '../services.ts'

import { loadPlanDemo } from '../capabilities/plans/plan-demo.ts'

import type { DemoContext } from './demo-context.ts'
import { DEMO_PARTNERSHIPS, type DemoArea, type DemoPartnership } from './structure-data.ts'

/** Every demo account has this password. Demo data is never loaded automatically in production. */
export const DEMO_PASSWORD = 'demo-password-csp-hub'

type PartnershipKey = DemoPartnership['key']

interface DemoAccount {
  email: string
  name: string
  description: string
  isSiteAdmin?: boolean
  roles: Partial<Record<PartnershipKey, Role>>
  /** The person record the account is linked to, per partnership: [person name, organisation]. */
  people?: Partial<Record<PartnershipKey, [string, string]>>
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { email: 'site-admin@csp-hub.example', name: 'Site Administrator', description: 'Site admin (every partnership)', isSiteAdmin: true, roles: {} },
  { email: 'admin@csp-hub.example', name: 'Partnership Admin', description: 'Admin of both partnerships', roles: { 'joint-2016': 'admin', 'rochford-2011': 'admin' } },
  {
    email: 'coordinator@csp-hub.example',
    name: 'Community Safety Officer',
    description: 'Coordinator of both partnerships',
    roles: { 'joint-2016': 'coordinator', 'rochford-2011': 'coordinator' },
    people: {
      'joint-2016': ['Community Safety Officer', 'Rochford District Council'],
      'rochford-2011': ['Community Safety Co-ordinator', 'Rochford District Council'],
    },
  },
  {
    email: 'lead@csp-hub.example',
    name: 'Partner Lead',
    description: 'Lead: updates the actions they lead',
    roles: { 'joint-2016': 'lead', 'rochford-2011': 'lead' },
    people: {
      'joint-2016': ['Crime Prevention Tactical Advisor', 'Essex Police'],
      'rochford-2011': ['Domestic Abuse Reduction Officer', 'Rochford District Council'],
    },
  },
  { email: 'member@csp-hub.example', name: 'Partnership Member', description: 'Member: reads everything', roles: { 'joint-2016': 'member', 'rochford-2011': 'member' } },
]

export const DEMO_ACTOR: Actor = { userId: null, label: 'demo data' }

export interface DemoResult {
  loaded: boolean
  accounts: { email: string; role: string }[]
  password: string
}

/**
 * Loads the demo partnerships from the seed documents, with one account per role. With onlyIfEmpty,
 * does nothing when the database already holds a partnership. Otherwise replaces earlier demo
 * partnerships (same names) with fresh copies.
 */
export async function loadDemoData(
  deps: AppDeps,
  services: Services,
  options: { onlyIfEmpty: boolean; /** Called once it is decided the demo will be loaded. */ onStart?: () => void },
): Promise<DemoResult> {
  const db = deps.database.db
  const result = (loaded: boolean): DemoResult => ({
    loaded,
    accounts: DEMO_ACCOUNTS.map(account => ({ email: account.email, role: account.description })),
    password: DEMO_PASSWORD,
  })
  const existing = await db.selectFrom('partnerships').select(['id', 'name']).execute()
  if (options.onlyIfEmpty && existing.length > 0) {
    const demoAccountExists = await db.selectFrom('users').select('id').where('email', '=', DEMO_ACCOUNTS[0]!.email).executeTakeFirst()
    return demoAccountExists ? result(false) : { loaded: false, accounts: [], password: DEMO_PASSWORD }
  }

  options.onStart?.()
  const users = new Map<string, CurrentUser>()
  for (const account of DEMO_ACCOUNTS) {
    const found = await db.selectFrom('users').select('id').where('email', '=', account.email).executeTakeFirst()
    const user = found
      ? (await services.accounts.loadCurrentUser(found.id))!
      : await services.accounts.createUser({ email: account.email, name: account.name, password: DEMO_PASSWORD, isSiteAdmin: account.isSiteAdmin ?? false }, DEMO_ACTOR)
    users.set(account.email, user)
  }
  const siteAdmin = users.get(DEMO_ACCOUNTS[0]!.email)!

  const contexts = {} as Record<PartnershipKey, PartnershipContext>
  for (const demo of DEMO_PARTNERSHIPS) {
    const old = existing.find(row => row.name === demo.name)
    if (old) await db.deleteFrom('partnerships').where('id', '=', old.id).execute()
    const partnership = await services.partnerships.create(
      siteAdmin,
      { name: demo.name, shortName: demo.shortName, vision: demo.vision, description: demo.description, isPublished: true },
      DEMO_ACTOR,
    )
    const ctx: PartnershipContext = {
      partnership: { id: partnership.id, name: partnership.name, shortName: partnership.shortName, isPublished: partnership.isPublished },
      access: 'admin',
      actor: DEMO_ACTOR,
      signedIn: true,
      personId: null,
    }
    contexts[demo.key] = ctx
    await loadDemoStructure(services, ctx, demo)
  }

  // Roles, and the links from accounts to the people they are.
  for (const account of DEMO_ACCOUNTS) {
    const user = users.get(account.email)!
    for (const [key, role] of Object.entries(account.roles) as [PartnershipKey, Role][]) {
      const ctx = contexts[key]
      const link = account.people?.[key]
      const personId = link ? await findPersonId(deps, ctx.partnership.id, link[0], link[1]) : null
      await services.team.addTeamMember(ctx, { email: user.email, name: user.name, role, personId }, { notify: false })
    }
  }

  const demoContext: DemoContext = {
    deps,
    services,
    partnerships: contexts,
    organisationId: async (key, name) => {
      const row = await db.selectFrom('organisations').select('id').where('partnershipId', '=', contexts[key].partnership.id).where('name', '=', name).executeTakeFirst()
      if (!row) throw new Error(`Demo data: no organisation “${name}” in ${key}`)
      return row.id
    },
    personId: (key, name, organisation) => findPersonId(deps, contexts[key].partnership.id, name, organisation),
    groupId: async (key, name) => {
      const row = await db.selectFrom('groups').select('id').where('partnershipId', '=', contexts[key].partnership.id).where('name', '=', name).executeTakeFirst()
      if (!row) throw new Error(`Demo data: no group “${name}” in ${key}`)
      return row.id
    },
  }
  // Each capability loads its own demo records here, in dependency order.
  for (const load of DEMO_LOADERS) await load(demoContext)
  return result(true)
}

/** Capabilities' demo loaders (plans, indicators, police data, funding…), run in this order. */
export const DEMO_LOADERS: ((demo: DemoContext) => Promise<void>)[] = [
  loadPlanDemo,
  // Indicators, funding and reports build on the plans (priorities by title), so they run after it.
  loadIndicatorDemo,
  loadFundingDemo,
  loadPoliceDataDemo,
  // The scoring matrix takes the latest month of police data held.
  loadPriorityMatrixDemo,
  loadDemoReports,
  // Highlight reports of the 2011/12 sub-groups: after the plan (its priorities and groups) and the indicators.
  loadHighlightReportDemo,
]

async function findPersonId(deps: AppDeps, partnershipId: number, name: string, organisation?: string): Promise<number> {
  let query = deps.database.db
    .selectFrom('people')
    .leftJoin('organisations', 'organisations.id', 'people.organisationId')
    .select('people.id')
    .where('people.partnershipId', '=', partnershipId)
    .where('people.name', '=', name)
  if (organisation) query = query.where('organisations.name', '=', organisation)
  const rows = await query.execute()
  if (rows.length !== 1) throw new Error(`Demo data: ${rows.length} people called “${name}”${organisation ? ` of ${organisation}` : ''}`)
  return rows[0]!.id
}

/** A demo partnership's areas, organisations, groups and people, entered into the partnership of `ctx` (tests use it too). */
export async function loadDemoStructure(services: Services, ctx: PartnershipContext, demo: DemoPartnership): Promise<void> {
  const p = services.partnerships
  const addArea = async (area: DemoArea, parentId: number | null): Promise<void> => {
    const saved = await p.saveArea(ctx, null, {
      name: area.name,
      type: area.type,
      code: area.code ?? null,
      parentId,
      description: area.description ?? null,
    })
    for (const child of area.children ?? []) await addArea(child, saved.id)
  }
  for (const area of demo.areas) await addArea(area, null)

  const organisationIds = new Map<string, number>()
  for (const org of demo.organisations) {
    const saved = await p.saveOrganisation(ctx, null, {
      name: org.name,
      shortName: org.shortName ?? null,
      kind: org.authorityType ? 'responsible_authority' : 'community_partner',
      authorityType: org.authorityType ?? null,
      website: null,
      notes: org.notes ?? null,
    })
    organisationIds.set(org.name, saved.id)
  }

  const groupIds = new Map<string, number>()
  for (const group of demo.groups) {
    const saved = await p.saveGroup(ctx, null, {
      name: group.name,
      shortName: group.shortName ?? null,
      type: group.type,
      purpose: group.purpose,
      meetingCadence: group.meetingCadence ?? null,
      reportsToGroupId: group.reportsTo ? groupIds.get(group.reportsTo)! : null,
      notes: group.notes ?? null,
    })
    groupIds.set(group.name, saved.id)
  }

  for (const person of demo.people) {
    const organisationId = organisationIds.get(person.organisation)
    if (!organisationId) throw new Error(`Demo data: no organisation “${person.organisation}”`)
    const saved = await p.savePerson(ctx, null, { name: person.name, jobTitle: null, organisationId, email: null })
    for (const [groupName, role] of person.groups ?? []) {
      await p.saveMembership(ctx, groupIds.get(groupName)!, null, { personId: saved.id, role })
    }
  }
}
