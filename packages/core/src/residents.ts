/**
 * "My reports on any device": a resident proves an email address by a link sent to it, and
 * sees, stops or erases what was made with it. Pure rules; the API counts, hashes and stores.
 */
import { mailboxKey } from './limits.ts';

export const RESIDENT_LINK = {
  /** A sign-in link is opened from the inbox at once, or asked for again. */
  validMinutes: 30,
  windowMinutes: 60,
  /** Link requests per window from one network address (someone trying many inboxes). */
  perAddress: 5,
  /** Link emails per window to one mailbox (someone filling one inbox); more are dropped silently. */
  perRecipient: 3,
} as const;

/** How long a resident stays signed in on a device after opening a link. */
export const RESIDENT_SESSION_DAYS = 30;

/** The name of the resident's cookie: its own, so it never stands for a staff session. */
export const RESIDENT_COOKIE = 'gs_resident';

/**
 * The address as residents' data is matched on: trimmed and lower-cased, so `Ann@Example.org `
 * on a report and `ann@example.org` at sign-in are the same person.
 */
export function residentEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * The rate-limit buckets of a link request, before hashing (the API stores only a hash of
 * each). The recipient is counted by mailbox, so `+tags` do not buy more emails.
 */
export function residentLinkBuckets(email: string, address: string): { address: string; recipient: string } {
  return { address: `me-link:address:${address}`, recipient: `me-link:recipient:${mailboxKey(email)}` };
}

/** When a link made at `now` stops working. */
export function residentLinkExpiry(now: Date): Date {
  return new Date(now.getTime() + RESIDENT_LINK.validMinutes * 60_000);
}

/** When a session opened at `now` ends. */
export function residentSessionExpiry(now: Date): Date {
  return new Date(now.getTime() + RESIDENT_SESSION_DAYS * 86_400_000);
}
