import type { ColumnType, Generated } from 'kysely'

import type { CreatedAt, UpdatedAt } from '../../db/column-types.ts'

/** Row types of the priority scoring matrix tables (created by migration 0300-police-data). */

type JsonColumn<T> = ColumnType<T, string | undefined, string>

export interface PriorityAssessmentsTable {
  id: Generated<number>
  partnershipId: number
  title: string
  periodFrom: string
  periodTo: string
  notes: string | null
  planId: number | null
  createdAt: CreatedAt
  updatedAt: UpdatedAt
}

export interface PriorityCriteriaTable {
  id: Generated<number>
  partnershipId: number
  assessmentId: number
  position: number
  name: string
  description: string | null
  weight: number
  source: 'volume' | 'trend' | 'group'
  createdAt: CreatedAt
  updatedAt: UpdatedAt
}

export interface PriorityCandidatesTable {
  id: Generated<number>
  partnershipId: number
  assessmentId: number
  position: number
  name: string
  crimeTypes: JsonColumn<string[]>
  notes: string | null
  isChosen: Generated<boolean>
  createdAt: CreatedAt
  updatedAt: UpdatedAt
}

export interface PriorityScoresTable {
  partnershipId: number
  candidateId: number
  criterionId: number
  score: number
}

export interface PriorityMatrixTables {
  priorityAssessments: PriorityAssessmentsTable
  priorityCriteria: PriorityCriteriaTable
  priorityCandidates: PriorityCandidatesTable
  priorityScores: PriorityScoresTable
}
