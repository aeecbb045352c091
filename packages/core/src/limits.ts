/**
 * Limits on what one outsider can make the platform do for them: inflate a report's support
 * count, or fill someone's inbox with confirmation emails. Counted in the database (the
 * `rate_limits` buckets, keyed by a hash, never the address itself), judged here.
 */

export const SUPPORT_LIMIT = {
  /**
   * Supports one network address may add to one report per window. Small, but more than one,
   * so a household (or a workplace) with several phones behind one address still counts.
   * Beyond it the answer is the same as "already supported": `added: false`, the count unchanged.
   */
  perAddressPerReport: 3,
  windowSeconds: 24 * 3600,
} as const;

export const FOLLOW_CONFIRMATION_LIMIT = {
  /** Confirmation emails one mailbox may be sent per window, whoever asks and from wherever. */
  perRecipient: 3,
  windowSeconds: 24 * 3600,
  /**
   * While a confirmation for the same mailbox and target is pending and younger than this,
   * a new request sends nothing; after it, a lost email may be sent again (within the limit).
   */
  resendAfterSeconds: 24 * 3600,
} as const;

/** Parallel sends of the mail worker: enough to keep up, few enough not to flood the mail server. */
export const MAIL_SEND_CONCURRENCY = 4;

/** Mails the worker takes from the queue at once (sent MAIL_SEND_CONCURRENCY at a time): a few seconds of sending. */
export const MAIL_FETCH_BATCH = 32;

/** Exports streaming at once, across every API process (each holds a database connection). */
export const EXPORT_SLOTS = 4;

/**
 * The mailbox an address delivers to, for counting: lower case, without a `+tag`
 * (`Ann+1@Example.org` and `ann+2@example.org` fill the same inbox).
 */
export function mailboxKey(email: string): string {
  const e = email.trim().toLowerCase();
  const at = e.lastIndexOf('@');
  if (at < 0) return e;
  return `${e.slice(0, at).replace(/\+.*$/, '')}${e.slice(at)}`;
}

/** The fixed window `now` falls in, and whole seconds (at least one) until it ends. */
export function limitWindow(now: Date, windowSeconds: number): { start: Date; retryAfterSeconds: number } {
  const ms = windowSeconds * 1000;
  const start = Math.floor(now.getTime() / ms) * ms;
  return { start: new Date(start), retryAfterSeconds: Math.max(1, Math.ceil((start + ms - now.getTime()) / 1000)) };
}
