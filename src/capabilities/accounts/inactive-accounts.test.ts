import { sql } from 'kysely'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { aPartnership, aUser, TEST_PASSWORD } from '#test/helpers/builders'
import { page } from '#test/helpers/html'
import { createTestApp, type TestApp } from '#test/helpers/test-app'

/** CSP_HUB_DISABLE_INACTIVE_AFTER_DAYS at sign-in: the rule runs before anyone is let in. */
let t: TestApp
beforeAll(async () => {
  t = await createTestApp({ env: { CSP_HUB_DISABLE_INACTIVE_AFTER_DAYS: '90' } })
})
afterAll(() => t.close())

const daysAgo = (n: number) => new Date(t.clock.now().getTime() - n * 86_400_000)

async function signIn(email: string) {
  const form = await request(t.app).get('/sign-in')
  const cookie = form.headers['set-cookie']![0]!.split(';')[0]!
  return request(t.app).post('/sign-in').set('Cookie', cookie).type('form').send({ _csrf: String(page(form.text).fieldValue('_csrf')), email, password: TEST_PASSWORD, returnTo: '/account' })
}

describe('accounts unused for longer than the limit', () => {
  it('are disabled when anyone signs in, and the right password then says the account is disabled', async () => {
    const { partnership } = await aPartnership(t)
    const idle = await aUser(t, { role: 'lead', partnershipId: partnership.id })
    const tokenUser = await aUser(t)
    await sql`update users set created_at = ${daysAgo(200)}, last_signed_in_at = ${daysAgo(91)} where id in (${idle.id}, ${tokenUser.id})`.execute(t.db)
    // An account used through its API token last week is in use.
    await t.db.insertInto('apiTokens').values({ userId: tokenUser.id, name: 'Dashboard', tokenHash: 'h-inactive', tokenPrefix: 'csp_x', lastUsedAt: daysAgo(7) }).execute()

    const someone = await aUser(t)
    expect((await signIn(someone.email)).status).toBe(303)
    const rows = await t.db.selectFrom('users').select(['id', 'disabledAt']).where('id', 'in', [idle.id, tokenUser.id]).orderBy('id').execute()
    expect(rows).toEqual([
      { id: idle.id, disabledAt: t.clock.now() },
      { id: tokenUser.id, disabledAt: null },
    ])
    const refused = await signIn(idle.email)
    expect(refused.status).toBe(403)
    expect(page(refused.text).errorSummary()).toEqual([{ text: 'Your account has been disabled. Ask an admin of your partnership to enable it.', href: '#email' }])
    const audit = await t.db.selectFrom('auditEvents').select(['actorLabel', 'summary']).where('entityId', '=', String(idle.id)).where('action', '=', 'disable').execute()
    expect(audit).toEqual([{ actorLabel: 'inactive account rule', summary: `Disabled ${idle.email}: not used for more than 90 days` }])

    // An admin enables it: it counts as used from then, so the next sign-in lets it in.
    await t.services.accounts.inactiveAccounts.enable(idle.id, { userId: null, label: 'test' }, partnership.id)
    expect((await signIn(idle.email)).status).toBe(303)
  })
})
