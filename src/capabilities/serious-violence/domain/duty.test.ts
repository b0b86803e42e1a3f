import { describe, expect, it } from 'vitest'

import { defaultReviewDueOn, reviewProblems, reviewState } from './duty.ts'

describe('Serious Violence Duty documents', () => {
  it('falls due for review a year after its date, and is overdue after that', () => {
    expect(defaultReviewDueOn('2024-01-31')).toBe('2025-01-31')
    expect(reviewState('2025-01-31', '2025-01-31')).toBe('due')
    expect(reviewState('2025-01-31', '2025-02-01')).toBe('overdue')
  })

  it('records a review only in order', () => {
    expect(reviewProblems({ reviewedOn: '2025-02-01', nextReviewDueOn: '2026-02-01' }, '2024-01-31', '2025-03-01')).toEqual({})
    expect(reviewProblems({ reviewedOn: '2023-02-01', nextReviewDueOn: '2023-01-01' }, '2024-01-31', '2025-03-01')).toEqual({
      reviewedOn: 'Date of the review must be the same as or after the date of the document',
      nextReviewDueOn: 'The next review must be after this one',
    })
  })
})
