import { describe, expect, it } from 'vitest'

import { dateState, ruleDates } from './duties.ts'

describe('the statutory calendar’s rules', () => {
  it('dates each duty of a financial year', () => {
    const dates = Object.fromEntries(ruleDates(2016).map(d => [`${d.duty} ${d.period}`, d.dueOn]))
    expect(dates).toMatchObject({
      'strategic-assessment 2016': '2017-01-31',
      'plan-refresh 2016': '2017-03-31',
      'plan-to-pcc 2016': '2016-04-30',
      'scrutiny-meeting 2016': '2017-03-31',
      'quarterly-updates 2016Q1': '2016-06-30',
      'quarterly-updates 2016Q4': '2017-03-31',
      'asb-case-review-figures 2016': '2016-07-31',
      'serious-violence-strategy-review 2016': '2017-01-31',
      'pcc-grant-return 2016Q1': '2016-07-31',
      'pcc-grant-return 2016Q3': '2017-01-31',
      'pcc-grant-return 2016Q4': '2017-04-30',
    })
    expect(ruleDates(2016)).toHaveLength(6 + 2 * 4)
    expect(ruleDates(2016).find(d => d.duty === 'asb-case-review-figures')!.title).toBe('ASB case review (community trigger) figures for 2015/16 published')
  })

  it('says whether a date is done, overdue, due within 30 days or further off', () => {
    expect(dateState('2016-06-30', '2016-06-20', '2016-07-10')).toBe('done')
    expect(dateState('2016-06-30', null, '2016-07-01')).toBe('overdue')
    expect(dateState('2016-06-30', null, '2016-06-30')).toBe('due_soon')
    expect(dateState('2016-06-30', null, '2016-05-31')).toBe('due_soon')
    expect(dateState('2016-06-30', null, '2016-05-30')).toBe('upcoming')
  })
})
