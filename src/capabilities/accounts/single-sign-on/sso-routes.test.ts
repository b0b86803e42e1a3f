import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { aPartnership, aUser } from '#test/helpers/builders'
import { page } from '#test/helpers/html'
import { cookieKeepingFetch, startOidcProvider, type OidcTestProvider } from '#test/helpers/oidc-provider'
import { createTestApp, type TestApp } from '#test/helpers/test-app'

/**
 * Single sign-on against a real OpenID provider (oidc-provider) started on 127.0.0.1: the whole redirect
 * flow, from the sign-in button to the provider's form and back to the callback, and every refusal.
 */
const BASE = 'http://127.0.0.1:3999'
let op: OidcTestProvider
let t: TestApp

const ssoEnv = (issuer: string) => ({
  CSP_HUB_BASE_URL: BASE,
  CSP_HUB_OIDC_ISSUER: issuer,
  CSP_HUB_OIDC_CLIENT_ID: op.clientId,
  CSP_HUB_OIDC_CLIENT_SECRET: op.clientSecret,
  CSP_HUB_OIDC_NAME: 'Rochford Council',
})

beforeAll(async () => {
  op = await startOidcProvider({
    redirectUris: [`${BASE}/sign-in/oidc/sso/callback`],
    postLogoutRedirectUris: [`${BASE}/signed-out`],
    idTokenSeconds: 120,
  })
  // The provider signs with the real time: the app's clock starts there too.
  t = await createTestApp({ now: new Date().toISOString(), env: ssoEnv(op.issuer) })
})
afterAll(async () => {
  await t.close()
  await op.close()
})

const cookieOf = (res: request.Response) => res.headers['set-cookie']?.[0]?.split(';')[0]

