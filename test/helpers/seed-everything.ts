import { sql } from 'kysely'

import { hashToken } from '../../src/shared/tokens.ts'

import { seedPoliceData } from './police-data.ts'
import { seedReports } from './seed-reports.ts'
import type { TestApp } from './test-app.ts'

/**
 * One record of every kind for a partnership, for the role matrix. Before seeding, every identity
 * sequence restarts at `idBase`, so the first record of each table gets exactly that id: a route's
 * parameters can all be filled with the same number. Text fields carry `marker`, so a test can check
 * that no page shown to another partnership's users contains it.
 *
 * Each capability adds a seeder to SEEDERS for its own tables (a plan, a priority, an action led by
 * `leadPersonId`, an indicator, a funding stream…).
 */
export interface SeedTarget {
  partnershipId: number
  marker: string
  /** The person who leads the seeded records (the matrix links its lead user to this person). */
  leadPersonId: number
  organisationId: number
  groupId: number
  districtAreaId: number
  /** A user holding the member role here (also the owner of the seeded API token). */
  memberUserId: number
}

export type Seeder = (t: TestApp, target: SeedTarget) => Promise<void>

async function seedStructure(t: TestApp, target: SeedTarget): Promise<void> {
  const { partnershipId, marker } = target
  await t.db.insertInto('areas').values({ partnershipId, type: 'ward', name: `${marker} Ward`, parentId: target.districtAreaId, code: 'E05010850' }).execute()
  await t.db
    .insertInto('groups')
    .values({ partnershipId, type: 'sub_group', name: `${marker} Panel`, reportsToGroupId: target.groupId, purpose: `${marker} purpose` })
    .execute()
  await t.db.insertInto('memberships').values({ partnershipId, groupId: target.groupId, personId: target.leadPersonId, role: 'chair' }).execute()
  // A second person (id base + 1), in no group, so that a membership can be added in the matrix.
  await t.db.insertInto('people').values({ partnershipId, name: `${marker} Deputy`, organisationId: target.organisationId }).execute()
  await t.db
    .insertInto('apiTokens')
    .values({ userId: target.memberUserId, name: `${marker} token`, tokenHash: hashToken(`${marker}-token`), tokenPrefix: 'csp_seed' })
    .execute()
}

/**
 * Funding: a year whose start year is the id base (so the matrix's `:year` is the seeded year), with one
 * entry of each kind and a project, each getting the id base as its id.
 */
async function seedFunding(t: TestApp, target: SeedTarget): Promise<void> {
  const { partnershipId, marker, organisationId } = target
  const year = await t.db
    .insertInto('fundingYears')
    .values({ partnershipId, startYear: partnershipId, accountableOrganisationId: organisationId, notes: `${marker} year notes` })
    .returning('id')
    .executeTakeFirstOrThrow()
  const fundingYearId = year.id
  await t.db
    .insertInto('fundingStreams')
    .values({ partnershipId, fundingYearId, name: `${marker} grant`, funder: `${marker} Commissioner`, amountPence: 1_233_700, status: 'confirmed', automaticPercent: 50, conditions: `${marker} conditions` })
    .execute()
  await t.db.insertInto('fundingRollOvers').values({ partnershipId, fundingYearId, amountPence: 1_014_200, reason: `${marker} underspend` }).execute()
  await t.db
    .insertInto('fundingContributions')
    .values({ partnershipId, fundingYearId, organisationId, amountPence: 200_000, status: 'to_be_confirmed', nature: 'capital', notes: `${marker} contribution` })
    .execute()
  const project = await t.db
    .insertInto('fundedProjects')
    .values({ partnershipId, name: `${marker} Walk Online`, leadOrganisationId: organisationId, startDate: '2021-09-01', endDate: '2022-03-31', evaluationDueWeeks: 12 })
    .returning('id')
    .executeTakeFirstOrThrow()
  await t.db
    .insertInto('fundingBids')
    .values({ partnershipId, fundingYearId, fund: `${marker} fund`, purpose: `${marker} taxi marshals`, projectId: project.id, amountRequestedPence: 300_000, status: 'submitted' })
    .execute()
  const allocation = await t.db
    .insertInto('fundingAllocations')
    .values({ partnershipId, fundingYearId, kind: 'project', purpose: `${marker} allocation`, amountPence: 500_000, projectId: project.id })
    .returning('id')
    .executeTakeFirstOrThrow()
  await t.db
    .insertInto('fundingSpend')
    .values({ partnershipId, allocationId: allocation.id, spentOn: `${String(partnershipId).padStart(4, '0')}-06-01`, description: `${marker} invoice`, amountPence: 100_000, status: 'paid' })
    .execute()
}

