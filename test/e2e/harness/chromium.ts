import { accessSync, constants } from 'node:fs'

import { chromium, type Browser } from 'playwright-core'

/**
 * The browser the journeys drive: Debian's Chromium (`apt-get install chromium`), or the one named by
 * CSP_HUB_CHROMIUM. Outside CI a missing Chromium skips the browser suite with a clear notice; under
 * CI=true it fails the run, so CI can never pass without running the journeys.
 */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium'

export type ChromiumStatus = { available: true; path: string } | { available: false; path: string; reason: string }

export function findChromium(env: NodeJS.ProcessEnv = process.env): ChromiumStatus {
  const candidate = env.CSP_HUB_CHROMIUM || DEFAULT_CHROMIUM
  try {
    accessSync(candidate, constants.X_OK)
    return { available: true, path: candidate }
  } catch {
    return {
      available: false,
      path: candidate,
      reason: `Chromium is missing: there is no executable at ${candidate}. Install it (Debian: apt-get install chromium) or set CSP_HUB_CHROMIUM to its path.`,
    }
  }
}

export const isCi = (env: NodeJS.ProcessEnv = process.env) => env.CI === 'true' || env.CI === '1'

/** The flags every run uses: no sandbox (CI runs as root), no GPU, no calls home, a fresh profile. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

/**
 * Launch headless Chromium. Playwright gives every launch a fresh temporary --user-data-dir of its own
 * (it refuses one in `args`) and removes it when the browser closes, so no state leaks between runs.
 */
export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 })
}
