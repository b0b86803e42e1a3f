import type { AppDeps } from '../../services.ts'

import { assessmentExport } from './assessment-export.ts'
import { onsImporter } from './ons-import.ts'
import { policeDataService } from './police-data-service.ts'
import { policeImportJobs } from './police-import-jobs.ts'
import { policeImporter } from './police-import.ts'
import { priorityService } from './priority-service.ts'

/** The police data capability's services, added to the app's services in src/services.ts. */
export function policeDataServices(deps: AppDeps) {
  const db = deps.database.db
  const policeData = policeDataService({ db, clock: deps.clock })
  const priorities = priorityService({ db, clock: deps.clock, policeData })
  return {
    policeData,
    policeImports: policeImportJobs({ database: deps.database, clock: deps.clock, logger: deps.logger, stallMinutes: deps.config.importStallMinutes }),
    policeImporter: policeImporter(deps.database),
    onsImporter: onsImporter(db),
    priorities,
    assessmentExport: assessmentExport({ policeData, priorities, clock: deps.clock }),
  }
}
