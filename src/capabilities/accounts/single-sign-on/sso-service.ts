import type { OidcProviderConfig } from '../../../config.ts'
import type { Db } from '../../../db/database.ts'
import type { Logger } from '../../../logger.ts'
import type { Clock } from '../../../shared/clock.ts'
import { NotFoundError } from '../../../shared/errors.ts'
import { auditLog } from '../../../core/audit/audit-log.ts'
import type { Actor } from '../../../core/audit/audit-entry.ts'
import type { AccountService } from '../account-service.ts'
import { userRepository } from '../user-repository.ts'

import { identityFromClaims, type SignedInIdentity } from './domain/claims.ts'
import { oidcClient, OidcProblem, type OidcClient } from './oidc-client.ts'

/** How long a browser may take at the identity provider before the request is refused as expired. */
const REQUEST_MINUTES = 10

/** A sign-in refused with a message for the person (never a 500). */
export class SignInRefused extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message)
    this.name = 'SignInRefused'
  }
}

/**
 * Called inside the transaction that makes an account at its first single sign-on: gives it the roles
 * its e-mail domain earns (partnerships/team), and returns the partnerships' names.
 */
export type FirstSignInHook = (trx: Db, user: { id: number; email: string }, actor: Actor) => Promise<string[]>

export interface SingleSignOnDeps {
  db: Db
  clock: Clock
  logger: Logger
  baseUrl: string
  providers: OidcProviderConfig[]
  accounts: AccountService
  onFirstSignIn?: FirstSignInHook
}

/**
 * Single sign-on over OpenID Connect. The request sent to the provider (state, nonce, PKCE verifier) is
 * kept against the browser's session and used once; the answer must match it. The account is the one
 * linked to the provider's subject, else the one with the verified address (linked then), else a new one
 * with no role, which an admin gives (or the address's domain earns).
 */
