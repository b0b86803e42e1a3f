import { z } from 'zod'

import { cleanText } from '../domain/plan-text.ts'

/** The most dimensions a partnership may assess its actions on. */
export const MAX_DIMENSIONS = 4

const name = z
  .string()
  .optional()
  .transform(value => cleanText(value ?? '').replace(/\s+/g, ' '))

/**
 * The partnership's RAG dimensions: up to four names, in order (dimension1 … dimension4). All empty means one
 * RAG status, as before. The first is the headline: the action's current RAG, and the plan's filters, use it.
 */
export const ragDimensionsForm = z
  .object(Object.fromEntries(Array.from({ length: MAX_DIMENSIONS }, (_, i) => [`dimension${i + 1}`, name])) as Record<`dimension${1 | 2 | 3 | 4}`, typeof name>)
  .superRefine((value, ctx) => {
    const names = Array.from({ length: MAX_DIMENSIONS }, (_, i) => value[`dimension${(i + 1) as 1 | 2 | 3 | 4}`])
    const seen = new Set<string>()
    names.forEach((text, i) => {
      const path = [`dimension${i + 1}`]
      if (text.length > 60) ctx.addIssue({ code: 'custom', path, message: `Dimension ${i + 1} must be 60 characters or fewer` })
      if (text && i > 0 && names.slice(0, i).some(before => before === '')) ctx.addIssue({ code: 'custom', path, message: `Fill in the dimensions in order: dimension ${i} is empty` })
      if (text && seen.has(text.toLowerCase())) ctx.addIssue({ code: 'custom', path, message: `“${text}” is given twice: give each dimension a different name` })
      seen.add(text.toLowerCase())
    })
    const given = names.filter(Boolean)
    if (given.length === 1) ctx.addIssue({ code: 'custom', path: ['dimension2'], message: 'Give a second dimension, or leave both empty to keep one RAG status' })
  })
  .transform(value => Array.from({ length: MAX_DIMENSIONS }, (_, i) => value[`dimension${(i + 1) as 1 | 2 | 3 | 4}`]).filter(Boolean))
export type RagDimensionsInput = z.output<typeof ragDimensionsForm>
