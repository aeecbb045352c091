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
  /** A resident's emailed sign-in links, a day after they were used or ran out (they hold the address). */
  residentLinks: 1,
  /**
   * Updates taken from a hand-off target, remembered so none is applied twice: a poll of a
   * target's updates looks back at most 89 days, and a signed push is refused after five
   * minutes. A request's state read by id is asked again while its report is open, so those
   * keys stay as long as that (packages/db housekeeping.ts).
   */
  handoffUpdates: 90,
} as const;

export type Prunable = keyof typeof RETENTION_DAYS;

/** For each kind of row, the moment before which it may go. */
export function pruneBefore(now: Date): Record<Prunable, Date> {
  const entries = Object.entries(RETENTION_DAYS).map(([kind, days]) => [kind, new Date(now.getTime() - days * DAY_MS)]);
  return Object.fromEntries(entries) as Record<Prunable, Date>;
}

/**
 * Residents' personal data is kept only as long as it serves them (UK GDPR storage
 * limitation): contact details while their report is open and a while after it closed (they
 * may come back about it), a follow never confirmed a week, an ended follow a month (its
 * unsubscribe link keeps answering kindly until then). Reports themselves stay, anonymous.
 */
export const PERSONAL_DATA_RETENTION = {
  /** Default for CONTACT_RETENTION_MONTHS: months after a report closed that its reporter's contact details go. */
  contactMonths: 24,
  unconfirmedFollowDays: 7,
  endedFollowDays: 30,
  /** Default for LISTENING_RETENTION_DAYS: days an overheard mention that became no report is kept (issue 13). */
  unconvertedMentionDays: 30,
} as const;

export interface PersonalDataCutoffs {
  /** Contact details and follows of reports closed before this go. */
  closedReports: Date;
  /** Follows never confirmed, asked for before this. */
  unconfirmedFollows: Date;
  /** Follows ended (unsubscribed) before this. */
  endedFollows: Date;
}

/** The moments before which each kind of personal data goes; months are calendar months (UTC). */
export function personalDataCutoffs(now: Date, contactMonths: number = PERSONAL_DATA_RETENTION.contactMonths): PersonalDataCutoffs {
  const closedReports = new Date(now);
  closedReports.setUTCMonth(closedReports.getUTCMonth() - contactMonths);
  return {
    closedReports,
    unconfirmedFollows: new Date(now.getTime() - PERSONAL_DATA_RETENTION.unconfirmedFollowDays * DAY_MS),
    endedFollows: new Date(now.getTime() - PERSONAL_DATA_RETENTION.endedFollowDays * DAY_MS),
  };
}
