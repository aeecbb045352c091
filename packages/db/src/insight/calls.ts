import { sql } from 'drizzle-orm';
import type { CallVolumeLine, CallWeek, Period } from '@groundswell/core';
import { execRows, type Database } from '../connect.ts';
import { inList, publicReport, tsParam } from '../sql-kit.ts';
import { dayAfter, dayStart, insightRows } from './filter.ts';

const GO_LIVE_KEY = 'insight:go_live';

/** Category codes that exist among `codes`. */
export async function knownCategoryCodes(database: Database, codes: string[]): Promise<Set<string>> {
  if (!codes.length) return new Set();
  const rows = await database.rows<{ code: string }>(sql`select code from categories where ${inList(sql`code`, codes)}`);
  return new Set(rows.map((r) => r.code));
}

/** Stores a call log, one row per (week, category), replacing earlier figures for the same pair; all in one transaction. */
export async function upsertCallVolumes(database: Database, lines: CallVolumeLine[], at: Date): Promise<number> {
  return database.db.transaction(async (tx) => {
    let n = 0;
    // Chunks keep each statement's parameters well under PostgreSQL's limit.
    for (let i = 0; i < lines.length; i += 1000) {
      const chunk = lines.slice(i, i + 1000);
      const values = sql.join(
        chunk.map((l) => sql`(${l.week}::date, ${l.category}, ${l.calls}::int)`),
        sql`, `,
      );
      const rows = await execRows(
        tx,
        sql`insert into call_volumes (week, category_id, calls, imported_at)
            select v.week, c.id, v.calls, ${tsParam(at)} from (values ${values}) as v(week, code, calls) join categories c on c.code = v.code
            on conflict (week, category_id) do update set calls = excluded.calls, imported_at = excluded.imported_at
            returning 1`,
      );
      n += rows.length;
    }
    return n;
  });
}

export async function goLiveDate(database: Database): Promise<string | null> {
  const [row] = await database.rows<{ day: string | null }>(sql`select value->>'date' as day from settings where key = ${GO_LIVE_KEY}`);
  return row?.day ?? null;
}

export async function setGoLiveDate(database: Database, day: string | null): Promise<void> {
  if (day === null) await database.rows(sql`delete from settings where key = ${GO_LIVE_KEY}`);
  else
    await database.rows(sql`insert into settings (key, value) values (${GO_LIVE_KEY}, ${JSON.stringify({ date: day })}::jsonb)
      on conflict (key) do update set value = excluded.value`);
}

export interface CallCategoryWeeks {
  category: string;
  label: Record<string, string>;
  promoted: boolean;
  weeks: CallWeek[];
}

/**
 * Per category, for every week in the period with an imported call log: calls, web reports
 * and listening mentions (of the mention's report's category, else the category guessed for
 * it). Weeks are ISO weeks (Monday, UTC). Categories with no calls in the period are left out.
 */
export async function callWeeks(database: Database, p: Period, includeHidden: boolean): Promise<CallCategoryWeeks[]> {
  const hidden = includeHidden ? sql`true` : publicReport();
  const rows = await insightRows<{ code: string; name: Record<string, string>; promoted: boolean; week: string; calls: number; web: number; mentions: number }>(
    database,
    sql`
    with w as (
      select distinct week from call_volumes where week >= date_trunc('week', ${p.from}::date)::date and week <= ${p.to}::date
    ),
    c as (
      select distinct cv.category_id as id from call_volumes cv join w on w.week = cv.week
    ),
    web as (
      select r.category_id as id, date_trunc('week', r.created_at at time zone 'UTC')::date as week, count(*) as n
      from reports r where r.channel = 'web' and ${hidden}
        and r.created_at >= ${dayStart(p.from)} - interval '7 days' and r.created_at < ${dayAfter(p.to)} + interval '7 days'
      group by 1, 2
    ),
    heard as (
      select coalesce(r.category_id, m.suggested_category_id) as id, date_trunc('week', m.received_at at time zone 'UTC')::date as week, count(*) as n
      from mentions m left join reports r on r.id = m.report_id
      where m.folded_into_id is null
        and m.received_at >= ${dayStart(p.from)} - interval '7 days' and m.received_at < ${dayAfter(p.to)} + interval '7 days'
      group by 1, 2
    )
    select cat.code, cat.name,
           exists (select 1 from keyword_rules k where k.category_id = cat.id and k.enabled) as promoted,
           to_char(w.week, 'YYYY-MM-DD') as week,
           coalesce(cv.calls, 0)::int as calls, coalesce(web.n, 0)::int as web, coalesce(heard.n, 0)::int as mentions
    from c join categories cat on cat.id = c.id cross join w
      left join call_volumes cv on cv.category_id = c.id and cv.week = w.week
      left join web on web.id = c.id and web.week = w.week
      left join heard on heard.id = c.id and heard.week = w.week
    order by cat.code, w.week`,
  );
  const out = new Map<string, CallCategoryWeeks>();
  for (const r of rows) {
    const c = out.get(r.code) ?? { category: r.code, label: r.name, promoted: Boolean(r.promoted), weeks: [] };
    c.weeks.push({ week: r.week, calls: Number(r.calls), webReports: Number(r.web), mentions: Number(r.mentions) });
    out.set(r.code, c);
  }
  return [...out.values()];
}
