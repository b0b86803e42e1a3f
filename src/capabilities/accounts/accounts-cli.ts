import type { Command } from 'commander'

import type { DatabaseHandle } from '../../db/database.ts'
import type { Services } from '../../services.ts'

type WithServices = <T>(fn: (services: Services, deps: unknown, database: DatabaseHandle) => Promise<T>) => Promise<T>

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
}
