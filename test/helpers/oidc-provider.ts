import { generateKeyPairSync } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

import Provider, { type KoaContextWithOIDC } from 'oidc-provider'

/**
 * A real OpenID provider (the certified `oidc-provider` package) on 127.0.0.1, for tests of single sign-on.
 * Its sign-in page is a plain accessible form asking which test account to be: no password, and consent is
 * given with the sign-in. ID tokens carry the account's e-mail, email_verified and name.
 */
export interface TestIdentity {
  sub: string
  email: string
  emailVerified?: boolean
  name?: string
}

export interface OidcTestProvider {
  issuer: string
  clientId: string
  clientSecret: string
  /** Make an account known to the provider (or change it). */
  addAccount(identity: TestIdentity): void
  close(): Promise<void>
}

const page = (title: string, body: string) =>
  `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>` +
  `<style>body{font-family:sans-serif;margin:2rem;color:#0b0c0c}label,input,button{display:block;font-size:1.1rem;margin:.5rem 0}button{padding:.5rem 1rem;background:#00703c;color:#fff;border:0}</style></head>` +
  `<body><main><h1>${title}</h1>${body}</main></body></html>`

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`)

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'))
}

export async function startOidcProvider(options: {
  redirectUris: string[]
  postLogoutRedirectUris?: string[]
  identities?: TestIdentity[]
  /** The host in the issuer: 127.0.0.1 by default; 'localhost' gives a second issuer name for the same server. */
  host?: string
  /** How long ID tokens last (default: the provider's hour). */
  idTokenSeconds?: number
}): Promise<OidcTestProvider> {
  const accounts = new Map<string, TestIdentity>()
  const byEmail = new Map<string, TestIdentity>()
  const addAccount = (identity: TestIdentity) => {
    accounts.set(identity.sub, identity)
    byEmail.set(identity.email.toLowerCase(), identity)
  }
  for (const identity of options.identities ?? []) addAccount(identity)

  const server: Server = createServer()
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const issuer = `http://${options.host ?? '127.0.0.1'}:${port}`
  const clientId = 'csp-hub'
  const clientSecret = 'a-client-secret-for-tests-only-0123456789'
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'RS256' }

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        post_logout_redirect_uris: options.postLogoutRedirectUris ?? [],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [jwk as never] },
    cookies: { keys: ['a-cookie-key-for-tests-only'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    conformIdTokenClaims: false,
    ttl: { IdToken: options.idTokenSeconds ?? 3600, AccessToken: 600, Interaction: 600, Grant: 600, Session: 600 },
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx: KoaContextWithOIDC, form: string) => {
          ctx.body = page('Sign out of the test identity provider', `${form}<button type="submit" form="op.logoutForm" name="logout" value="yes">Yes, sign me out</button>`)
        },
      },
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    renderError: (ctx, out) => {
      ctx.type = 'html'
      ctx.body = page('The test identity provider refused the request', `<p>${escapeHtml(String(out.error))}: ${escapeHtml(String(out.error_description ?? ''))}</p>`)
    },
    findAccount: (_ctx, sub) => {
      const identity = accounts.get(sub)
      if (!identity) return undefined
      return {
        accountId: sub,
        claims: () => ({ sub, email: identity.email, email_verified: identity.emailVerified ?? true, name: identity.name ?? identity.email }),
      }
    },
  })
  provider.on('server_error', () => undefined)
  const callback = provider.callback()

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', issuer)
    const match = /^\/interaction\/([\w-]+)(\/login)?$/.exec(url.pathname)
    if (!match) return void callback(req, res)
    void (async () => {
      try {
        const details = await provider.interactionDetails(req, res)
        if (req.method === 'GET') {
          res.setHeader('Content-Type', 'text/html; charset=utf-8')
          res.end(
            page(
              'Sign in to the test identity provider',
              `<form method="post" action="/interaction/${details.uid}/login"><label for="email">Email address</label><input id="email" name="email" type="email" autocomplete="email" spellcheck="false"><button type="submit">Sign in</button></form>`,
            ),
          )
          return
        }
        const email = (await readForm(req)).get('email')?.trim().toLowerCase() ?? ''
        const identity = byEmail.get(email)
        if (!identity) {
          res.statusCode = 400
          res.setHeader('Content-Type', 'text/html; charset=utf-8')
          res.end(page('No such test account', `<p>${escapeHtml(email)} is not an account of the test identity provider.</p>`))
          return
        }
        const grant = new provider.Grant({ accountId: identity.sub, clientId: String(details.params.client_id) })
        grant.addOIDCScope('openid email profile')
        const grantId = await grant.save()
        await provider.interactionFinished(req, res, { login: { accountId: identity.sub }, consent: { grantId } }, { mergeWithLastSubmission: false })
      } catch (error) {
        res.statusCode = 500
        res.end(String(error))
      }
    })()
  })

  return {
    issuer,
    clientId,
    clientSecret,
    addAccount,
    async close() {
      server.closeAllConnections()
      await new Promise<void>(resolve => server.close(() => resolve()))
    },
  }
}

/** A minimal browser for the provider's side: follows nothing by itself, keeps cookies per host. */
export function cookieKeepingFetch() {
  const jars = new Map<string, Map<string, string>>()
  return async (url: string, init: { method?: string; form?: Record<string, string> } = {}) => {
    const target = new URL(url)
    const jar = jars.get(target.host) ?? new Map<string, string>()
    jars.set(target.host, jar)
    const headers: Record<string, string> = {}
    if (jar.size) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
    let body: string | undefined
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded'
      body = new URLSearchParams(init.form).toString()
    }
    const res = await fetch(target, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body, redirect: 'manual' })
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(';')
      const index = pair!.indexOf('=')
      const name = pair!.slice(0, index).trim()
      const value = pair!.slice(index + 1).trim()
      if (/expires=Thu, 01 Jan 1970/i.test(cookie) || value === '') jar.delete(name)
      else jar.set(name, value)
    }
    const location = res.headers.get('location')
    return { status: res.status, location: location ? new URL(location, target).href : undefined, text: await res.text() }
  }
}