/** An indicator (monthly, with its partnership's district) with a baseline, a target, an actual and a comparator area. */
async function seedIndicators(t: TestApp, target: SeedTarget): Promise<void> {
  const { partnershipId, marker } = target
  const indicator = await t.db
    .insertInto('indicators')
    .values({
      partnershipId,
      name: `${marker} ASB incidents`,
      definition: `${marker} definition`,
      source: `${marker} STORM`,
      unit: 'count',
      polarity: 'lower_is_better',
      frequency: 'monthly',
      countedAs: 'incidents',
      areaId: target.districtAreaId,
      denominator: 83200,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const indicatorId = indicator.id
  const baseline = await t.db.insertInto('indicatorBaselines').values({ partnershipId, indicatorId, year: 2010, value: 2090, note: `${marker} baseline` }).returning('id').executeTakeFirstOrThrow()
  await t.db
    .insertInto('indicatorTargets')
    .values({ partnershipId, indicatorId, year: 2011, kind: 'percent_change', changePercent: -2, baselineId: baseline.id, statement: `${marker} target` })
    .execute()
  await t.db.insertInto('indicatorActuals').values({ partnershipId, indicatorId, periodStart: '2011-04-01', periodMonths: 1, value: 170, note: `${marker} actual` }).execute()
  await t.db.insertInto('indicatorComparators').values({ partnershipId, indicatorId, year: 2010, groupName: 'Essex CSPs', areaName: `${marker} Castle Point`, value: 450, denominator: 88000 }).execute()
}

/** An agreed plan for 2026/27 (the test clock's year) with one of each record, its action led by the lead person. */
async function seedPlans(t: TestApp, target: SeedTarget): Promise<void> {
  const { partnershipId, marker } = target
  const plan = await t.db
    .insertInto('plans')
    .values({ partnershipId, title: `${marker} Plan 2026/27`, planYear: 2026, status: 'agreed', agreedOn: '2026-03-14', agreedBy: `${marker} meeting`, vision: `${marker} vision` })
    .returning('id')
    .executeTakeFirstOrThrow()
  const priority = await t.db
    .insertInto('priorities')
    .values({ partnershipId, planId: plan.id, position: 1, title: `${marker} priority`, subThemes: JSON.stringify([`${marker} theme`]), deliveringGroupId: target.groupId })
    .returning('id')
    .executeTakeFirstOrThrow()
  await t.db.insertInto('priorityRisks').values({ partnershipId, priorityId: priority.id, position: 1, risk: `${marker} risk`, mitigation: `${marker} mitigation` }).execute()
  const objective = await t.db.insertInto('objectives').values({ partnershipId, priorityId: priority.id, position: 1, title: `${marker} objective` }).returning('id').executeTakeFirstOrThrow()
  const action = await t.db
    .insertInto('actions')
    .values({
      partnershipId,
      priorityId: priority.id,
      objectiveId: objective.id,
      position: 1,
      title: `${marker} action`,
      outcomes: JSON.stringify([`${marker} outcome`]),
      quarters: JSON.stringify([1, 2, 3, 4]),
      leadNote: `${marker} lead note`,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await t.db.insertInto('actionLeadOrganisations').values({ partnershipId, actionId: action.id, organisationId: target.organisationId, role: 'lead' }).execute()
  await t.db.insertInto('actionLeadPeople').values({ partnershipId, actionId: action.id, personId: target.leadPersonId }).execute()
  await t.db
    .insertInto('actionUpdates')
    .values({ partnershipId, actionId: action.id, quarter: 1, body: `${marker} update`, rag: 'green', authorLabel: `${marker} author` })
    .execute()
}

/**
 * A draft highlight report of the seeded group (chaired by the lead person), for September 2026 of the
 * seeded plan, with an entry on the seeded priority: the lead may change and submit it.
 */
async function seedHighlightReports(t: TestApp, target: SeedTarget): Promise<void> {
  const { partnershipId, marker } = target
  const plan = await t.db.selectFrom('plans').select('id').where('partnershipId', '=', partnershipId).executeTakeFirstOrThrow()
  const priority = await t.db.selectFrom('priorities').select('id').where('partnershipId', '=', partnershipId).executeTakeFirstOrThrow()
  const report = await t.db
    .insertInto('highlightReports')
    .values({ partnershipId, planId: plan.id, groupId: target.groupId, month: '2026-09-01' })
    .returning('id')
    .executeTakeFirstOrThrow()
  await t.db
    .insertInto('highlightReportEntries')
    .values({ partnershipId, reportId: report.id, priorityId: priority.id, progress: `${marker} progress`, issues: `${marker} issues`, risks: `${marker} risks`, asks: `${marker} asks` })
    .execute()
}

/** Onboarding: an e-mail domain whose people become members at their first single sign-on. */
async function seedTeam(t: TestApp, target: SeedTarget): Promise<void> {
  await t.db.insertInto('partnershipEmailDomains').values({ partnershipId: target.partnershipId, domain: `${target.marker.toLowerCase()}.example.org` }).execute()
}

/** Capabilities' seeders, run in this order after the structure. */
export const SEEDERS: Seeder[] = [seedStructure, seedTeam, seedPlans, seedIndicators, seedFunding, seedReports, seedHighlightReports, seedPoliceData]

export async function restartIdentities(t: TestApp, start: number): Promise<void> {
  const columns = await sql<{ tableName: string; columnName: string }>`
    select table_name, column_name from information_schema.columns
    where table_schema = 'public' and is_identity = 'YES'`.execute(t.db)
  for (const { tableName, columnName } of columns.rows) {
    await sql`alter table ${sql.table(tableName)} alter column ${sql.ref(columnName)} restart with ${sql.lit(start)}`.execute(t.db)
  }
}

export async function seedEverything(t: TestApp, options: { idBase: number; marker: string; isPublished: boolean }): Promise<SeedTarget> {
  await restartIdentities(t, options.idBase)
  const { marker } = options
  const partnership = await t.db
    .insertInto('partnerships')
    .values({ name: `${marker} Partnership`, vision: `${marker} vision`, isPublished: options.isPublished })
    .returning('id')
    .executeTakeFirstOrThrow()
  const partnershipId = partnership.id
  const district = await t.db.insertInto('areas').values({ partnershipId, type: 'district', name: `${marker} District` }).returning('id').executeTakeFirstOrThrow()
  const organisation = await t.db
    .insertInto('organisations')
    .values({ partnershipId, name: `${marker} Police`, kind: 'responsible_authority', authorityType: 'police' })
    .returning('id')
    .executeTakeFirstOrThrow()
  const group = await t.db.insertInto('groups').values({ partnershipId, type: 'steering_group', name: `${marker} Steering Group` }).returning('id').executeTakeFirstOrThrow()
  const person = await t.db
    .insertInto('people')
    .values({ partnershipId, name: `${marker} Officer`, organisationId: organisation.id, email: `${marker.toLowerCase()}@example.org` })
    .returning('id')
    .executeTakeFirstOrThrow()
  const member = await t.db
    .insertInto('users')
    .values({ email: `member-${marker.toLowerCase()}@example.org`, name: `${marker} Member`, passwordHash: null })
    .returning('id')
    .executeTakeFirstOrThrow()
  await t.db.insertInto('partnershipRoles').values({ userId: member.id, partnershipId, role: 'member' }).execute()
  const target: SeedTarget = {
    partnershipId,
    marker,
    leadPersonId: person.id,
    organisationId: organisation.id,
    groupId: group.id,
    districtAreaId: district.id,
    memberUserId: member.id,
  }
  for (const seed of SEEDERS) await seed(t, target)
  return target
}

/** Every row that belongs to a partnership, table by table, to compare before and after. */
export async function snapshotPartnership(t: TestApp, partnershipId: number): Promise<Record<string, unknown[]>> {
  const tables = await sql<{ tableName: string }>`
    select table_name from information_schema.columns
    where table_schema = 'public' and column_name = 'partnership_id' and table_name not in ('audit_events')
    order by table_name`.execute(t.db)
  const snapshot: Record<string, unknown[]> = {}
  for (const { tableName } of tables.rows) {
    const rows = await sql`select * from ${sql.table(tableName)} where partnership_id = ${partnershipId} order by 1`.execute(t.db)
    snapshot[tableName] = rows.rows
  }
  snapshot.partnerships = (await sql`select * from partnerships where id = ${partnershipId}`.execute(t.db)).rows
  snapshot.memberUsers = (
    await sql`select u.* from users u join partnership_roles r on r.user_id = u.id where r.partnership_id = ${partnershipId} order by u.id`.execute(t.db)
  ).rows
  snapshot.auditEventCount = [(await sql`select count(*) as n from audit_events where partnership_id = ${partnershipId}`.execute(t.db)).rows[0]]
  return snapshot
}
