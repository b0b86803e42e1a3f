/** Row types of the people's data capability (migration 0820-personal-data). */

export interface PrivacyNoticesTable {
  partnershipId: number
  body: string
  contact: string | null
  updatedAt: Date
  updatedByLabel: string
}

export interface PeopleTables {
  privacyNotices: PrivacyNoticesTable
}
