import type { DemoContext } from '../../demo/demo-context.ts'
import { JOINT_2016_PLAN, JOINT_2021_PLAN, ROCHFORD_2011_PLAN } from '../../demo/plan-data.ts'

/**
 * Demo data: the Rochford 2011/12 plan, the joint 2016/17 plan with its quarterly updates, and the joint
 * 2021/22 priorities, from the seeds.
 *
 * Illustrative, not from the seeds: the joint plan "is a statutory three year plan that gets refreshed on an
 * annual basis" (seed 001), so the joint partnership also holds the draft 2017/18 plan that "Refresh for next
 * year" makes from the 2016/17 plan (its priorities, objectives and unfinished actions, without updates), as a
 * coordinator would have it before the partnership meeting agrees it. Drafts are not shown to the public.
 */
export async function loadPlanDemo(demo: DemoContext): Promise<void> {
  const { plans } = demo.services
  await plans.createFromDraft(demo.partnerships['rochford-2011'], ROCHFORD_2011_PLAN.details, ROCHFORD_2011_PLAN.priorities, 'demo data')
  const joint2016 = await plans.createFromDraft(demo.partnerships['joint-2016'], JOINT_2016_PLAN.details, JOINT_2016_PLAN.priorities, 'demo data')
  await plans.refresh(demo.partnerships['joint-2016'], joint2016.plan.id)
  await plans.createFromDraft(demo.partnerships['joint-2016'], JOINT_2021_PLAN.details, JOINT_2021_PLAN.priorities, 'demo data')
}
