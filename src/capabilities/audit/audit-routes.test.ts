import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { aPartnership, aUser } from '#test/helpers/builders'
import { page } from '#test/helpers/html'
import { createTestApp, type TestApp } from '#test/helpers/test-app'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

/** An audit event as if it had happened at `occurredAt` (inserting is the one thing the log allows). */
async function anEvent(
  partnershipId: number | null,
  fields: {
    action?: string
    entityType?: string
    summary: string
    occurredAt?: string
    actorUserId?: number | null
    actorLabel?: string
    before?: object
    after?: object
  },
) {
  await t.db
    .insertInto('auditEvents')
    .values({
      partnershipId,
      action: fields.action ?? 'update',
      entityType: fields.entityType ?? 'organisation',
      entityId: '1',
      summary: fields.summary,
      occurredAt: new Date(fields.occurredAt ?? '2026-11-20T09:00:00Z'),
      actorUserId: fields.actorUserId ?? null,
      actorLabel: fields.actorLabel ?? 'test',
      before: fields.before ? JSON.stringify(fields.before) : null,
      after: fields.after ? JSON.stringify(fields.after) : null,
    })
    .execute()
}

async function setUp() {
  const { partnership } = await aPartnership(t)
  const coordinatorUser = await aUser(t, { role: 'coordinator', partnershipId: partnership.id })
  return {
    partnership,
    coordinatorUser,
    coordinator: await t.as(coordinatorUser),
    base: `/partnerships/${partnership.id}/audit`,
  }
}

const summaries = (html: string) => page(html).all('[data-qa=audit-summary]')

