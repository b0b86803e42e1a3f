import { financialYearLabel } from '../../../core/calendar/index.ts'
import type { DocumentSection, TableRow } from '../../../core/documents/model.ts'
import { formatDate } from '../../../shared/format.ts'

import type { DeathReviewFigures } from './figures.ts'
import { STAGE_LABELS, STAGES } from './timescales.ts'

/**
 * The scrutiny report's section on domestic abuse related death reviews: counts only, never a case. Reviews open
 * and by stage at the year's end (or today, for the year under way), the decisions and reports of the year
 * against their statutory timescales, and the action plans' actions complete.
 */
export function deathReviewSection(figures: DeathReviewFigures | null, year: number): DocumentSection {
  const heading = 'Domestic abuse related death reviews'
  if (!figures) return { heading, blocks: [{ kind: 'paragraph', text: `The partnership has no domestic abuse related death review on record for ${financialYearLabel(year)}.` }] }
  const f = figures
  const asAt = formatDate(f.asAt)
  const row = (label: string, value: number | string): TableRow => ({ cells: [label, typeof value === 'number' ? value.toLocaleString('en-GB') : value] })
  const steps = (label: string, t: DeathReviewFigures['decisions']) => [
    row(`${label}: made in the year`, t.done),
    row(`${label}: within the timescale`, t.onTime),
    row(`${label}: late`, t.late),
    row(`${label}: average days taken`, t.averageDays ?? '–'),
    row(`${label}: overdue on ${asAt}`, t.overdueNow),
  ]
  return {
    heading,
    blocks: [
      {
        kind: 'paragraph',
        text: `Under section 9 of the Domestic Violence, Crime and Victims Act 2004 the partnership decides whether to hold a review within one month of being notified of a death, and sends the review’s report to the Home Office for quality assurance within six months of that decision unless a later date is agreed. In ${financialYearLabel(year)} the partnership was notified of ${f.notifiedInYear} ${f.notifiedInYear === 1 ? 'death' : 'deaths'}; on ${asAt} ${f.reviewsOpen} ${f.reviewsOpen === 1 ? 'review was' : 'reviews were'} open and ${f.publishedInYear} ${f.publishedInYear === 1 ? 'was' : 'were'} published in the year.`,
      },
      {
        kind: 'table',
        caption: `Death reviews by stage on ${asAt}`,
        columns: [
          { header: 'Stage', width: 4 },
          { header: 'Reviews', width: 1, numeric: true },
        ],
        rowHeaders: true,
        rows: STAGES.map(stage => row(STAGE_LABELS[stage], f.byStage[stage])),
      },
      {
        kind: 'table',
        caption: `Death reviews against the statutory timescales, ${financialYearLabel(year)}`,
        columns: [
          { header: 'Step', width: 4 },
          { header: 'Number', width: 1, numeric: true },
        ],
        rowHeaders: true,
        rows: [
          ...steps('Decisions (one month from the notification)', f.decisions),
          ...steps('Reports to the Home Office (six months from the decision, or as extended)', f.reports),
          row('Open reviews with an agreed extension', f.reports.extended),
          row('Action plan actions complete', `${f.actions.complete} of ${f.actions.actions}`),
          row(`Action plan actions open past their due date on ${asAt}`, f.actions.overdue),
        ],
      },
      { kind: 'note', title: 'About these figures', paragraphs: ['Counts only: no review is named. A step counts in the year it was taken; the stages and the overdue steps are as they stood on the day given.'] },
    ],
  }
}
