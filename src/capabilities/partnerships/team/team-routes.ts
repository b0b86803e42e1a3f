import { Router, type Response } from 'express'

import { ForbiddenError } from '../../../shared/errors.ts'
import { attempt, parseForm } from '../../../web/form.ts'
import { idParam, partnershipContext } from '../../../web/request.ts'
import { ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES } from '../../../core/access/roles.ts'
import { requirePermission, type PartnershipContext } from '../../../core/access/partnership-context.ts'
import type { PartnershipService } from '../partnership-service.ts'

import { accessForm, emailDomainForm, teamMemberForm } from './team-forms.ts'
import type { Delivery } from './team-invitations.ts'
import type { TeamService } from './team-service.ts'

const VIEWS = 'partnerships/team/views'
export const roleOptions = ROLES.map(role => ({ value: role, text: ROLE_LABELS[role], hint: ROLE_DESCRIPTIONS[role] }))
export const teamUrl = (ctx: PartnershipContext) => `/partnerships/${ctx.partnership.id}/team`

/** An invitation that was not sent: the admin sees it, with its one-time link, to pass on (never cached). */
export function showUndelivered(res: Response, ctx: PartnershipContext, items: { email: string; name: string; delivery: Extract<Delivery, { sent: false }> }[]) {
  res.setHeader('Cache-Control', 'no-store')
  res.render(`${VIEWS}/invitations-not-sent.njk`, { items, teamHref: teamUrl(ctx) })
}

