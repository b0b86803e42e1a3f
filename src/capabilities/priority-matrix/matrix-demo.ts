import { addMonths } from '../../core/calendar/index.ts'
import type { DemoContext } from '../../demo/demo-context.ts'

/**
 * Demo data of the priority scoring matrix: the joint partnership's 2022/23 scoring matrix, from the seed
 * report to the Review Committee. The priorities were "identified by a scoring matrix process… alongside the
 * Police District Commander and Community Policing Team Inspector", with the draft priority areas listed
 * below. The report did not publish the scores, so none are entered: the group scores them. The police data
 * period is the latest held, so it runs after the police data's demo.
 */
export async function loadPriorityMatrixDemo(demo: DemoContext): Promise<void> {
  const { services } = demo
  const ctx = demo.partnerships['joint-2016']
  const held = (await services.policeData.status()).months.map(m => m.month).sort()
  const to = held.at(-1) ?? '2022-03'
  const assessment = await services.priorityMatrix.create(ctx, {
    title: 'Scoring matrix 2022/23',
    periodFrom: addMonths(to, -11),
    periodTo: to,
    notes:
      'Completed by the Community Safety Officers of both councils with the Police District Commander and the Community Policing Team Inspector. The draft priority areas it identified were domestic abuse; anti-social behaviour; violence (including knife crime); violence against women and girls; and hate crime. The scores were not published: enter the group’s. (The police data period is the latest held, not 2021/22, which is not held.)',
  })
  // The 2022 report's own candidate that the usual list lacks, and the 2021/22 priority it built on.
  await services.priorityMatrix.addCandidate(ctx, assessment.id, {
    name: 'Violence against women and girls',
    crimeTypes: [],
    notes: 'A draft priority area for 2022/23. Not identifiable in police.uk data: score volume and trend from police or partner figures.',
  })
  await services.priorityMatrix.addCandidate(ctx, assessment.id, {
    name: 'Protecting vulnerable people',
    crimeTypes: [],
    notes: 'A priority area for 2021/22.',
  })
}
