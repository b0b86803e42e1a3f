/** The read API: /api/v1, its OpenAPI document (assembled from every capability's part) and its docs page. */
export { apiCapability } from './api-routes.ts'
