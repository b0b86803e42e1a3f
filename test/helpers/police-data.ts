import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { parse } from 'csv-parse/sync'

import type { TestApp } from './test-app.ts'

/** The police data fixtures (slices of the real files: see test/fixtures/police-data/README.md). */
export const POLICE_FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/police-data')
export const POLICE_UK = path.join(POLICE_FIXTURES, 'police-uk')
export const ONS = path.join(POLICE_FIXTURES, 'ons')
export const fixtureMonth = (month: string) => path.join(POLICE_UK, month, `${month}-essex-street.csv`)

const ACTOR = { userId: null, label: 'test' }

/** Import every ONS fixture: lookups, populations (mid-2020) and boundaries. */
export async function loadGeography(t: Pick<TestApp, 'services'>): Promise<void> {
  const ons = t.services.onsImporter
  for (const file of ['LSOA11_WD21_LAD21_EW_LU.csv', 'LSOA21_WD24_Lookup.csv', 'LSOA11_LSOA21_LAD22_best_fit.csv', 'WD21_LAD21_UK_LU.csv', 'LTLA21_UTLA21_lookup.csv', 'outline_LAD22NM.geojson']) {
    await ons.importFile(path.join(ONS, file), { actor: ACTOR })
  }
  await ons.importFile(path.join(ONS, 'Local_Authority_Name.csv'), { actor: ACTOR, midYear: 2020 })
  await ons.importFile(path.join(ONS, 'Mid-2020_Persons_England_Wales_(2021_wards).csv'), { actor: ACTOR })
}

/** Import police.uk fixture months (all three by default). */
export async function loadPoliceMonths(t: Pick<TestApp, 'services'>, months = ['2018-01', '2024-01', '2025-01']) {
  const files = await t.services.policeImporter.listFiles(months.map(fixtureMonth))
  return t.services.policeImporter.importFiles(files, { actor: ACTOR })
}

/**
 * Counts straight from a raw police.uk file with a different CSV parser (csv-parse), independent of the
 * importer: rows by crime type whose LSOA name starts with `prefix` (a district's LSOAs).
 */
export function countRaw(file: string, filter: (row: Record<string, string>) => boolean): Map<string, number> {
  const rows = parse(readFileSync(file), { columns: true, bom: true, skip_empty_lines: true }) as Record<string, string>[]
  const counts = new Map<string, number>()
  for (const row of rows) if (filter(row)) counts.set(row['Crime type']!, (counts.get(row['Crime type']!) ?? 0) + 1)
  return counts
}

export const inDistrict = (prefix: string) => (row: Record<string, string>) => row['LSOA name']!.startsWith(`${prefix} `)

/**
 * The role matrix's records of the police data capability for one partnership: a priority scoring
 * matrix (with one criterion and one candidate issue, ids equal to the base) and a finished import job.
 */
export async function seedPoliceData(t: TestApp, target: { partnershipId: number; marker: string; memberUserId: number }): Promise<void> {
  const { partnershipId, marker } = target
  const assessment = await t.db
    .insertInto('priorityAssessments')
    .values({ partnershipId, title: `${marker} scoring matrix`, periodFrom: '2025-01-01', periodTo: '2025-09-01', notes: `${marker} notes` })
    .returning('id')
    .executeTakeFirstOrThrow()
  const criterion = await t.db
    .insertInto('priorityCriteria')
    .values({ partnershipId, assessmentId: assessment.id, position: 0, name: `${marker} harm`, weight: 3, source: 'group' })
    .returning('id')
    .executeTakeFirstOrThrow()
  const candidate = await t.db
    .insertInto('priorityCandidates')
    .values({ partnershipId, assessmentId: assessment.id, position: 0, name: `${marker} issue`, crimeTypes: JSON.stringify(['Anti-social behaviour']) })
    .returning('id')
    .executeTakeFirstOrThrow()
  await t.db.insertInto('priorityScores').values({ partnershipId, candidateId: candidate.id, criterionId: criterion.id, score: 4 }).execute()
  await t.db
    .insertInto('policeImportJobs')
    .values({
      partnershipId,
      status: 'succeeded',
      files: JSON.stringify([{ name: `${marker}-2025-01-essex-street.csv`, size: 10 }]),
      totalBytes: 10,
      outcome: JSON.stringify([{ name: `${marker}-2025-01-essex-street.csv`, status: 'imported', force: 'essex', month: '2025-01', rows: 1, message: `${marker} done` }]),
      message: `${marker} imported`,
      createdByUserId: target.memberUserId,
      createdByLabel: `${marker} importer`,
    })
    .execute()
}
