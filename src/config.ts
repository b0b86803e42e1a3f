import { existsSync } from 'node:fs'
import path from 'node:path'

import { z } from 'zod'

import { projectRoot } from './paths.ts'

/**
 * The only module that reads process.env. Every setting is documented in .env.example and README.md.
 * Defaults suit a laptop; settings that must be real in production fail start-up when missing there.
 */
const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform(value => value === 'true' || value === '1' || value === 'yes')

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  CSP_HUB_DATA_DIR: z.string().default('./data'),
  CSP_HUB_BASE_URL: z.string().url().optional(),
  CSP_HUB_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CSP_HUB_DEMO_DATA: z.enum(['auto', 'never']).default('auto'),
  CSP_HUB_ADMIN_EMAIL: z.string().email().optional(),
  CSP_HUB_ADMIN_PASSWORD: z.string().min(12, 'CSP_HUB_ADMIN_PASSWORD must be at least 12 characters').optional(),
  CSP_HUB_SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(12 * 60),
  CSP_HUB_SESSION_MAX_DAYS: z.coerce.number().int().positive().default(14),
  CSP_HUB_SECURE_COOKIES: booleanFromEnv.optional(),
  CSP_HUB_TRUST_PROXY: z.string().default('loopback'),
  CSP_HUB_SMTP_URL: z.string().url().optional(),
  CSP_HUB_MAIL_FROM: z.string().default('CSP Hub <no-reply@localhost>'),
  CSP_HUB_MAP_TILE_URL: z.string().optional(),
  CSP_HUB_MAP_TILE_ATTRIBUTION: z.string().optional(),
  CSP_HUB_UPLOAD_MAX_MB: z.coerce.number().int().positive().default(200),
  CSP_HUB_SAMPLE_DATA_DIR: z.string().optional(),
  CSP_HUB_IMPORT_STALL_MINUTES: z.coerce.number().int().positive().default(30),
  CSP_HUB_OIDC_ISSUER: z.string().url().optional(),
  CSP_HUB_OIDC_CLIENT_ID: z.string().optional(),
  CSP_HUB_OIDC_CLIENT_SECRET: z.string().optional(),
  CSP_HUB_OIDC_NAME: z.string().max(60).optional(),
  CSP_HUB_OIDC_TRUST_EMAIL: booleanFromEnv.optional(),
  CSP_HUB_OIDC_PROVIDERS: z.string().optional(),
  CSP_HUB_PASSWORD_SIGN_IN: booleanFromEnv.default(true),
  CSP_HUB_REQUIRE_MFA: z.enum(['off', 'admins', 'all']).default('off'),
  CSP_HUB_DISABLE_INACTIVE_AFTER_DAYS: z.coerce.number().int().positive().optional(),
})

export interface Config {
  env: 'development' | 'production' | 'test'
  isProduction: boolean
  port: number
  host: string
  /** A real PostgreSQL server; when absent, the embedded PGlite database in `dataDir` is used. */
  databaseUrl: string | undefined
  dataDir: string
  baseUrl: string
  logLevel: string
  demoData: 'auto' | 'never'
  admin: { email: string; password: string } | undefined
  session: { idleMinutes: number; maxDays: number; secureCookies: boolean }
  trustProxy: string
  mail: { smtpUrl: string | undefined; from: string }
  map: { tileUrl: string | undefined; tileAttribution: string | undefined }
  uploadMaxBytes: number
  /** Real police.uk and ONS files laid out as shared/data/real (police-uk/, ons/): the demo imports them. */
  sampleDataDir: string | undefined
  /** An import job that shows no sign of life for this long is failed by the watchdog. */
  importStallMinutes: number
  /** Read templates again on every render (`csp-hub serve --watch-templates`, as `npm run dev` does). */
  watchTemplates: boolean
  /** Identity providers for single sign-on (OpenID Connect), in the order their buttons show. */
  oidcProviders: OidcProviderConfig[]
  /** false: only single sign-on; the password form, password resets and password invitations are off. */
  passwordSignIn: boolean
  /** Who must use two-factor sign-in with their password: nobody, admins (site or partnership), or all. */
  requireMfa: 'off' | 'admins' | 'all'
  /** Accounts unused for this many days are disabled (at each sign-in and by `csp-hub accounts disable-inactive`). */
  disableInactiveAfterDays: number | undefined
}

