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

  // Plans
  'GET /partnerships/:partnershipId/plans': { rule: 'view_published' },
  'GET /partnerships/:partnershipId/plans/rag-definitions': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/plans/rag-definitions': { rule: 'edit_records', body: { green: 'Done', amber: 'On track', red: 'Stuck' } },
  'GET /partnerships/:partnershipId/plans/import-template.xlsx': { rule: 'view' },
  'GET /partnerships/:partnershipId/plans/import-template.csv': { rule: 'view' },
  'GET /partnerships/:partnershipId/plans/new': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/plans/new': { rule: 'edit_records', body: { title: 'Partnership Plan 2030/31', planYear: '2030' } },
  'GET /partnerships/:partnershipId/plans/:id/edit': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/plans/:id/edit': { rule: 'edit_records', body: { title: 'Renamed Plan 2026/27', planYear: '2026' } },
  'GET /partnerships/:partnershipId/plans/:id/delete': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/plans/:id/delete': { rule: 'edit_records', destructive: true },
  'GET /partnerships/:partnershipId/plans/:planId': { rule: 'view_published' },
  'GET /partnerships/:partnershipId/plans/:planId/status': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/plans/:planId/status': {
    rule: 'edit_records',
    body: { status: 'agreed', 'agreedOn-day': '14', 'agreedOn-month': '3', 'agreedOn-year': '2026', agreedBy: 'Partnership meeting' },
  },
  'GET /partnerships/:partnershipId/plans/:planId/actions': { rule: 'view_published' },
  'GET /partnerships/:partnershipId/plans/:planId/export.xlsx': { rule: 'view' },
  'GET /partnerships/:partnershipId/plans/:planId/export.csv': { rule: 'view' },
  'GET /partnerships/:partnershipId/plans/:planId/import': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/plans/:planId/import': { rule: 'edit_records' },
  'GET /partnerships/:partnershipId/plans/:planId/refresh': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/plans/:planId/refresh': { rule: 'edit_records', body: {} },
  'GET /partnerships/:partnershipId/plans/:planId/priorities/new': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/plans/:planId/priorities/new': { rule: 'edit_records', body: { title: 'Reduce anti-social behaviour' } },
  'GET /partnerships/:partnershipId/plans/:planId/priorities/:id/edit': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/plans/:planId/priorities/:id/edit': { rule: 'edit_records', body: { title: 'Renamed priority', position: '1' } },
  'GET /partnerships/:partnershipId/plans/:planId/priorities/:id/delete': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/plans/:planId/priorities/:id/delete': { rule: 'edit_records', destructive: true },
  'GET /partnerships/:partnershipId/priorities/:priorityId': { rule: 'view_published' },
  'GET /partnerships/:partnershipId/priorities/:priorityId/objectives/new': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/priorities/:priorityId/objectives/new': { rule: 'edit_records', body: { title: 'To raise awareness and encourage reporting' } },
  'GET /partnerships/:partnershipId/priorities/:priorityId/objectives/:id/edit': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/priorities/:priorityId/objectives/:id/edit': { rule: 'edit_records', body: { title: 'Renamed objective' } },
  'GET /partnerships/:partnershipId/priorities/:priorityId/objectives/:id/delete': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/priorities/:priorityId/objectives/:id/delete': { rule: 'edit_records', destructive: true },
  'GET /partnerships/:partnershipId/priorities/:priorityId/risks/new': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/priorities/:priorityId/risks/new': { rule: 'edit_records', body: { risk: 'Schools not engaging' } },
  'GET /partnerships/:partnershipId/priorities/:priorityId/risks/:id/edit': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/priorities/:priorityId/risks/:id/edit': { rule: 'edit_records', body: { risk: 'Renamed risk', mitigation: 'Officer contacts schools' } },
  'GET /partnerships/:partnershipId/priorities/:priorityId/risks/:id/delete': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/priorities/:priorityId/risks/:id/delete': { rule: 'edit_records', destructive: true },
  'GET /partnerships/:partnershipId/priorities/:priorityId/actions/new': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/priorities/:priorityId/actions/new': {
    rule: 'edit_records',
    body: { title: 'Re-introduce the J9 scheme', status: 'open', quarters: ['1', '2'], leadOrganisationIds: ['{id}'], leadPersonIds: ['{id}'] },
  },
  'GET /partnerships/:partnershipId/priorities/:priorityId/actions/:id/edit': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/priorities/:priorityId/actions/:id/edit': {
    rule: 'edit_records',
    body: { title: 'Renamed action', status: 'open', objectiveId: '{id}', quarters: ['1', '2', '3', '4'], leadOrganisationIds: ['{id}'], leadPersonIds: ['{id}'] },
  },
  'GET /partnerships/:partnershipId/priorities/:priorityId/actions/:id/delete': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/priorities/:priorityId/actions/:id/delete': { rule: 'edit_records', destructive: true },
  'GET /partnerships/:partnershipId/actions/:actionId': { rule: 'view_published' },
  'GET /partnerships/:partnershipId/actions/:actionId/updates/new': { rule: 'post_own_updates' },
  'POST /partnerships/:partnershipId/actions/:actionId/updates/new': { rule: 'post_own_updates', body: { quarter: '3', rag: 'amber', body: 'Training sessions booked for October' } },
  'GET /partnerships/:partnershipId/actions/:actionId/updates/:updateId/edit': { rule: 'post_own_updates' },
  'POST /partnerships/:partnershipId/actions/:actionId/updates/:updateId/edit': { rule: 'post_own_updates', body: { quarter: '1', rag: 'green', body: 'Campaign promoted via social media' } },
  'GET /partnerships/:partnershipId/actions/:actionId/updates/:updateId/delete': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/actions/:actionId/updates/:updateId/delete': { rule: 'edit_records', destructive: true },
  'GET /partnerships/:partnershipId/my-actions': { rule: 'post_own_updates' },

  // API
  'GET /api/v1/openapi.json': { rule: 'anyone' },
  'GET /api/v1/docs': { rule: 'anyone' },
  'GET /api/v1/partnerships': { rule: 'anyone' },
  'GET /api/v1/partnerships/:partnershipId': { rule: 'view_published' },
  'GET /api/v1/partnerships/:partnershipId/plans': { rule: 'view_published' },
  'GET /api/v1/partnerships/:partnershipId/plans/:planId': { rule: 'view_published' },
}
