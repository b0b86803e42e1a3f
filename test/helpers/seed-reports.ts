import type { SeedTarget } from './seed-everything.ts'
import type { TestApp } from './test-app.ts'

/**
 * The reports seeder of the role matrix: one report (a quarterly plan update) of the partnership. It is
 * written from a plan, so it uses the partnership's first plan (the plans seeder makes one) and makes a
 * small plan itself only when there is none: a priority, an objective, an action led by the lead person
 * with an update.
 */
export async function seedReports(t: TestApp, target: SeedTarget): Promise<void> {
  const { partnershipId, marker } = target
  let plan = await t.db.selectFrom('plans').select('id').where('partnershipId', '=', partnershipId).orderBy('id').executeTakeFirst()
  if (!plan) {
    plan = await t.db
      .insertInto('plans')
      .values({ partnershipId, title: `${marker} Plan`, planYear: 2016, periodStartYear: 2016, periodEndYear: 2018 })
      .returning('id')
      .executeTakeFirstOrThrow()
    const priority = await t.db
      .insertInto('priorities')
      .values({ partnershipId, planId: plan.id, position: 1, title: `${marker} Priority`, subThemes: JSON.stringify([`${marker} theme`]) })
      .returning('id')
      .executeTakeFirstOrThrow()
    const objective = await t.db
      .insertInto('objectives')
      .values({ partnershipId, priorityId: priority.id, position: 1, title: `${marker} Objective` })
      .returning('id')
      .executeTakeFirstOrThrow()
    const action = await t.db
      .insertInto('actions')
      .values({ partnershipId, priorityId: priority.id, objectiveId: objective.id, position: 1, title: `${marker} Action`, outcomes: JSON.stringify([`${marker} outcome`]), quarters: JSON.stringify([1, 2]) })
      .returning('id')
      .executeTakeFirstOrThrow()
    await t.db.insertInto('actionLeadOrganisations').values({ partnershipId, actionId: action.id, organisationId: target.organisationId }).execute()
    await t.db.insertInto('actionLeadPeople').values({ partnershipId, actionId: action.id, personId: target.leadPersonId }).execute()
    await t.db.insertInto('actionUpdates').values({ partnershipId, actionId: action.id, quarter: 1, body: `${marker} update`, rag: 'amber', authorLabel: `${marker} Officer` }).execute()
  }
  await t.db
    .insertInto('reports')
    .values({
      partnershipId,
      kind: 'quarterly_plan_update',
      title: `${marker} Quarter Update`,
      planId: plan.id,
      year: 2016,
      quarter: 1,
      narrative: JSON.stringify({ introduction: `${marker} introduction`, summary: `${marker} summary` }),
    })
    .execute()
}
