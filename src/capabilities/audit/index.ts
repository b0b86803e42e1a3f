/** The audit log pages (the write side is core/audit): its service and its pages. */
export { auditService, type AuditService } from './audit-service.ts'
export { auditCapability } from './audit-routes.ts'
