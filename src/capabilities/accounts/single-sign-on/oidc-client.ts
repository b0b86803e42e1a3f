import * as oidc from 'openid-client'

import type { OidcProviderConfig } from '../../../config.ts'
import type { Clock } from '../../../shared/clock.ts'

/**
 * One identity provider, through openid-client (a certified OpenID Connect relying party): the
 * authorisation code flow with PKCE (S256), state and nonce, and the ID token checked (signature against
 * the provider's keys, issuer, audience, expiry, nonce). The provider's metadata is discovered once, on
 * first use, from {issuer}/.well-known/openid-configuration.
 */
export type OidcProblemKind = 'unreachable' | 'issuer' | 'state' | 'nonce' | 'expired' | 'used' | 'denied' | 'invalid'

export class OidcProblem extends Error {
  constructor(
    readonly kind: OidcProblemKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = 'OidcProblem'
  }
}

export interface OidcExchange {
  claims: Record<string, unknown>
  idToken: string
  issuer: string
}

/** Plain http is allowed only to this machine (tests, a provider run locally), never in production. */
function isLocal(issuer: string): boolean {
  const { protocol, hostname } = new URL(issuer)
  return protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(hostname)
}

/** What went wrong, from openid-client's error (or one of its causes). */
function classify(error: unknown): OidcProblemKind {
  if (error instanceof oidc.AuthorizationResponseError) return 'denied'
  if (error instanceof oidc.ResponseBodyError && error.error === 'invalid_grant') return 'used'
  const messages: string[] = []
  for (let e: unknown = error; e instanceof Error; e = e.cause) messages.push(e.message)
  const text = messages.join(' | ')
  if (/"state"/.test(text)) return 'state'
  if (/"nonce"/.test(text)) return 'nonce'
  if (/"exp"|"iat"|"nbf"|expir/.test(text)) return 'expired'
  if (/"iss"|issuer/.test(text)) return 'issuer'
  if (/fetch failed|ECONNREFUSED|ENOTFOUND|timed? ?out|abort|unexpected HTTP status/i.test(text)) return 'unreachable'
  return 'invalid'
}

export function oidcClient(provider: OidcProviderConfig, clock: Clock) {
  const insecure = isLocal(provider.issuer)
  let server: Promise<oidc.ServerMetadata> | undefined

  async function discover(): Promise<oidc.ServerMetadata> {
    try {
      const config = await oidc.discovery(new URL(provider.issuer), provider.clientId, provider.clientSecret, undefined, {
        execute: insecure ? [oidc.allowInsecureRequests] : [],
        timeout: 10,
      })
      return config.serverMetadata()
    } catch (error) {
      const kind = classify(error)
      throw new OidcProblem(kind === 'issuer' ? 'issuer' : 'unreachable', `Discovery of ${provider.issuer} failed`, { cause: error })
    }
  }

  /** The provider's metadata, with the client's own clock: our (injected) time, not the machine's. */
  async function configuration(): Promise<oidc.Configuration> {
    server ??= discover().catch((error: unknown) => {
      server = undefined // try again next time
      throw error
    })
    const metadata: Partial<oidc.ClientMetadata> = {
      ...(provider.clientSecret ? { client_secret: provider.clientSecret } : {}),
      [oidc.clockSkew]: Math.round((clock.now().getTime() - Date.now()) / 1000),
    }
    const config = new oidc.Configuration(await server, provider.clientId, metadata, provider.clientSecret ? undefined : oidc.None())
    if (insecure) oidc.allowInsecureRequests(config)
    return config
  }

  return {
    provider,

    /** A fresh state, nonce and PKCE verifier, and the address to send the browser to. */
    async authorizationRequest(redirectUri: string) {
      const config = await configuration()
      const codeVerifier = oidc.randomPKCECodeVerifier()
      const state = oidc.randomState()
      const nonce = oidc.randomNonce()
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: 'openid email profile',
        response_type: 'code',
        code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      })
      return { url, state, nonce, codeVerifier }
    },

    /** Check the provider's answer against the request, exchange the code, and check the ID token. */
    async exchange(callbackUrl: URL, expected: { state: string; nonce: string; codeVerifier: string }): Promise<OidcExchange> {
      const config = await configuration()
      try {
        const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
          pkceCodeVerifier: expected.codeVerifier,
          expectedState: expected.state,
          expectedNonce: expected.nonce,
          idTokenExpected: true,
        })
        const claims = tokens.claims()
        if (!claims || !tokens.id_token) throw new OidcProblem('invalid', 'No ID token in the answer')
        return { claims: { ...claims }, idToken: tokens.id_token, issuer: config.serverMetadata().issuer }
      } catch (error) {
        if (error instanceof OidcProblem) throw error
        throw new OidcProblem(classify(error), error instanceof Error ? error.message : String(error), { cause: error })
      }
    },

    /** Where to send the browser to sign out at the provider too, if it supports RP-initiated logout. */
    async endSessionUrl(idToken: string, postLogoutRedirectUri: string): Promise<string | undefined> {
      try {
        const config = await configuration()
        if (!config.serverMetadata().end_session_endpoint) return undefined
        return oidc.buildEndSessionUrl(config, { id_token_hint: idToken, post_logout_redirect_uri: postLogoutRedirectUri }).href
      } catch {
        return undefined // the provider cannot be reached: signing out here is enough
      }
    },
  }
}
export type OidcClient = ReturnType<typeof oidcClient>