/** The accounts page of a partnership (/team): admins give, change and take away access. */
export function teamRoutes({ team, partnerships, ssoProviders }: { team: TeamService; partnerships: PartnershipService; ssoProviders: { name: string }[] }): Router {
  const scoped = Router({ mergeParams: true })
  const admins = (ctx: PartnershipContext) => requirePermission(ctx, 'manage_partnership')

  /** People of the partnership an account may be linked to: those linked to no account, and its own. */
  async function peopleFor(ctx: PartnershipContext, userId: number | null) {
    const { people } = await partnerships.structure(ctx)
    return people
      .filter(p => p.userId === null || p.userId === userId)
      .map(p => ({ value: p.id, text: p.organisationName ? `${p.name}, ${p.organisationName}` : p.name }))
  }

  async function afterGiving(res: Response, ctx: PartnershipContext, given: { user: { email: string; name: string }; delivery: Delivery | null }, role: string, flash: (m: string) => Promise<void>) {
    if (given.delivery && !given.delivery.sent) return showUndelivered(res, ctx, [{ ...given.user, delivery: given.delivery }])
    await flash(`${given.user.email} has the ${role} role. The invitation e-mail has been sent.`)
    res.redirect(303, teamUrl(ctx))
  }

  scoped.get('/team', async (req, res) => {
    const ctx = partnershipContext(req)
    const [members, domains] = await Promise.all([team.team(ctx), team.emailDomains(ctx)])
    res.render(`${VIEWS}/team.njk`, { team: members, domains, roleLabels: ROLE_LABELS, ssoProviders, values: {} })
  })

  scoped.get('/team/new', async (req, res) => {
    const ctx = partnershipContext(req)
    admins(ctx)
    res.render(`${VIEWS}/team-member-form.njk`, { values: { role: 'member' }, roleOptions, people: await peopleFor(ctx, null) })
  })

  scoped.post('/team/new', async (req, res) => {
    const ctx = partnershipContext(req)
    admins(ctx)
    const form = parseForm(teamMemberForm, req.body)
    const result = form.ok ? await attempt(() => team.addTeamMember(ctx, form.value)) : form
    if (!result.ok) {
      return res.status(400).render(`${VIEWS}/team-member-form.njk`, { values: req.body, ...result, roleOptions, people: await peopleFor(ctx, null) })
    }
    await afterGiving(res, ctx, result.value, ROLE_LABELS[form.ok ? form.value.role : 'member'].toLowerCase(), m => req.flash(m))
  })

  scoped.get('/team/:userId/edit', async (req, res) => {
    const ctx = partnershipContext(req)
    const member = await team.teamMember(ctx, idParam(req, 'userId'))
    res.render(`${VIEWS}/access-form.njk`, { member, values: { role: member.role, personId: member.person?.id }, roleOptions, people: await peopleFor(ctx, member.userId) })
  })

  scoped.post('/team/:userId/edit', async (req, res) => {
    const ctx = partnershipContext(req)
    const member = await team.teamMember(ctx, idParam(req, 'userId'))
    const form = parseForm(accessForm, req.body)
    const result = form.ok ? await attempt(() => team.changeAccess(ctx, member.userId, form.value)) : form
    if (!result.ok) {
      return res.status(400).render(`${VIEWS}/access-form.njk`, { member, values: req.body, roleOptions, people: await peopleFor(ctx, member.userId), ...result })
    }
    await req.flash(`Access of ${member.email} changed`)
    res.redirect(303, teamUrl(ctx))
  })

  scoped.get('/team/:userId/remove', async (req, res) => {
    const ctx = partnershipContext(req)
    const member = await team.teamMember(ctx, idParam(req, 'userId'))
    res.render('confirm-delete.njk', {
      pageTitle: 'Remove access',
      noun: 'role of',
      name: `${member.name} (${member.email})`,
      warning: 'They will no longer see the partnership’s records. Their account stays, with any roles in other partnerships.',
      cancelHref: teamUrl(ctx),
    })
  })

  scoped.post('/team/:userId/remove', async (req, res) => {
    const ctx = partnershipContext(req)
    const member = await team.teamMember(ctx, idParam(req, 'userId'))
    const result = await attempt(() => team.removeTeamMember(ctx, member.userId))
    if (!result.ok) throw new ForbiddenError(result.errorList.map(e => e.text).join(' '))
    await req.flash(`${member.email} no longer has access`)
    res.redirect(303, teamUrl(ctx))
  })

  scoped.post('/team/:userId/enable', async (req, res) => {
    const ctx = partnershipContext(req)
    const userId = idParam(req, 'userId')
    await team.enable(ctx, userId)
    await req.flash(`${(await team.teamMember(ctx, userId)).email} can sign in again`)
    res.redirect(303, teamUrl(ctx))
  })

  scoped.post('/team/:userId/invitation', async (req, res) => {
    const ctx = partnershipContext(req)
    const member = await team.teamMember(ctx, idParam(req, 'userId'))
    const delivery = await team.reinvite(ctx, member.userId)
    if (!delivery.sent) return showUndelivered(res, ctx, [{ email: member.email, name: member.name, delivery }])
    await req.flash(`The invitation has been sent to ${member.email} again`)
    res.redirect(303, teamUrl(ctx))
  })

  scoped.post('/team/email-domains', async (req, res) => {
    const ctx = partnershipContext(req)
    admins(ctx)
    const form = parseForm(emailDomainForm, req.body)
    const result = form.ok ? await attempt(() => team.addEmailDomain(ctx, form.value.domain)) : form
    if (!result.ok) {
      const [members, domains] = await Promise.all([team.team(ctx), team.emailDomains(ctx)])
      return res.status(400).render(`${VIEWS}/team.njk`, { team: members, domains, roleLabels: ROLE_LABELS, ssoProviders, values: req.body, ...result })
    }
    await req.flash(`People at ${form.ok ? form.value.domain.trim().toLowerCase().replace(/^@/, '') : ''} will become members when they first sign in`)
    res.redirect(303, `${teamUrl(ctx)}#email-domains`)
  })

  scoped.get('/team/email-domains/:id/delete', async (req, res) => {
    const ctx = partnershipContext(req)
    const domain = await team.emailDomain(ctx, idParam(req, 'id'))
    res.render('confirm-delete.njk', {
      pageTitle: 'Remove e-mail domain',
      noun: 'e-mail domain',
      name: domain.domain,
      warning: 'People at this domain who sign in for the first time will then have no role until an admin gives one. Those who have a role keep it.',
      cancelHref: teamUrl(ctx),
    })
  })

  scoped.post('/team/email-domains/:id/delete', async (req, res) => {
    const ctx = partnershipContext(req)
    const domain = await team.removeEmailDomain(ctx, idParam(req, 'id'))
    await req.flash(`${domain} removed from the list`)
    res.redirect(303, `${teamUrl(ctx)}#email-domains`)
  })

  return scoped
}
