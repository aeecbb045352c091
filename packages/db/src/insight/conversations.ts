import { sql, type SQL } from 'drizzle-orm';
import type { ConversationMention, MentionSourceKind } from '@groundswell/core';
import type { Database } from '../connect.ts';
import { inPeriod, insightRows } from './filter.ts';
import { mentionScope, type MentionFilter } from './listening.ts';

// Patterns go in as parameters, so their backslashes reach PostgreSQL as written.
/** A hashtag: `#` then anything up to a space or punctuation (letters of any script). */
const HASHTAG = String.raw`#([^\s#.,;:!?()\[\]{}"'<>/@&|*+=~]+)`;
/** `@user@server` (or `user@server`): a Mastodon account on another server. */
const REMOTE_ACCT = String.raw`^@?[^@\s]+@([^@\s]+)$`;
/** The host of the source's server URL, for accounts on that server. */
const URL_HOST = '^[a-zA-Z]+://([^/:]+).*$';
/** `@name.domain.tld`: a Bluesky handle; the domain after its first label. */
const HANDLE_DOMAIN = String.raw`^@?[^.\s]+\.(.+)$`;

/**
 * One row per mention heard in the period, as the conversation map needs it: source, week,
 * the author's keyed hash, the authors' community, hashtags, category, matched rules and the
 * areas its located point is in. The text and the author leave the database only as these
 * derived values; the handle itself never does. Folded near-duplicates are left out.
 */
export async function conversationMentions(database: Database, f: MentionFilter): Promise<ConversationMention[]> {
  const where: SQL[] = [inPeriod(f, sql`m.received_at`), sql`m.folded_into_id is null`, mentionScope(f)];
  const rows = await insightRows<{
    source_id: number;
    kind: MentionSourceKind;
    name: string;
    week: string;
    author_hash: string | null;
    community: string | null;
    hashtags: string[] | string | null;
    category: string | null;
    rule_ids: number[] | string | null;
    areas: string[] | string | null;
  }>(
    database,
    sql`
    select m.source_id, s.kind, s.name,
           to_char(date_trunc('week', m.received_at at time zone 'UTC'), 'YYYY-MM-DD') as week,
           m.author_hash,
           case
             when s.kind = 'mastodon' and m.author is not null then
               lower(coalesce(substring(m.author from ${REMOTE_ACCT}), substring(s.config->>'instanceUrl' from ${URL_HOST})))
             when s.kind = 'bluesky' and m.author is not null then lower(substring(m.author from ${HANDLE_DOMAIN}))
           end as community,
           case when s.kind in ('mastodon', 'bluesky', 'feed')
             then array(select distinct lower(x[1]) from regexp_matches(m.text, ${HASHTAG}, 'g') as x order by 1)
             else array[]::text[] end as hashtags,
           c.code as category,
           m.matched_rule_ids as rule_ids,
           case when m.geom is null then array[]::text[]
             else array(select a.code from areas a where ST_Covers(a.geom, m.geom) order by a.code) end as areas
    from mentions m
      join listening_sources s on s.id = m.source_id
      left join reports r on r.id = m.report_id
      left join categories c on c.id = coalesce(r.category_id, m.suggested_category_id)
    where ${sql.join(where, sql` and `)}
    order by m.received_at, m.id`,
  );
  return rows.map((r) => ({
    sourceId: Number(r.source_id),
    sourceKind: r.kind,
    sourceName: r.name,
    week: r.week,
    authorHash: r.author_hash,
    community: r.community || null,
    hashtags: textArray(r.hashtags),
    category: r.category,
    ruleIds: textArray(r.rule_ids).map(Number),
    areas: textArray(r.areas),
  }));
}

/** Arrays come back parsed from both drivers; a literal `{a,b}` is read too, to be safe. */
function textArray(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String);
  if (typeof v === 'string' && v.startsWith('{'))
    return v
      .slice(1, -1)
      .split(',')
      .filter(Boolean)
      .map((s) => s.replace(/^"|"$/g, ''));
  return [];
}

export interface ConversationArea {
  code: string;
  name: string;
  kind: string;
  /** Simplified outline for the map, GeoJSON in WGS84. */
  geometry: { type: string; coordinates: unknown };
}

/** Every area with a simplified outline (about 10 m), for the conversation map's area layer. */
export async function conversationAreas(database: Database): Promise<ConversationArea[]> {
  const rows = await database.rows<{ code: string; name: string; kind: string; geometry: ConversationArea['geometry'] | string }>(
    sql`select code, name, kind, ST_AsGeoJSON(ST_SimplifyPreserveTopology(geom, 0.0001), 5)::json as geometry from areas order by code`,
  );
  return rows.map((r) => ({ ...r, geometry: typeof r.geometry === 'string' ? JSON.parse(r.geometry) : r.geometry }));
}

/** Keyword rule names by id (staff see which rule a conversation matched). */
export async function keywordRuleNames(database: Database): Promise<Map<number, string>> {
  const rows = await database.rows<{ id: number; name: string }>(sql`select id, name from keyword_rules`);
  return new Map(rows.map((r) => [Number(r.id), r.name]));
}
