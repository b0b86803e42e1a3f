import type { Request, Response, NextFunction } from 'express'

import { partnershipContext } from '../../web/request.ts'

export type SheetFormat = 'xlsx' | 'csv'

/**
 * The addresses of the plans pages, built in one place: handlers redirect to them and templates link to
 * them (as `planPaths`), instead of writing URLs out.
 */
export function planPaths(partnershipId: number) {
  const partnership = `/partnerships/${partnershipId}`
  const plans = `${partnership}/plans`
  const editAndDelete = (base: string) => ({ edit: `${base}/edit`, delete: `${base}/delete` })

  return {
    myActions: `${partnership}/my-actions`,

    plans: {
      index: plans,
      new: `${plans}/new`,
      ragDefinitions: `${plans}/rag-definitions`,
      ragDimensions: `${plans}/rag-dimensions`,
      importTemplate: (format: SheetFormat) => `${plans}/import-template.${format}`,
    },

    plan(planId: number) {
      const base = `${plans}/${planId}`
      return {
        show: base,
        ...editAndDelete(base),
        status: `${base}/status`,
        /** The plan-wide list of actions, with its filters. */
        actions: `${base}/actions`,
        export: (format: SheetFormat) => `${base}/export.${format}`,
        import: `${base}/import`,
        refresh: `${base}/refresh`,
        newPriority: `${base}/priorities/new`,
        priority: (priorityId: number) => editAndDelete(`${base}/priorities/${priorityId}`),
        newStrategicObjective: `${base}/strategic-objectives/new`,
        strategicObjective: (id: number) => editAndDelete(`${base}/strategic-objectives/${id}`),
        /** Quarterly updates returned as the plan's spreadsheet, by a lead. */
        updatesImport: `${base}/updates-import`,
        importConfirm: `${base}/import/confirm`,
        updatesImportConfirm: `${base}/updates-import/confirm`,
      }
    },

    priority(priorityId: number) {
      const base = `${partnership}/priorities/${priorityId}`
      return {
        show: base,
        risks: `${base}#risks`,
        newObjective: `${base}/objectives/new`,
        objective: (objectiveId: number) => editAndDelete(`${base}/objectives/${objectiveId}`),
        newRisk: `${base}/risks/new`,
        risk: (riskId: number) => editAndDelete(`${base}/risks/${riskId}`),
        newAction: `${base}/actions/new`,
        action: (actionId: number) => editAndDelete(`${base}/actions/${actionId}`),
      }
    },

    action(actionId: number) {
      const base = `${partnership}/actions/${actionId}`
      return {
        show: base,
        newUpdate: `${base}/updates/new`,
        update: (updateId: number) => editAndDelete(`${base}/updates/${updateId}`),
      }
    },
  }
}

export type PlanPaths = ReturnType<typeof planPaths>

/** The paths of the request's partnership. */
export const planPathsOf = (req: Request): PlanPaths => planPaths(partnershipContext(req).partnership.id)

/** Middleware: the plans templates link through `planPaths`. */
export function withPlanPaths(req: Request, res: Response, next: NextFunction) {
  res.locals.planPaths = planPathsOf(req)
  next()
}
