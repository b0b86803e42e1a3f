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

  // Funding. The seeded funding year's start year is the id base, so ':year' = '{id}'; a spend date must
  // fall within that year, hence the '0{id}' year (0500 for ALPHA).
  'GET /partnerships/:partnershipId/funding': { rule: 'view_published' },
  'GET /partnerships/:partnershipId/funding/years/new': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/funding/years/new': { rule: 'edit_records', body: { startYear: '2030/31', notes: 'Grant to be confirmed' } },
  'GET /partnerships/:partnershipId/funding/projects': { rule: 'view' },
  'GET /partnerships/:partnershipId/funding/projects/new': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/funding/projects/new': {
    rule: 'edit_records',
    body: { name: 'Crucial Crew', leadOrganisationId: '{id}', 'startDate-day': '1', 'startDate-month': '6', 'startDate-year': '2021', evaluationDueWeeks: '8' },
  },
  'GET /partnerships/:partnershipId/funding/projects/:id/edit': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/funding/projects/:id/edit': { rule: 'edit_records', body: { name: 'Walk Online (renamed)', leadOrganisationId: '{id}', evaluationDueWeeks: '12' } },
  'GET /partnerships/:partnershipId/funding/projects/:id/delete': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/funding/projects/:id/delete': { rule: 'edit_records', destructive: true },
  'GET /partnerships/:partnershipId/funding/projects/:id': { rule: 'view' },
  'GET /partnerships/:partnershipId/funding/projects/:id/evaluation': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/funding/projects/:id/evaluation': {
    rule: 'edit_records',
    body: { 'completedOn-day': '30', 'completedOn-month': '6', 'completedOn-year': '2022', summary: '1,600 primary and 850 secondary pupils took part' },
  },
  'GET /partnerships/:partnershipId/funding/:year': { rule: 'view_published' },
  'GET /partnerships/:partnershipId/funding/:year/breakdown': { rule: 'view' },
  'GET /partnerships/:partnershipId/funding/:year/export.csv': { rule: 'view' },
  'GET /partnerships/:partnershipId/funding/:year/export.xlsx': { rule: 'view' },
  'GET /partnerships/:partnershipId/funding/:year/edit': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/funding/:year/edit': { rule: 'edit_records', body: { accountableOrganisationId: '{id}', notes: 'On track' } },
  'GET /partnerships/:partnershipId/funding/:year/delete': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/funding/:year/delete': { rule: 'edit_records', destructive: true },
  'GET /partnerships/:partnershipId/funding/:year/streams/new': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/funding/:year/streams/new': {
    rule: 'edit_records',
    body: { name: 'Community Safety Fund', funder: 'PFCC', amount: '£2,500.50', status: 'to_be_confirmed', automaticPercent: '25', conditions: 'Against the action plan' },
  },
  'GET /partnerships/:partnershipId/funding/:year/streams/:id/edit': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/funding/:year/streams/:id/edit': { rule: 'edit_records', body: { name: 'PFCC grant', funder: 'PFCC', amount: '12337', status: 'confirmed' } },
  'GET /partnerships/:partnershipId/funding/:year/streams/:id/delete': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/funding/:year/streams/:id/delete': { rule: 'edit_records', destructive: true },
  'GET /partnerships/:partnershipId/funding/:year/roll-overs/new': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/funding/:year/roll-overs/new': { rule: 'edit_records', body: { amount: '1K', reason: 'Event postponed' } },
  'GET /partnerships/:partnershipId/funding/:year/roll-overs/:id/edit': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/funding/:year/roll-overs/:id/edit': { rule: 'edit_records', body: { amount: '10,142', approvedBy: 'PFCC' } },
  'GET /partnerships/:partnershipId/funding/:year/roll-overs/:id/delete': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/funding/:year/roll-overs/:id/delete': { rule: 'edit_records', destructive: true },
  'GET /partnerships/:partnershipId/funding/:year/contributions/new': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/funding/:year/contributions/new': { rule: 'edit_records', body: { organisationId: '{id}', amount: '2K', status: 'confirmed', nature: 'revenue' } },
  'GET /partnerships/:partnershipId/funding/:year/contributions/:id/edit': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/funding/:year/contributions/:id/edit': { rule: 'edit_records', body: { organisationId: '{id}', amount: '3K', status: 'confirmed', nature: 'capital' } },
  'GET /partnerships/:partnershipId/funding/:year/contributions/:id/delete': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/funding/:year/contributions/:id/delete': { rule: 'edit_records', destructive: true },
  'GET /partnerships/:partnershipId/funding/:year/bids/new': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/funding/:year/bids/new': { rule: 'edit_records', body: { fund: 'Safer Streets', purpose: 'CCTV in Rayleigh', amountRequested: '5K', status: 'submitted' } },
  'GET /partnerships/:partnershipId/funding/:year/bids/:id/edit': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/funding/:year/bids/:id/edit': {
    rule: 'edit_records',
    body: { fund: 'PCC fund', purpose: 'Taxi marshals', projectId: '{id}', amountRequested: '3,000', status: 'successful', amountAwarded: '2,500' },
  },
  'GET /partnerships/:partnershipId/funding/:year/bids/:id/delete': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/funding/:year/bids/:id/delete': { rule: 'edit_records', destructive: true },
  'GET /partnerships/:partnershipId/funding/:year/allocations/new': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/funding/:year/allocations/new': { rule: 'edit_records', body: { purpose: '3K for Challenge 25', kind: 'other', amount: '3K' } },
  'GET /partnerships/:partnershipId/funding/:year/allocations/:id/edit': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/funding/:year/allocations/:id/edit': {
    rule: 'edit_records',
    body: { purpose: 'Walk Online', kind: 'project', projectId: '{id}', amount: '7,500', expectedSpend: '7,000' },
  },
  'GET /partnerships/:partnershipId/funding/:year/allocations/:id/delete': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/funding/:year/allocations/:id/delete': { rule: 'edit_records', destructive: true },
  'GET /partnerships/:partnershipId/funding/:year/spend/new': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/funding/:year/spend/new': {
    rule: 'edit_records',
    body: { allocationId: '{id}', description: 'Sessions', amount: '250', status: 'committed', 'spentOn-day': '2', 'spentOn-month': '7', 'spentOn-year': '0{id}' },
  },
  'GET /partnerships/:partnershipId/funding/:year/spend/:id/edit': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/funding/:year/spend/:id/edit': {
    rule: 'edit_records',
    body: { allocationId: '{id}', description: 'Invoice paid', amount: '1,000', status: 'paid', 'spentOn-day': '1', 'spentOn-month': '6', 'spentOn-year': '0{id}' },
  },
  'GET /partnerships/:partnershipId/funding/:year/spend/:id/delete': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/funding/:year/spend/:id/delete': { rule: 'edit_records', destructive: true },
  // Performance indicators
  'GET /partnerships/:partnershipId/indicators': { rule: 'view_published' },
  'GET /partnerships/:partnershipId/indicators/performance.csv': { rule: 'view_published' },
  'GET /partnerships/:partnershipId/indicators/settings': { rule: 'manage_partnership' },
  'POST /partnerships/:partnershipId/indicators/settings': { rule: 'manage_partnership', body: { ragTolerancePercent: '2.5' } },
  'GET /partnerships/:partnershipId/indicators/new': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/indicators/new': {
    rule: 'edit_records',
    body: { name: 'Robbery offences', unit: 'count', polarity: 'lower_is_better', frequency: 'monthly', countedAs: 'offences', areaId: '{id}' },
  },
  'GET /partnerships/:partnershipId/indicators/:id/edit': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/indicators/:id/edit': {
    rule: 'edit_records',
    body: { name: 'Renamed Indicator', unit: 'rate_per_1000_population', polarity: 'lower_is_better', frequency: 'monthly', denominator: '83,200' },
  },
  'GET /partnerships/:partnershipId/indicators/:id/delete': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/indicators/:id/delete': { rule: 'edit_records', destructive: true },
  'GET /partnerships/:partnershipId/indicators/:indicatorId': { rule: 'view_published' },
  'GET /partnerships/:partnershipId/indicators/:indicatorId/baselines/new': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/indicators/:indicatorId/baselines/new': { rule: 'edit_records', body: { year: '2012/13', value: '2,048' } },
  'GET /partnerships/:partnershipId/indicators/:indicatorId/baselines/:id/edit': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/indicators/:indicatorId/baselines/:id/edit': { rule: 'edit_records', body: { year: '2010/11', value: '2,091' } },
  'GET /partnerships/:partnershipId/indicators/:indicatorId/baselines/:id/delete': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/indicators/:indicatorId/baselines/:id/delete': { rule: 'edit_records', destructive: true },
  'GET /partnerships/:partnershipId/indicators/:indicatorId/targets/new': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/indicators/:indicatorId/targets/new': { rule: 'edit_records', body: { year: '2013/14', kind: 'direction', baselineId: '{id}' } },
  'GET /partnerships/:partnershipId/indicators/:indicatorId/targets/:id/edit': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/indicators/:indicatorId/targets/:id/edit': {
    rule: 'edit_records',
    body: { year: '2011/12', kind: 'percent_change', changeDirection: 'reduce', changePercent: '5', baselineId: '{id}' },
  },
  'GET /partnerships/:partnershipId/indicators/:indicatorId/targets/:id/delete': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/indicators/:indicatorId/targets/:id/delete': { rule: 'edit_records', destructive: true },
  'GET /partnerships/:partnershipId/indicators/:indicatorId/actuals/new': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/indicators/:indicatorId/actuals/new': { rule: 'edit_records', body: { period: '2011-06', value: '165' } },
  'GET /partnerships/:partnershipId/indicators/:indicatorId/actuals/:id/edit': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/indicators/:indicatorId/actuals/:id/edit': { rule: 'edit_records', body: { period: '2011-04', value: '171' } },
  'GET /partnerships/:partnershipId/indicators/:indicatorId/actuals/:id/delete': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/indicators/:indicatorId/actuals/:id/delete': { rule: 'edit_records', destructive: true },
  'GET /partnerships/:partnershipId/indicators/:indicatorId/actuals/import': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/indicators/:indicatorId/actuals/import': { rule: 'edit_records', body: { csv: 'period,value\r\n2011-07,160\r\n2011-08,150' } },
  'GET /partnerships/:partnershipId/indicators/:indicatorId/actuals.csv': { rule: 'view_published' },
  'GET /partnerships/:partnershipId/indicators/:indicatorId/comparators/new': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/indicators/:indicatorId/comparators/new': {
    rule: 'edit_records',
    body: { year: '2010/11', groupName: 'Essex CSPs', areaName: 'Maldon', value: '250', denominator: '62,000' },
  },
  'GET /partnerships/:partnershipId/indicators/:indicatorId/comparators/:id/edit': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/indicators/:indicatorId/comparators/:id/edit': {
    rule: 'edit_records',
    body: { year: '2010/11', groupName: 'Essex CSPs', areaName: 'Castle Point', value: '451', denominator: '88,000' },
  },
  'GET /partnerships/:partnershipId/indicators/:indicatorId/comparators/:id/delete': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/indicators/:indicatorId/comparators/:id/delete': { rule: 'edit_records', destructive: true },
  // Reports and exports
  'GET /partnerships/:partnershipId/reports': { rule: 'view' },
  'GET /partnerships/:partnershipId/reports/new': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/reports/new': { rule: 'edit_records', body: { kind: 'quarterly_plan_update', planId: '{id}', quarter: '2' } },
  'GET /partnerships/:partnershipId/reports/exports': { rule: 'view' },
  'GET /partnerships/:partnershipId/reports/exports/plans/:planId/actions.csv': { rule: 'view' },
  'GET /partnerships/:partnershipId/reports/exports/plans/:planId/actions.xlsx': { rule: 'view' },
  'GET /partnerships/:partnershipId/reports/:id': { rule: 'view' },
  'GET /partnerships/:partnershipId/reports/:id/edit': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/reports/:id/edit': { rule: 'edit_records', body: { planId: '{id}', quarter: '1', title: 'Renamed update', status: 'draft' } },
  'GET /partnerships/:partnershipId/reports/:id/narrative': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/reports/:id/narrative': { rule: 'edit_records', body: { introduction: 'A new introduction', summary: 'A good quarter' } },
  'GET /partnerships/:partnershipId/reports/:id/print': { rule: 'view' },
  'GET /partnerships/:partnershipId/reports/:id/document.docx': { rule: 'view' },
  'GET /partnerships/:partnershipId/reports/:id/document.pdf': { rule: 'view' },
  'GET /partnerships/:partnershipId/reports/:id/delete': { rule: 'edit_records' },
  'POST /partnerships/:partnershipId/reports/:id/delete': { rule: 'edit_records', destructive: true },

  // API
  'GET /api/v1/partnerships/:partnershipId/funding': { rule: 'view_published' },
  'GET /api/v1/partnerships/:partnershipId/funding/:year': { rule: 'view_published' },
  'GET /api/v1/openapi.json': { rule: 'anyone' },
  'GET /api/v1/docs': { rule: 'anyone' },
  'GET /api/v1/partnerships': { rule: 'anyone' },
  'GET /api/v1/partnerships/:partnershipId': { rule: 'view_published' },
  'GET /api/v1/partnerships/:partnershipId/indicators': { rule: 'view_published' },
  'GET /api/v1/partnerships/:partnershipId/performance': { rule: 'view_published' },
  'GET /api/v1/indicators/:id': { rule: 'view_published' },
  'POST /api/v1/indicators/:id/actuals': { rule: 'edit_records' },
}