/** Press "Sign in with …", sign in at the provider, and come back with the provider's answer (not yet sent). */
async function toProviderAndBack(app: TestApp['app'], email: string, cookie?: string) {
  const start = request(app).get('/sign-in/oidc/sso?returnTo=%2Faccount')
  const started = await (cookie ? start.set('Cookie', cookie) : start)
  expect(started.status).toBe(303)
  const appCookie = cookie ?? cookieOf(started)!
  const browser = cookieKeepingFetch()
  const authorize = await browser(started.headers.location!)
  expect(authorize.location).toMatch(/\/interaction\//)
  const form = await browser(authorize.location!)
  expect(form.text).toContain('Sign in to the test identity provider')
  const login = await browser(`${authorize.location!}/login`, { form: { email } })
  const resumed = await browser(login.location!)
  expect(resumed.location).toMatch(new RegExp(`^${BASE}/sign-in/oidc/sso/callback\\?`))
  const callback = new URL(resumed.location!)
  return { appCookie, callbackPath: callback.pathname + callback.search, authorizeUrl: new URL(started.headers.location!) }
}

async function signInWithProvider(email: string) {
  const { appCookie, callbackPath } = await toProviderAndBack(t.app, email)
  const res = await request(t.app).get(callbackPath).set('Cookie', appCookie)
  return { res, appCookie, callbackPath }
}

const auditOf = (userId: number) =>
  t.db.selectFrom('auditEvents').selectAll().where('entityType', '=', 'user').where('entityId', '=', String(userId)).orderBy('id').execute()

describe('signing in with the council’s identity provider', () => {
  it('sends the browser to the provider with PKCE (S256), a state and a nonce', async () => {
    const started = await request(t.app).get('/sign-in/oidc/sso')
    const url = new URL(started.headers.location!)
    expect(url.origin).toBe(op.issuer)
    expect(url.searchParams.get('code_challenge_method')).toBe('S256')
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/)
    expect(url.searchParams.get('state')).toBeTruthy()
    expect(url.searchParams.get('nonce')).toBeTruthy()
    expect(url.searchParams.get('redirect_uri')).toBe(`${BASE}/sign-in/oidc/sso/callback`)
    expect(url.searchParams.get('scope')).toBe('openid email profile')
  })

  it('when someone new signs in, then they get an account with no role, and it is all in the audit log', async () => {
    op.addAccount({ sub: 'new-1', email: 'Jo.New@Rochford.gov.uk', name: 'Jo New' })
    const { res } = await signInWithProvider('jo.new@rochford.gov.uk')
    expect(res.status).toBe(303)
    expect(res.headers.location).toBe('/account')
    const account = await request(t.app).get('/account').set('Cookie', cookieOf(res)!)
    expect(page(account.text).h1()).toBe('Your account')
    expect(page(account.text).banner()).toMatch(/no role in any partnership yet/)
    const user = await t.db.selectFrom('users').selectAll().where('email', '=', 'jo.new@rochford.gov.uk').executeTakeFirstOrThrow()
    expect(user).toMatchObject({ name: 'Jo New', passwordHash: null, isSiteAdmin: false })
    expect(await t.db.selectFrom('partnershipRoles').selectAll().where('userId', '=', user.id).execute()).toEqual([])
    expect((await auditOf(user.id)).map(a => [a.action, a.summary])).toEqual([
      ['create', 'Created the account jo.new@rochford.gov.uk at its first sign-in with Rochford Council (no role until an admin gives one)'],
      ['link', 'Linked sign-in with Rochford Council (jo.new@rochford.gov.uk) to the account jo.new@rochford.gov.uk'],
      ['sign_in', 'jo.new@rochford.gov.uk signed in with Rochford Council'],
    ])
  })

  it('links an existing account by its verified address, then knows the person by the provider’s subject', async () => {
    const existing = await aUser(t, { email: 'officer@rochford.gov.uk' })
    op.addAccount({ sub: 'officer-1', email: 'officer@rochford.gov.uk' })
    expect((await signInWithProvider('officer@rochford.gov.uk')).res.status).toBe(303)
    expect(await t.db.selectFrom('externalIdentities').select(['userId', 'subject']).where('userId', '=', existing.id).execute()).toEqual([
      { userId: existing.id, subject: 'officer-1' },
    ])
    // The provider changes the person's address: the link still finds the same account.
    op.addAccount({ sub: 'officer-1', email: 'renamed.officer@rochford.gov.uk' })
    const again = await signInWithProvider('renamed.officer@rochford.gov.uk')
    expect(again.res.status).toBe(303)
    expect((await request(t.app).get('/account').set('Cookie', cookieOf(again.res)!)).text).toContain('officer@rochford.gov.uk')
    expect((await auditOf(existing.id)).filter(a => a.action === 'link')).toHaveLength(1)
    expect((await auditOf(existing.id)).filter(a => a.action === 'sign_in')).toHaveLength(2)
  })

  it('when the address’s domain is on a partnership’s list, then the new account becomes a member there (audited)', async () => {
    const { partnership } = await aPartnership(t, { name: 'Castle Point CSP' })
    await t.db.insertInto('partnershipEmailDomains').values({ partnershipId: partnership.id, domain: 'castlepoint.gov.uk' }).execute()
    op.addAccount({ sub: 'cp-1', email: 'officer@castlepoint.gov.uk' })
    const { res } = await signInWithProvider('officer@castlepoint.gov.uk')
    const banner = page((await request(t.app).get('/account').set('Cookie', cookieOf(res)!)).text).banner()
    expect(banner).toBe('You are now a member of Castle Point CSP, through your e-mail address. An admin can change your role.')
    const user = await t.db.selectFrom('users').select('id').where('email', '=', 'officer@castlepoint.gov.uk').executeTakeFirstOrThrow()
    expect(await t.db.selectFrom('partnershipRoles').select(['partnershipId', 'role']).where('userId', '=', user.id).execute()).toEqual([{ partnershipId: partnership.id, role: 'member' }])
    const grant = await t.db.selectFrom('auditEvents').select('summary').where('partnershipId', '=', partnership.id).where('action', '=', 'grant').execute()
    expect(grant.map(g => g.summary)).toEqual(['Gave officer@castlepoint.gov.uk the member role: an address at castlepoint.gov.uk, on the partnership’s list'])
  })

  it('refuses an address the provider has not verified, and makes no account', async () => {
    op.addAccount({ sub: 'unverified-1', email: 'unverified@example.org', emailVerified: false })
    const { res } = await signInWithProvider('unverified@example.org')
    expect(res.status).toBe(400)
    expect(page(res.text).h1()).toBe('You have not been signed in')
    expect(page(res.text).text('[data-qa=reason]')).toBe('Rochford Council has not confirmed your e-mail address, so CSP Hub cannot tell which account is yours. Ask your administrator.')
    expect(await t.db.selectFrom('users').select('id').where('email', '=', 'unverified@example.org').execute()).toEqual([])
  })

  it('refuses a disabled account', async () => {
    const user = await aUser(t, { email: 'left@rochford.gov.uk' })
    await t.db.updateTable('users').set({ disabledAt: t.clock.now() }).where('id', '=', user.id).execute()
    op.addAccount({ sub: 'left-1', email: 'left@rochford.gov.uk' })
    const { res } = await signInWithProvider('left@rochford.gov.uk')
    expect(res.status).toBe(403)
    expect(page(res.text).text('[data-qa=reason]')).toMatch(/has been disabled/)
  })
})

