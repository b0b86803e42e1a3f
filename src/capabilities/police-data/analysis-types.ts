import type { Month } from '../../core/calendar/index.ts'

import type { AnalysisQuery } from './analysis-query.ts'
import type { AreaFigure, SeasonalPeak, TopTypes, TrendPoint, TypeByMonthTable, YearToDate } from './domain/analyses.ts'

/** What the analyses give for an area and period: the assessment, its hotspots and the comparison of districts. */

export interface Assessment {
  query: AnalysisQuery
  periodLabel: string
  months: Month[]
  missingMonths: Month[]
  table: TypeByMonthTable
  rate: number | null
  top: TopTypes
  topCrime: TopTypes
  yearToDate: YearToDate
  trend12: TrendPoint[]
  trend36: TrendPoint[]
  asb36: TrendPoint[]
  peaks: SeasonalPeak[]
  summary: string[]
  caveats: string[]
}

export interface Hotspots {
  query: AnalysisQuery
  wardsByCount: (AreaFigure & { rank: number | null; district: string })[]
  wardsByRate: (AreaFigure & { rank: number | null; district: string })[]
  lsoas: (AreaFigure & { rank: number | null; ward: string | null; district: string })[]
  wardPopulation: string | null
  caveats: string[]
}

export interface DistrictComparison {
  query: AnalysisQuery
  group: 'force' | 'county'
  groupName: string
  districts: (AreaFigure & { rank: number | null; isChosen: boolean; band: number | null })[]
  populationDescription: string | null
  caveats: string[]
}
