import type { Request } from 'express'

import type { AnalysisQuery, PeriodChoice } from './analysis-query.ts'

/** Where the strategic assessment's pages live, under the partnership. */
export const ASSESSMENT_PATH = '/strategic-assessment'
export const IMPORTS_PATH = '/police-data/imports'

/** '?area=…&from=…&to=…' to carry the chosen area and period from page to page. */
export function queryString(q: AnalysisQuery, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ area: q.area.key, from: q.from, to: q.to, ...extra })
  return `?${params.toString()}`
}

/**
 * The addresses of the police data pages, built in one place: handlers redirect to them and templates link
 * to them, instead of writing URLs out. `q` carries the chosen area and period.
 */
export function policeDataPaths(partnershipId: number) {
  const assessment = `/partnerships/${partnershipId}${ASSESSMENT_PATH}`
  const imports = `/partnerships/${partnershipId}${IMPORTS_PATH}`
  return {
    assessment,
    overview: (q: AnalysisQuery, extra: Record<string, string> = {}) => `${assessment}${queryString(q, extra)}`,
    /** The overview of another area (a district, ward or LSOA key) for the same period. */
    area: (q: AnalysisQuery, areaKey: string) => `${assessment}?area=${areaKey}&from=${q.from}&to=${q.to}`,
    /** A page comparing districts ('map' or 'districts') with the force's or the county's districts. */
    withGroup: (page: 'map' | 'districts', q: AnalysisQuery, group: string) =>
      `${assessment}/${page}?area=${encodeURIComponent(q.area.key)}&from=${q.from}&to=${q.to}&group=${group}`,
    crimeTypes: (q: AnalysisQuery) => `${assessment}/crime-types${queryString(q)}`,
    trends: (q: AnalysisQuery) => `${assessment}/trends${queryString(q)}`,
    hotspots: (q: AnalysisQuery) => `${assessment}/hotspots${queryString(q)}`,
    map: (q: AnalysisQuery, group?: string) => `${assessment}/map${queryString(q)}${group ? `&group=${group}` : ''}`,
    mapGeojson: (q: AnalysisQuery, group: string) => `${assessment}/map.geojson${queryString(q, { group })}`,
    districts: (q: AnalysisQuery) => `${assessment}/districts${queryString(q)}`,
    document: (q: AnalysisQuery, format: 'docx' | 'pdf') => `${assessment}/document.${format}${queryString(q)}`,
    xlsx: (q: AnalysisQuery) => `${assessment}/download.xlsx${queryString(q)}`,
    csv: (q: AnalysisQuery, table: string) => `${assessment}/download.csv${queryString(q, { table })}`,
    imports,
    importJob: (id: number) => `${imports}/${id}`,
    skippedRows: (id: number) => `${imports}/${id}/skipped.csv`,
  }
}

/** The chosen area and period, from the query string. */
export function analysisChoice(req: Request): { area: unknown; period: PeriodChoice } {
  return { area: req.query.area, period: { from: req.query.from, to: req.query.to } }
}

/** The districts to compare with: the force's (default) or the county's. */
export const comparisonGroup = (req: Request) => (req.query.group === 'county' ? 'county' : 'force')
