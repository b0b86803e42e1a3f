import { Router } from 'express'

import type { Capability } from '../../web/capability.ts'
import { crudPages } from '../../web/crud-routes.ts'
import { attempt, parseForm } from '../../web/form.ts'
import { actorFor, idParam, partnershipContext, requireSiteAdmin } from '../../web/request.ts'
import { ROLE_LABELS } from '../../core/access/roles.ts'

import { requirePermission, type PartnershipContext } from '../../core/access/partnership-context.ts'
import {
  AREA_TYPE_LABELS,
  AUTHORITY_TYPE_LABELS,
  GROUP_TYPE_LABELS,
  MEETING_CADENCE_LABELS,
  MEMBERSHIP_ROLE_LABELS,
  ORGANISATION_KIND_LABELS,
  optionsOf,
} from './domain/structure.ts'
import { areaForm, groupForm, membershipForm, organisationForm, partnershipForm, personForm } from './partnership-forms.ts'
import type { PartnershipService } from './partnership-service.ts'
import { districtSetupRoutes } from './setup/district-setup-routes.ts'
import type { DistrictSetupService } from './setup/district-setup-service.ts'
import { teamImportRoutes } from './team/team-import-routes.ts'
import { teamRoutes } from './team/team-routes.ts'
import type { TeamService } from './team/team-service.ts'

/** Labels the views use to show stored codes as words. */
const labels = {
  areaType: AREA_TYPE_LABELS,
  organisationKind: ORGANISATION_KIND_LABELS,
  authorityType: AUTHORITY_TYPE_LABELS,
  groupType: GROUP_TYPE_LABELS,
  cadence: MEETING_CADENCE_LABELS,
  membershipRole: MEMBERSHIP_ROLE_LABELS,
  role: ROLE_LABELS,
}

const text = (value: unknown) => (value === null || value === undefined ? '' : String(value))

export interface PartnershipsCapabilityDeps {
  services: { partnerships: PartnershipService; team: TeamService; districtSetup: DistrictSetupService }
  deps: { config: { oidcProviders: { name: string }[] } }
}

