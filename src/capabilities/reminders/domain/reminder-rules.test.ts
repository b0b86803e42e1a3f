import { describe, expect, it } from 'vitest'

import { DEFAULT_REMINDER_SETTINGS, daysFromToday, plannedReminders, remindersToSend, settingsProblems, updateDueDate, type ReminderSettings } from './reminder-rules.ts'

const allOn: ReminderSettings = { ...DEFAULT_REMINDER_SETTINGS, dueReminder: true, overdueReminder: true, escalation: true, weeklyDigest: true }

describe('reminder rules', () => {
  it('dates an update by the last day of its quarter', () => {
    expect(updateDueDate(2016, 1)).toBe('2016-06-30')
    expect(updateDueDate(2016, 4)).toBe('2017-03-31')
  })

  it('when the Q1 update is due, plans a reminder 14 days before 30 June, then overdue and escalation after it', () => {
    expect(plannedReminders(allOn, { kind: 'due', quarter: 1 }, 2016, '2016-05-01')).toEqual([
      { kind: 'due', quarter: 1, dueDate: '2016-06-30', on: '2016-06-16' },
      { kind: 'overdue', quarter: 1, dueDate: '2016-06-30', on: '2016-07-07' },
      { kind: 'escalation', quarter: 1, dueDate: '2016-06-30', on: '2016-07-21' },
    ])
  })

  it('sends nothing before the day, the due reminder from its day, and the later ones on theirs', () => {
    const due = { kind: 'due', quarter: 1 } as const
    expect(remindersToSend(allOn, due, 2016, '2016-06-15')).toEqual([])
    expect(remindersToSend(allOn, due, 2016, '2016-06-16').map(r => r.kind)).toEqual(['due'])
    expect(remindersToSend(allOn, due, 2016, '2016-06-30').map(r => r.kind)).toEqual(['due'])
    const overdue = { kind: 'overdue', quarter: 1 } as const
    expect(remindersToSend(allOn, overdue, 2016, '2016-07-06')).toEqual([])
    expect(remindersToSend(allOn, overdue, 2016, '2016-07-07').map(r => r.kind)).toEqual(['overdue'])
    expect(remindersToSend(allOn, overdue, 2016, '2016-07-21').map(r => r.kind)).toEqual(['overdue', 'escalation'])
  })

  it('never sends a "due" reminder once the quarter is over, even when the server was off on its day', () => {
    expect(plannedReminders(allOn, { kind: 'overdue', quarter: 1 }, 2016, '2016-07-01').map(r => r.kind)).toEqual(['overdue', 'escalation'])
  })

  it('sends nothing when the update is in, or when the partnership has turned reminders off', () => {
    expect(remindersToSend(allOn, { kind: 'none' }, 2016, '2016-07-21')).toEqual([])
    expect(remindersToSend(DEFAULT_REMINDER_SETTINGS, { kind: 'overdue', quarter: 1 }, 2016, '2016-12-01')).toEqual([])
    expect(remindersToSend({ ...allOn, escalation: false }, { kind: 'overdue', quarter: 1 }, 2016, '2016-12-01').map(r => r.kind)).toEqual(['overdue'])
  })

  it('refuses an escalation that would go before the overdue reminder', () => {
    expect(settingsProblems({ ...allOn, daysAfter: 7, escalateAfterDays: 7 })).toEqual({ escalateAfterDays: expect.stringContaining('later than the overdue reminder') })
    expect(settingsProblems({ ...allOn, daysAfter: 7, escalateAfterDays: 8 })).toEqual({})
    expect(settingsProblems({ ...allOn, overdueReminder: false, daysAfter: 7, escalateAfterDays: 3 })).toEqual({})
  })

  it('says how far a day is from today', () => {
    expect(daysFromToday('2016-06-16', '2016-06-16')).toBe('today')
    expect(daysFromToday('2016-06-17', '2016-06-16')).toBe('tomorrow')
    expect(daysFromToday('2016-06-26', '2016-06-16')).toBe('in 10 days')
    expect(daysFromToday('2016-06-13', '2016-06-16')).toBe('3 days ago')
  })
})
