/** Formatting for pages and documents: dates in UK style, counts with thousands separators, money from pence. */

const TIME_ZONE = 'Europe/London'

const dateFormats = {
  long: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: TIME_ZONE }),
  short: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: TIME_ZONE }),
  month: new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: TIME_ZONE }),
  time: new Intl.DateTimeFormat('en-GB', { hour: 'numeric', minute: '2-digit', hour12: true, timeZone: TIME_ZONE }),
}

export type DateStyle = keyof typeof dateFormats | 'datetime' | 'iso'

function toDate(value: Date | string): Date {
  if (value instanceof Date) return value
  // A bare date ('2016-03-14') is a calendar day, not an instant: read it at noon UTC so no zone moves it.
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value)
}

/** 14 March 2016; 'short' 14 Mar 2016; 'month' March 2016; 'datetime' 14 March 2016 at 3:04pm. */
export function formatDate(value: Date | string | null | undefined, style: DateStyle = 'long'): string {
  if (value === null || value === undefined || value === '') return ''
  const date = toDate(value)
  if (Number.isNaN(date.getTime())) return String(value)
  if (style === 'iso') return date.toISOString()
  if (style === 'datetime') {
    return `${dateFormats.long.format(date)} at ${dateFormats.time.format(date).replace(' ', '').toLowerCase()}`
  }
  return dateFormats[style].format(date)
}

const numberFormats = new Map<string, Intl.NumberFormat>()

/**
 * The en-GB number format with these decimals, made once: `toLocaleString` with options builds a new one on
 * every call, which was the largest single cost of the strategic assessment pages under load.
 */
function numberFormat(minimumFractionDigits: number, maximumFractionDigits: number): Intl.NumberFormat {
  const key = `${minimumFractionDigits}:${maximumFractionDigits}`
  let format = numberFormats.get(key)
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat('en-GB', { minimumFractionDigits, maximumFractionDigits })))
  return format
}

/** 2,090; with decimals, 28.9. */
export function formatNumber(value: number | null | undefined, decimals = 0): string {
  if (value === null || value === undefined || Number.isNaN(value)) return ''
  return numberFormat(decimals, decimals).format(value)
}

/** 2,090; 28.9; 28 (no trailing zeros): at most `decimals` decimals, as `toLocaleString('en-GB', { maximumFractionDigits })`. */
export function formatUpTo(value: number, decimals: number): string {
  return numberFormat(0, decimals).format(value)
}

/** Money is held as integer pence: 1233700 → £12,337; 1233750 → £12,337.50; negative → −£1,518. */
export function formatMoney(pence: number | null | undefined, options: { alwaysPence?: boolean } = {}): string {
  if (pence === null || pence === undefined || Number.isNaN(pence)) return ''
  const sign = pence < 0 ? '−' : ''
  const abs = Math.abs(pence)
  const showPence = options.alwaysPence || abs % 100 !== 0
  const pounds = numberFormat(showPence ? 2 : 0, showPence ? 2 : 0).format(abs / 100)
  return `${sign}£${pounds}`
}

/** 39.0%. `value` is already a percentage (39 means 39%). */
export function formatPercent(value: number | null | undefined, decimals = 1): string {
  if (value === null || value === undefined || Number.isNaN(value) || !Number.isFinite(value)) return ''
  return `${formatNumber(value, decimals)}%`
}

/** "1 action", "3 actions". */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatNumber(count)} ${count === 1 ? singular : pluralForm}`
}
