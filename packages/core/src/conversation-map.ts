/**
 * The conversation map (issue 13): where the conversations about the area happen (each
 * listening source, and within social sources each community and hashtag), what they are
 * about (category, keyword rule) and where (area), by volume and week. The map one council
 * drew by hand, worked out from the mentions heard. Pure rules; packages/db reads the rows.
 *
 * Privacy: nothing here names a person. Authors arrive only as keyed hashes and are only
 * counted; a community (the Mastodon server or Bluesky handle domain of the authors) or a
 * hashtag is shown only when at least CONVERSATION_MIN_AUTHORS distinct authors used it, so
 * a one-person server or a personal hashtag never appears. Areas are counted, never points.
 */
import type { MentionSourceKind } from './listening.ts';

/** A community or hashtag is shown only when this many distinct authors (by hash) are behind it. */
export const CONVERSATION_MIN_AUTHORS = 5;

/** Social sources have communities (the authors' server or handle domain). */
export const COMMUNITY_SOURCE_KINDS: readonly MentionSourceKind[] = ['mastodon', 'bluesky'];
/** Public posts can carry hashtags; private channels (mail, texts) are never read for them. */
export const HASHTAG_SOURCE_KINDS: readonly MentionSourceKind[] = ['mastodon', 'bluesky', 'feed'];

/** One mention as the map needs it: no text, no author, no point. */
export interface ConversationMention {
  sourceId: number;
  sourceKind: MentionSourceKind;
  sourceName: string;
  /** Monday (UTC) of the week it was received, `YYYY-MM-DD`. */
  week: string;
  /** The keyed hash of the author, or null when the platform gave none. */
  authorHash: string | null;
  /** The authors' server (Mastodon) or handle domain (Bluesky); null elsewhere. */
  community: string | null;
  /** Lower-cased hashtags without `#`. */
  hashtags: string[];
  /** The category of its report, else the category guessed for it. */
  category: string | null;
  ruleIds: number[];
  /** Codes of the areas its located point is in (none when it was not located). */
  areas: string[];
}

export type ConversationPlaceKind = 'source' | 'community' | 'hashtag';
export type ConversationTargetKind = 'category' | 'rule' | 'area';

export interface ConversationPlace {
  /** `source:<id>`, `community:<kind>:<domain>` or `hashtag:<tag>`. */
  id: string;
  kind: ConversationPlaceKind;
  /** The kind of source it is heard on; a hashtag heard on several kinds gives the busiest. */
  sourceKind: MentionSourceKind;
  /** The source's name as on "How we listen", the domain, or `#tag`. */
  name: string;
  mentions: number;
}

export interface ConversationTarget {
  /** `category:<code>`, `rule:<id>`, `area:<code>`; `category:none` and `area:none` for the rest. */
  id: string;
  kind: ConversationTargetKind;
  /** Category or area code, rule id; `none` for mentions without one. */
  code: string;
  /** The area's or rule's name (categories are named by the page from their code). */
  name: string | null;
  mentions: number;
}

export interface ConversationLink {
  place: string;
  target: string;
  mentions: number;
}

export interface ConversationWeek {
  place: string;
  week: string;
  mentions: number;
}

export interface ConversationMap {
  minAuthors: number;
  /** Mentions in the period (folded near-duplicates not counted again). */
  total: number;
  places: ConversationPlace[];
  targets: ConversationTarget[];
  links: ConversationLink[];
  /** Every week of the period (Mondays) for every place, zeros included, so trends draw as lines. */
  weeks: ConversationWeek[];
  /** Communities and hashtags left out because fewer than `minAuthors` people used them, and how many mentions they held. */
  withheld: { places: number; mentions: number };
}

export interface ConversationOptions {
  /** Mondays of every week of the period, in order. */
  weeks: string[];
  /** Keyword rules are the council's working names: staff only. */
  includeRules: boolean;
  minAuthors?: number;
  /** Names of areas and rules by code. */
  nameOf?: (kind: ConversationTargetKind, code: string) => string | null;
}

function bump<K>(m: Map<K, number>, k: K, by = 1) {
  m.set(k, (m.get(k) ?? 0) + by);
}

