/**
 * The priority scoring matrix capability: candidate issues scored on weighted criteria, with volume and trend
 * from the police data; the agreed choice becomes the priorities of a new draft plan. This file is its public
 * surface.
 */
export { priorityMatrixService, type PriorityMatrixService } from './matrix-service.ts'
export { priorityMatrixCapability } from './matrix-routes.ts'
