import { describe, expect, it } from 'vitest'

import { remindersDue } from './reminders.ts'

describe('death review reminders', () => {
  const dates = [
    { key: 'a', dueOn: '2026-12-10', doneOn: null },
    { key: 'b', dueOn: '2026-12-09', doneOn: null },
    { key: 'c', dueOn: '2026-11-30', doneOn: null },
    { key: 'd', dueOn: '2026-11-20', doneOn: '2026-11-19' },
    { key: 'e', dueOn: '2026-11-25', doneOn: null },
  ]

  it('reminds of a deadline a fortnight away or nearer, and of one passed undone, soonest first; nothing of what is done', () => {
    expect(remindersDue(dates, '2026-11-25').map(r => [r.date.key, r.kind])).toEqual([
      ['e', 'upcoming'],
      ['c', 'upcoming'],
      ['b', 'upcoming'],
    ])
    expect(remindersDue(dates, '2026-11-26').map(r => [r.date.key, r.kind])).toEqual([
      ['e', 'overdue'],
      ['c', 'upcoming'],
      ['b', 'upcoming'],
      ['a', 'upcoming'],
    ])
  })
})
