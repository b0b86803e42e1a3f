import type { Generated } from 'kysely'

import type { CreatedAt, UpdatedAt } from '../../db/column-types.ts'

/** Row types of a partnership and its structure (migration 0001-foundation). */

export interface PartnershipsTable {
  id: Generated<number>
  name: string
  shortName: string | null
  vision: string | null
  description: string | null
  isPublished: Generated<boolean>
  createdAt: CreatedAt
  updatedAt: UpdatedAt
}

export interface AreasTable {
  id: Generated<number>
  partnershipId: number
  parentId: number | null
  type: string
  name: string
  code: string | null
  description: string | null
  createdAt: CreatedAt
  updatedAt: UpdatedAt
}

export interface OrganisationsTable {
  id: Generated<number>
  partnershipId: number
  name: string
  shortName: string | null
  kind: string
  authorityType: string | null
  website: string | null
  notes: string | null
  createdAt: CreatedAt
  updatedAt: UpdatedAt
}

export interface GroupsTable {
  id: Generated<number>
  partnershipId: number
  name: string
  shortName: string | null
  type: string
  purpose: string | null
  meetingCadence: string | null
  reportsToGroupId: number | null
  notes: string | null
  createdAt: CreatedAt
  updatedAt: UpdatedAt
}

export interface PeopleTable {
  id: Generated<number>
  partnershipId: number
  name: string
  jobTitle: string | null
  organisationId: number | null
  email: string | null
  userId: number | null
  createdAt: CreatedAt
  updatedAt: UpdatedAt
}

export interface MembershipsTable {
  id: Generated<number>
  partnershipId: number
  groupId: number
  personId: number
  role: string
  createdAt: CreatedAt
  updatedAt: UpdatedAt
}

export interface PartnershipTables {
  partnerships: PartnershipsTable
  areas: AreasTable
  organisations: OrganisationsTable
  groups: GroupsTable
  people: PeopleTable
  memberships: MembershipsTable
}
