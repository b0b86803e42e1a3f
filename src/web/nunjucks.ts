import path from 'node:path'

import type { Express } from 'express'
import nunjucks from 'nunjucks'

import { appDir, nodeModulesDir } from '../paths.ts'
import { formatDate, formatMoney, formatNumber, formatPercent, plural, type DateStyle } from '../shared/format.ts'

export const OGL_ATTRIBUTION = 'Contains public sector information licensed under the Open Government Licence v3.0.'

/**
 * Templates are found in src/views (layout, partials, errors), in each capability folder (as
 * 'plans/views/plan.njk') and in govuk-frontend ('govuk/components/…'). Filters do the formatting so
 * templates never do sums.
 */
export function configureNunjucks(app: Express | undefined, options: { isProduction: boolean; watch?: boolean }) {
  // Templates are read again on every render only while developing (`watch`, under `npm run dev`);
  // otherwise each is compiled once.
  const noCache = options.watch ?? false
  const env = nunjucks.configure(
    [path.join(appDir, 'views'), path.join(appDir, 'capabilities'), path.join(nodeModulesDir, 'govuk-frontend', 'dist')],
    { autoescape: true, express: app, noCache, throwOnUndefined: false },
  )
  env.addFilter('date', (value: Date | string | null, style?: DateStyle) => formatDate(value, style))
  env.addFilter('number', (value: number | null, decimals?: number) => formatNumber(value, decimals))
  env.addFilter('money', (pence: number | null, alwaysPence?: boolean) => formatMoney(pence, { alwaysPence }))
  env.addFilter('percent', (value: number | null, decimals?: number) => formatPercent(value, decimals))
  env.addFilter('plural', (count: number, singular: string, pluralForm?: string) => plural(count, singular, pluralForm))
  env.addFilter('json', (value: unknown) => JSON.stringify(value, null, 2))
  /** Options for govukSelect from [{ value, text }], with the current value selected and a blank first. */
  env.addFilter(
    'selectItems',
    (items: { value: string | number; text: string }[], selected: unknown, blankText: string | false = '') => [
      ...(blankText === false ? [] : [{ value: '', text: blankText }]),
      ...items.map(item => ({ value: String(item.value), text: item.text, selected: String(item.value) === String(selected ?? '') })),
    ],
  )
  /** Items for govukRadios/govukCheckboxes from [{ value, text, hint? }], with the current value(s) ticked. */
  env.addFilter('choiceItems', (items: { value: string; text: string; hint?: string }[], current: unknown) => {
    const chosen = new Set((Array.isArray(current) ? current : [current]).map(value => String(value ?? '')))
    return items.map(item => ({
      value: item.value,
      text: item.text,
      hint: item.hint ? { text: item.hint } : undefined,
      checked: chosen.has(item.value),
    }))
  })
  env.addGlobal('serviceName', 'CSP Hub')
  env.addGlobal('oglAttribution', OGL_ATTRIBUTION)
  return env
}
