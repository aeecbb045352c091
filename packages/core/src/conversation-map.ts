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

/**
 * What packages/db counts from the mentions of a period: each place with its mentions, its
 * distinct authors (by keyed hash) and the kinds of source it was heard on; each target; each
 * place and target; each place and week. Places and targets come as ids (`source:<id>`,
 * `community:<kind>:<domain>`, `hashtag:<tag>`; `category:<code>`, `rule:<id>`, `area:<code>`).
 */
export interface ConversationCounts {
  total: number;
  places: Array<{ id: string; kind: ConversationPlaceKind; name: string; mentions: number; authors: number; kinds: Array<{ sourceKind: MentionSourceKind; mentions: number }> }>;
  targets: Array<{ kind: ConversationTargetKind; code: string; mentions: number }>;
  links: ConversationLink[];
  weeks: ConversationWeek[];
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
 * The conversation map from the counts. A mention counts once for its source, once for its
 * community and once for each of its hashtags (so places of different kinds overlap and do
 * not add up). Sources are always shown (the council's own configuration, public on "How we
 * listen"); a community or hashtag only when at least `minAuthors` distinct authors are
 * behind it, and only from the kinds of source it may come from; the rest is counted in
 * `withheld`. Keyword rules only for staff. Every week of the period is given for every
 * place shown, zeros included.
 */
export function conversationMap(c: ConversationCounts, o: ConversationOptions): ConversationMap {
  const k = o.minAuthors ?? CONVERSATION_MIN_AUTHORS;
  const allowed: Record<ConversationPlaceKind, readonly MentionSourceKind[] | null> = { source: null, community: COMMUNITY_SOURCE_KINDS, hashtag: HASHTAG_SOURCE_KINDS };
  const withheld = { places: 0, mentions: 0 };
  const shown: ConversationPlace[] = [];
  for (const p of c.places) {
    const kinds = allowed[p.kind];
    // Defence in depth: the query never reads hashtags or communities from private channels.
    if (kinds && p.kinds.some((x) => !kinds.includes(x.sourceKind))) continue;
    if (p.kind !== 'source' && p.authors < k) {
      withheld.places++;
      withheld.mentions += p.mentions;
      continue;
    }
    const busiest = [...p.kinds].sort((x, y) => y.mentions - x.mentions || x.sourceKind.localeCompare(y.sourceKind))[0];
    if (!busiest) continue;
    shown.push({ id: p.id, kind: p.kind, sourceKind: busiest.sourceKind, name: p.name, mentions: p.mentions });
  }
  const order: Record<ConversationPlaceKind, number> = { source: 0, community: 1, hashtag: 2 };
  shown.sort((a, b) => order[a.kind] - order[b.kind] || b.mentions - a.mentions || a.id.localeCompare(b.id));
  const rank = new Map(shown.map((p, i) => [p.id, i]));
  const targetOrder: Record<ConversationTargetKind, number> = { category: 0, rule: 1, area: 2 };
  const targets: ConversationTarget[] = c.targets
    .filter((t) => o.includeRules || t.kind !== 'rule')
    .map((t) => ({ id: `${t.kind}:${t.code}`, kind: t.kind, code: t.code, name: t.code === 'none' ? null : (o.nameOf?.(t.kind, t.code) ?? null), mentions: t.mentions }))
    .sort((a, b) => targetOrder[a.kind] - targetOrder[b.kind] || Number(a.code === 'none') - Number(b.code === 'none') || b.mentions - a.mentions || a.code.localeCompare(b.code));
  const targetIds = new Set(targets.map((t) => t.id));
  const perWeek = new Map(c.weeks.map((w) => [`${w.place}|${w.week}`, w.mentions]));
  return {
    minAuthors: k,
    total: c.total,
    places: shown,
    targets,
    links: c.links.filter((l) => rank.has(l.place) && targetIds.has(l.target)).sort((a, b) => rank.get(a.place)! - rank.get(b.place)! || b.mentions - a.mentions || a.target.localeCompare(b.target)),
    weeks: shown.flatMap((p) => o.weeks.map((w) => ({ place: p.id, week: w, mentions: perWeek.get(`${p.id}|${w}`) ?? 0 }))),
    withheld,
  };
}
