import type { Config } from '../../config.ts'
import type { DatabaseHandle } from '../../db/database.ts'
import type { Logger } from '../../logger.ts'
import type { Clock } from '../../shared/clock.ts'

import type { PartnershipAreas } from './analysis-query.ts'
import { assessmentExport, type AssessmentSections } from './assessment-export.ts'
import { onsImporter } from './ons-import.ts'
import { policeDataService } from './police-data-service.ts'
import { policeImportJobs } from './police-import-jobs.ts'
import { policeImporter } from './police-import.ts'

/**
 * The police data capability: police.uk and ONS imports, and the strategic assessment's analyses, map and
 * downloads. This file is its public surface: other capabilities and the app's wiring import only this.
 */

export interface PoliceDataDeps {
  database: DatabaseHandle
  clock: Clock
  logger: Logger
  config: Pick<Config, 'importStallMinutes'>
  /** A partnership's areas, from the partnerships capability. */
  partnershipAreas: PartnershipAreas
  /** Sections other capabilities add to the strategic assessment document (the priority scoring matrix). */
  assessmentSections?: AssessmentSections
}

/** The capability's services, added to the app's services in src/services.ts. */
export function policeDataServices({ database, clock, logger, config, partnershipAreas, assessmentSections }: PoliceDataDeps) {
  const policeData = policeDataService({ db: database.db, clock, partnershipAreas })
  return {
    policeData,
    policeImports: policeImportJobs({ database, clock, logger, stallMinutes: config.importStallMinutes }),
    policeImporter: policeImporter(database),
    onsImporter: onsImporter(database.db),
    assessmentExport: assessmentExport({ policeData, clock, moreSections: assessmentSections }),
  }
}

export type { AssessmentExport, AssessmentSections } from './assessment-export.ts'
export type { PartnershipArea, PartnershipAreas, PeriodChoice } from './analysis-query.ts'
export type { PoliceDataService } from './police-data-service.ts'
export type { MonthTypeCount } from './domain/analyses.ts'
export { OFFENCES_NOT_TOLD_APART, OGL, POLICE_SOURCE } from './domain/caveats.ts'
export { policeActualsProvider } from './indicator-actuals.ts'
export { registerPoliceDataCommands } from './police-data-cli.ts'
export { policeDataCapability } from './police-data-routes.ts'
export { onsImporter } from './ons-import.ts'
export { listPoliceFiles } from './police-import-files.ts'
export { policeImporter } from './police-import.ts'
export { policeConsistencyChecks } from './police-consistency.ts'
export { onsAreaLookup } from './ons-area-lookup.ts'
