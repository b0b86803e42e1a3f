import type { Db } from '../../db/database.ts'

import { DEFAULT_REMINDER_SETTINGS, type ReminderSettings } from './domain/reminder-rules.ts'

const SETTING_COLUMNS = ['dueReminder', 'daysBefore', 'overdueReminder', 'daysAfter', 'escalation', 'escalateAfterDays', 'weeklyDigest'] as const

/** The reminder settings of partnerships and the addresses that stopped their reminders. */
export const reminderRepository = {
  async settings(db: Db, partnershipId: number): Promise<ReminderSettings> {
    const row = await db.selectFrom('reminderSettings').select(SETTING_COLUMNS).where('partnershipId', '=', partnershipId).executeTakeFirst()
    return row ?? { ...DEFAULT_REMINDER_SETTINGS }
  },

  async saveSettings(db: Db, partnershipId: number, settings: ReminderSettings, now: Date) {
    await db
      .insertInto('reminderSettings')
      .values({ partnershipId, ...settings, updatedAt: now })
      .onConflict(oc => oc.column('partnershipId').doUpdateSet({ ...settings, updatedAt: now }))
      .execute()
  },

  /** The partnerships that send any reminder or digest. */
  async partnershipsSending(db: Db): Promise<number[]> {
    const rows = await db
      .selectFrom('reminderSettings')
      .select('partnershipId')
      .where(eb => eb.or([eb('dueReminder', '=', true), eb('overdueReminder', '=', true), eb('escalation', '=', true), eb('weeklyDigest', '=', true)]))
      .orderBy('partnershipId')
      .execute()
    return rows.map(row => row.partnershipId)
  },

  async optOuts(db: Db, partnershipId: number) {
    return db.selectFrom('reminderOptOuts').select(['email', 'createdAt']).where('partnershipId', '=', partnershipId).orderBy('email').execute()
  },

  async hasOptedOut(db: Db, partnershipId: number, email: string): Promise<boolean> {
    const row = await db.selectFrom('reminderOptOuts').select('email').where('partnershipId', '=', partnershipId).where('email', '=', email.toLowerCase()).executeTakeFirst()
    return row !== undefined
  },

  /** Returns false when the address had already stopped them. */
  async optOut(db: Db, partnershipId: number, email: string, now: Date): Promise<boolean> {
    const row = await db
      .insertInto('reminderOptOuts')
      .values({ partnershipId, email: email.toLowerCase(), createdAt: now })
      .onConflict(oc => oc.columns(['partnershipId', 'email']).doNothing())
      .returning('email')
      .executeTakeFirst()
    return row !== undefined
  },

  async optIn(db: Db, partnershipId: number, email: string): Promise<boolean> {
    const result = await db.deleteFrom('reminderOptOuts').where('partnershipId', '=', partnershipId).where('email', '=', email.toLowerCase()).executeTakeFirst()
    return Number(result.numDeletedRows) > 0
  },
}
