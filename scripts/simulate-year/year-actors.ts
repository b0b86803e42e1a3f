import type { PartnershipContext } from '../../src/core/access/partnership-context.ts'
import type { Quarter } from '../../src/core/calendar/index.ts'

import type { YearServices } from './year-app.ts'

/**
 * What the people of the partnership do during the simulated year: leads post their quarterly updates,
 * the coordinator records duties done on the statutory calendar.
 */

export interface PostedUpdate {
  actionId: number
  quarter: Quarter
  when: 'early' | 'late' | 'rest'
  at: Date
}

interface Missing {
  actionId: number
  /** The addresses of the action's leads (their own, or their account's). */
  leadEmails: string[]
  /** The action's place among the plan's actions, by id: which third of the leads it belongs to. */
  index: number
}

/** The open actions of the plan year whose update for `quarter` the plan shows missing on `day`. */
export async function planState(
  app: YearServices,
  ctx: PartnershipContext,
  planYear: number,
  quarter: Quarter,
  day: string,
): Promise<Missing[]> {
  const plan = (await app.services.plans.list(ctx)).find(p => p.planYear === planYear && p.status === 'agreed')
  if (!plan) throw new Error(`No agreed plan for ${planYear}`)
  const view = await app.services.plans.planView(ctx, plan.id, day)
  const actions = view.priorities.flatMap(priority => priority.actions).sort((a, b) => a.id - b.id)
  const db = app.deps.database.db
  const missing: Missing[] = []
  for (const [index, action] of actions.entries()) {
    const state = action.state
    if ((state.kind !== 'due' && state.kind !== 'overdue') || state.quarter !== quarter) continue
    const ids = action.leadPeople.map(p => p.id)
    const people = ids.length
      ? await db
          .selectFrom('people')
          .leftJoin('users', 'users.id', 'people.userId')
          .select(['people.email', 'users.email as accountEmail'])
          .where('people.id', 'in', ids)
          .execute()
      : []
    missing.push({
      actionId: action.id,
      index,
      leadEmails: people.map(p => (p.email ?? p.accountEmail ?? '').toLowerCase()).filter(Boolean),
    })
  }
  return missing
}

/**
 * Leads post their update for the quarter: 'early' (a third, three weeks before it ends), 'late' (another
 * third, just after it ended), 'rest' (everyone still missing it, after the escalation).
 */
export async function leadsPost(
  app: YearServices,
  ctx: PartnershipContext,
  planYear: number,
  quarter: Quarter,
  when: PostedUpdate['when'],
  at: Date,
): Promise<PostedUpdate[]> {
  const day = at.toISOString().slice(0, 10)
  const dimensions = (await app.services.plans.ragDimensions(ctx)).slice(1)
  const posted: PostedUpdate[] = []
  for (const action of await planState(app, ctx, planYear, quarter, day)) {
    if (when === 'early' && action.index % 3 !== 0) continue
    if (when === 'late' && action.index % 3 !== 1) continue
    await app.services.plans.postUpdate(ctx, action.actionId, {
      quarter,
      rag: 'green',
      body: `Q${quarter}: delivered as planned (posted ${when}).`,
      markComplete: false,
      otherRags: Object.fromEntries(dimensions.map(d => [String(d.id), 'green'])),
    })
    posted.push({ actionId: action.actionId, quarter, when, at })
  }
  return posted
}

/** The coordinator records a rule duty of the calendar done on a day. */
export async function markDuty(
  app: YearServices,
  coordinator: () => Promise<PartnershipContext>,
  duty: string,
  period: string,
  doneOn: string,
): Promise<void> {
  const ctx = await coordinator()
  const blank = await app.services.calendar.blankDate(ctx, duty, period)
  await app.services.calendar.addDate(ctx, {
    duty,
    period,
    title: blank.title,
    dueOn: blank.dueOn,
    doneOn,
    notes: null,
  })
}
