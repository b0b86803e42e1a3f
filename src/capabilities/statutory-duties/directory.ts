import type { PartnershipContext } from '../../core/access/partnership-context.ts'
import { financialYearLabel } from '../../core/calendar/index.ts'

import type { DirectoryAction, DirectoryPriority, DutyDirectory } from './duties.ts'

/** What the directory reads, filled by the app's wiring from the partnerships and plans capabilities. */
export interface DirectorySource {
  structure(ctx: PartnershipContext): Promise<{ organisations: { id: number; name: string }[]; areas: { id: number; name: string; type: string }[] }>
  plans(ctx: PartnershipContext): Promise<{ id: number; title: string; planYear: number }[]>
  planView(ctx: PartnershipContext, planId: number): Promise<{ priorities: { id: number; title: string; actions: { id: number; title: string }[] }[] }>
}

/**
 * The DutyDirectory port over the partnership's structure and plans, read as the viewer may read them. Within
 * one request (one context) each is read once.
 */
export function dutyDirectory(source: DirectorySource): DutyDirectory {
  const cache = new WeakMap<PartnershipContext, Map<string, Promise<unknown>>>()
  const once = <T>(ctx: PartnershipContext, key: string, read: () => Promise<T>): Promise<T> => {
    const entries = cache.get(ctx) ?? new Map<string, Promise<unknown>>()
    cache.set(ctx, entries)
    if (!entries.has(key)) entries.set(key, read())
    return entries.get(key) as Promise<T>
  }
  const structure = (ctx: PartnershipContext) => once(ctx, 'structure', () => source.structure(ctx))
  const plans = (ctx: PartnershipContext) =>
    once(ctx, 'plans', async () => {
      const list = [...(await source.plans(ctx))].sort((a, b) => b.planYear - a.planYear || a.title.localeCompare(b.title))
      return Promise.all(list.map(async plan => ({ plan, view: await source.planView(ctx, plan.id) })))
    })
  return {
    async organisations(ctx) {
      return (await structure(ctx)).organisations.map(o => ({ id: o.id, name: o.name }))
    },
    async wards(ctx) {
      const areas = (await structure(ctx)).areas
      const wards = areas.filter(a => a.type === 'ward')
      return (wards.length ? wards : areas).map(a => ({ id: a.id, name: a.name })).sort((a, b) => a.name.localeCompare(b.name, 'en-GB'))
    },
    async priorities(ctx): Promise<DirectoryPriority[]> {
      return (await plans(ctx)).flatMap(({ plan, view }) =>
        view.priorities.map(p => ({ id: p.id, title: p.title, planId: plan.id, planTitle: plan.title, planYear: plan.planYear, label: `${p.title} (${plan.title}, ${financialYearLabel(plan.planYear)})` })),
      )
    },
    async actions(ctx): Promise<DirectoryAction[]> {
      return (await plans(ctx)).flatMap(({ plan, view }) =>
        view.priorities.flatMap(p =>
          p.actions.map(a => ({ id: a.id, title: a.title, priorityId: p.id, priorityTitle: p.title, planId: plan.id, planYear: plan.planYear, label: `${a.title} (${p.title}, ${financialYearLabel(plan.planYear)})` })),
        ),
      )
    },
  }
}
