/**
 * How long the bookkeeping rows live: counters, slowdowns, reset links, sessions and replay
 * keys are kept exactly as long as a rule can still read them, then pruned by the hourly
 * housekeeping job. Reports, timelines and the audit log are not bookkeeping and stay.
 */
import { SIGN_IN_THROTTLE } from './sign-in.ts';

const DAY_MS = 86_400_000;

export const RETENTION_DAYS = {
  /** The longest rate-limit window is a day (supports, confirmation mail); one more for clocks. */
  rateLimits: 2,
  /** An account's slowdown is forgotten after a quiet hour; a day is ample. */
  signInSlowdowns: 1,
  /** Expired or used reset links, kept a week for the audit trail's sake. */
  passwordResets: 7,
  /** Addresses an account signed in from count as its own for this long. */
  knownAddresses: SIGN_IN_THROTTLE.knownAddressDays,
  /** A phone's outbox may retry a report for days; a replay after a month is a new report. */
  idempotencyKeys: 30,
} as const;

export type Prunable = keyof typeof RETENTION_DAYS;

/** For each kind of row, the moment before which it may go. */
export function pruneBefore(now: Date): Record<Prunable, Date> {
  const entries = Object.entries(RETENTION_DAYS).map(([kind, days]) => [kind, new Date(now.getTime() - days * DAY_MS)]);
  return Object.fromEntries(entries) as Record<Prunable, Date>;
}
