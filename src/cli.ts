import { Command, CommanderError, Option } from 'commander'
import { z } from 'zod'

import { registerAccountsCommands } from './capabilities/accounts/index.ts'
import { registerPoliceDataCommands } from './capabilities/police-data/index.ts'
import { MaintenanceError, registerMaintenanceCommands } from './cli-maintenance.ts'
import { ConfigError, loadConfig, type Config } from './config.ts'
import { isRole, ROLES, type Role } from './core/access/roles.ts'
import { DataDirInUseError } from './db/data-dir-lock.ts'
import type { DatabaseHandle } from './db/database.ts'
import { migrateToLatest, MigrationError } from './db/migrate.ts'
import { loadDemoData } from './demo/index.ts'
import { createLogger } from './logger.ts'
import type { Mailer } from './mailer.ts'
import { buildDeps, openDatabase, serve } from './main.ts'
import { createServices } from './services.ts'
import { ValidationError } from './shared/errors.ts'
import { enlargeYoungGeneration } from './shared/young-generation.ts'

/** A failure the user can fix: printed as one line, exit code 1, no stack. */
export class CliError extends Error {}

const CLI_ACTOR = { userId: null, label: 'command line' }

function config(): Config {
  return loadConfig()
}

/** Without an SMTP server, the command line shows the e-mail it would have sent (an invitation link). */
const printingMailer: Mailer = {
  delivers: false,
  async send(message) {
    console.log(`\nNo SMTP server is set (CSP_HUB_SMTP_URL), so this e-mail was not sent. Pass it on yourself:\nTo: ${message.to}\nSubject: ${message.subject}\n\n${message.text}\n`)
  },
}

/** Open and migrate the database, run `fn`, close. */
async function withServices<T>(fn: (services: ReturnType<typeof createServices>, deps: ReturnType<typeof buildDeps>, database: DatabaseHandle) => Promise<T>): Promise<T> {
  const cfg = config()
  const logger = createLogger(process.env.CSP_HUB_LOG_LEVEL ? cfg.logLevel : 'warn')
  const database = await openDatabase(cfg)
  try {
    await migrateToLatest(database.db)
    const deps = { ...buildDeps(cfg, logger, database), ...(cfg.mail.smtpUrl ? {} : { mailer: printingMailer }) }
    return await fn(createServices(deps), deps, database)
  } finally {
    await database.close()
  }
}

