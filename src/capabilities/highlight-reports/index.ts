/** The highlight reports capability as the app's wiring sees it. */
export { highlightReportService, type HighlightReportService } from './highlight-report-service.ts'
export { highlightReportsCapability } from './highlight-report-routes.ts'