describe('a partnership’s audit log', () => {
  it('shows each change, newest first, with who made it and the fields before and after', async () => {
    const { partnership, coordinatorUser, coordinator, base } = await setUp()
    await anEvent(partnership.id, {
      summary: 'Created organisation “Victim Support”',
      action: 'create',
      occurredAt: '2026-11-01T09:00:00Z',
    })
    await anEvent(partnership.id, {
      summary: 'Updated organisation “Victim Support”',
      occurredAt: '2026-11-02T09:00:00Z',
      actorUserId: coordinatorUser.id,
      actorLabel: coordinatorUser.email,
      before: { name: 'Victim Support', notes: null, updatedAt: '2026-11-01T09:00:00Z' },
      after: { name: 'Victim Support', notes: 'Rayleigh office', updatedAt: '2026-11-02T09:00:00Z' },
    })
    const res = await coordinator.get(base)
    expect(res.status).toBe(200)
    const p = page(res.text)
    expect(p.h1()).toBe('Audit log')
    expect(summaries(res.text)).toEqual([
      'Updated organisation “Victim Support”',
      'Created organisation “Victim Support”',
    ])
    const newest = p.$('[data-qa=audit-event]').first()
    expect(newest.find('td').eq(0).text()).toContain('2 November 2026')
    expect(newest.find('td').eq(1).text().trim()).toBe(coordinatorUser.email)
    // Only the fields that changed, and never the timestamps.
    expect(
      newest
        .find('tbody tr')
        .map((_, row) => p.$(row).text().replace(/\s+/g, ' ').trim())
        .get(),
    ).toEqual(['notes — Rayleigh office'])
  })

  it('filters by record type, change, who made it and dates (the “to” date included), keeping the choices', async () => {
    const { partnership, coordinatorUser, coordinator, base } = await setUp()
    await anEvent(partnership.id, {
      summary: 'A: group created',
      entityType: 'group',
      action: 'create',
      occurredAt: '2026-10-01T12:00:00Z',
    })
    await anEvent(partnership.id, {
      summary: 'B: group updated by the officer',
      entityType: 'group',
      occurredAt: '2026-10-15T23:30:00Z',
      actorUserId: coordinatorUser.id,
      actorLabel: coordinatorUser.email,
    })
    await anEvent(partnership.id, {
      summary: 'C: organisation deleted',
      action: 'delete',
      occurredAt: '2026-10-20T08:00:00Z',
    })

    expect(summaries((await coordinator.get(`${base}?entityType=group`)).text)).toEqual([
      'B: group updated by the officer',
      'A: group created',
    ])
    expect(summaries((await coordinator.get(`${base}?action=delete`)).text)).toEqual(['C: organisation deleted'])
    expect(summaries((await coordinator.get(`${base}?actor=${coordinatorUser.id}`)).text)).toEqual([
      'B: group updated by the officer',
    ])
    expect(summaries((await coordinator.get(`${base}?from=2026-10-02&to=2026-10-15`)).text)).toEqual([
      'B: group updated by the officer',
    ])
    const filtered = page((await coordinator.get(`${base}?entityType=group&action=update`)).text)
    expect(filtered.text('[data-qa=audit-total]')).toBe('1 change matches the filter.')
    expect(filtered.$('#entityType option[selected]').attr('value')).toBe('group')
    expect(filtered.$('#action option[selected]').attr('value')).toBe('update')
    // The options come from what the log holds.
    expect(filtered.all('#entityType option')).toEqual(['Any', 'group', 'organisation'])
  })

  it('ignores a filter it cannot read rather than failing', async () => {
    const { partnership, coordinator, base } = await setUp()
    await anEvent(partnership.id, { summary: 'Only event' })
    const res = await coordinator.get(`${base}?from=yesterday&actor=someone&page=-3`)
    expect(res.status).toBe(200)
    expect(summaries(res.text)).toEqual(['Only event'])
  })

  it('shows 50 changes a page, with links to the others', async () => {
    const { partnership, coordinator, base } = await setUp()
    for (let i = 1; i <= 55; i++)
      await anEvent(partnership.id, {
        summary: `Change ${i}`,
        entityType: 'person',
        occurredAt: `2026-09-01T10:${String(i).padStart(2, '0')}:00Z`,
      })
    const first = page((await coordinator.get(`${base}?entityType=person`)).text)
    expect(first.all('[data-qa=audit-event]')).toHaveLength(50)
    expect(first.text('.govuk-pagination__next a')).toContain('Next')
    expect(first.$('.govuk-pagination__next a').attr('href')).toBe(`${base}?entityType=person&page=2`)
    const second = await coordinator.get(`${base}?entityType=person&page=2`)
    expect(summaries(second.text)).toEqual(['Change 5', 'Change 4', 'Change 3', 'Change 2', 'Change 1'])
    expect(page(second.text).text('main')).toContain('Page 2 of 2')
  })

  it('never shows another partnership’s changes, and is for admins and coordinators only', async () => {
    const { partnership, coordinator, base } = await setUp()
    const other = await aPartnership(t)
    await anEvent(other.partnership.id, { summary: 'SECRET change elsewhere' })
    expect((await coordinator.get(base)).text).not.toContain('SECRET')
    expect((await coordinator.get(`/partnerships/${other.partnership.id}/audit`)).status).toBe(404)
    const member = await t.as(await aUser(t, { role: 'member', partnershipId: partnership.id }))
    expect((await member.get(base)).status).toBe(403)
    const admin = await t.as(await aUser(t, { role: 'admin', partnershipId: partnership.id }))
    expect((await admin.get(base)).status).toBe(200)
  })
})

describe('the site audit log', () => {
  it('shows changes that belong to no partnership (accounts, tokens) to site admins only', async () => {
    const siteAdmin = await t.as(await aUser(t, { siteAdmin: true }))
    await anEvent(null, {
      summary: 'Created the account someone@example.org',
      entityType: 'user',
      action: 'create',
      occurredAt: '2030-01-01T00:00:00Z',
    })
    const res = await siteAdmin.get('/audit?entityType=user&action=create')
    expect(page(res.text).h1()).toBe('Site audit log')
    expect(summaries(res.text)[0]).toBe('Created the account someone@example.org')
    const { partnership } = await aPartnership(t)
    const admin = await t.as(await aUser(t, { role: 'admin', partnershipId: partnership.id }))
    expect((await admin.get('/audit')).status).toBe(403)
    expect((await t.anonymous().get('/audit')).headers.location).toBe('/sign-in?returnTo=%2Faudit')
  })
})
