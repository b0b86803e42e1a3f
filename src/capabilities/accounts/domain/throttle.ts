/**
 * Throttling of failed sign-ins, stored in the database so that every app server sees the same count.
 * After too many failures for one email address (or from one IP address) within the window, further
 * attempts are refused until the window has passed, whether or not the password is right.
 */
export interface ThrottlePolicy {
  windowMinutes: number
  maxFailuresPerEmail: number
  maxFailuresPerIp: number
}

export const DEFAULT_THROTTLE: ThrottlePolicy = { windowMinutes: 15, maxFailuresPerEmail: 5, maxFailuresPerIp: 50 }

export function isThrottled(
  failures: { forEmail: number; forIp: number },
  policy: ThrottlePolicy = DEFAULT_THROTTLE,
): boolean {
  return failures.forEmail >= policy.maxFailuresPerEmail || failures.forIp >= policy.maxFailuresPerIp
}

/** The key an email address is counted under: case and surrounding space do not matter. */
export function emailKey(email: string): string {
  return email.trim().toLowerCase()
}
