/**
 * The plans capability as other capabilities and the app's wiring see it: its service and the views it
 * hands out, its pages, the draft plan the priority scoring matrix makes, and the plan's RAG and schedule
 * rules that reports count with.
 */
export { planService, summarisePlanView, type ActionView, type PlanService, type PlanSummary, type PlanView, type PriorityView } from './plan-service.ts'
export { plansCapability } from './plan-routes.ts'
export { planPaths } from './plan-paths.ts'
export type { PlanRow as Plan } from './plan-repository.ts'
export type { PlanInput } from './plan-forms.ts'
export { insertDraftPlan, type DraftPlanInput } from './draft-plans.ts'
export { countRags, RAG_LABELS, ragDefinitions, ragInQuarter, ragsInQuarter, updatesInQuarter, type Rag, type RagCounts, type RagDefinitions, type RagDimension } from './domain/rag.ts'
export { ACTION_STATUS_LABELS } from './domain/schedule.ts'
export { draftAction, draftPriority, type DraftAction, type DraftPriority, type DraftUpdate } from './domain/plan-draft.ts'
