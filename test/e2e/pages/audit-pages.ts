import { AppPage, type Heading } from './app-page.ts'

export interface AuditEventRow {
  when: string
  who: string
  what: string
  /** The “Values” details: field → [before, after]. */
  values: Record<string, [string, string]>
}

export class AuditLogPage extends AppPage {
  readonly heading: Heading = /^(Site audit log|Audit log)$/

  /** Choose filters (by their visible option text) and press “Filter”. */
  async filter(filters: { recordType?: string; change?: string; changedBy?: string }): Promise<void> {
    if (filters.recordType) await this.page.getByLabel('Record type').selectOption({ label: filters.recordType })
    if (filters.change) await this.page.getByLabel('Change', { exact: true }).selectOption({ label: filters.change })
    if (filters.changedBy) await this.page.getByLabel('Changed by').selectOption({ label: filters.changedBy })
    await this.session.submit('Filter')
  }

  async total(): Promise<string> {
    return ((await this.qa('audit-total').textContent()) ?? '').replace(/\s+/g, ' ').trim()
  }

  async events(): Promise<AuditEventRow[]> {
    const out: AuditEventRow[] = []
    for (const row of await this.qa('audit-event').all()) {
      const cells = row.locator(':scope > td')
      const text = async (i: number) => ((await cells.nth(i).innerText()) ?? '').replace(/\s+/g, ' ').trim()
      const values: Record<string, [string, string]> = {}
      for (const change of await row.locator('tbody tr').all()) {
        const field = ((await change.locator('th').textContent()) ?? '').trim()
        const [before, after] = (await change.locator('td').allTextContents()).map(value => value.trim())
        values[field] = [before ?? '', after ?? '']
      }
      out.push({
        when: await text(0),
        who: await text(1),
        what: (await row.locator('[data-qa="audit-summary"]').textContent())?.trim() ?? '',
        values,
      })
    }
    return out
  }
}
