/**
 * The reports capability as the app's wiring sees it: its service, the port it reads other capabilities'
 * figures through (ReportDataSources) with the adapter that fills it, and its pages.
 */
export { reportService, type ReportDataSources, type ReportService } from './report-service.ts'
export { reportSources } from './report-sources.ts'
export { reportsCapability } from './report-routes.ts'
