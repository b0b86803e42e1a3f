import type { DemoContext } from '../../demo/index.ts'
import { JOINT_2016_PLAN, JOINT_2021_PLAN, ROCHFORD_2011_PLAN } from '../../demo/plan-data.ts'

/** Demo data: the Rochford 2011/12 plan, the joint 2016/17 plan with its quarterly updates, and the joint 2021/22 priorities. */
export async function loadPlanDemo(demo: DemoContext): Promise<void> {
  const { plans } = demo.services
  for (const [key, plan] of [
    ['rochford-2011', ROCHFORD_2011_PLAN],
    ['joint-2016', JOINT_2016_PLAN],
    ['joint-2016', JOINT_2021_PLAN],
  ] as const) {
    await plans.createFromDraft(demo.partnerships[key], plan.details, plan.priorities, 'demo data')
  }
}
