import { sql } from 'drizzle-orm';
import { COMMUNITY_SOURCE_KINDS, HASHTAG_SOURCE_KINDS, type ConversationCounts, type ConversationPlaceKind, type ConversationTargetKind, type MentionSourceKind } from '@groundswell/core';
import { inList } from '../sql-kit.ts';
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
 * The conversation map's counts for a period: each place (source, community, hashtag) with
 * its mentions, distinct authors by keyed hash and kinds of source; each target (category,
 * rule, area); each place and target; each place and week. Counted in one statement, so only
 * counts leave the database: never a handle, a text or a point. Folded near-duplicates are
 * left out; core decides what may be shown (conversationMap).
 */
export async function conversationCounts(database: Database, f: MentionFilter): Promise<ConversationCounts> {
  const rows = await insightRows<{ part: string; a: string | null; b: string | null; c: string | null; n: number; authors: number | null }>(
    database,
    sql`
    with m as (
      select m.id, m.source_id, s.kind, s.name, m.author_hash,
             to_char(date_trunc('week', m.received_at at time zone 'UTC'), 'YYYY-MM-DD') as week,
             case
               when s.kind = 'mastodon' and m.author is not null then
                 lower(coalesce(substring(m.author from ${REMOTE_ACCT}), substring(s.config->>'instanceUrl' from ${URL_HOST})))
               when s.kind = 'bluesky' and m.author is not null then lower(substring(m.author from ${HANDLE_DOMAIN}))
             end as community,
             case when ${inList(sql`s.kind`, HASHTAG_SOURCE_KINDS)} and strpos(m.text, '#') > 0
               then array(select distinct lower(x[1]) from regexp_matches(m.text, ${HASHTAG}, 'g') as x)
               else array[]::text[] end as hashtags,
             coalesce(c.code, 'none') as category,
             m.matched_rule_ids as rule_ids,
             case when m.geom is null then array['none']
               else coalesce((select array_agg(a.code) from areas a where ST_Covers(a.geom, m.geom)), array['none']) end as areas
      from mentions m
        join listening_sources s on s.id = m.source_id
        left join reports r on r.id = m.report_id
        left join categories c on c.id = coalesce(r.category_id, m.suggested_category_id)
      where ${inPeriod(f, sql`m.received_at`)} and m.folded_into_id is null and ${mentionScope(f)}
    ),
    -- Distinct authors are counted by grouping (hashed) rather than count(distinct), which sorts.
    p as (
      select id, 'source:' || source_id as place, 'source' as pkind, name, kind, author_hash, week from m
      union all
      select id, 'community:' || kind || ':' || community, 'community', community, kind, author_hash, week from m
        where community is not null and community <> '' and ${inList(sql`kind`, COMMUNITY_SOURCE_KINDS)}
      union all
      select id, 'hashtag:' || tag, 'hashtag', '#' || tag, kind, author_hash, week from m cross join lateral unnest(hashtags) as tag
    ),
    t as (
      select id, 'category' as tkind, category as code from m
      union all select id, 'rule', r::text from m cross join lateral unnest(rule_ids) as r
      union all select id, 'area', a from m cross join lateral unnest(areas) as a
    )
    select 'total' as part, null as a, null as b, null as c, count(*)::int as n, null::int as authors from m
    union all
    select 'place', pc.place, pc.pkind, pc.name, pc.n, coalesce(pa.n, 0)::int
    from (select place, pkind, min(name) as name, count(*)::int as n from p group by place, pkind) pc
      left join (select place, count(*)::int as n from (select place, author_hash from p where author_hash is not null group by place, author_hash) d group by place) pa
        on pa.place = pc.place
    union all
    select 'kind', place, kind, null, count(*)::int, null from p group by place, kind
    union all
    select 'target', tkind, code, null, count(*)::int, null from t group by tkind, code
    union all
    select 'link', place, tkind || ':' || code, null, n, null
    from (select p.place, t.tkind, t.code, count(*)::int as n from p join t on t.id = p.id group by p.place, t.tkind, t.code) l
    union all
    select 'week', place, week, null, count(*)::int, null from p group by place, week`,
  );
  const out: ConversationCounts = { total: 0, places: [], targets: [], links: [], weeks: [] };
  const places = new Map<string, ConversationCounts['places'][number]>();
  const kinds: Array<{ place: string; sourceKind: MentionSourceKind; mentions: number }> = [];
  for (const r of rows) {
    const n = Number(r.n);
    if (r.part === 'total') out.total = n;
    else if (r.part === 'place') places.set(r.a!, { id: r.a!, kind: r.b as ConversationPlaceKind, name: r.c ?? '', mentions: n, authors: Number(r.authors ?? 0), kinds: [] });
    else if (r.part === 'kind') kinds.push({ place: r.a!, sourceKind: r.b as MentionSourceKind, mentions: n });
    else if (r.part === 'target') out.targets.push({ kind: r.a as ConversationTargetKind, code: r.b!, mentions: n });
    else if (r.part === 'link') out.links.push({ place: r.a!, target: r.b!, mentions: n });
    else if (r.part === 'week') out.weeks.push({ place: r.a!, week: r.b!, mentions: n });
  }
  for (const k of kinds) places.get(k.place)?.kinds.push({ sourceKind: k.sourceKind, mentions: k.mentions });
  out.places = [...places.values()];
  return out;
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
