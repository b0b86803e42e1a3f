/**
 * Events and campaigns: date, ward, audience and reach, partners, cost from the funding ledger, feedback, and
 * the plan's actions they deliver; in the quarterly update and the scrutiny report. This file is its public surface.
 */
export { eventService, type EventService, type FundingLedger, type ReportPeriod } from './event-service.ts'
export { eventsCapability, eventPaths } from './event-routes.ts'
export { ledgerKey, type LedgerLine } from './domain/events.ts'
