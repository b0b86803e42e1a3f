/** Reminders of quarterly updates, the weekly digest to coordinators, and the link that stops them. */
export { reminderService, REMINDER_CATEGORIES, type ReminderService } from './reminder-service.ts'
export { remindersCapability } from './reminder-routes.ts'
