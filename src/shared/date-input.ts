import { z } from 'zod'

import { dayFrom, type IsoDate } from '../core/calendar/index.ts'

/**
 * GOV.UK date inputs in zod forms: three boxes named `{name}-day`, `{name}-month` and `{name}-year`. A
 * problem is reported against the first wrong box, so the error summary link lands on it; every date's
 * problems are listed at once.
 */
export interface DateSpec<N extends string = string> {
  name: N
  /** As the message starts: 'Date notified' → "Date notified must be a real date". */
  label: string
  /** The message when the date is left empty, or leave out when it may be. */
  required?: string
}

const part = z.string().optional()

/** The three boxes of each date, for a z.object(). */
export function dateBoxes<N extends string>(...names: N[]) {
  const shape: Record<string, typeof part> = {}
  for (const name of names) for (const p of ['day', 'month', 'year']) shape[`${name}-${p}`] = part
  return shape as Record<`${N}-${'day' | 'month' | 'year'}`, typeof part>
}

type Issues = { addIssue(issue: { code: 'custom'; path: string[]; message: string }): void }

/** Add GOV.UK-worded issues for a date input against its first wrong box. */
export function checkDateInput(value: Record<string, unknown>, spec: DateSpec, ctx: Issues): void {
  const read = (p: string) => String(value[`${spec.name}-${p}`] ?? '').trim()
  const [day, month, year] = [read('day'), read('month'), read('year')]
  const issue = (p: 'day' | 'month' | 'year', message: string) => ctx.addIssue({ code: 'custom', path: [`${spec.name}-${p}`], message })
  if (!day && !month && !year) {
    if (spec.required) issue('day', spec.required)
    return
  }
  const missing = (['day', 'month', 'year'] as const).filter(p => !{ day, month, year }[p])
  if (missing.length) return issue(missing[0]!, `${spec.label} must include a ${missing.join(' and ')}`)
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month)) return issue(!/^\d{1,2}$/.test(day) ? 'day' : 'month', `${spec.label} must be a real date`)
  if (!/^\d{4}$/.test(year)) return issue('year', 'Year must include 4 numbers')
  if (!dayFrom(Number(year), Number(month), Number(day))) return issue('day', `${spec.label} must be a real date`)
}

/** The date typed as 'YYYY-MM-DD', or null when left empty (check it first). */
export function dateInputValue(value: Record<string, unknown>, name: string): IsoDate | null {
  const read = (p: string) => String(value[`${name}-${p}`] ?? '').trim()
  if (!read('year')) return null
  return dayFrom(Number(read('year')), Number(read('month')), Number(read('day')))
}

/** A stored date as the three boxes show it, for editing. */
export function dateInputValues(name: string, date: IsoDate | null | undefined): Record<string, string> {
  if (!date) return {}
  return { [`${name}-day`]: String(Number(date.slice(8, 10))), [`${name}-month`]: String(Number(date.slice(5, 7))), [`${name}-year`]: date.slice(0, 4) }
}

/**
 * A form schema with date inputs: `fields` is the z.object of the other fields, `dates` the date inputs. The
 * output has each date as 'YYYY-MM-DD' or null under its name, and no boxes.
 */
export function withDates<F extends z.ZodRawShape, N extends string>(fields: F, dates: readonly DateSpec<N>[]) {
  return z
    .object({ ...fields, ...dateBoxes(...dates.map(d => d.name)) })
    // Run even when another field has failed, so the error summary lists every problem at once.
    .superRefine(
      (value, ctx) => {
        for (const spec of dates) checkDateInput(value as Record<string, unknown>, spec, ctx)
      },
      { when: () => true },
    )
    .transform(value => {
      const out: Record<string, unknown> = {}
      for (const [key, v] of Object.entries(value)) if (!/-(day|month|year)$/.test(key)) out[key] = v
      for (const spec of dates) out[spec.name] = dateInputValue(value as Record<string, unknown>, spec.name)
      return out as z.output<z.ZodObject<F>> & Record<N, IsoDate | null>
    })
}

/** An issue against a date input's first box, for a rule between dates checked after parsing. */
export const dateError = (name: string) => `${name}-day`