export interface OidcProviderConfig {
  /** In the provider's addresses: /sign-in/oidc/{id} and its callback /sign-in/oidc/{id}/callback. */
  id: string
  /** The button's label: "Sign in with {name}". */
  name: string
  issuer: string
  clientId: string
  clientSecret: string | undefined
  /** Take the e-mail claim as verified without email_verified (Microsoft Entra ID sends none). */
  trustEmail: boolean
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // A setting given as an empty string (`CSP_HUB_SMTP_URL=` in a .env file, `${VAR:-}` in compose) is unset.
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''))
  const parsed = schema.safeParse(given)
  if (!parsed.success) {
    const problems = parsed.error.issues.map(issue => `${issue.path.join('.')}: ${issue.message}`)
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`)
  }
  const e = parsed.data
  const isProduction = e.NODE_ENV === 'production'
  if (isProduction && !e.CSP_HUB_BASE_URL) {
    throw new ConfigError('CSP_HUB_BASE_URL must be set in production (it is used in password reset links).')
  }
  if (Boolean(e.CSP_HUB_ADMIN_EMAIL) !== Boolean(e.CSP_HUB_ADMIN_PASSWORD)) {
    throw new ConfigError('Set both CSP_HUB_ADMIN_EMAIL and CSP_HUB_ADMIN_PASSWORD, or neither.')
  }
  const oidcProviders = parseOidcProviders(e, isProduction)
  if (!e.CSP_HUB_PASSWORD_SIGN_IN && oidcProviders.length === 0) {
    throw new ConfigError('CSP_HUB_PASSWORD_SIGN_IN=false needs single sign-on: set CSP_HUB_OIDC_ISSUER (or CSP_HUB_OIDC_PROVIDERS), or nobody could sign in.')
  }
  return Object.freeze({
    env: e.NODE_ENV,
    isProduction,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.CSP_HUB_DATA_DIR),
    baseUrl: (e.CSP_HUB_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    logLevel: e.NODE_ENV === 'test' && !given.CSP_HUB_LOG_LEVEL ? 'silent' : e.CSP_HUB_LOG_LEVEL,
    demoData: e.CSP_HUB_DEMO_DATA,
    admin:
      e.CSP_HUB_ADMIN_EMAIL && e.CSP_HUB_ADMIN_PASSWORD
        ? { email: e.CSP_HUB_ADMIN_EMAIL, password: e.CSP_HUB_ADMIN_PASSWORD }
        : undefined,
    session: {
      idleMinutes: e.CSP_HUB_SESSION_IDLE_MINUTES,
      maxDays: e.CSP_HUB_SESSION_MAX_DAYS,
      secureCookies: e.CSP_HUB_SECURE_COOKIES ?? e.NODE_ENV === 'production',
    },
    trustProxy: e.CSP_HUB_TRUST_PROXY,
    mail: { smtpUrl: e.CSP_HUB_SMTP_URL, from: e.CSP_HUB_MAIL_FROM },
    map: { tileUrl: e.CSP_HUB_MAP_TILE_URL || undefined, tileAttribution: e.CSP_HUB_MAP_TILE_ATTRIBUTION },
    uploadMaxBytes: e.CSP_HUB_UPLOAD_MAX_MB * 1024 * 1024,
    sampleDataDir: e.CSP_HUB_SAMPLE_DATA_DIR ? path.resolve(e.CSP_HUB_SAMPLE_DATA_DIR) : defaultSampleDataDir(e.NODE_ENV),
    importStallMinutes: e.CSP_HUB_IMPORT_STALL_MINUTES,
    watchTemplates: false,
    oidcProviders,
    passwordSignIn: e.CSP_HUB_PASSWORD_SIGN_IN,
    requireMfa: e.CSP_HUB_REQUIRE_MFA,
    disableInactiveAfterDays: e.CSP_HUB_DISABLE_INACTIVE_AFTER_DAYS,
  })
}

const providerSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'id must be lower-case letters, digits and dashes'),
  name: z.string().trim().min(1).max(60),
  issuer: z.string().url(),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1).optional(),
  trustEmail: z.boolean().default(false),
})

/**
 * Single sign-on providers: CSP_HUB_OIDC_ISSUER with its client id, secret and name (one provider, id
 * "sso"), and/or CSP_HUB_OIDC_PROVIDERS, a JSON list of {id, name, issuer, clientId, clientSecret,
 * trustEmail} for a deployment shared by several councils. An issuer must use https, except on this
 * machine (localhost, 127.0.0.1) outside production.
 */
function parseOidcProviders(e: z.output<typeof schema>, isProduction: boolean): OidcProviderConfig[] {
  const providers: OidcProviderConfig[] = []
  if (e.CSP_HUB_OIDC_ISSUER) {
    if (!e.CSP_HUB_OIDC_CLIENT_ID) throw new ConfigError('CSP_HUB_OIDC_ISSUER is set: set CSP_HUB_OIDC_CLIENT_ID too.')
    providers.push({
      id: 'sso',
      name: e.CSP_HUB_OIDC_NAME ?? 'your organisation’s account',
      issuer: e.CSP_HUB_OIDC_ISSUER,
      clientId: e.CSP_HUB_OIDC_CLIENT_ID,
      clientSecret: e.CSP_HUB_OIDC_CLIENT_SECRET,
      trustEmail: e.CSP_HUB_OIDC_TRUST_EMAIL ?? false,
    })
  } else if (e.CSP_HUB_OIDC_CLIENT_ID || e.CSP_HUB_OIDC_CLIENT_SECRET) {
    throw new ConfigError('CSP_HUB_OIDC_CLIENT_ID is set without CSP_HUB_OIDC_ISSUER.')
  }
  if (e.CSP_HUB_OIDC_PROVIDERS) {
    let json: unknown
    try {
      json = JSON.parse(e.CSP_HUB_OIDC_PROVIDERS)
    } catch {
      throw new ConfigError('CSP_HUB_OIDC_PROVIDERS must be a JSON list, like [{"id":"essex","name":"Essex County Council","issuer":"https://…","clientId":"…","clientSecret":"…"}].')
    }
    const parsed = z.array(providerSchema).min(1).safeParse(json)
    if (!parsed.success) {
      const problems = parsed.error.issues.map(issue => `${issue.path.join('.')}: ${issue.message}`)
      throw new ConfigError(`CSP_HUB_OIDC_PROVIDERS is not valid:\n  ${problems.join('\n  ')}`)
    }
    providers.push(...parsed.data.map(p => ({ ...p, clientSecret: p.clientSecret })))
  }
  const ids = providers.map(p => p.id)
  const repeated = ids.find((id, index) => ids.indexOf(id) !== index)
  if (repeated) throw new ConfigError(`Two single sign-on providers have the id “${repeated}”: give each its own.`)
  for (const provider of providers) {
    const url = new URL(provider.issuer)
    const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]'
    if (url.protocol !== 'https:' && (isProduction || !local)) {
      throw new ConfigError(`The issuer of single sign-on provider “${provider.id}” must use https (${provider.issuer}).`)
    }
  }
  return providers
}

/**
 * Without CSP_HUB_SAMPLE_DATA_DIR, the demo looks for the real police.uk and ONS files in
 * ../shared/data/real beside the project (where this repository's sample data lives), except in tests and
 * production. Nothing is imported when the folder is not there.
 */
function defaultSampleDataDir(env: 'development' | 'production' | 'test'): string | undefined {
  if (env !== 'development') return undefined
  const candidate = path.resolve(projectRoot, '..', 'shared', 'data', 'real')
  return existsSync(path.join(candidate, 'police-uk')) ? candidate : undefined
}
