/**
 * Evidence of channel shift (issue 13, "Evidence instead of a feeling"): how the council
 * answers what it hears, and how often people chase a report. Types and pure rules only;
 * packages/db computes the figures, docs/insight.md states the rules in words.
 *
 * Listening figures never go finer than source kind and month, and carry no text, author
 * or person: they are public as they are.
 */
import type { MentionSourceKind } from './listening.ts';

/** Mentions heard from one kind of source in one month (received, UTC). */
export interface ListeningResponsivenessRow {
  sourceKind: MentionSourceKind | 'all';
  /** `YYYY-MM`; `all` for the whole period. */
  month: string;
  /** Mentions received, not counting ones folded into an earlier near-identical mention. */
  received: number;
  /** Made into a report or attached to one. */
  convertedOrAttached: number;
  shareConvertedOrAttached: number | null;
  /** At least one reply sent on the mention's platform. */
  answered: number;
  shareAnswered: number | null;
  /** Median hours from received to the first reply sent, over answered mentions. */
  medianHoursToFirstReply: number | null;
}

/** Reports received in one month, of one category and first-contact channel, and how many were chased. */
export interface ChaserRow {
  month: string;
  category: string;
  channel: string;
  reports: number;
  /** Reports with at least one later contact about them (a logged contact or an attached mention). */
  chased: number;
  /** All later contacts together. */
  chasers: number;
  shareChased: number | null;
  chasersPerReport: number | null;
}

/** A share to four decimals (0 to 1), or null when nothing is counted. */
export function insightShare(part: number, whole: number): number | null {
  return whole ? Math.round((part / whole) * 10_000) / 10_000 : null;
}

/** Hours to two decimals, stable across engines. */
export function roundHours(hours: number | null | undefined): number | null {
  return hours === null || hours === undefined || Number.isNaN(hours) ? null : Math.round(hours * 100) / 100;
}
