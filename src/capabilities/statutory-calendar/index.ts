/** The statutory calendar: duties and their dates, due and overdue, and a feed Outlook subscribes to. */
export { calendarService, type CalendarService, type DutyRecords, type RecordDeadline } from './calendar-service.ts'
export { statutoryCalendarCapability } from './calendar-routes.ts'
