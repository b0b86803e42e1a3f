/**
 * Accounts nobody uses are a risk: someone who has left still has a way in. An account counts as used
 * when it was made, signed in, had an API token used, or was enabled again by an admin; one unused for
 * longer than the site's limit (CSP_HUB_DISABLE_INACTIVE_AFTER_DAYS) is disabled until an admin enables it.
 */
export interface AccountActivity {
  createdAt: Date
  lastSignedInAt: Date | null
  lastTokenUseAt: Date | null
  enabledAt: Date | null
}

export function lastActivity(account: AccountActivity): Date {
  const times = [account.createdAt, account.lastSignedInAt, account.lastTokenUseAt, account.enabledAt].filter((t): t is Date => t !== null)
  return new Date(Math.max(...times.map(t => t.getTime())))
}

/** The moment before which an account's last use makes it inactive. */
export function inactivityCutoff(now: Date, days: number): Date {
  return new Date(now.getTime() - days * 86_400_000)
}

export function isInactive(account: AccountActivity, now: Date, days: number): boolean {
  return lastActivity(account) < inactivityCutoff(now, days)
}
