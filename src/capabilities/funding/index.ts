/** The funding capability as other capabilities and the app's wiring see it. */
export { fundingService, type FundingService } from './funding-service.ts'
export { fundingCapability } from './funding-routes.ts'
export type { ReportFundingSummary } from './domain/funding.ts'
