import { sql, type Kysely } from 'kysely'

/**
 * The partnership's rule for "no change", so that an indicator's RAG matches the legend printed beside it:
 * - rag_no_change: what an indicator that has not moved from its baseline counts as, Amber or Red (never Green:
 *   no change is not moving the right way);
 * - rag_no_change_band_percent: a move of no more than this percentage of the baseline, either way, counts as no
 *   change (0: only the same figure is no change).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table partnerships
      add column rag_no_change text not null default 'amber' check (rag_no_change in ('amber', 'red')),
      add column rag_no_change_band_percent numeric(4, 1) not null default 0
        check (rag_no_change_band_percent >= 0 and rag_no_change_band_percent <= 20);
  `.execute(db)
}
