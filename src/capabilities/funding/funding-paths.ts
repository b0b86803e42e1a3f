import type { NextFunction, Request, Response } from 'express'

import { partnershipContext } from '../../web/request.ts'

import { financialYearSlug } from '../../core/calendar/index.ts'
import type { EntryKind } from './domain/funding.ts'

/** Each kind of entry's part of the address. */
const ENTRY_PATHS: Record<EntryKind, string> = {
  stream: 'streams',
  roll_over: 'roll-overs',
  reserve: 'reserves',
  contribution: 'contributions',
  bid: 'bids',
  allocation: 'allocations',
  spend: 'spend',
}

/**
 * The addresses of the funding pages, built in one place: handlers redirect to them and templates link
 * to them (as `fundingPaths`), instead of writing URLs out.
 */
export function fundingPaths(partnershipId: number) {
  const funding = `/partnerships/${partnershipId}/funding`
  const editAndDelete = (base: string) => ({ edit: `${base}/edit`, delete: `${base}/delete` })

  return {
    overview: funding,
    newYear: `${funding}/years/new`,

    projects: { index: `${funding}/projects`, new: `${funding}/projects/new` },

    project(projectId: number) {
      const base = `${funding}/projects/${projectId}`
      return { show: base, ...editAndDelete(base), evaluation: `${base}/evaluation` }
    },

    /** A financial year, by its first calendar year: 2021 is /funding/2021-22. */
    year(startYear: number) {
      const base = `${funding}/${financialYearSlug(startYear)}`
      return {
        show: base,
        ...editAndDelete(base),
        /** A section of the year page: 'sources', 'bids', 'allocations', 'spend'. */
        section: (anchor: string) => `${base}#${anchor}`,
        breakdown: `${base}/breakdown`,
        export: (format: 'csv' | 'xlsx') => `${base}/export.${format}`,
        entries: (kind: EntryKind) => `${base}/${ENTRY_PATHS[kind]}`,
        newEntry: (kind: EntryKind) => `${base}/${ENTRY_PATHS[kind]}/new`,
        entry: (kind: EntryKind, id: number) => editAndDelete(`${base}/${ENTRY_PATHS[kind]}/${id}`),
      }
    },
  }
}

export type FundingPaths = ReturnType<typeof fundingPaths>

/** The paths of the request's partnership. */
export const fundingPathsOf = (req: Request): FundingPaths => fundingPaths(partnershipContext(req).partnership.id)

/** Middleware: the funding templates link through `fundingPaths`. */
export function withFundingPaths(req: Request, res: Response, next: NextFunction) {
  res.locals.fundingPaths = fundingPathsOf(req)
  next()
}