export function buildProgram(): Command {
  const program = new Command()
  program
    .name('csp-hub')
    .description('CSP Hub: runs the statutory cycle of a Community Safety Partnership.\nSettings come from environment variables (see .env.example); DATABASE_URL selects PostgreSQL, otherwise the embedded database in CSP_HUB_DATA_DIR is used.')
    .showHelpAfterError()

  program
    .command('serve')
    .description('Migrate the database, load the demo partnerships on first start (outside production), and serve the web app on PORT (default 3000).')
    .option('--watch-templates', 'read the templates again on every page (for development: npm run dev)', false)
    .action(async (options: { watchTemplates: boolean }) => {
      const cfg = { ...config(), watchTemplates: options.watchTemplates }
      await serve(cfg, createLogger(cfg.logLevel))
    })

  program
    .command('migrate')
    .description('Apply any migrations the database has not had yet, and list them.')
    .action(async () => {
      const cfg = config()
      const database = await openDatabase(cfg)
      try {
        const applied = await migrateToLatest(database.db)
        console.log(applied.length ? applied.map(m => `applied ${m.migrationName}`).join('\n') : 'The database is up to date.')
      } finally {
        await database.close()
      }
    })

  program
    .command('demo')
    .description('Load (or reload) the demo partnerships from the seed documents, with one account per role. Earlier demo partnerships of the same names are replaced; other data is kept.')
    .action(async () => {
      await withServices(async (services, deps) => {
        const result = await loadDemoData(deps, services, { onlyIfEmpty: false })
        console.log('Demo partnerships loaded.')
        console.log(`Demo accounts (password: ${result.password}):`)
        for (const account of result.accounts) console.log(`  ${account.role.padEnd(40)} ${account.email}`)
      })
    })

  const user = program.command('user').description('Manage accounts.')
  user
    .command('add')
    .description('Create an account. Without --password, the user is e-mailed a link to choose one (printed here instead when no SMTP server is set).')
    .requiredOption('--email <email>', 'email address (their sign-in name)')
    .requiredOption('--name <name>', 'full name')
    .option('--password <password>', 'initial password (at least 12 characters); better: leave it out and use the e-mailed link')
    .option('--site-admin', 'make them a site administrator (admin of every partnership)', false)
    .addOption(new Option('--partnership <id>', 'give them a role in this partnership (its number, as in /partnerships/<id>)').argParser(v => Number(v)))
    .addOption(new Option('--role <role>', 'their role in that partnership').choices([...ROLES]))
    .action(async (options: { email: string; name: string; password?: string; siteAdmin: boolean; partnership?: number; role?: string }) => {
      if ((options.partnership === undefined) !== (options.role === undefined)) throw new CliError('Give --partnership and --role together.')
      const email = z.email().safeParse(options.email.trim().toLowerCase())
      if (!email.success) throw new CliError(`--email must be an email address, like name@example.org (not “${options.email}”).`)
      if (!options.name.trim()) throw new CliError('--name must not be empty.')
      await withServices(async services => {
        // Find the partnership first, so that a wrong number leaves no account behind.
        const viewer = { userId: -1, isSiteAdmin: true, roles: new Map() }
        const ctx =
          options.partnership === undefined
            ? undefined
            : await services.partnerships.contextFor(viewer, options.partnership, CLI_ACTOR).catch(() => {
                throw new CliError(`There is no partnership ${options.partnership}.`)
              })
        // With a partnership and no password, the invitation names the partnership and the role.
        const invitedToPartnership = ctx && isRole(options.role) && !options.password && !options.siteAdmin
        const created = invitedToPartnership
          ? (await services.team.addTeamMember(ctx, { email: email.data, name: options.name.trim(), role: options.role as Role, personId: null })).user
          : await services.accounts.createUser(
              { email: email.data, name: options.name.trim(), password: options.password, isSiteAdmin: options.siteAdmin },
              CLI_ACTOR,
            )
        if (ctx && isRole(options.role) && !invitedToPartnership) {
          await services.team.addTeamMember(ctx, { email: created.email, name: created.name, role: options.role, personId: null }, { notify: false })
        }
        const isSiteAdmin = options.siteAdmin
        console.log(`Created ${created.email}${isSiteAdmin ? ' (site admin)' : ''}${ctx ? ` with the ${options.role} role in ${ctx.partnership.name}` : ''}.${options.password ? '' : ' They have been sent a link to choose a password.'}`)
      })
    })

  const token = program.command('token').description('Manage personal API tokens.')
  token
    .command('create')
    .description('Create an API token for a user, to read the API as they would. The token is printed once.')
    .requiredOption('--email <email>', 'the user the token acts for')
    .requiredOption('--name <name>', 'what the token is for, e.g. "Police dashboard"')
    .addOption(new Option('--expires-in-days <days>', 'expire after this many days (default: never)').argParser(v => Number(v)))
    .action(async (options: { email: string; name: string; expiresInDays?: number }) => {
      await withServices(async (services, deps) => {
        const found = await deps.database.db.selectFrom('users').select('id').where('email', '=', options.email.trim().toLowerCase()).executeTakeFirst()
        if (!found) throw new CliError(`There is no account ${options.email}.`)
        if (options.expiresInDays !== undefined && !(Number.isInteger(options.expiresInDays) && options.expiresInDays > 0)) {
          throw new CliError('--expires-in-days must be a whole number of days.')
        }
        const created = await services.accounts.createApiToken(found.id, options.name, CLI_ACTOR, options.expiresInDays)
        console.log(created.token)
        console.error(`Token “${created.name}” for ${options.email}${created.expiresAt ? `, expires ${created.expiresAt.toISOString().slice(0, 10)}` : ''}. Send it as: Authorization: Bearer <token>`)
      })
    })

  registerAccountsCommands(program, withServices, CliError)
  registerPoliceDataCommands(program, withServices)
  registerMaintenanceCommands(program, { config, open: cfg => openDatabase(cfg) })
  return program
}

export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram()
  // Every command, however deep (`user add`), reports its exit code here rather than exiting itself.
  const overrideExit = (command: Command) => {
    command.exitOverride()
    command.commands.forEach(overrideExit)
  }
  overrideExit(program)
  try {
    await program.parseAsync(argv)
    return 0
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode
    if (error instanceof CliError || error instanceof ConfigError || error instanceof DataDirInUseError || error instanceof MaintenanceError || error instanceof MigrationError) {
      console.error(`csp-hub: ${error.message}`)
      return 1
    }
    if (error instanceof ValidationError) {
      console.error(`csp-hub: ${Object.values(error.fieldErrors).join('; ')}`)
      return 1
    }
    throw error
  }
}

const isEntry = process.argv[1] && /(cli\.(ts|js)|csp-hub(\.js)?)$/.test(process.argv[1])
if (isEntry) {
  enlargeYoungGeneration()
  const code = await runCli(process.argv)
  // `serve` keeps running; everything else ends here.
  if (process.argv[2] !== 'serve' || code !== 0) process.exit(code)
}
