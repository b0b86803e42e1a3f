import type { PartnershipContext } from '../../core/access/partnership-context.ts'
import { FREQUENCY_LABELS, periodEnd } from '../../core/calendar/index.ts'
import type { Db } from '../../db/database.ts'
import { ValidationError } from '../../shared/errors.ts'

import { districtSummary, isSummable, type DistrictColumn } from './domain/district-sum.ts'
import { UNIT_SHORT_LABELS } from './domain/indicator.ts'
import type { IndicatorRecord, IndicatorReport } from './domain/report.ts'
import type { IndicatorInput } from './indicator-forms.ts'
import { indicatorRepository as repo } from './indicator-repository.ts'

/**
 * Joint partnerships: an indicator for each district under one for the whole partnership. A district's
 * indicator is measured as the whole's (same unit, same frequency) and names its district, so that its
 * figures can stand beside the others' and, for counts and money, be summed.
 */
export async function checkDistrictOf(trx: Db, ctx: PartnershipContext, id: number | null, input: Omit<IndicatorInput, 'parentIndicatorId'> & Partial<Pick<IndicatorInput, 'parentIndicatorId'>>): Promise<void> {
  const parentId = input.parentIndicatorId
  if (parentId === null || parentId === undefined) return
  const all = await repo.indicators(trx, ctx.partnership.id)
  const parent = all.find(i => i.id === parentId)
  if (!parent || parent.id === id) throw new ValidationError({ parentIndicatorId: 'Select the whole partnership’s indicator from the list' })
  if (parent.parentIndicatorId) throw new ValidationError({ parentIndicatorId: `“${parent.name}” is itself a district’s indicator: select the whole partnership’s` })
  if (id !== null && all.some(i => i.parentIndicatorId === id)) {
    throw new ValidationError({ parentIndicatorId: 'Districts’ indicators are part of this one, so it is the whole partnership’s and cannot be part of another' })
  }
  if (input.areaId === null) throw new ValidationError({ areaId: 'Select the district this indicator is for' })
  if (parent.unit !== input.unit || parent.frequency !== input.frequency) {
    throw new ValidationError({
      parentIndicatorId: `A district’s indicator is measured as the whole partnership’s: ${UNIT_SHORT_LABELS[parent.unit].toLowerCase()}, ${FREQUENCY_LABELS[parent.frequency].toLowerCase()}`,
    })
  }
}

export interface Districts {
  whole: { id: number; name: string } | null
  districts: { id: number; name: string; areaName: string }[]
  summable: boolean
  baseline: DistrictColumn | null
  latest: DistrictColumn | null
}

/** The districts under a whole partnership's indicator (or, for a district's, the whole it is part of). */
export function districtsOf(indicator: IndicatorRecord, all: IndicatorReport[]): Districts {
  const parent = indicator.parentIndicatorId ? all.find(r => r.indicator.id === indicator.parentIndicatorId)?.indicator : undefined
  const children = all.filter(r => r.indicator.parentIndicatorId === indicator.id)
  const series = children.map(r => ({
    name: r.indicator.areaName ?? r.indicator.name,
    baselines: r.baselines.map(b => ({ year: b.year, label: b.yearLabel, value: b.value })),
    figures: r.actuals.map(a => ({ key: a.key, label: a.label, order: periodEnd(a.period) * 100 + (a.period.cumulative ? 0 : a.period.months), value: a.value })),
  }))
  const summary = districtSummary(indicator.unit, series)
  return {
    whole: parent ? { id: parent.id, name: parent.name } : null,
    districts: children.map(r => ({ id: r.indicator.id, name: r.indicator.name, areaName: r.indicator.areaName ?? r.indicator.name })),
    summable: isSummable(indicator.unit),
    ...summary,
  }
}
