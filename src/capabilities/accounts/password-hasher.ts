import { hash, verify } from '@node-rs/argon2'

/** @node-rs/argon2's `Algorithm.Argon2id` (an ambient const enum, so not importable as a value). */
const ARGON2ID = 2

export interface PasswordHasher {
  hash(password: string): Promise<string>
  verify(hash: string, password: string): Promise<boolean>
}

/** argon2id with OWASP's recommended minimum (19 MiB, 2 iterations, 1 lane); tests pass a cheaper cost. */
export function argon2Hasher(cost: { memoryCost: number; timeCost: number } = { memoryCost: 19_456, timeCost: 2 }): PasswordHasher {
  const options = { algorithm: ARGON2ID, parallelism: 1, ...cost }
  return {
    hash: password => hash(password, options),
    async verify(stored, password) {
      try {
        return await verify(stored, password)
      } catch {
        return false
      }
    },
  }
}
