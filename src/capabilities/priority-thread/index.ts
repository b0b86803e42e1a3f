/**
 * The thread from evidence to money: each priority with the scoring that chose it, its actions, indicators,
 * money, and the reviews, case reviews, events and documents that belong to it, on one page and in the steering
 * group's pack. This file is its public surface.
 */
export { threadService, type ThreadService, type ThreadSources } from './thread-service.ts'
export { priorityThreadCapability, threadPath } from './thread-routes.ts'
