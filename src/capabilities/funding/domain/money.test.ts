import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { formatMoney } from '../../../shared/format.ts'

import { MAX_PENCE, moneyMessage, parseMoney, penceToInput } from './money.ts'

const pence = (text: string) => {
  const result = parseMoney(text)
  if (!result.ok) throw new Error(`${text} → ${result.problem}`)
  return result.pence
}
const problem = (text: string) => {
  const result = parseMoney(text)
  return result.ok ? `ok ${result.pence}` : result.problem
}

describe('reading an amount of money', () => {
  it('reads the seeds’ figures as pence', () => {
    expect(pence('£12,337')).toBe(1_233_700)
    expect(pence('12337')).toBe(1_233_700)
    expect(pence('£10,142')).toBe(1_014_200)
    expect(pence('£1,518')).toBe(151_800)
    expect(pence('£14,019')).toBe(1_401_900)
  })

  it('reads pence after a decimal point', () => {
    expect(pence('£12,337.50')).toBe(1_233_750)
    expect(pence('12337.5')).toBe(1_233_750)
    expect(pence('0.05')).toBe(5)
    expect(pence('.50')).toBe(50)
    expect(pence('12.500')).toBe(1250)
  })

  it('reads thousands written as K, as the 2011/12 plan writes its resources', () => {
    expect(pence('5K')).toBe(500_000)
    expect(pence('3k')).toBe(300_000)
    expect(pence('10K')).toBe(1_000_000)
    expect(pence('2.5K')).toBe(250_000)
    expect(pence('£5K')).toBe(500_000)
    expect(pence('5 K')).toBe(500_000)
    expect(pence('1.23456k')).toBe(123_456)
  })

  it('reads millions and pence', () => {
    expect(pence('£1.2m')).toBe(120_000_000)
    expect(pence('50p')).toBe(50)
  })

  it('allows spaces around the amount and after the pound sign', () => {
    expect(pence('  £ 12,337  ')).toBe(1_233_700)
  })

  it('says what is wrong with an amount it cannot read', () => {
    expect(problem('')).toBe('empty')
    expect(problem('   ')).toBe('empty')
    expect(problem('twelve pounds')).toBe('format')
    expect(problem('1,23')).toBe('format')
    expect(problem('12,3456')).toBe('format')
    expect(problem('12 337')).toBe('format')
    expect(problem('12.')).toBe('format')
    expect(problem('K')).toBe('format')
    expect(problem('£')).toBe('format')
    expect(problem('5KK')).toBe('format')
    expect(problem('12.345')).toBe('fraction_of_penny')
    expect(problem('1.234567k')).toBe('fraction_of_penny')
    expect(problem('-5')).toBe('negative')
    expect(problem('£-5')).toBe('negative')
    expect(problem('−£1,518')).toBe('negative')
    expect(problem('100000001')).toBe('too_large')
    expect(problem('99999999999999999999999')).toBe('too_large')
  })

  it('words each problem for the field it is about', () => {
    expect(moneyMessage('empty', 'the amount')).toBe('Enter the amount')
    expect(moneyMessage('format', 'the amount')).toBe(
      'Amount must be an amount in pounds, like £12,337, £12,337.50 or 5K',
    )
    expect(moneyMessage('fraction_of_penny', 'the grant amount')).toMatch(/^Grant amount must be in pounds and pence/)
    expect(moneyMessage('negative', 'the amount awarded')).toBe('Amount awarded must be £0 or more')
  })

  it('reads back any amount the way it is written on a page or in a form', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_PENCE }), amount => {
        expect(pence(formatMoney(amount))).toBe(amount)
        expect(pence(penceToInput(amount))).toBe(amount)
      }),
    )
  })

  it('reads N K as N thousand pounds for any whole N', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999 }), n => {
        expect(pence(`${n}K`)).toBe(n * 100_000)
      }),
    )
  })
})

describe('writing an amount into a form', () => {
  it('writes whole pounds without pence and keeps the pence when there are some', () => {
    expect(penceToInput(1_233_700)).toBe('12337')
    expect(penceToInput(1_233_750)).toBe('12337.50')
    expect(penceToInput(5)).toBe('0.05')
    expect(penceToInput(null)).toBe('')
  })
})
