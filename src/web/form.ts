import type { z } from 'zod'

import { ValidationError } from '../shared/errors.ts'

export interface ErrorItem {
  text: string
  href: string
}
export type FieldErrors = Record<string, { text: string }>

export type FormResult<T> =
  | { ok: true; value: T }
  | { ok: false; errors: FieldErrors; errorList: ErrorItem[] }

/**
 * Validate a submitted form with its zod schema. On failure, returns errors shaped for GOV.UK macros:
 * `errors.fieldName.text` for a field's `errorMessage`, and `errorList` for `govukErrorSummary`.
 * Each field's name, id and schema key are the same string, so a summary link lands on its field.
 */
export function parseForm<S extends z.ZodType>(schema: S, body: unknown): FormResult<z.output<S>> {
  const result = schema.safeParse(body ?? {}, { error: plainWords })
  if (result.success) return { ok: true, value: result.data }
  const fieldErrors: Record<string, string> = {}
  for (const issue of result.error.issues) {
    const key = issue.path.length ? issue.path.map(String).join('.') : 'form'
    if (!(key in fieldErrors)) fieldErrors[key] = issue.message
  }
  return formErrors(fieldErrors)
}

/**
 * Words for a check a schema left without its own message, so a validator's own text ("Invalid option: expected
 * one of "reduce"|"increase"") never reaches a user. Messages a schema sets itself are kept: they come first.
 */
function plainWords(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_value':
      return 'Select one of the options given'
    case 'invalid_type':
      return issue.input === undefined || issue.input === '' ? 'Enter or select an answer' : 'Check this answer: it is not in the form expected'
    case 'too_big':
      return issue.origin === 'string' ? `Enter ${String(issue.maximum)} characters or fewer` : 'The answer is too large'
    case 'too_small':
      return issue.origin === 'string' ? 'Enter an answer' : 'The answer is too small'
    default:
      return 'Check this answer: it is not in the form expected'
  }
}

/** Turn field → message pairs (from a schema or a domain ValidationError) into the GOV.UK shapes. */
export function formErrors(fieldErrors: Record<string, string>, hrefs: Record<string, string> = {}) {
  const errors: FieldErrors = {}
  const errorList: ErrorItem[] = []
  for (const [field, text] of Object.entries(fieldErrors)) {
    errors[field] = { text }
    errorList.push({ text, href: hrefs[field] ?? `#${field}` })
  }
  return { ok: false as const, errors, errorList }
}

/** Run a use case; a domain ValidationError becomes the same failure shape as a schema error. */
export async function attempt<T>(fn: () => Promise<T>): Promise<FormResult<T>> {
  try {
    return { ok: true, value: await fn() }
  } catch (error) {
    if (error instanceof ValidationError) return formErrors(error.fieldErrors)
    throw error
  }
}
