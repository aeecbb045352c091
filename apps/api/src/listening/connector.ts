import type { ListeningLanguage, MentionSourceKind } from '@groundswell/core';

/**
 * One listening source behind one interface. A connector reads (polls, or is pushed to by a
 * webhook route) and answers on its own platform; everything after it (keyword gate,
 * geoparsing, folding, storage, the inbox) is the same for every source.
 */

/** A photo that came with a mention (an email attachment, an MMS); EXIF is stripped on storing. */
export interface IncomingPhoto {
  filename: string;
  contentType: string;
  data: Uint8Array;
}

/** What a connector hands on: one message as the platform shows it. */
export interface IncomingMention {
  /** Unique within the source (a status id, a post URI, a Message-ID, a feed item guid). */
  externalId: string;
  /** Link to the original, when the platform has one. */
  url: string | null;
  /** The author as the platform shows them (a handle, a display name, an address or number). */
  author: string | null;
  text: string;
  /** When the platform says which language; otherwise the pipeline guesses. */
  language?: ListeningLanguage | null;
  postedAt: Date;
  /** Sent to the council (its mailbox, number or account), not just said in public. */
  addressedToCouncil: boolean;
  /** What a reply needs to thread on the platform (Message-ID and References, status id, post uri+cid, phone number). */
  replyRef: Record<string, string>;
  /** Coordinates the platform gave (a geotag, photo GPS read before stripping). */
  coordinates?: { lon: number; lat: number } | null;
  photos?: IncomingPhoto[];
  /** The platform says the original was deleted: forget our copy. */
  deleted?: boolean;
}

/** What a connector may keep between polls (a cursor, ETag, last UID), stored per source. */
export type ConnectorState = Record<string, string | number | null>;

export interface PollResult {
  mentions: IncomingMention[];
  state: ConnectorState;
}

export interface SentReply {
  externalId: string;
  url: string | null;
}

export interface Connector {
  kind: MentionSourceKind;
  /** Read what is new since `state`. Push-only sources (SMS webhooks) have no poll. */
  poll?(state: ConnectorState, signal: AbortSignal): Promise<PollResult>;
  /** Answer on the platform, threaded under the mention; absent where the platform has no reply channel (feeds). */
  reply?(replyRef: Record<string, string>, text: string): Promise<SentReply>;
  close?(): Promise<void>;
}
