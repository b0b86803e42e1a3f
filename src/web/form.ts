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
  const result = schema.safeParse(body ?? {})
  if (result.success) return { ok: true, value: result.data }
  const fieldErrors: Record<string, string> = {}
  for (const issue of result.error.issues) {
    const key = issue.path.length ? issue.path.map(String).join('.') : 'form'
    if (!(key in fieldErrors)) fieldErrors[key] = issue.message
  }
  return formErrors(fieldErrors)
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
