import { z } from 'zod'

import { parseRowId } from './ids.ts'

/**
 * Zod building blocks for HTML forms, where every value arrives as a string and an empty box means
 * "nothing". Messages follow GOV.UK Design System wording.
 */

/** A required line of text, trimmed. */
export const requiredText = (message: string, max = 200) =>
  z
    .string({ error: message })
    .trim()
    .min(1, message)
    .max(max, `Must be ${max} characters or fewer`)

/** Optional text: an empty box becomes null. */
export const optionalText = (max = 5000) =>
  z
    .string()
    .trim()
    .max(max, `Must be ${max} characters or fewer`)
    .optional()
    .transform(value => (value ? value : null))

/** One of a fixed set of values, from radios or a select. */
export const choice = <T extends string>(values: readonly [T, ...T[]], message: string) =>
  z.enum(values, { error: message })

export const optionalChoice = <T extends string>(values: readonly [T, ...T[]], message: string) =>
  z
    .union([z.literal(''), z.enum(values, { error: message })])
    .optional()
    .transform(value => (value ? value : null))

/** An id chosen from a select; '' means none. */
export const optionalId = z
  .string()
  .optional()
  .transform((value, ctx) => {
    if (!value) return null
    const id = parseRowId(value)
    if (id === undefined) {
      ctx.addIssue({ code: 'custom', message: 'Select an option from the list' })
      return z.NEVER
    }
    return id
  })

export const requiredId = (message: string) =>
  z
    .string({ error: message })
    .min(1, message)
    .transform((value, ctx) => {
      const id = parseRowId(value)
      if (id === undefined) {
        ctx.addIssue({ code: 'custom', message })
        return z.NEVER
      }
      return id
    })

export const optionalEmail = z
  .string()
  .trim()
  .max(254)
  .optional()
  .transform(value => (value ? value.toLowerCase() : null))
  .refine(value => value === null || z.email().safeParse(value).success, {
    message: 'Enter an email address in the correct format, like name@example.com',
  })

export const requiredEmail = z
  .string({ error: 'Enter an email address' })
  .trim()
  .min(1, 'Enter an email address')
  .max(254, 'Email address must be 254 characters or fewer')
  .toLowerCase()
  .pipe(z.email({ error: 'Enter an email address in the correct format, like name@example.com' }))

/** A checkbox: present (any value) means true. */
export const checkbox = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform(value => Boolean(value && (Array.isArray(value) ? value.length : value)))

/** A group of checkboxes: always an array of the ticked values. */
export const checkboxes = <T extends string>(values: readonly [T, ...T[]]) =>
  z
    .union([z.enum(values), z.array(z.enum(values))])
    .optional()
    .transform(value => (value === undefined ? [] : Array.isArray(value) ? value : [value]))
