import { sql, type SQL } from 'drizzle-orm';
import type { Volume, VolumeGroup, VolumeSeries } from '@groundswell/core';
import type { Database } from '../connect.ts';
import { insightRows, insightWhere, monthsOf, type InsightFilter } from './filter.ts';

export type { Volume, VolumeSeries };

/** The column to group on and how to name its values. Grouping on ids keeps the scan narrow. */
const GROUPS: Record<VolumeGroup, { column: SQL; label: SQL }> = {
  category: { column: sql`r.category_id`, label: sql`(select json_build_object('code', code, 'name', name) from categories where id = g.k)` },
  area: { column: sql`r.area_id`, label: sql`(select json_build_object('code', code, 'name', name) from areas where id = g.k)` },
  team: { column: sql`r.team_id`, label: sql`(select json_build_object('code', code, 'name', name) from teams where id = g.k)` },
  state: { column: sql`r.state`, label: sql`json_build_object('code', g.k, 'name', g.k)` },
  channel: { column: sql`r.channel`, label: sql`json_build_object('code', g.k, 'name', g.k)` },
};

/** Reports received per month (UTC) and per category, area, state, channel or team. */
export async function reportVolume(database: Database, f: InsightFilter, by: VolumeGroup): Promise<Volume> {
  const g = GROUPS[by];
  const rows = await insightRows<{ month: string; label: { code: string | null; name: string | Record<string, string> } | null; n: number }>(
    database,
    sql`
    with g as (
      select date_trunc('month', r.created_at at time zone 'UTC') as m, ${g.column} as k, count(*) as n
      from reports r where ${insightWhere(f)}
      group by 1, 2
    )
    select to_char(g.m, 'YYYY-MM') as month, ${g.label} as label, g.n::int as n from g order by g.m`,
  );
  const months = monthsOf(f);
  const index = new Map(months.map((m, i) => [m, i]));
  const series = new Map<string, VolumeSeries>();
  const totals = months.map(() => 0);
  for (const row of rows) {
    const key = row.label?.code ?? 'none';
    let s = series.get(key);
    if (!s) {
      s = { key, label: row.label?.name ?? key, total: 0, counts: months.map(() => 0) };
      series.set(key, s);
    }
    const i = index.get(row.month);
    if (i === undefined) continue;
    const n = Number(row.n);
    s.counts[i]! += n;
    s.total += n;
    totals[i]! += n;
  }
  const sorted = [...series.values()].sort((a, b) => b.total - a.total || a.key.localeCompare(b.key));
  return { by, months, series: sorted, totals, total: totals.reduce((a, b) => a + b, 0) };
}
