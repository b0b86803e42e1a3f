import type { ColumnType, Generated } from 'kysely'

import type { CreatedAt, Json, UpdatedAt } from '../../db/column-types.ts'

/** Row types of the plan tables (migrations 0100-plans, 0980-plan-shapes, 0982-plan-sheet-imports). */

type JsonArray<T> = ColumnType<T[], string | undefined, string>

export interface PlansTable {
  id: Generated<number>
  partnershipId: number
  title: string
  /** The financial year this plan (or annual refresh) runs for: 2016 means April 2016 – March 2017. */
  planYear: number
  /** The three-year plan this annual refresh belongs to, as first and last plan years (optional). */
  periodStartYear: number | null
  periodEndYear: number | null
  vision: string | null
  status: Generated<'draft' | 'agreed' | 'archived'>
  /** 'YYYY-MM-DD' */
  agreedOn: string | null
  agreedBy: string | null
  versionLabel: string | null
  refreshedFromPlanId: number | null
  createdAt: CreatedAt
  updatedAt: UpdatedAt
}

/** A strategic objective above the priorities (optional): a plan may put its local priorities under a few. */
export interface StrategicObjectivesTable {
  id: Generated<number>
  partnershipId: number
  planId: number
  position: number
  title: string
  /** How the objective is pursued, for one with no local priority of its own. */
  description: string | null
  createdAt: CreatedAt
  updatedAt: UpdatedAt
}

export interface PrioritiesTable {
  id: Generated<number>
  partnershipId: number
  planId: number
  /** The strategic objective the priority sits under, when the plan has them. */
  strategicObjectiveId: Generated<number | null>
  position: number
  title: string
  subThemes: JsonArray<string>
  headlineTarget: string | null
  deliveringGroupId: number | null
  resources: string | null
  progressComment: string | null
  createdAt: CreatedAt
  updatedAt: UpdatedAt
}

export interface PriorityRisksTable {
  id: Generated<number>
  partnershipId: number
  priorityId: number
  position: number
  risk: string
  mitigation: string | null
  createdAt: CreatedAt
  updatedAt: UpdatedAt
}

export interface ObjectivesTable {
  id: Generated<number>
  partnershipId: number
  priorityId: number
  position: number
  title: string
  createdAt: CreatedAt
  updatedAt: UpdatedAt
}

export interface ActionsTable {
  id: Generated<number>
  partnershipId: number
  priorityId: number
  objectiveId: number | null
  position: number
  title: string
  outcomes: JsonArray<string>
  leadNote: string | null
  /** Quarters of the plan year in which the action is due: [1, 2, 3, 4] for "Q1–4". */
  quarters: JsonArray<number>
  dueDate: string | null
  timescaleNote: string | null
  dependencies: string | null
  status: Generated<'open' | 'complete' | 'cancelled'>
  /** The district of a joint partnership the action is for; null for the whole partnership. */
  districtAreaId: Generated<number | null>
  createdAt: CreatedAt
  updatedAt: UpdatedAt
}

export interface ActionLeadOrganisationsTable {
  partnershipId: number
  actionId: number
  organisationId: number
  role: Generated<'lead' | 'supporting'>
  position: Generated<number>
}

export interface ActionLeadPeopleTable {
  partnershipId: number
  actionId: number
  personId: number
  position: Generated<number>
}

export interface ActionUpdatesTable {
  id: Generated<number>
  partnershipId: number
  actionId: number
  quarter: number
  body: string
  /** Null only where a document moved in gave no RAG; the update form always asks for one. */
  rag: 'red' | 'amber' | 'green' | null
  /** The RAG of each further dimension the partnership assesses, by dimension id. */
  otherRags: ColumnType<Record<string, 'red' | 'amber' | 'green'>, string | undefined, string>
  authorUserId: number | null
  authorLabel: string
  createdAt: CreatedAt
  updatedAt: UpdatedAt
}

/** A dimension the partnership assesses its actions on ("Milestone progress", "Outcome"), in order; the first is the headline. */
export interface RagDimensionsTable {
  id: Generated<number>
  partnershipId: number
  position: number
  name: string
  description: string | null
  createdAt: CreatedAt
  updatedAt: UpdatedAt
}

/** The column the plans migration adds to the partnerships table. */
export interface PlanPartnershipColumns {
  /** The partnership's own wording of the RAG definitions, if it rewords them. */
  ragDefinitions: Json<Record<string, string> | null> | null
}

export interface PlanTables {
  plans: PlansTable
  strategicObjectives: StrategicObjectivesTable
  priorities: PrioritiesTable
  priorityRisks: PriorityRisksTable
  objectives: ObjectivesTable
  actions: ActionsTable
  actionLeadOrganisations: ActionLeadOrganisationsTable
  actionLeadPeople: ActionLeadPeopleTable
  actionUpdates: ActionUpdatesTable
  ragDimensions: RagDimensionsTable
}