/** Mondays (UTC) of every ISO week that touches the period `from`..`to` (YYYY-MM-DD). */
export function weeksOf(from: string, to: string): string[] {
  const day = 86_400_000;
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  if (Number.isNaN(start) || Number.isNaN(end) || end < start) return [];
  const first = start - ((new Date(start).getUTCDay() + 6) % 7) * day;
  const out: string[] = [];
  for (let t = first; t <= end; t += 7 * day) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/**
 * Aggregates mentions into the conversation map. A mention counts once for its source, once
 * for its community and once for each of its hashtags (so places of different kinds overlap
 * and do not add up), and links each place it counts for to its category, its keyword rules
 * (staff) and each area it is in.
 */
export function conversationMap(rows: ConversationMention[], o: ConversationOptions): ConversationMap {
  const k = o.minAuthors ?? CONVERSATION_MIN_AUTHORS;
  interface Acc {
    place: ConversationPlace;
    authors: Set<string>;
    kinds: Map<MentionSourceKind, number>;
    links: Map<string, number>;
    weeks: Map<string, number>;
  }
  const acc = new Map<string, Acc>();
  const targets = new Map<string, ConversationTarget>();
  const target = (kind: ConversationTargetKind, code: string) => {
    const id = `${kind}:${code}`;
    const t = targets.get(id) ?? { id, kind, code, name: code === 'none' ? null : (o.nameOf?.(kind, code) ?? null), mentions: 0 };
    targets.set(id, t);
    return t;
  };
  for (const r of rows) {
    const ts = [
      target('category', r.category ?? 'none'),
      ...(o.includeRules ? r.ruleIds.map((id) => target('rule', String(id))) : []),
      ...(r.areas.length ? r.areas : ['none']).map((a) => target('area', a)),
    ];
    for (const t of ts) t.mentions++;
    const placesOf: Array<[string, ConversationPlaceKind, string]> = [[`source:${r.sourceId}`, 'source', r.sourceName]];
    if (r.community && COMMUNITY_SOURCE_KINDS.includes(r.sourceKind)) placesOf.push([`community:${r.sourceKind}:${r.community}`, 'community', r.community]);
    if (HASHTAG_SOURCE_KINDS.includes(r.sourceKind)) for (const tag of new Set(r.hashtags)) placesOf.push([`hashtag:${tag}`, 'hashtag', `#${tag}`]);
    for (const [id, kind, name] of placesOf) {
      const a = acc.get(id) ?? { place: { id, kind, sourceKind: r.sourceKind, name, mentions: 0 }, authors: new Set(), kinds: new Map(), links: new Map(), weeks: new Map() };
      acc.set(id, a);
      a.place.mentions++;
      if (r.authorHash) a.authors.add(r.authorHash);
      bump(a.kinds, r.sourceKind);
      bump(a.weeks, r.week);
      for (const t of ts) bump(a.links, t.id);
    }
  }
  const shown: Acc[] = [];
  const withheld = { places: 0, mentions: 0 };
  for (const a of acc.values()) {
    // Sources are the council's own configuration (public on "How we listen"); the rest needs k people.
    if (a.place.kind !== 'source' && a.authors.size < k) {
      withheld.places++;
      withheld.mentions += a.place.mentions;
      continue;
    }
    a.place.sourceKind = [...a.kinds.entries()].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))[0]![0];
    shown.push(a);
  }
  const order: Record<ConversationPlaceKind, number> = { source: 0, community: 1, hashtag: 2 };
  shown.sort((a, b) => order[a.place.kind] - order[b.place.kind] || b.place.mentions - a.place.mentions || a.place.id.localeCompare(b.place.id));
  const targetOrder: Record<ConversationTargetKind, number> = { category: 0, rule: 1, area: 2 };
  return {
    minAuthors: k,
    total: rows.length,
    places: shown.map((a) => a.place),
    targets: [...targets.values()].sort(
      (a, b) => targetOrder[a.kind] - targetOrder[b.kind] || Number(a.code === 'none') - Number(b.code === 'none') || b.mentions - a.mentions || a.code.localeCompare(b.code),
    ),
    links: shown.flatMap((a) => [...a.links.entries()].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0])).map(([t, n]) => ({ place: a.place.id, target: t, mentions: n }))),
    weeks: shown.flatMap((a) => o.weeks.map((w) => ({ place: a.place.id, week: w, mentions: a.weeks.get(w) ?? 0 }))),
    withheld,
  };
}
