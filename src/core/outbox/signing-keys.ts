import { createHmac, randomBytes } from 'node:crypto'

import type { Kysely } from 'kysely'

import type { Database } from '../../db/tables.ts'
import { safeEqual } from '../../shared/tokens.ts'

export interface Signer {
  sign(value: string): Promise<string>
  verify(value: string, signature: string): Promise<boolean>
}

/**
 * Signatures for links that must work without signing in (an unsubscribe link): an HMAC-SHA256 of the
 * link's value with a random secret per purpose, made on first use and kept in the database so that every
 * app server signs alike. A link cannot be made for another address without the secret.
 */
export function signingKeys(db: Kysely<Database>) {
  const cache = new Map<string, string>()
  async function secret(purpose: string): Promise<string> {
    const known = cache.get(purpose)
    if (known) return known
    await db.insertInto('signingKeys').values({ purpose, secret: randomBytes(32).toString('base64url') }).onConflict(oc => oc.column('purpose').doNothing()).execute()
    const row = await db.selectFrom('signingKeys').select('secret').where('purpose', '=', purpose).executeTakeFirstOrThrow()
    cache.set(purpose, row.secret)
    return row.secret
  }
  return {
    signer(purpose: string): Signer {
      const sign = async (value: string) => createHmac('sha256', await secret(purpose)).update(value).digest('base64url')
      return {
        sign,
        verify: async (value, signature) => safeEqual(await sign(value), signature),
      }
    },
  }
}
