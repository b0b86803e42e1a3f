import { financialYearDates, financialYearLabel, type IsoDate } from '../../../core/calendar/index.ts'
import type { DocumentSection } from '../../../core/documents/model.ts'
import { formatDate } from '../../../shared/format.ts'

import type { YearFigures } from './case-reviews.ts'

/** The scrutiny report's section on ASB case reviews: the four figures the law asks the partnership to publish. */
export function caseReviewSection(figures: YearFigures & { threshold: string }, today: IsoDate): DocumentSection {
  const { last } = financialYearDates(figures.year)
  const partial = today < last
  return {
    heading: 'ASB case reviews (the community trigger)',
    blocks: [
      {
        kind: 'paragraph',
        text: `Someone who has complained about anti-social behaviour may ask for a case review. An application meets the partnership’s threshold with ${figures.threshold}. ${partial ? `The year is not over: these are the figures to ${formatDate(today)}.` : ''}`.trim(),
      },
      {
        kind: 'table',
        caption: `ASB case reviews ${financialYearLabel(figures.year)}`,
        columns: [
          { header: 'Measure', width: 4 },
          { header: 'Number', width: 1, numeric: true },
        ],
        rowHeaders: true,
        rows: [
          { cells: ['Applications for a case review received', figures.received] },
          { cells: ['Applications that did not meet the threshold', figures.notMeetingThreshold] },
          { cells: ['Case reviews carried out', figures.reviewsCarriedOut] },
          { cells: ['Case reviews that resulted in recommendations', figures.withRecommendations] },
        ],
      },
    ],
  }
}
