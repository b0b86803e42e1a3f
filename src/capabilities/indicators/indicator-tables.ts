import type { Generated } from 'kysely'

import type { Frequency } from '../../core/calendar/index.ts'
import type { CreatedAt, Json, UpdatedAt } from '../../db/column-types.ts'

import type { PoliceDataDefinition, Polarity, SourceKind, Unit } from './domain/indicator.ts'
import type { TargetKind } from './domain/performance.ts'
import type { NoChangeRag } from './domain/rag-rules.ts'

/** Row types of the indicator tables (migration 0200-indicators). Years are financial years by their first year: 2011 is 2011/12. */

export interface IndicatorsTable {
  id: Generated<number>
  partnershipId: number
  priorityId: number | null
  position: Generated<number>
  name: string
  definition: string | null
  source: string | null
  unit: Unit
  polarity: Polarity
  frequency: Frequency
  /** What is counted, in the plural: "offences", "incidents". */
  countedAs: Generated<string>
  areaId: number | null
  /** Population (or households) for rates per 1,000. */
  denominator: number | null
  denominatorNote: string | null
  /** What a rate per 1,000 or per 100,000 is per: "households" (migration 1000). */
  rateOf: Generated<string | null>
  sourceKind: Generated<SourceKind>
  policeDefinition: Json<PoliceDataDefinition> | null
  notes: string | null
  /** The whole partnership's indicator a district's indicator is part of (migration 1012). */
  parentIndicatorId: Generated<number | null>
  createdAt: CreatedAt
  updatedAt: UpdatedAt
}

export interface IndicatorBaselinesTable {
  id: Generated<number>
  partnershipId: number
  indicatorId: number
  year: number
  value: number
  note: string | null
  /** "Local", "National" (migration 1000). */
  label: Generated<string | null>
  /** The baseline RAG is judged against when a target names none. */
  judged: Generated<boolean>
  /** For a rate: the count and denominator it was worked out from. */
  count: Generated<number | null>
  denominator: Generated<number | null>
  createdAt: CreatedAt
  updatedAt: UpdatedAt
}

export interface IndicatorTargetsTable {
  id: Generated<number>
  partnershipId: number
  indicatorId: number
  year: number
  kind: TargetKind
  changePercent: number | null
  absoluteValue: number | null
  /** Signed percentage points, for a 'point_change' target (migration 0960). */
  changePoints: Generated<number | null>
  /** The percentage applies once for each year since the baseline. */
  perYear: Generated<boolean>
  /** The figure the plan printed for the target, kept beside the one its rule gives. */
  printedValue: Generated<number | null>
  baselineId: number | null
  statement: string | null
  createdAt: CreatedAt
  updatedAt: UpdatedAt
}

export interface IndicatorActualsTable {
  id: Generated<number>
  partnershipId: number
  indicatorId: number
  /** 'YYYY-MM-01' */
  periodStart: string
  /** 1, 3 or 12; for a part-year figure, 1 to 11 months from April. */
  periodMonths: number
  /** A part-year figure counted together from April (migration 1011). */
  cumulative: Generated<boolean>
  value: number
  note: string | null
  /** For a rate: the count and denominator it was worked out from (migration 1000). */
  count: Generated<number | null>
  denominator: Generated<number | null>
  createdAt: CreatedAt
  updatedAt: UpdatedAt
}

export interface IndicatorComparatorsTable {
  id: Generated<number>
  partnershipId: number
  indicatorId: number
  year: number
  /** The set of areas ranked together: "Essex CSPs", "Most similar group". */
  groupName: string
  areaName: string
  value: number
  denominator: number | null
  createdAt: CreatedAt
  updatedAt: UpdatedAt
}

export interface IndicatorTables {
  indicators: IndicatorsTable
  indicatorBaselines: IndicatorBaselinesTable
  indicatorTargets: IndicatorTargetsTable
  indicatorActuals: IndicatorActualsTable
  indicatorComparators: IndicatorComparatorsTable
}

export interface IndicatorPartnershipColumns {
  /** How far (in % of the baseline) an indicator may worsen and still be Amber rather than Red. */
  ragTolerancePercent: Generated<number>
  /** What no change from the baseline counts as (migration 1010). */
  ragNoChange: Generated<NoChangeRag>
  /** A move of no more than this % of the baseline either way counts as no change. */
  ragNoChangeBandPercent: Generated<number>
}
