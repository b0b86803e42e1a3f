import { hasSampleData, importSampleData, SAMPLE_DATA_JOB } from '../capabilities/police-data/index.ts'
import { backgroundJobs } from '../core/jobs/background-jobs.ts'
import type { AppDeps, Services } from '../services.ts'

import { DEMO_ACCOUNTS, DEMO_PASSWORD, demoContextOf, demoPartnershipsHeld, loadDemoData, SAMPLE_DATA_LOADERS, type DemoResult } from './index.ts'

/**
 * The demo on `npm start` (outside production), in two parts, each a background job of the database
 * (src/core/jobs) so that N app servers started together on one empty database load it once:
 *
 * 1. before the server listens, the demo partnerships and accounts (a few seconds): one server loads them;
 * 2. once it serves, in the background, the sample police.uk and ONS data (hundreds of thousands of rows)
 *    and what builds on it: the strategic assessment pages and the imports page show its progress
 *    (PoliceDataService.sampleDataLoading) and their figures appear month by month.
 */
const DEMO_PARTNERSHIPS_JOB = 'demo-partnerships'

export async function loadDemoOnStart(deps: AppDeps, services: Services, options: { onStart?: () => void } = {}): Promise<DemoResult> {
  const jobs = backgroundJobs({ db: deps.database.db, clock: deps.clock })
  const staleAfterMs = deps.config.importStallMinutes * 60_000
  const claim = await jobs.claim(DEMO_PARTNERSHIPS_JOB, { step: 'Loading the demo partnerships', staleAfterMs })
  if (!claim.claimed) {
    // Another server loads it, or did: list the accounts if they are the demo's.
    const demoAccount = await deps.database.db.selectFrom('users').select('id').where('email', '=', DEMO_ACCOUNTS[0]!.email).executeTakeFirst()
    const running = claim.job.status === 'running'
    return {
      loaded: false,
      accounts: demoAccount || running ? DEMO_ACCOUNTS.map(account => ({ email: account.email, role: account.description })) : [],
      password: DEMO_PASSWORD,
    }
  }
  try {
    const result = await loadDemoData(deps, services, { onlyIfEmpty: true, sampleData: 'later', ...(options.onStart ? { onStart: options.onStart } : {}) })
    await jobs.succeed(DEMO_PARTNERSHIPS_JOB, result.loaded ? 'Loaded the demo partnerships.' : 'The database already held partnerships: no demo loaded.')
    return result
  } catch (error) {
    await jobs.fail(DEMO_PARTNERSHIPS_JOB, error instanceof Error ? error.message : String(error)).catch(() => undefined)
    throw error
  }
}

/**
 * Part 2: the sample police.uk and ONS data and the loaders that build on it, as the job SAMPLE_DATA_JOB.
 * Claimed before the server listens (so its first page already says the data is loading), run after: this
 * returns the run, or undefined when there is nothing to do here (the demo partnerships are not held, or
 * another server runs or ran the job). A job started again (its server died) imports every file again:
 * each replaces its month. The run never throws: a failure is logged and recorded on the job.
 */
export async function claimDemoSampleData(deps: AppDeps, services: Services): Promise<(() => Promise<void>) | undefined> {
  const { logger } = deps
  const contexts = await demoPartnershipsHeld(deps)
  if (!contexts) return undefined
  const jobs = backgroundJobs({ db: deps.database.db, clock: deps.clock })
  const claim = await jobs.claim(SAMPLE_DATA_JOB, { step: 'Starting the import', staleAfterMs: deps.config.importStallMinutes * 60_000 })
  if (!claim.claimed) return undefined
  return async () => {
    try {
      const demo = demoContextOf(deps, services, contexts)
      const held = await deps.database.db.selectFrom('policeMonths').select('force').limit(1).execute()
      // A database from before this job (the demo loaded in one go): its data is there already.
      const already = held.length > 0 && !claim.tookOver
      const loaded = already
        ? { files: 0, rows: 0 }
        : await importSampleData(demo, async progress => {
            if (!(await jobs.progress(SAMPLE_DATA_JOB, progress))) throw new Error('Another server has taken over loading the sample data')
          })
      // What builds on the data (the scoring matrix takes the latest month held); the police data's own
      // loader finds its data held and does nothing.
      await jobs.progress(SAMPLE_DATA_JOB, { step: 'Setting up the priority scoring matrix' })
      for (const load of SAMPLE_DATA_LOADERS) await load(demo)
      const message = already
        ? 'The police.uk data was already held.'
        : hasSampleData(demo)
          ? `Loaded ${loaded.files} sample files (${loaded.rows.toLocaleString('en-GB')} police.uk rows).`
          : 'No sample data folder: nothing to load.'
      await jobs.succeed(SAMPLE_DATA_JOB, message)
      logger.info({ files: loaded.files, rows: loaded.rows }, `Demo sample data: ${message}`)
    } catch (error) {
      logger.error({ err: error }, 'Could not load the sample police.uk and ONS data')
      await jobs.fail(SAMPLE_DATA_JOB, error instanceof Error ? error.message : String(error)).catch(failure => logger.error({ err: failure }, 'Could not record the sample data’s failure'))
    }
  }
}
