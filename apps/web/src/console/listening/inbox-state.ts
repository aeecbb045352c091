/**
 * The inbox's pure parts: filters in the address (`#/staff/listening?state=new&source=2&sel=14`),
 * the words for a guess's confidence, and what the assisted-report form starts with when a
 * mention becomes a report.
 */
import { MAX_DESCRIPTION, MENTION_STATES, type Channel, type MentionSourceKind } from '@groundswell/core/rules';
import type { AssistedInitial } from '../assisted-state.ts';
import { LISTENING_HREF } from '../route.ts';
import type { Mention } from './types.ts';

export const INBOX_FILTERS = ['source', 'rule', 'area', 'state'] as const;
export type InboxFilter = (typeof INBOX_FILTERS)[number];

/** The list's query: only the filters the API knows, with valid values; newest first is the API's order. */
export function mentionQuery(params: URLSearchParams, limit: number): URLSearchParams {
  const q = new URLSearchParams();
  for (const key of ['source', 'rule', 'area'] as const) {
    const v = params.get(key);
    if (v && /^[1-9]\d*$/.test(v)) q.set(key, v);
  }
  const state = params.get('state');
  if (state && (MENTION_STATES as readonly string[]).includes(state)) q.set('state', state);
  q.set('limit', String(limit));
  return q;
}

export function inboxHref(params: URLSearchParams): string {
  const q = params.toString();
  return q ? `${LISTENING_HREF}?${q}` : LISTENING_HREF;
}

/** At or above this the guess is "likely", below it "possible": the officer confirms on the map either way. */
export const LIKELY_CONFIDENCE = 0.7;
export const confidenceWord = (confidence: number): 'likely' | 'possible' => (confidence >= LIKELY_CONFIDENCE ? 'likely' : 'possible');

/** The report's first-contact channel for a mention's source. */
export function channelFor(kind: MentionSourceKind): Channel {
  if (kind === 'email') return 'email';
  if (kind === 'sms') return 'sms';
  return 'social_media';
}

/**
 * The assisted form's starting values from a mention: its category guess, its best place as a
 * point, its words, its channel and its link (or the source's name where it has none).
 */
export function prefillFrom(mention: Mention, categoryCodes: readonly string[]): AssistedInitial {
  const category = mention.suggestedCategory && categoryCodes.includes(mention.suggestedCategory) ? mention.suggestedCategory : '';
  return {
    channel: channelFor(mention.source.kind),
    source: mention.url ?? mention.source.name,
    category,
    geometry: mention.location ? { type: 'Point', coordinates: [mention.location.lon, mention.location.lat] } : undefined,
    description: mention.text.slice(0, MAX_DESCRIPTION),
  };
}