describe('answers that are refused with a plain message', () => {
  const reason = (res: request.Response) => page(res.text).text('[data-qa=reason]')

  it('a state that does not match the request started in this browser', async () => {
    op.addAccount({ sub: 'state-1', email: 'state@rochford.gov.uk' })
    const { appCookie, callbackPath } = await toProviderAndBack(t.app, 'state@rochford.gov.uk')
    const res = await request(t.app).get(callbackPath.replace(/state=[^&]+/, 'state=not-the-state')).set('Cookie', appCookie)
    expect(res.status).toBe(400)
    expect(reason(res)).toBe('The answer from Rochford Council does not match the sign-in started in this browser. Nothing has been signed in. Start again from the sign-in page.')
  })

  it('an answer brought to another browser (no request started there)', async () => {
    op.addAccount({ sub: 'elsewhere-1', email: 'elsewhere@rochford.gov.uk' })
    const { callbackPath } = await toProviderAndBack(t.app, 'elsewhere@rochford.gov.uk')
    const res = await request(t.app).get(callbackPath)
    expect(res.status).toBe(400)
    expect(reason(res)).toMatch(/already been used or has expired/)
  })

  it('the same answer sent twice (a replayed callback)', async () => {
    op.addAccount({ sub: 'replay-1', email: 'replay@rochford.gov.uk' })
    const { res, appCookie, callbackPath } = await signInWithProvider('replay@rochford.gov.uk')
    expect(res.status).toBe(303)
    const again = await request(t.app).get(callbackPath).set('Cookie', appCookie)
    expect(again.status).toBe(400)
    expect(reason(again)).toBe('This sign-in from Rochford Council has already been used or has expired. Start again from the sign-in page.')
  })

  it('a code already used, replayed into a new sign-in of the same browser', async () => {
    op.addAccount({ sub: 'code-1', email: 'code@rochford.gov.uk' })
    const first = await signInWithProvider('code@rochford.gov.uk')
    // The same browser starts again; the old code is sent with the new request's state.
    const restart = await request(t.app).get('/sign-in/oidc/sso').set('Cookie', first.appCookie)
    const newState = new URL(restart.headers.location!).searchParams.get('state')!
    const res = await request(t.app).get(first.callbackPath.replace(/state=[^&]+/, `state=${newState}`)).set('Cookie', first.appCookie)
    expect(res.status).toBe(400)
    expect(reason(res)).toBe('This sign-in from Rochford Council has already been used or has expired. Start again from the sign-in page.')
  })

  it('an ID token whose nonce is not this request’s (a replayed token)', async () => {
    op.addAccount({ sub: 'nonce-1', email: 'nonce@rochford.gov.uk' })
    const { appCookie, callbackPath } = await toProviderAndBack(t.app, 'nonce@rochford.gov.uk')
    await t.db.updateTable('oidcSignInRequests').set({ nonce: 'the-nonce-of-another-sign-in' }).execute()
    const res = await request(t.app).get(callbackPath).set('Cookie', appCookie)
    expect(res.status).toBe(400)
    expect(reason(res)).toBe('The answer from Rochford Council was not issued for this sign-in, so it was refused. Start again from the sign-in page.')
  })

  it('an ID token that has expired by the time it arrives', async () => {
    op.addAccount({ sub: 'slow-1', email: 'slow@rochford.gov.uk' })
    const { appCookie, callbackPath } = await toProviderAndBack(t.app, 'slow@rochford.gov.uk')
    t.clock.advanceMinutes(5) // the provider's ID tokens last 2 minutes here
    try {
      const res = await request(t.app).get(callbackPath).set('Cookie', appCookie)
      expect(res.status).toBe(400)
      expect(reason(res)).toBe('The sign-in from Rochford Council has expired. Start again from the sign-in page.')
    } finally {
      t.clock.advanceMinutes(-5)
    }
  })

  it('a request left at the provider for more than ten minutes', async () => {
    op.addAccount({ sub: 'late-1', email: 'late@rochford.gov.uk' })
    const { appCookie, callbackPath } = await toProviderAndBack(t.app, 'late@rochford.gov.uk')
    t.clock.advanceMinutes(11)
    try {
      const res = await request(t.app).get(callbackPath).set('Cookie', appCookie)
      expect(res.status).toBe(400)
      expect(reason(res)).toMatch(/has expired: it took more than 10 minutes/)
    } finally {
      t.clock.advanceMinutes(-11)
    }
  })

  it('an error from the provider (the person cancelled)', async () => {
    const started = await request(t.app).get('/sign-in/oidc/sso')
    const state = new URL(started.headers.location!).searchParams.get('state')!
    const res = await request(t.app).get(`/sign-in/oidc/sso/callback?error=access_denied&state=${state}&iss=${encodeURIComponent(op.issuer)}`).set('Cookie', cookieOf(started)!)
    expect(res.status).toBe(400)
    expect(reason(res)).toBe('Rochford Council did not sign you in. Start again from the sign-in page if you want to try again.')
  })

  it('a provider that is not the issuer set up, and one that cannot be reached: 502, not a 500', async () => {
    // The same provider reached by another name: its metadata names 127.0.0.1 as the issuer, not localhost.
    const wrongIssuer = await createTestApp({ now: new Date().toISOString(), env: ssoEnv(op.issuer.replace('127.0.0.1', 'localhost')) })
    try {
      const res = await request(wrongIssuer.app).get('/sign-in/oidc/sso')
      expect(res.status).toBe(502)
      expect(reason(res)).toBe('Signing in with Rochford Council is not set up correctly: the identity provider is not the issuer CSP Hub expects. Tell your administrator.')
    } finally {
      await wrongIssuer.close()
    }
    const unreachable = await createTestApp({ env: ssoEnv('http://127.0.0.1:9') })
    try {
      const res = await request(unreachable.app).get('/sign-in/oidc/sso')
      expect(res.status).toBe(502)
      expect(reason(res)).toMatch(/could not reach it/)
    } finally {
      await unreachable.close()
    }
  })

  it('a provider the site does not have: 404', async () => {
    expect((await request(t.app).get('/sign-in/oidc/elsewhere')).status).toBe(404)
    expect((await request(t.app).get('/sign-in/oidc/elsewhere/callback?code=x&state=y')).status).toBe(404)
  })
})

