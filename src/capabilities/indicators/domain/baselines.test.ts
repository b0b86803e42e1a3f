import { describe, expect, it } from 'vitest'

import { baselineForTarget, baselineTitle, readBaselineLabel, readYesNo } from './baselines.ts'

describe('several labelled baselines', () => {
  const local = { id: 1, year: 2023, label: 'Local', judged: false }
  const national = { id: 2, year: 2023, label: 'National', judged: true }

  it('names each baseline by its label and year', () => {
    expect(baselineTitle(local)).toBe('Local 2023/24')
    expect(baselineTitle({ year: 2023, label: null })).toBe('2023/24')
  })

  it('measures a target from the baseline it names, or else from the one RAG is judged against', () => {
    expect(baselineForTarget([local, national], { baselineId: 1 })).toBe(local)
    expect(baselineForTarget([local, national], { baselineId: null })).toBe(national)
    expect(baselineForTarget([local], { baselineId: null })).toBeNull()
  })

  it('reads a label and a yes or no', () => {
    expect(readBaselineLabel('  National   figure ')).toEqual({ ok: true, label: 'National figure' })
    expect(readBaselineLabel('')).toEqual({ ok: true, label: null })
    expect(readBaselineLabel('x'.repeat(61))).toEqual({ ok: false, message: 'The label must be 60 characters or fewer' })
    expect(readYesNo('Yes')).toBe(true)
    expect(readYesNo('')).toBe(false)
    expect(readYesNo('maybe')).toBeNull()
  })
})
