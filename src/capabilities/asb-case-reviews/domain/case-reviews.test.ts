import { describe, expect, it } from 'vitest'

import { applicationProblems, DEFAULT_THRESHOLD, meetsThreshold, retentionDueOn, stageOf, stepDays, thresholdText, yearFigures, type Application } from './case-reviews.ts'

const app = (over: Partial<Application> = {}): Application => ({ receivedOn: '2024-05-01', complaintsCount: 3, thresholdDecisionOn: null, thresholdMet: null, reviewOn: null, outcomeOn: null, recommendations: null, ...over })

describe('ASB case reviews', () => {
  it('states and applies the threshold', () => {
    expect(thresholdText(DEFAULT_THRESHOLD)).toBe('three complaints in six months')
    expect(thresholdText({ complaints: 1, months: 1 })).toBe('one complaint in one month')
    expect(meetsThreshold(3, DEFAULT_THRESHOLD)).toBe(true)
    expect(meetsThreshold(2, DEFAULT_THRESHOLD)).toBe(false)
  })

  it('follows an application through its stages and counts the days of each step', () => {
    const closed = app({ thresholdDecisionOn: '2024-05-10', thresholdMet: true, reviewOn: '2024-06-04', outcomeOn: '2024-06-11', recommendations: 'Mediation' })
    expect(stageOf(app())).toBe('awaiting_decision')
    expect(stageOf(app({ thresholdDecisionOn: '2024-05-10', thresholdMet: false }))).toBe('threshold_not_met')
    expect(stageOf(closed)).toBe('closed')
    expect(stepDays(closed)).toEqual({ decision: 9, review: 25, outcome: 7, total: 41 })
    expect(retentionDueOn(closed)).toBe('2027-06-11')
    expect(retentionDueOn(app())).toBeNull()
  })

  it('refuses steps out of order', () => {
    expect(applicationProblems(app({ thresholdDecisionOn: '2024-04-30', thresholdMet: true }), '2025-01-01')).toEqual({ thresholdDecisionOn: 'Date of the decision must be the same as or after the date the application was received' })
    expect(applicationProblems(app({ thresholdDecisionOn: '2024-05-02', thresholdMet: false, reviewOn: '2024-05-03' }), '2025-01-01')).toEqual({ reviewOn: 'Record that the threshold was met before recording a review' })
    expect(applicationProblems(app(), '2024-04-01')).toEqual({ receivedOn: 'Date received must be today or in the past' })
  })

  it('counts the published figures of a financial year from the dates of each step', () => {
    const apps = [
      app({ receivedOn: '2024-04-02', thresholdDecisionOn: '2024-04-10', thresholdMet: false }),
      app({ receivedOn: '2024-06-01', thresholdDecisionOn: '2024-06-05', thresholdMet: true, reviewOn: '2024-07-01', recommendations: 'Joint visit' }),
      app({ receivedOn: '2025-03-20', thresholdDecisionOn: '2025-03-25', thresholdMet: true, reviewOn: '2025-04-10' }),
      app({ receivedOn: '2025-03-30' }),
      app({ receivedOn: '2024-03-30', thresholdDecisionOn: '2024-04-03', thresholdMet: false }),
    ]
    expect(yearFigures(apps, 2024)).toEqual({ year: 2024, received: 4, notMeetingThreshold: 2, reviewsCarriedOut: 1, withRecommendations: 1, undecided: 1 })
    expect(yearFigures(apps, 2025)).toMatchObject({ received: 0, reviewsCarriedOut: 1, withRecommendations: 0 })
  })
})
