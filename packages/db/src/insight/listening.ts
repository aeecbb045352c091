import { sql, type SQL } from 'drizzle-orm';
import { MENTION_SOURCE_KINDS, insightShare, roundHours, type ChaserRow, type ListeningResponsivenessRow, type MentionSourceKind, type Period } from '@groundswell/core';
import type { Database } from '../connect.ts';
import { inList } from '../sql-kit.ts';
import { inPeriod, insightRows, insightWhere, type InsightFilter } from './filter.ts';

export type { ChaserRow, ListeningResponsivenessRow };

/** The period, and the insight filters as they apply to a mention. */
export interface MentionFilter extends Period {
  categories?: string[] | undefined;
  areas?: string[] | undefined;
}

/**
 * A mention's category is its report's, else the one guessed for it; its areas are those its
 * located point is in (an unlocated mention is in no area). Reads `mentions m`.
 */
export function mentionScope(f: MentionFilter): SQL {
  const parts: SQL[] = [];
  if (f.categories?.length)
    parts.push(inList(sql`(select fc.code from categories fc where fc.id = coalesce((select fr.category_id from reports fr where fr.id = m.report_id), m.suggested_category_id))`, f.categories));
  if (f.areas?.length) parts.push(sql`m.geom is not null and exists (select 1 from areas fa where ${inList(sql`fa.code`, f.areas)} and ST_Covers(fa.geom, m.geom))`);
  return parts.length ? sql.join(parts, sql` and `) : sql`true`;
}

/**
 * How the council answers what it hears, per source kind and month received, with a row per
 * source kind for the whole period and one `all` row. Only counts and medians: no text,
 * author or per-person figure ever leaves this query, so the public page shows it as it is.
 * Mentions folded into an earlier near-identical one are not counted again.
 */
export async function listeningResponsiveness(database: Database, p: MentionFilter): Promise<ListeningResponsivenessRow[]> {
  const rows = await insightRows<{
    gkind: number;
    gmonth: number;
    kind: MentionSourceKind | null;
    month: string | null;
    received: number;
    taken: number;
    answered: number;
    median: number | null;
  }>(
    database,
    sql`
    with m as (
      select s.kind, to_char(m.received_at at time zone 'UTC', 'YYYY-MM') as month,
             m.report_id is not null or m.state in ('converted', 'attached') as taken,
             m.first_reply_at is not null as answered,
             date_part('epoch', m.first_reply_at - m.received_at) / 3600.0::float8 as hours
      from mentions m join listening_sources s on s.id = m.source_id
      where ${inPeriod(p, sql`m.received_at`)} and m.folded_into_id is null and ${mentionScope(p)}
    )
    select grouping(kind)::int as gkind, grouping(month)::int as gmonth, kind, month,
           count(*)::int as received, count(*) filter (where taken)::int as taken,
           count(*) filter (where answered)::int as answered,
           (percentile_cont(0.5) within group (order by hours) filter (where answered))::float8 as median
    from m group by grouping sets ((kind, month), (kind), ())`,
  );
  const out = rows.map((r): ListeningResponsivenessRow => {
    const received = Number(r.received);
    const taken = Number(r.taken);
    const answered = Number(r.answered);
    return {
      sourceKind: Number(r.gkind) ? 'all' : (r.kind as MentionSourceKind),
      month: Number(r.gmonth) ? 'all' : (r.month as string),
      received,
      convertedOrAttached: taken,
      shareConvertedOrAttached: insightShare(taken, received),
      answered,
      shareAnswered: insightShare(answered, received),
      medianHoursToFirstReply: answered ? roundHours(r.median === null ? null : Number(r.median)) : null,
    };
  });
  // Source kinds in order, months in order, each kind's whole-period row after its months, `all` last.
  const rank = (r: ListeningResponsivenessRow) => (r.sourceKind === 'all' ? MENTION_SOURCE_KINDS.length : MENTION_SOURCE_KINDS.indexOf(r.sourceKind));
  return out.sort((a, b) => rank(a) - rank(b) || Number(a.month === 'all') - Number(b.month === 'all') || a.month.localeCompare(b.month));
}

/**
 * Chasers: later contacts about a report (contacts logged against it, mentions attached to
 * it), per month received, category and first-contact channel. A mention attached through
 * the inbox also logs a contact (payload `mentionId`), so it is counted once.
 */
export async function reportChasers(database: Database, f: InsightFilter): Promise<ChaserRow[]> {
  const rows = await insightRows<{ month: string; category: string; channel: string; reports: number; chased: number; chasers: number }>(
    database,
    sql`
    with r0 as (
      select r.id, to_char(r.created_at at time zone 'UTC', 'YYYY-MM') as month, c.code as category, r.channel,
             (select count(*) from report_events e where e.report_id = r.id and e.kind = 'contact_logged')
             + (select count(*) from mentions m where m.report_id = r.id and m.state = 'attached'
                  and not exists (select 1 from report_events e where e.report_id = r.id and e.kind = 'contact_logged' and e.payload->>'mentionId' = m.id::text)) as n
      from reports r join categories c on c.id = r.category_id
      where ${insightWhere(f)}
    )
    select month, category, channel, count(*)::int as reports, count(*) filter (where n > 0)::int as chased, sum(n)::int as chasers
    from r0 group by month, category, channel order by month, category, channel`,
  );
  return rows.map((r) => {
    const reports = Number(r.reports);
    const chasers = Number(r.chasers);
    return {
      month: r.month,
      category: r.category,
      channel: r.channel,
      reports,
      chased: Number(r.chased),
      chasers,
      shareChased: insightShare(Number(r.chased), reports),
      chasersPerReport: reports ? Math.round((chasers / reports) * 100) / 100 : null,
    };
  });
}
