import { z } from 'zod'

import { optionalEmail, optionalText } from '../../shared/form-fields.ts'

import { ANNUAL_SECTION_KEYS, MAX_SECTION_TITLE, type AnnualSectionKey } from './domain/section-layout.ts'

/** Yes, No, or not answered (null). */
const yesNo = (message: string) =>
  z
    .enum(['', 'yes', 'no'], { error: message })
    .optional()
    .transform(value => (value ? value === 'yes' : null))

/** The council's paper front matter: every field optional; a phone number of digits, spaces, +, ( and ). */
export const paperForm = z.object({
  councilName: optionalText(200),
  agendaItem: optionalText(50),
  reportOf: optionalText(200),
  portfolioHolder: optionalText(200),
  wardsAffected: optionalText(500),
  keyDecision: yesNo('Select whether the report is a key decision'),
  exempt: yesNo('Select whether the report holds exempt information'),
  exemptReason: optionalText(300),
  contactName: optionalText(200),
  contactPhone: optionalText(40).refine(value => value === null || /^\+?[\d\s()-]{6,}$/.test(value), { message: 'Enter a telephone number, like 01702 546366 or +44 1702 546366' }),
  contactEmail: optionalEmail,
})

/**
 * The annual report's sections: for each, its title and position (1 first), and which are included (checkboxes
 * named `included`). A `move` button ("risk:up") moves one section a place after the form is applied.
 */
export const sectionsForm = z
  .object({
    ...Object.fromEntries(
      ANNUAL_SECTION_KEYS.flatMap(key => [
        [`${key}Title`, optionalText(MAX_SECTION_TITLE).refine(value => value === null || !/[\r\n]/.test(value), { message: 'Enter the title on one line' })],
        [
          `${key}Position`,
          z
            .string()
            .trim()
            .optional()
            .refine(value => !value || (/^\d{1,2}$/.test(value) && Number(value) >= 1 && Number(value) <= ANNUAL_SECTION_KEYS.length), {
              message: `Enter a position from 1 to ${ANNUAL_SECTION_KEYS.length}`,
            })
            .transform(value => (value ? Number(value) : null)),
        ],
      ]),
    ),
    included: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .transform(value => (value === undefined ? [] : Array.isArray(value) ? value : [value]))
      .pipe(z.array(z.enum(ANNUAL_SECTION_KEYS, { error: 'Select only sections of the report' }))),
    move: z
      .string()
      .regex(new RegExp(`^(${ANNUAL_SECTION_KEYS.join('|')}):(up|down)$`), 'Choose a section to move')
      .optional(),
  })
  .transform(raw => {
    const fields = raw as unknown as Record<string, string | number | null>
    const value = raw as unknown as { included: AnnualSectionKey[]; move?: string }
    return {
      choices: ANNUAL_SECTION_KEYS.map(key => ({
        key,
        title: (fields[`${key}Title`] as string | null) ?? '',
        position: fields[`${key}Position`] as number | null,
        included: value.included.includes(key),
      })),
      move: value.move ? { key: value.move.split(':')[0] as AnnualSectionKey, direction: value.move.split(':')[1] as 'up' | 'down' } : null,
    }
  })