export function partnershipsCapability({ services, deps }: PartnershipsCapabilityDeps): Capability {
  const { partnerships, team, districtSetup } = services
  const routes = Router()
  const scoped = Router({ mergeParams: true })
  const home = (ctx: PartnershipContext) => `/partnerships/${ctx.partnership.id}`
  const edits = (ctx: PartnershipContext) => requirePermission(ctx, 'edit_records')

  // --- Start page and partnerships -------------------------------------------------------------

  routes.get('/', async (req, res) => {
    const list = await partnerships.listFor(req.viewer ?? null)
    res.render('partnerships/views/home.njk', {
      yours: list.filter(p => p.access !== 'public'),
      published: list.filter(p => p.access === 'public'),
      labels,
    })
  })

  routes.get('/accessibility', (_req, res) => res.render('partnerships/views/accessibility.njk'))
  routes.get('/about-the-data', (_req, res) => res.render('partnerships/views/about-the-data.njk'))

  routes.get('/partnerships/new', (req, res) => {
    requireSiteAdmin(req, 'add a partnership')
    res.render('partnerships/views/partnership-form.njk', { isNew: true, values: {} })
  })

  routes.post('/partnerships/new', async (req, res) => {
    const user = requireSiteAdmin(req, 'add a partnership')
    const form = parseForm(partnershipForm, req.body)
    const result = form.ok ? await attempt(() => partnerships.create(user, form.value, actorFor(req))) : form
    if (!result.ok) return res.status(400).render('partnerships/views/partnership-form.njk', { isNew: true, values: req.body, ...result })
    await req.flash('Partnership added. Add its areas, partners and groups next.')
    res.redirect(303, `/partnerships/${result.value.id}`)
  })

  scoped.get('/', async (req, res) => {
    const ctx = partnershipContext(req)
    res.render('partnerships/views/partnership.njk', { ...(await partnerships.structure(ctx)), labels })
  })

  scoped.get('/edit', async (req, res) => {
    const ctx = partnershipContext(req)
    requirePermission(ctx, 'manage_partnership')
    res.render('partnerships/views/partnership-form.njk', { isNew: false, values: await partnerships.get(ctx) })
  })

  scoped.post('/edit', async (req, res) => {
    const ctx = partnershipContext(req)
    requirePermission(ctx, 'manage_partnership')
    const form = parseForm(partnershipForm, req.body)
    const result = form.ok ? await attempt(() => partnerships.update(ctx, form.value)) : form
    if (!result.ok) return res.status(400).render('partnerships/views/partnership-form.njk', { isNew: false, values: req.body, ...result })
    await req.flash('Partnership details updated')
    res.redirect(303, home(ctx))
  })

  scoped.get('/delete', (req, res) => {
    const ctx = partnershipContext(req)
    requireSiteAdmin(req, 'delete a partnership')
    res.render('confirm-delete.njk', {
      pageTitle: 'Delete partnership',
      noun: 'partnership',
      name: ctx.partnership.name,
      warning: 'This deletes every record of the partnership: its structure, plans, indicators, funding and reports. It cannot be undone.',
      cancelHref: home(ctx),
    })
  })

  scoped.post('/delete', async (req, res) => {
    const ctx = partnershipContext(req)
    await partnerships.remove(ctx, requireSiteAdmin(req, 'delete a partnership'))
    await req.flash(`Partnership “${ctx.partnership.name}” deleted`)
    res.redirect(303, '/')
  })

  // --- Structure records -----------------------------------------------------------------------

  scoped.use(
    crudPages({
      path: '/areas',
      noun: 'area',
      view: 'partnerships/views/area-form.njk',
      schema: areaForm,
      guard: edits,
      load: (ctx, id) => partnerships.area(ctx, id),
      toValues: row => row,
      defaults: (_ctx, req) => ({ type: text(req.query.type), parentId: text(req.query.parentId) }),
      extra: async (ctx, _req, record) => {
        const { areas } = await partnerships.structure(ctx)
        return {
          areaTypes: optionsOf(AREA_TYPE_LABELS),
          parents: areas
            .filter(area => area.id !== record?.id)
            .map(area => ({ value: area.id, text: `${area.name} (${AREA_TYPE_LABELS[area.type as keyof typeof AREA_TYPE_LABELS]})` })),
        }
      },
      save: (ctx, id, input) => partnerships.saveArea(ctx, id, input),
      addAnother: input => ({ type: input.type, parentId: input.parentId }),
      remove: (ctx, id) => partnerships.deleteArea(ctx, id),
      after: ctx => `${home(ctx)}#areas`,
      describe: row => text(row.name),
    }),
  )

  scoped.use(
    crudPages({
      path: '/organisations',
      noun: 'organisation',
      view: 'partnerships/views/organisation-form.njk',
      schema: organisationForm,
      guard: edits,
      load: (ctx, id) => partnerships.organisation(ctx, id),
      toValues: row => row,
      defaults: (_ctx, req) => ({ kind: text(req.query.kind) || 'community_partner', authorityType: text(req.query.authorityType) }),
      addAnother: input => ({ kind: input.kind }),
      extra: async () => ({ kinds: optionsOf(ORGANISATION_KIND_LABELS), authorityTypes: optionsOf(AUTHORITY_TYPE_LABELS) }),
      save: (ctx, id, input) => partnerships.saveOrganisation(ctx, id, input),
      remove: (ctx, id) => partnerships.deleteOrganisation(ctx, id),
      after: ctx => `${home(ctx)}#partners`,
      describe: row => text(row.name),
    }),
  )

  scoped.use(
    crudPages({
      path: '/groups',
      noun: 'group',
      view: 'partnerships/views/group-form.njk',
      schema: groupForm,
      guard: edits,
      load: async (ctx, id) => (await partnerships.group(ctx, id)).group,
      toValues: row => row,
      extra: async (ctx, _req, record) => ({
        groupTypes: optionsOf(GROUP_TYPE_LABELS),
        cadences: optionsOf(MEETING_CADENCE_LABELS),
        groups: (await partnerships.structure(ctx)).groups.filter(g => g.id !== record?.id).map(g => ({ value: g.id, text: g.name })),
      }),
      save: (ctx, id, input) => partnerships.saveGroup(ctx, id, input),
      defaults: (_ctx, req) => ({ type: text(req.query.type), reportsToGroupId: text(req.query.reportsToGroupId) }),
      addAnother: input => ({ type: input.type, reportsToGroupId: input.reportsToGroupId }),
      remove: (ctx, id) => partnerships.deleteGroup(ctx, id),
      after: (ctx, _req, saved) => (saved?.id ? `${home(ctx)}/groups/${saved.id}` : `${home(ctx)}#groups`),
      describe: row => text(row.name),
      deleteWarning: () => 'Its memberships are deleted with it.',
    }),
  )

  scoped.get('/groups/:id', async (req, res) => {
    const ctx = partnershipContext(req)
    const id = idParam(req, 'id')
    const [{ group, memberships }, structure] = await Promise.all([partnerships.group(ctx, id), partnerships.structure(ctx)])
    res.render('partnerships/views/group.njk', {
      group,
      memberships,
      reportsTo: structure.groups.find(g => g.id === group.reportsToGroupId),
      reportingGroups: structure.groups.filter(g => g.reportsToGroupId === id),
      labels,
    })
  })

  scoped.use(
    crudPages({
      path: '/groups/:groupId/members',
      noun: 'member',
      view: 'partnerships/views/membership-form.njk',
      schema: membershipForm,
      guard: edits,
      load: (ctx, id, req) => partnerships.membership(ctx, idParam(req, 'groupId'), id),
      toValues: row => row,
      defaults: () => ({ role: 'member' }),
      addAnother: () => ({}),
      extra: async (ctx, req) => {
        const { group } = await partnerships.group(ctx, idParam(req, 'groupId'))
        const { people } = await partnerships.structure(ctx)
        return {
          group,
          people: people.map(p => ({ value: p.id, text: p.organisationName ? `${p.name}, ${p.organisationName}` : p.name })),
          roles: optionsOf(MEMBERSHIP_ROLE_LABELS),
        }
      },
      save: (ctx, id, input, req) => partnerships.saveMembership(ctx, idParam(req, 'groupId'), id, input),
      remove: (ctx, id, req) => partnerships.deleteMembership(ctx, idParam(req, 'groupId'), id),
      after: (ctx, req) => `${home(ctx)}/groups/${idParam(req, 'groupId')}`,
      describe: row => `${row.personName} (${row.groupName})`,
    }),
  )

  scoped.use(
    crudPages({
      path: '/people',
      noun: 'person',
      view: 'partnerships/views/person-form.njk',
      schema: personForm,
      guard: edits,
      load: async (ctx, id) => (await partnerships.person(ctx, id)).person,
      toValues: row => row,
      extra: async ctx => ({
        organisations: (await partnerships.structure(ctx)).organisations.map(o => ({ value: o.id, text: o.name })),
      }),
      save: (ctx, id, input) => partnerships.savePerson(ctx, id, input),
      defaults: (_ctx, req) => ({ organisationId: text(req.query.organisationId) }),
      addAnother: input => ({ organisationId: input.organisationId }),
      remove: (ctx, id) => partnerships.deletePerson(ctx, id),
      after: (ctx, _req, saved) => (saved?.id ? `${home(ctx)}/people/${saved.id}` : `${home(ctx)}#people`),
      describe: row => text(row.name),
      deleteWarning: () => 'They are removed from every group they belong to.',
    }),
  )

  scoped.get('/people/:id', async (req, res) => {
    const ctx = partnershipContext(req)
    const { person, memberships } = await partnerships.person(ctx, idParam(req, 'id'))
    const { organisations } = await partnerships.structure(ctx)
    res.render('partnerships/views/person.njk', {
      person,
      memberships,
      organisation: organisations.find(o => o.id === person.organisationId),
      labels,
    })
  })

  // --- Accounts and roles (admins) -------------------------------------------------------------
  scoped.use(teamRoutes({ team, partnerships, ssoProviders: deps.config.oidcProviders }))
  scoped.use(teamImportRoutes({ team, partnerships }))
  scoped.use(districtSetupRoutes({ setup: districtSetup }))

  return {
    name: 'partnerships',
    routes,
    partnershipRoutes: scoped,
    uploadRoutes: ['/team/import'],
    navigation: [
      { text: 'Overview', path: '', permission: 'view_published', order: 0 },
      { text: 'Accounts', path: '/team', permission: 'manage_partnership', order: 95 },
    ],
  }
}
