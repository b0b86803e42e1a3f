import type { Router } from 'express'

import type { Permission } from '../core/access/roles.ts'

/**
 * What a capability (accounts, partnerships, plans, indicators…) adds to the app. `routes` are mounted
 * at '/', `partnershipRoutes` under /partnerships/:partnershipId once the partnership context is set
 * (use `partnershipContext(req)`), and `navigation` adds sections to the partnership's navigation.
 */
export interface Capability {
  name: string
  routes?: Router
  partnershipRoutes?: Router
  navigation?: NavigationItem[]
  /**
   * POST paths under /partnerships/:partnershipId (as in `partnershipRoutes`) that take a file upload
   * (multipart/form-data). Only these accept a multipart body; their handlers read it with
   * `receiveUpload` (web/upload.ts), which checks the CSRF token once the form is parsed.
   */
  uploadRoutes?: string[]
  /** Mounted at /api/v1 (JSON; callers authenticate by API token or session). */
  apiRoutes?: Router
  /** Mounted at /api/v1/partnerships/:partnershipId once the partnership context is set. */
  apiPartnershipRoutes?: Router
  /** This capability's part of the OpenAPI document served at /api/v1/openapi.json. */
  openapi?: OpenApiPart
}

/** Paths (keys relative to the server URL, e.g. '/api/v1/partnerships/{partnershipId}/plans') and schemas. */
export interface OpenApiPart {
  tags?: { name: string; description: string }[]
  paths: Record<string, unknown>
  schemas?: Record<string, unknown>
}

/** A section in a partnership's service navigation. */
export interface NavigationItem {
  text: string
  /** Below /partnerships/:id: '' for the home page, '/plans' for plans. */
  path: string
  permission: Permission
  order: number
}
