/**
 * The calendar of CSP Hub: the only place dates are reasoned about. One month type ('YYYY-MM'), one quarter,
 * one financial year (April to March, named by the year it starts in), the reporting periods indicators are
 * measured in, one set of labels for each kind of period, and what "to date" means when months are missing.
 */
export * from './day.ts'
export * from './financial-year.ts'
export * from './month.ts'
export * from './period.ts'
export * from './quarter.ts'
export * from './to-date.ts'
