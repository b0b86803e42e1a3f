/**
 * The indicators capability as other capabilities and the app's wiring see it: its service, its pages, the
 * port through which the police data gives actuals, and an indicator's report as of a day.
 */
export { indicatorService, type IndicatorService, type PoliceActualsProvider, type PoliceActualsRequest } from './indicator-service.ts'
export { indicatorsCapability } from './indicator-routes.ts'
export { ragLegend, type NoChangeRule, type RagRules } from './domain/rag-rules.ts'
export { buildReport, performanceRow, type IndicatorRecord, type IndicatorReport, type PerformanceRow } from './domain/report.ts'
export { targetHistory, type TargetHistory } from './domain/target-history.ts'