describe('signing out', () => {
  it('signs out here and at the provider (RP-initiated logout), back to the signed-out page', async () => {
    op.addAccount({ sub: 'out-1', email: 'out@rochford.gov.uk' })
    const { res } = await signInWithProvider('out@rochford.gov.uk')
    const cookie = cookieOf(res)!
    const accountPage = await request(t.app).get('/account').set('Cookie', cookie)
    const csrf = String(page(accountPage.text).$('form[action="/sign-out"] input[name=_csrf]').val())
    const out = await request(t.app).post('/sign-out').set('Cookie', cookie).type('form').send({ _csrf: csrf })
    expect(out.status).toBe(303)
    const endSession = new URL(out.headers.location!)
    expect(endSession.origin + endSession.pathname).toBe(`${op.issuer}/session/end`)
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(`${BASE}/signed-out`)
    expect(endSession.searchParams.get('id_token_hint')).toMatch(/^ey/)
    expect((await request(t.app).get('/account').set('Cookie', cookie)).status).toBe(303)
    // The provider accepts the request (its id_token_hint and return address) and goes on to sign out.
    const providerPage = await cookieKeepingFetch()(endSession.href)
    expect(providerPage.status).toBe(200)
    expect(providerPage.text).toContain('/session/end/confirm')
  })
})

describe('the sign-in page', () => {
  it('offers the provider beside the password form; with passwords turned off, only the provider', async () => {
    const both = page((await request(t.app).get('/sign-in')).text)
    expect(both.$('a.govuk-button').map((_, a) => both.$(a).text().trim()).get()).toEqual(['Sign in with Rochford Council'])
    expect(both.$('input[name=password]').length).toBe(1)

    const ssoOnly = await createTestApp({ env: { ...ssoEnv(op.issuer), CSP_HUB_PASSWORD_SIGN_IN: 'false' } })
    try {
      const p = page((await request(ssoOnly.app).get('/sign-in')).text)
      expect(p.$('input[name=password]').length).toBe(0)
      expect(p.$('a.govuk-button').text().trim()).toBe('Sign in with Rochford Council')
      const client = ssoOnly.anonymous()
      expect((await client.get('/forgot-password')).status).toBe(404)
      const user = await aUser(ssoOnly)
      const signedIn = await ssoOnly.as(user)
      expect((await signedIn.post('/sign-in', { email: user.email, password: 'anything at all' })).status).toBe(404)
      expect((await signedIn.get('/account/password')).status).toBe(404)
    } finally {
      await ssoOnly.close()
    }
  })
})
