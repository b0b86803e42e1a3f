/**
 * How long a failed job waits before its next attempt: doubling from `baseMs` after the first failure
 * (1 min, 2 min, 4 min…) up to `maxMs`. Attempt numbers count from 1.
 */
export interface BackOff {
  baseMs: number
  maxMs: number
}

export const DEFAULT_BACK_OFF: BackOff = { baseMs: 60_000, maxMs: 6 * 60 * 60_000 }

export function retryDelayMs(failedAttempt: number, backOff: BackOff = DEFAULT_BACK_OFF): number {
  const exponent = Math.max(0, failedAttempt - 1)
  return Math.min(backOff.maxMs, backOff.baseMs * 2 ** Math.min(exponent, 30))
}
