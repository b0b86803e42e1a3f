import type { Command } from 'commander'

import type { DatabaseHandle } from '../../db/database.ts'

import type { AccountService } from './account-service.ts'
import type { TwoFactorService } from './two-factor/two-factor-service.ts'

/** The services the commands use. */
interface CliServices {
  accounts: Pick<AccountService, 'inactiveAccounts' | 'findByEmail'>
  twoFactor: Pick<TwoFactorService, 'status' | 'reset'>
}
type WithServices = <T>(fn: (services: CliServices, deps: unknown, database: DatabaseHandle) => Promise<T>) => Promise<T>

/** A failure the user can fix: one line and exit code 1 (cli.ts prints it). */
class AccountsCliError extends Error {}

/**
 * `csp-hub accounts disable-inactive`: the inactivity rule for every account at once (the same function
 * every sign-in runs), for cron or a scheduled job.
 */
export function registerAccountsCommands(program: Command, withServices: WithServices, CliError: new (message: string) => Error = AccountsCliError): void {
  const accounts = program.command('accounts').description('Account housekeeping.')
  accounts
    .command('disable-inactive')
    .description('Disable every account not used (signed in, API token used, or enabled again) for more than CSP_HUB_DISABLE_INACTIVE_AFTER_DAYS days, writing each to the audit log. Run it daily; each sign-in also runs it.')
    .action(async () => {
      await withServices(async services => {
        const rule = services.accounts.inactiveAccounts
        if (!rule.days) throw new CliError('CSP_HUB_DISABLE_INACTIVE_AFTER_DAYS is not set, so no account is ever disabled for being unused. Set it (for example 180) and run this again.')
        const disabled = await rule.disableInactive({ userId: null, label: 'command line (accounts disable-inactive)' })
        if (!disabled.length) return console.log(`No account has gone unused for more than ${rule.days} days.`)
        console.log(`Disabled ${disabled.length} ${disabled.length === 1 ? 'account' : 'accounts'} not used for more than ${rule.days} days:`)
        for (const user of disabled) console.log(`  ${user.email}`)
      })
    })

  accounts
    .command('reset-two-factor')
    .description('Remove the authenticator app and recovery codes of an account whose phone is lost. They sign in with their password alone, or set up a new app at their next sign-in where the site requires it.')
    .requiredOption('--email <email>', 'the account')
    .action(async (options: { email: string }) => {
      await withServices(async services => {
        const found = await services.accounts.findByEmail(options.email)
        if (!found) throw new CliError(`There is no account ${options.email}.`)
        if (!(await services.twoFactor.status(found.id)).enabled) throw new CliError(`${found.email} has no two-factor sign-in to reset.`)
        await services.twoFactor.reset(found, { userId: null, label: 'command line (accounts reset-two-factor)' })
        console.log(`Two-factor sign-in of ${found.email} is reset.`)
      })
    })
}
