import type { Permission } from '../../src/capabilities/accounts/domain/roles.ts'

/**
 * Who may use each route: the role matrix (role-matrix.test.ts) fails when the app has a route that is
 * not listed here, so every new route must say who may use it.
 *
 * rule:
 *  - a Permission: under /partnerships/:partnershipId, the roles whose access grants it
 *    ('post_own_updates' = a lead of the seeded record, or above)
 *  - 'anyone': no sign-in needed (sign-in page, public pages)
 *  - 'signed_in': any signed-in user, about their own account
 *  - 'site_admin': site administrators only
 *  - 'token': the route is reached by a one-time secret in the URL
 * body: a valid submission for a POST, so the check exercises the real save path, not just validation.
 *       '{id}' stands for the seeded records' id (all the same, see seed-everything.ts) and '{id+1}' for the
 *       second record of a kind where the seeder makes two.
 * destructive: deletes what other checks need; the matrix checks only that the wrong roles are refused.
 * redirects: a GET that answers with a redirect when allowed (e.g. a download moved elsewhere).
 */
export interface RouteRule {
  rule: Permission | 'anyone' | 'signed_in' | 'site_admin' | 'token'
  body?: Record<string, string | string[]>
  destructive?: boolean
  redirects?: boolean
}

export const ROUTE_RULES: Record<string, RouteRule> = {
  // Accounts
  'GET /healthz': { rule: 'anyone' },
  'GET /sign-in': { rule: 'anyone' },
  'POST /sign-in': { rule: 'anyone' },
  'POST /sign-out': { rule: 'anyone' },
  'GET /signed-out': { rule: 'anyone' },
  'GET /forgot-password': { rule: 'anyone' },
  'POST /forgot-password': { rule: 'anyone' },
  'GET /reset-password/:token': { rule: 'token' },
  'POST /reset-password/:token': { rule: 'token' },
  'GET /account': { rule: 'signed_in' },
  'GET /account/password': { rule: 'signed_in' },
  'POST /account/password': { rule: 'signed_in' },
  'GET /account/api-tokens/new': { rule: 'signed_in' },
  'POST /account/api-tokens/new': { rule: 'signed_in' },
  'POST /account/api-tokens/:id/revoke': { rule: 'signed_in' },
  'GET /': { rule: 'anyone' },
  'GET /accessibility': { rule: 'anyone' },
  'GET /about-the-data': { rule: 'anyone' },
  'GET /audit': { rule: 'site_admin' },

  // Partnerships and their structure
  'GET /partnerships/new': { rule: 'site_admin' },
  'POST /partnerships/new': { rule: 'site_admin' },
  'GET /partnerships/:partnershipId': { rule: 'view_published' },
  'GET /partnerships/:partnershipId/edit': { rule: 'manage_partnership' },
  'POST /partnerships/:partnershipId/edit': { rule: 'manage_partnership', body: { name: 'Renamed Partnership', vision: 'Safer', isPublished: 'yes' } },
  'GET /partnerships/:partnershipId/delete': { rule: 'site_admin' },
  'POST /partnerships/:partnershipId/delete': { rule: 'site_admin', destructive: true },
  'GET /partnerships/:partnershipId/areas/new': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/areas/new': { rule: 'edit_records', body: { name: 'New Ward', type: 'ward', parentId: '' } },
  'GET /partnerships/:partnershipId/areas/:id/edit': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/areas/:id/edit': { rule: 'edit_records', body: { name: 'Renamed District', type: 'district', parentId: '' } },
  'GET /partnerships/:partnershipId/areas/:id/delete': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/areas/:id/delete': { rule: 'edit_records', destructive: true },
  'GET /partnerships/:partnershipId/organisations/new': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/organisations/new': { rule: 'edit_records', body: { name: 'New Organisation', kind: 'community_partner' } },
  'GET /partnerships/:partnershipId/organisations/:id/edit': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/organisations/:id/edit': {
    rule: 'edit_records',
    body: { name: 'Renamed Police', kind: 'responsible_authority', authorityType: 'police' },
  },
  'GET /partnerships/:partnershipId/organisations/:id/delete': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/organisations/:id/delete': { rule: 'edit_records', destructive: true },
  'GET /partnerships/:partnershipId/groups/new': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/groups/new': { rule: 'edit_records', body: { name: 'New Group', type: 'sub_group' } },
  'GET /partnerships/:partnershipId/groups/:id/edit': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/groups/:id/edit': { rule: 'edit_records', body: { name: 'Renamed Steering Group', type: 'steering_group' } },
  'GET /partnerships/:partnershipId/groups/:id/delete': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/groups/:id/delete': { rule: 'edit_records', destructive: true },
  'GET /partnerships/:partnershipId/groups/:id': { rule: 'view_published' },
  'GET /partnerships/:partnershipId/groups/:groupId/members/new': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/groups/:groupId/members/new': { rule: 'edit_records', body: { personId: '{id+1}', role: 'member' } },
  'GET /partnerships/:partnershipId/groups/:groupId/members/:id/edit': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/groups/:groupId/members/:id/edit': { rule: 'edit_records', body: { personId: '{id}', role: 'vice_chair' } },
  'GET /partnerships/:partnershipId/groups/:groupId/members/:id/delete': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/groups/:groupId/members/:id/delete': { rule: 'edit_records', destructive: true },
  'GET /partnerships/:partnershipId/people/new': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/people/new': { rule: 'edit_records', body: { name: 'Youth Worker' } },
  'GET /partnerships/:partnershipId/people/:id/edit': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/people/:id/edit': { rule: 'edit_records', body: { name: 'Renamed Officer', organisationId: '{id}' } },
  'GET /partnerships/:partnershipId/people/:id/delete': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/people/:id/delete': { rule: 'edit_records', destructive: true },
  'GET /partnerships/:partnershipId/people/:id': { rule: 'view' },
  'GET /partnerships/:partnershipId/team': { rule: 'manage_partnership' },
  'GET /partnerships/:partnershipId/team/new': { rule: 'manage_partnership' },
  'POST /partnerships/:partnershipId/team/new': { rule: 'manage_partnership', body: { email: 'new.member@example.org', name: 'New Member', role: 'member' } },
  'GET /partnerships/:partnershipId/team/:userId/edit': { rule: 'manage_partnership' },
  'POST /partnerships/:partnershipId/team/:userId/edit': { rule: 'manage_partnership', body: { role: 'member' } },
  'GET /partnerships/:partnershipId/team/:userId/remove': { rule: 'manage_partnership' },
  'POST /partnerships/:partnershipId/team/:userId/remove': { rule: 'manage_partnership', destructive: true },

  // Audit
  'GET /partnerships/:partnershipId/audit': { rule: 'view_audit' },

  // Police data: strategic assessment analyses (open data: whoever may see the partnership)
  'GET /partnerships/:partnershipId/strategic-assessment': { rule: 'view_published' },
  'GET /partnerships/:partnershipId/strategic-assessment/crime-types': { rule: 'view_published' },
  'GET /partnerships/:partnershipId/strategic-assessment/trends': { rule: 'view_published' },
  'GET /partnerships/:partnershipId/strategic-assessment/hotspots': { rule: 'view_published' },
  'GET /partnerships/:partnershipId/strategic-assessment/map': { rule: 'view_published' },
  'GET /partnerships/:partnershipId/strategic-assessment/map.geojson': { rule: 'view_published' },
  'GET /partnerships/:partnershipId/strategic-assessment/districts': { rule: 'view_published' },
  'GET /partnerships/:partnershipId/strategic-assessment/download.csv': { rule: 'view_published' },
  'GET /partnerships/:partnershipId/strategic-assessment/download.xlsx': { rule: 'view_published' },
  // Police data: priority scoring matrix (the partnership's own deliberation)
  'GET /partnerships/:partnershipId/strategic-assessment/priorities': { rule: 'view' },
  'GET /partnerships/:partnershipId/strategic-assessment/priorities/new': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/strategic-assessment/priorities/new': { rule: 'edit_records', body: { title: 'Scoring matrix 2026/27', periodFrom: '2025-01', periodTo: '2025-09' } },
  'GET /partnerships/:partnershipId/strategic-assessment/priorities/:id': { rule: 'view' },
  'GET /partnerships/:partnershipId/strategic-assessment/priorities/:id/scores': { rule: 'edit_records' },
  // Field names carry record ids (score-<issue>-<criterion>, name-<criterion>): 500 is ALPHA's seeded id.
  'POST /partnerships/:partnershipId/strategic-assessment/priorities/:id/scores': { rule: 'edit_records', body: { 'score-500-500': '5' } },
  'GET /partnerships/:partnershipId/strategic-assessment/priorities/:id/criteria': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/strategic-assessment/priorities/:id/criteria': { rule: 'edit_records', body: { 'name-500': 'Harm', 'weight-500': '4' } },
  'GET /partnerships/:partnershipId/strategic-assessment/priorities/:id/candidates/new': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/strategic-assessment/priorities/:id/candidates/new': { rule: 'edit_records', body: { name: 'Hate crime', notes: 'From partner data' } },
  'GET /partnerships/:partnershipId/strategic-assessment/priorities/:id/candidates/:candidateId/delete': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/strategic-assessment/priorities/:id/candidates/:candidateId/delete': { rule: 'edit_records', destructive: true },
  'GET /partnerships/:partnershipId/strategic-assessment/priorities/:id/plan': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/strategic-assessment/priorities/:id/plan': {
    rule: 'edit_records',
    body: { candidateIds: '{id}', title: 'Partnership plan 2026/27', planYear: '2026', periodEndYear: '2028' },
  },
  'GET /partnerships/:partnershipId/strategic-assessment/priorities/:id/delete': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/strategic-assessment/priorities/:id/delete': { rule: 'edit_records', destructive: true },
  // Police data: uploads (a multipart form; the matrix sends none, so an allowed role gets the form back)
  'GET /partnerships/:partnershipId/police-data/imports': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/police-data/imports': { rule: 'edit_records' },
  'GET /partnerships/:partnershipId/police-data/imports/:id': { rule: 'edit_records' },
  'GET /partnerships/:partnershipId/police-data/imports/:id/skipped.csv': { rule: 'edit_records' },

  // API
  'GET /api/v1/openapi.json': { rule: 'anyone' },
  'GET /api/v1/docs': { rule: 'anyone' },
  'GET /api/v1/partnerships': { rule: 'anyone' },
  'GET /api/v1/partnerships/:partnershipId': { rule: 'view_published' },
  'GET /api/v1/police-data/months': { rule: 'anyone' },
  'GET /api/v1/partnerships/:partnershipId/strategic-assessment': { rule: 'view_published' },
  'GET /api/v1/partnerships/:partnershipId/strategic-assessment/crime-types': { rule: 'view_published' },
  'GET /api/v1/partnerships/:partnershipId/strategic-assessment/trends': { rule: 'view_published' },
  'GET /api/v1/partnerships/:partnershipId/strategic-assessment/hotspots': { rule: 'view_published' },
  'GET /api/v1/partnerships/:partnershipId/strategic-assessment/districts': { rule: 'view_published' },
  'GET /api/v1/partnerships/:partnershipId/strategic-assessment/document': { rule: 'view_published' },
  'GET /api/v1/partnerships/:partnershipId/strategic-assessment/priorities': { rule: 'view' },
  'GET /api/v1/partnerships/:partnershipId/strategic-assessment/priorities/:id': { rule: 'view' },
}