export function singleSignOnService({ db, clock, logger, baseUrl, providers, accounts, onFirstSignIn }: SingleSignOnDeps) {
  const clients = new Map<string, OidcClient>(providers.map(p => [p.id, oidcClient(p, clock)]))
  const clientOf = (id: string) => {
    const client = clients.get(id)
    if (!client) throw new NotFoundError('Sign-in service')
    return client
  }
  const callbackUrl = (id: string) => `${baseUrl}/sign-in/oidc/${id}/callback`

  function refusalFor(problem: OidcProblem, name: string): SignInRefused {
    switch (problem.kind) {
      case 'unreachable':
        return new SignInRefused(`Signing in with ${name} is not working at the moment: CSP Hub could not reach it. Try again later, or tell your administrator.`, 502)
      case 'issuer':
        return new SignInRefused(`Signing in with ${name} is not set up correctly: the identity provider is not the issuer CSP Hub expects. Tell your administrator.`, 502)
      case 'state':
        return new SignInRefused(`The answer from ${name} does not match the sign-in started in this browser. Nothing has been signed in. Start again from the sign-in page.`)
      case 'nonce':
        return new SignInRefused(`The answer from ${name} was not issued for this sign-in, so it was refused. Start again from the sign-in page.`)
      case 'expired':
        return new SignInRefused(`The sign-in from ${name} has expired. Start again from the sign-in page.`)
      case 'used':
        return new SignInRefused(`This sign-in from ${name} has already been used or has expired. Start again from the sign-in page.`)
      case 'denied':
        return new SignInRefused(`${name} did not sign you in. Start again from the sign-in page if you want to try again.`)
      default:
        return new SignInRefused(`The answer from ${name} could not be checked, so it was refused. Start again from the sign-in page.`)
    }
  }

  /** The account for this identity: linked, matched by address and linked, or new. */
  async function accountFor(providerId: string, identity: SignedInIdentity, name: string) {
    return db.transaction().execute(async trx => {
      const now = clock.now()
      const linked = await trx
        .selectFrom('externalIdentities')
        .select(['id', 'userId'])
        .where('issuer', '=', identity.issuer)
        .where('subject', '=', identity.subject)
        .executeTakeFirst()
      if (linked) {
        await trx.updateTable('externalIdentities').set({ lastUsedAt: now, email: identity.email }).where('id', '=', linked.id).execute()
        return { userId: linked.userId, granted: [] as string[] }
      }
      let user = await userRepository.findByEmail(trx, identity.email)
      let granted: string[] = []
      const actor: Actor = { userId: null, label: `single sign-on (${name})` }
      if (!user) {
        user = await userRepository.insert(trx, { email: identity.email, name: identity.name, passwordHash: null }, now)
        await auditLog.record(trx, { ...actor, userId: user.id }, {
          partnershipId: null,
          action: 'create',
          entityType: 'user',
          entityId: user.id,
          summary: `Created the account ${user.email} at its first sign-in with ${name} (no role until an admin gives one)`,
          after: user,
        })
        granted = onFirstSignIn ? await onFirstSignIn(trx, user, { ...actor, userId: user.id }) : []
      }
      await trx
        .insertInto('externalIdentities')
        .values({ userId: user.id, provider: providerId, issuer: identity.issuer, subject: identity.subject, email: identity.email, lastUsedAt: now })
        .execute()
      await auditLog.record(trx, { ...actor, userId: user.id }, {
        partnershipId: null,
        action: 'link',
        entityType: 'user',
        entityId: user.id,
        summary: `Linked sign-in with ${name} (${identity.email}) to the account ${user.email}`,
        after: { provider: providerId, issuer: identity.issuer, subject: identity.subject, email: identity.email },
      })
      return { userId: user.id, granted }
    })
  }

  return {
    /** The buttons of the sign-in page. */
    providers: providers.map(p => ({ id: p.id, name: p.name })),

    /** Send the browser to the provider: a new request, kept against this session, replacing any earlier one. */
    async start(sessionId: string, providerId: string, returnTo: string): Promise<string> {
      const client = clientOf(providerId)
      let request
      try {
        request = await client.authorizationRequest(callbackUrl(providerId))
      } catch (error) {
        if (error instanceof OidcProblem) {
          logger.warn({ err: error, provider: providerId }, 'Single sign-on could not start')
          throw refusalFor(error, client.provider.name)
        }
        throw error
      }
      const now = clock.now()
      const row = {
        provider: providerId,
        state: request.state,
        nonce: request.nonce,
        codeVerifier: request.codeVerifier,
        returnTo,
        createdAt: now,
        expiresAt: new Date(now.getTime() + REQUEST_MINUTES * 60_000),
      }
      await db
        .insertInto('oidcSignInRequests')
        .values({ sessionId, ...row })
        .onConflict(oc => oc.column('sessionId').doUpdateSet(row))
        .execute()
      return request.url.href
    },

    /** The provider's answer: checked, then the account it signs in to. The request is used up either way. */
    async complete(sessionId: string | undefined, providerId: string, query: URLSearchParams) {
      const client = clientOf(providerId)
      const name = client.provider.name
      const request = sessionId
        ? await db.deleteFrom('oidcSignInRequests').where('sessionId', '=', sessionId).where('provider', '=', providerId).returningAll().executeTakeFirst()
        : undefined
      if (!request) throw new SignInRefused(`This sign-in from ${name} has already been used or has expired. Start again from the sign-in page.`)
      if (request.expiresAt <= clock.now()) throw new SignInRefused(`The sign-in from ${name} has expired: it took more than ${REQUEST_MINUTES} minutes. Start again from the sign-in page.`)
      let exchange
      try {
        exchange = await client.exchange(new URL(`${callbackUrl(providerId)}?${query.toString()}`), request)
      } catch (error) {
        if (!(error instanceof OidcProblem)) throw error
        logger.warn({ err: error, provider: providerId, kind: error.kind }, 'Single sign-on refused')
        throw refusalFor(error, name)
      }
      const found = identityFromClaims(exchange.issuer, exchange.claims, { trustEmail: client.provider.trustEmail })
      if (!found.ok) {
        logger.warn({ provider: providerId, reason: found.reason }, 'Single sign-on refused: no usable e-mail address')
        throw new SignInRefused(
          found.reason === 'unverified_email'
            ? `${name} has not confirmed your e-mail address, so CSP Hub cannot tell which account is yours. Ask your administrator.`
            : `${name} did not say who you are (an e-mail address is needed). Ask your administrator.`,
        )
      }
      const { userId, granted } = await accountFor(providerId, found.identity, name)
      await accounts.inactiveAccounts.disableInactive()
      const user = await accounts.loadCurrentUser(userId)
      if (!user) throw new SignInRefused('Your CSP Hub account has been disabled. Ask an admin of your partnership to enable it.', 403)
      return { user, returnTo: request.returnTo, idToken: exchange.idToken, granted, how: `with ${name}` }
    },

    /** Remember the ID token of a session signed in through a provider, to sign out there too. */
    async rememberSession(sessionId: string, providerId: string, idToken: string): Promise<void> {
      await db.insertInto('oidcSessions').values({ sessionId, provider: providerId, idToken }).execute()
    },

    /** Where to send the browser after signing out here: the provider's sign-out, when it has one. */
    async signOutUrl(sessionId: string | undefined): Promise<string | undefined> {
      if (!sessionId) return undefined
      const row = await db.selectFrom('oidcSessions').selectAll().where('sessionId', '=', sessionId).executeTakeFirst()
      const client = row ? clients.get(row.provider) : undefined
      if (!row || !client) return undefined
      return client.endSessionUrl(row.idToken, `${baseUrl}/signed-out`)
    },
  }
}
export type SingleSignOnService = ReturnType<typeof singleSignOnService>
