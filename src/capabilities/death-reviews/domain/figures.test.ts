import { describe, expect, it } from 'vitest'

import { deathReviewFigures, type FigureReview } from './figures.ts'
import { isRetentionDue, MEETING_RETENTION, retentionDueOn, REVIEW_RETENTION } from './retention.ts'

const base = { decision: 'pending', decisionOn: null, reportSentOn: null, homeOfficeFeedbackOn: null, publishedOn: null, extensions: [], actions: [] } as const

describe('death review figures for the scrutiny report', () => {
  const reviews: FigureReview[] = [
    // Notified 2023/24, decided on time, report late, published in 2024/25.
    { ...base, notifiedOn: '2024-01-10', decision: 'review', decisionOn: '2024-02-05', reportSentOn: '2024-09-01', homeOfficeFeedbackOn: '2024-11-01', publishedOn: '2025-01-15', actions: [{ status: 'complete', dueOn: '2025-02-01', rag: 'green' }, { status: 'open', dueOn: '2025-02-01', rag: 'red' }] },
    // Notified 2024/25, decided late against one month; its report, due 15 January 2025, not sent by the year end.
    { ...base, notifiedOn: '2024-06-01', decision: 'review', decisionOn: '2024-07-15' },
    // Notified 2024/25, decided against.
    { ...base, notifiedOn: '2024-10-01', decision: 'no_review', decisionOn: '2024-10-20' },
    // Notified March 2025, no decision yet at the year end: overdue by 31 March? Due 10 April: not yet.
    { ...base, notifiedOn: '2025-03-10' },
  ]

  it('counts 2024/25 as at its last day: open, by stage, decisions and reports against their timescales, actions', () => {
    const f = deathReviewFigures(reviews, 2024, '2025-03-31')
    expect(f.notifiedInYear).toBe(3)
    expect(f.reviewsOpen).toBe(2)
    expect(f.byStage).toEqual({ awaiting_decision: 1, not_held: 1, under_way: 1, quality_assurance: 0, awaiting_publication: 0, published: 1 })
    expect(f.decisions).toEqual({ done: 2, onTime: 1, late: 1, averageDays: Math.round((44 + 19) / 2), overdueNow: 0 })
    expect(f.reports).toMatchObject({ done: 1, onTime: 0, late: 1, overdueNow: 1, extended: 0 })
    expect(f.publishedInYear).toBe(1)
    expect(f.actions).toMatchObject({ actions: 2, complete: 1, overdue: 1 })
  })

  it('counts a year as it stood then: what happened later is not done yet', () => {
    const f = deathReviewFigures(reviews, 2023, '2024-03-31')
    expect(f.notifiedInYear).toBe(1)
    expect(f.byStage.under_way).toBe(1)
    expect(f.publishedInYear).toBe(0)
  })
})

describe('retention', () => {
  const published = { ...base, notifiedOn: '2017-01-10', decision: 'review' as const, decisionOn: '2017-02-01', reportSentOn: '2017-07-01', homeOfficeFeedbackOn: '2017-09-01', publishedOn: '2018-02-28' }
  it('anonymises six years and deletes meetings two years after a review closed; never while open', () => {
    expect(retentionDueOn(REVIEW_RETENTION, published)).toBe('2024-02-28')
    expect(isRetentionDue(REVIEW_RETENTION, published, '2024-02-27')).toBe(false)
    expect(isRetentionDue(REVIEW_RETENTION, published, '2024-02-28')).toBe(true)
    expect(retentionDueOn(MEETING_RETENTION, published)).toBe('2020-02-28')
    expect(retentionDueOn(REVIEW_RETENTION, { ...published, publishedOn: null })).toBeNull()
    expect(retentionDueOn(MEETING_RETENTION, { ...base, notifiedOn: '2020-01-01', decision: 'no_review', decisionOn: '2020-01-20' })).toBe('2022-01-20')
  })
})
