import { describe, expect, it } from 'vitest'

import { datesProblems, decisionDeadline, extensionProblems, reportDeadline, reportDueOn, stageOf, type ReviewDates } from './timescales.ts'

const review = (over: Partial<ReviewDates> = {}): ReviewDates => ({
  notifiedOn: '2024-01-31',
  decision: 'pending',
  decisionOn: null,
  reportSentOn: null,
  homeOfficeFeedbackOn: null,
  publishedOn: null,
  ...over,
})

describe('death review timescales', () => {
  it('wants the decision within one calendar month of the notification (31 January → 29 February in a leap year)', () => {
    expect(decisionDeadline(review(), '2024-02-10')).toMatchObject({ dueOn: '2024-02-29', state: 'due', daysAllowed: 29 })
    expect(decisionDeadline(review(), '2024-03-02')).toMatchObject({ state: 'overdue', daysLate: 2 })
    expect(decisionDeadline(review({ decision: 'review', decisionOn: '2024-02-29' }), '2024-06-01')).toMatchObject({ state: 'on_time', daysTaken: 29 })
    expect(decisionDeadline(review({ decision: 'review', decisionOn: '2024-03-05' }), '2024-06-01')).toMatchObject({ state: 'late', daysLate: 5 })
  })

  it('wants the report within six months of the decision, or by the latest date agreed', () => {
    const decided = review({ decision: 'review', decisionOn: '2024-02-29' })
    expect(reportDueOn(decided, [])).toBe('2024-08-29')
    expect(reportDueOn(decided, [{ agreedOn: '2024-07-01', extendedTo: '2024-11-30' }, { agreedOn: '2024-10-01', extendedTo: '2025-01-31' }])).toBe('2025-01-31')
    expect(reportDeadline(decided, [], '2024-09-01')).toMatchObject({ state: 'overdue', daysLate: 3 })
    expect(reportDeadline(review({ decision: 'no_review', decisionOn: '2024-02-10' }), [], '2024-09-01')).toBeNull()
  })

  it('moves through the stages from notification to publication', () => {
    expect(stageOf(review())).toBe('awaiting_decision')
    expect(stageOf(review({ decision: 'no_review', decisionOn: '2024-02-01' }))).toBe('not_held')
    const held = review({ decision: 'review', decisionOn: '2024-02-01' })
    expect(stageOf(held)).toBe('under_way')
    expect(stageOf({ ...held, reportSentOn: '2024-07-01' })).toBe('quality_assurance')
    expect(stageOf({ ...held, reportSentOn: '2024-07-01', homeOfficeFeedbackOn: '2024-09-01' })).toBe('awaiting_publication')
    expect(stageOf({ ...held, reportSentOn: '2024-07-01', homeOfficeFeedbackOn: '2024-09-01', publishedOn: '2024-10-01' })).toBe('published')
  })

  it('refuses steps out of order and dates in the future', () => {
    expect(datesProblems({ ...review({ decision: 'review', decisionOn: '2024-01-01' }), homeOfficeNotifiedOn: null }, '2024-06-01')).toEqual({
      decisionOn: 'Date of the decision must be the same as or after the date the partnership was notified',
    })
    expect(datesProblems({ ...review({ publishedOn: '2024-05-01' }), homeOfficeNotifiedOn: null }, '2024-06-01')).toEqual({ publishedOn: 'Record the decision to hold a review first' })
    expect(datesProblems({ ...review({ notifiedOn: '2024-07-01' }), homeOfficeNotifiedOn: null }, '2024-06-01')).toEqual({ notifiedOn: 'Date notified must be today or in the past' })
  })

  it('accepts an extension only to a later date than the report is due', () => {
    expect(extensionProblems({ agreedOn: '2024-07-01', extendedTo: '2024-08-29' }, '2024-08-29', '2024-07-02')).toEqual({ extendedTo: 'The new date must be after the date the report is due now, 2024-08-29' })
    expect(extensionProblems({ agreedOn: '2024-07-01', extendedTo: '2024-10-01' }, '2024-08-29', '2024-07-02')).toEqual({})
    expect(extensionProblems({ agreedOn: '2024-07-01', extendedTo: '2024-10-01' }, null, '2024-07-02')).toHaveProperty('extendedTo')
  })
})
