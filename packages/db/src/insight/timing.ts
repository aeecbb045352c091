import { sql } from 'drizzle-orm';
import { OPEN_STATES, RESOLVED_STATES, TIMING_EXCLUDED_STATES, type ResponseTimeRow } from '@groundswell/core';
import type { Database } from '../connect.ts';
import { stateIn, stateNotIn, tsParam } from '../sql-kit.ts';
import { insightRows, insightWhere, type InsightFilter } from './filter.ts';

export type { ResponseTimeRow };

/**
 * Median and 90th percentile of the days to acknowledge and to resolve, and the share
 * resolved within the promise, per category or team and for all together. The rules are
 * in packages/core/src/insight.ts and docs/insight.md.
 */
export async function responseTimes(database: Database, f: InsightFilter, by: 'category' | 'team', now: Date): Promise<ResponseTimeRow[]> {
  const key = by === 'category' ? sql`r.category_id` : sql`r.team_id`;
  const label =
    by === 'category'
      ? sql`(select json_build_object('code', code, 'name', name) from categories where id = x.k)`
      : sql`(select json_build_object('code', code, 'name', name) from teams where id = x.k)`;
  const rows = await insightRows<{
    grouped: number;
    label: { code: string; name: string | Record<string, string> } | null;
    pmin: number | null;
    pmax: number | null;
    reports: number;
    acknowledged: number;
    ack: number[] | null;
    resolved: number;
    res: number[] | null;
    due: number;
    within: number;
    reopened: number;
  }>(
    database,
    sql`
    with b as (
      -- Narrow rows (the sort for grouping carries them) and float8 days: date_part, not
      -- extract, which computes in numeric since PostgreSQL 14.
      select ${key} as k, c.response_days as promise,
             date_part('epoch', r.acknowledged_at - r.created_at) / 86400.0::float8 as ack_days,
             case when ${stateIn(sql`r.state`, RESOLVED_STATES)} and r.resolved_at is not null
                  then date_part('epoch', r.resolved_at - r.created_at) / 86400.0::float8 end as res_days,
             ${stateIn(sql`r.state`, OPEN_STATES)} and ${tsParam(now)} - r.created_at > c.response_days * interval '1 day' as open_late,
             -- A "no" to "Is it fixed?" that moved the report (its payload names the new state).
             exists (select 1 from report_events e where e.report_id = r.id and e.kind = 'not_fixed' and e.payload ? 'to') as reopened
      from reports r join categories c on c.id = r.category_id
      where ${insightWhere(f)} and ${stateNotIn(sql`r.state`, TIMING_EXCLUDED_STATES)}
    ),
    x as (
      select grouping(b.k) as grouped, b.k,
        min(b.promise) as pmin, max(b.promise) as pmax,
        count(*) as reports,
        count(b.ack_days) as acknowledged,
        percentile_cont(array[0.5, 0.9]) within group (order by b.ack_days) as ack,
        count(b.res_days) as resolved,
        percentile_cont(array[0.5, 0.9]) within group (order by b.res_days) as res,
        count(*) filter (where b.res_days is not null or b.open_late) as due,
        count(*) filter (where b.res_days <= b.promise) as within,
        count(*) filter (where b.reopened) as reopened
      from b group by grouping sets ((b.k), ())
    )
    select x.grouped::int as grouped, ${label} as label, x.pmin::int as pmin, x.pmax::int as pmax, x.reports::int as reports,
           x.acknowledged::int as acknowledged, x.ack::float8[] as ack, x.resolved::int as resolved, x.res::float8[] as res,
           x.due::int as due, x.within::int as within, x.reopened::int as reopened
    from x`,
  );
  const out: ResponseTimeRow[] = rows.map((r) => {
    const ack = r.ack?.map(Number) ?? [];
    const res = r.res?.map(Number) ?? [];
    const due = Number(r.due);
    const within = Number(r.within);
    const isAll = Number(r.grouped) === 1;
    return {
      key: isAll ? 'all' : (r.label?.code ?? 'none'),
      label: isAll ? 'all' : (r.label?.name ?? 'none'),
      promiseDaysMin: r.pmin === null ? null : Number(r.pmin),
      promiseDaysMax: r.pmax === null ? null : Number(r.pmax),
      reports: Number(r.reports),
      acknowledged: Number(r.acknowledged),
      acknowledgeMedianDays: Number(r.acknowledged) ? round(ack[0]) : null,
      acknowledgeP90Days: Number(r.acknowledged) ? round(ack[1]) : null,
      resolved: Number(r.resolved),
      resolveMedianDays: Number(r.resolved) ? round(res[0]) : null,
      resolveP90Days: Number(r.resolved) ? round(res[1]) : null,
      due,
      withinPromise: within,
      shareWithinPromise: due ? Math.round((within / due) * 10_000) / 10_000 : null,
      reopenedByResidents: Number(r.reopened),
    };
  });
  // Groups by size, the "all" row last.
  return out.sort((a, b) => Number(a.key === 'all') - Number(b.key === 'all') || b.reports - a.reports || a.key.localeCompare(b.key));
}

/** Days to two decimals (about a quarter of an hour): what a dashboard needs, and stable across engines. */
function round(v: number | undefined): number | null {
  return v === undefined || v === null || Number.isNaN(v) ? null : Math.round(v * 100) / 100;
}
