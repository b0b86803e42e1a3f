import { hasSampleData, importSampleData, SAMPLE_DATA_JOB } from '../capabilities/police-data/index.ts'
import { jobRepository, PermanentJobError } from '../core/jobs/index.ts'
import type { AppDeps, Services } from '../services.ts'

import { DEMO_ACCOUNTS, DEMO_PASSWORD, demoContextOf, demoPartnershipsHeld, loadDemoData, SAMPLE_DATA_LOADERS, type DemoResult } from './index.ts'

/**
 * The demo on `npm start` (outside production), in two parts, each a job of the job runner (src/core/jobs,
 * the `jobs` table) queued under a dedupe key, so that N app servers started together on one empty database
 * load it once, and a server that dies part-way leaves its job to be taken up again (its lease runs out;
 * at once on a restart on the same machine):
 *
 * 1. before the server listens, the demo partnerships and accounts (a few seconds): one server loads them,
 *    and queues part 2;
 * 2. once it serves, in the background, the sample police.uk and ONS data (hundreds of thousands of rows)
 *    and what builds on it: the strategic assessment pages and the imports page show its progress, which
 *    the job records (PoliceDataService.sampleDataLoading), and their figures appear month by month.
 */
const DEMO_PARTNERSHIPS_JOB = 'demo.partnerships'

function registerDemoJobs(deps: AppDeps, services: Services, onStart?: () => void): { lastResult: () => DemoResult | undefined } {
  const { logger } = deps
  let result: DemoResult | undefined
  services.jobs.register({
    kind: DEMO_PARTNERSHIPS_JOB,
    describe: 'Load the demo partnerships (first start)',
    run: async () => {
      result = await loadDemoData(deps, services, { onlyIfEmpty: true, sampleData: 'later', ...(onStart ? { onStart } : {}) })
      if (result.loaded) await services.jobs.enqueue(deps.database.db, { kind: SAMPLE_DATA_JOB, dedupeKey: SAMPLE_DATA_JOB, maxAttempts: 3 })
      return { loaded: result.loaded }
    },
  })
  services.jobs.register({
    kind: SAMPLE_DATA_JOB,
    describe: 'Load the sample police.uk and ONS data (first start)',
    // A job started again (its server died, or a file failed) imports every file again: each replaces its month.
    run: async (_payload, job) => {
      try {
        const contexts = await demoPartnershipsHeld(deps)
        if (!contexts) throw new PermanentJobError('The demo partnerships are not all held: no sample data to load for them.')
        const demo = demoContextOf(deps, services, contexts)
        const loaded = await importSampleData(demo, async progress => {
          if (!(await job.progress(progress))) throw new Error('Another server has taken over loading the sample data')
        })
        // What builds on the data (the scoring matrix takes the latest month held); the police data's own
        // loader finds its data held and does nothing.
        await job.progress({ step: 'Setting up the priority scoring matrix', done: loaded.files, total: loaded.files })
        for (const load of SAMPLE_DATA_LOADERS) await load(demo)
        const message = hasSampleData(demo) ? `Loaded ${loaded.files} sample files (${loaded.rows.toLocaleString('en-GB')} police.uk rows).` : 'No sample data folder: nothing to load.'
        logger.info({ files: loaded.files, rows: loaded.rows }, `Demo sample data: ${message}`)
        return { ...loaded, message }
      } catch (error) {
        logger.error({ err: error }, 'Could not load the sample police.uk and ONS data')
        throw error
      }
    },
  })
  return { lastResult: () => result }
}

/**
 * Part 1, before the server listens. Registers both jobs (so this server's runner can also take them up
 * from a server that died), queues the demo partnerships' job once, and runs it here if no other server has
 * taken it. Throws when loading the demo fails.
 */
export async function loadDemoOnStart(deps: AppDeps, services: Services, options: { onStart?: () => void } = {}): Promise<DemoResult> {
  const demoJobs = registerDemoJobs(deps, services, options.onStart)
  await services.jobs.releaseDeadRunners()
  await services.jobs.enqueue(deps.database.db, { kind: DEMO_PARTNERSHIPS_JOB, dedupeKey: DEMO_PARTNERSHIPS_JOB, maxAttempts: 3 })
  const outcome = await services.jobs.runNext([DEMO_PARTNERSHIPS_JOB])
  const result = demoJobs.lastResult()
  if (outcome) {
    if (outcome.status !== 'succeeded' || !result) throw new Error(`Could not load the demo partnerships: ${outcome.error ?? 'no result'}`)
    return result
  }
  // Another server loads it, or did (or the database held partnerships already): list the accounts if they are the demo's.
  const demoAccount = await deps.database.db.selectFrom('users').select('id').where('email', '=', DEMO_ACCOUNTS[0]!.email).executeTakeFirst()
  const loading = (await jobRepository.findByDedupeKey(deps.database.db, DEMO_PARTNERSHIPS_JOB))?.status === 'running'
  return { loaded: false, accounts: demoAccount || loading ? DEMO_ACCOUNTS.map(account => ({ email: account.email, role: account.description })) : [], password: DEMO_PASSWORD }
}

/**
 * Part 2, once the server listens: runs the sample data's job here if it is waiting and no other server has
 * taken it (this server's job runner, or another server's, may also take it up). Never throws: a failure is
 * logged and recorded on the job, which is tried again.
 */
export async function runDemoSampleData(deps: AppDeps, services: Services): Promise<void> {
  try {
    await services.jobs.runNext([SAMPLE_DATA_JOB])
  } catch (error) {
    deps.logger.error({ err: error }, 'Could not run the sample data’s job')
  }
}
