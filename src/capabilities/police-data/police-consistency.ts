import { sql } from 'kysely'

import type { ConsistencyCheck } from '../../db/consistency.ts'

/**
 * The police data's invariants, for `csp-hub check`. A force-month is imported in one transaction that
 * replaces its records, its LSOA counts, its district counts and its row in police_months together, so
 * after any crash they agree: the month's row count equals its records, each rollup adds up to the rows,
 * and nothing is held for a force-month that police_months does not list.
 */
const monthLabel = (force: string, month: string) => `${force} ${month.slice(0, 7)}`

export const policeConsistencyChecks: ConsistencyCheck[] = [
  {
    name: 'police data: each force-month’s row count equals its records',
    async run(db) {
      const { rows } = await sql<{ force: string; month: string; rowCount: number; records: number }>`
        select m.force, to_char(m.month, 'YYYY-MM') as month, m.row_count, coalesce(r.n, 0)::int as records
        from police_months m
        left join (select force, month, count(*) as n from police_records group by force, month) r on r.force = m.force and r.month = to_char(m.month, 'YYYY-MM')
        where m.row_count <> coalesce(r.n, 0)
        order by 1, 2`.execute(db)
      return rows.map(row => `${monthLabel(row.force, row.month)}: police_months says ${row.rowCount} rows, police_records holds ${row.records}`)
    },
  },
  {
    name: 'police data: the counts by LSOA and by district add up to the rows, crime type by crime type',
    async run(db) {
      const { rows } = await sql<{ force: string; month: string; crimeType: string; records: number; counts: number; districtCounts: number }>`
        with r as (select force, month, crime_type, count(*)::int as n from police_records group by 1, 2, 3),
          c as (select force, to_char(month, 'YYYY-MM') as month, crime_type, sum(count)::int as n from police_counts group by 1, 2, 3),
          d as (select force, to_char(month, 'YYYY-MM') as month, crime_type, sum(count)::int as n from police_district_counts group by 1, 2, 3)
        select coalesce(r.force, c.force, d.force) as force, coalesce(r.month, c.month, d.month) as month,
          coalesce(r.crime_type, c.crime_type, d.crime_type) as crime_type,
          coalesce(r.n, 0) as records, coalesce(c.n, 0) as counts, coalesce(d.n, 0) as district_counts
        from r full join c using (force, month, crime_type) full join d using (force, month, crime_type)
        where coalesce(r.n, 0) <> coalesce(c.n, 0) or coalesce(c.n, 0) <> coalesce(d.n, 0)
        order by 1, 2, 3
        limit 50`.execute(db)
      return rows.map(
        row => `${monthLabel(row.force, row.month)}, ${row.crimeType}: ${row.records} records, ${row.counts} in the LSOA counts, ${row.districtCounts} in the district counts`,
      )
    },
  },
  {
    name: 'police data: nothing held for a force-month that is not listed as imported',
    async run(db) {
      const { rows } = await sql<{ what: string; force: string; month: string; n: number }>`
        select 'police_records' as what, force, month, count(*)::int as n from police_records r
          where not exists (select 1 from police_months m where m.force = r.force and to_char(m.month, 'YYYY-MM') = r.month) group by 2, 3
        union all
        select 'police_counts', force, to_char(month, 'YYYY-MM'), count(*)::int from police_counts c
          where not exists (select 1 from police_months m where m.force = c.force and m.month = c.month) group by 2, 3
        union all
        select 'police_district_counts', force, to_char(month, 'YYYY-MM'), count(*)::int from police_district_counts d
          where not exists (select 1 from police_months m where m.force = d.force and m.month = d.month) group by 2, 3
        order by 2, 3, 1`.execute(db)
      return rows.map(row => `${monthLabel(row.force, row.month)}: ${row.n} rows in ${row.what}, but police_months does not list it`)
    },
  },
]
