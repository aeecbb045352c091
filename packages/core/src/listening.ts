/**
 * The listening inbox's shared vocabulary: where mentions come from, the states an officer
 * moves them through, and the shapes the pure rules (keywords, geoparsing, reply drafts)
 * and the connectors exchange. No I/O here.
 */

/** One connector per kind; X and Facebook have a place in the list when a council pays for them. */
export const MENTION_SOURCE_KINDS = ['feed', 'email', 'sms', 'mastodon', 'bluesky'] as const;
export type MentionSourceKind = (typeof MENTION_SOURCE_KINDS)[number];

export const MENTION_STATES = ['new', 'converted', 'attached', 'answered', 'dismissed'] as const;
export type MentionState = (typeof MENTION_STATES)[number];

export const LISTENING_LANGUAGES = ['en', 'pl'] as const;
export type ListeningLanguage = (typeof LISTENING_LANGUAGES)[number];

/** A council's keyword rule: any keyword matches, unless an exclusion does. */
export interface KeywordRule {
  id: number;
  name: string;
  language: ListeningLanguage;
  keywords: string[];
  exclusions: string[];
  /** The category a match suggests, when the rule is about one. */
  categoryId: number | null;
}

export const GAZETTEER_KINDS = ['area', 'place', 'street', 'asset', 'postcode'] as const;
export type GazetteerKind = (typeof GAZETTEER_KINDS)[number];

/** One name the geoparser can find in a text, with where it is. */
export interface GazetteerEntry {
  name: string;
  kind: GazetteerKind;
  lon: number;
  lat: number;
  /** Street USRN, asset code, area id: what the officer sees beside the name. */
  ref?: string | null;
}

export const PLACE_GUESS_METHODS = ['exact', 'fuzzy', 'postcode', 'grid_reference', 'coordinates', 'map_link', 'junction'] as const;
export type PlaceGuessMethod = (typeof PLACE_GUESS_METHODS)[number];

/** Where a text seems to be about; the officer always confirms it on the map. */
export interface PlaceGuess {
  name: string;
  kind: GazetteerKind | 'coordinates';
  lon: number;
  lat: number;
  /** 0..1: how sure the geoparser is. */
  confidence: number;
  method: PlaceGuessMethod;
  /** The words of the text that matched. */
  matched: string;
  /** The matched entry's ref (asset code, area code, street USRN), when it has one. */
  ref?: string | null;
}

/** Platform limits on a reply's length, counted in graphemes. */
export const REPLY_LIMITS: Record<MentionSourceKind, number> = {
  feed: 4000,
  email: 20000,
  sms: 459,
  mastodon: 500,
  bluesky: 300,
};

/** The longest a failing source waits between polls. */
export const LISTENING_MAX_BACKOFF_SECONDS = 6 * 3600;

/**
 * When a source is polled next: on its interval while it works; after failures in a row,
 * doubling from the interval up to six hours, so a site that is down is not hammered.
 */
export function listeningNextPollSeconds(pollSeconds: number, failuresInARow: number): number {
  if (failuresInARow <= 0) return pollSeconds;
  return Math.min(pollSeconds * 2 ** Math.min(failuresInARow, 16), LISTENING_MAX_BACKOFF_SECONDS);
}
