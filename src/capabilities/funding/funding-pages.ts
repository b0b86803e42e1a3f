import type { Request } from 'express'

import { NotFoundError } from '../../shared/errors.ts'

import { parseFinancialYearParam } from '../../core/calendar/index.ts'
import {
  ALLOCATION_KIND_LABELS,
  ALLOCATION_KINDS,
  BID_STATUS_LABELS,
  BID_STATUSES,
  NATURE_LABELS,
  NATURES,
  SPEND_STATUS_LABELS,
  SPEND_STATUSES,
  STATUS_LABELS,
  STREAM_STATUSES,
} from './domain/funding.ts'
import { EVALUATION_STATE_LABELS } from './domain/projects.ts'

/** Words and helpers the funding pages share. */

const options = <T extends string>(values: readonly T[], labels: Record<T, string>) => values.map(value => ({ value, text: labels[value] }))

export const labels = {
  streamStatuses: options(STREAM_STATUSES, STATUS_LABELS),
  natures: options(NATURES, NATURE_LABELS),
  whose: [
    { value: 'own', text: 'The partnership’s own money', hint: { text: 'Counted as money available to the partnership' } },
    { value: 'others', text: 'Money the partnership administers for others', hint: { text: 'For example a grant it passes on to local projects, or a fund others bid into. Shown apart, with its own totals, and not counted as available.' } },
  ],
  bidStatuses: options(BID_STATUSES, BID_STATUS_LABELS),
  spendStatuses: options(SPEND_STATUSES, SPEND_STATUS_LABELS),
  allocationKinds: options(ALLOCATION_KINDS, ALLOCATION_KIND_LABELS),
  evaluationStates: EVALUATION_STATE_LABELS,
}

export const text = (value: unknown) => (value === null || value === undefined ? '' : String(value))

/** The financial year in the address ("2021-22" or "2021"), or a 404. */
export function yearOf(req: Request): number {
  const year = parseFinancialYearParam(String(req.params.year ?? ''))
  if (year === null) throw new NotFoundError('Funding year')
  return year
}
