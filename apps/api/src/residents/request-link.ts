import { createHash } from 'node:crypto';
import { DomainError, RESIDENT_LINK, residentEmail, residentLinkBuckets, residentLinkExpiry, say, throttleWindow, type Locale } from '@groundswell/core';
import { createResidentLink, hitRateLimit, residentHasData } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';
import { hashToken, newToken } from '../staff/tokens.ts';
import { residentLinkMail } from './link-mail.ts';

/** Rate-limit buckets hold a hash: an address or a mailbox never sits in `rate_limits`. */
const bucket = (name: string) => createHash('sha256').update(name).digest('hex');

/**
 * "See your reports from any device": emails a single-use sign-in link when something was
 * made with the address (a report or a follow). The answer is the same either way, so
 * nobody learns whose address was used; asking is limited per network address (refused)
 * and per mailbox (beyond it nothing more is sent).
 */
export async function requestResidentLink(deps: AppDeps, input: { email: string; address: string; locale: Locale }): Promise<void> {
  const { database, clock, config, jobs } = deps;
  const now = clock.now();
  const email = residentEmail(input.email);
  const { start, retryMinutes } = throttleWindow(now, RESIDENT_LINK.windowMinutes);
  const buckets = residentLinkBuckets(email, input.address);
  if ((await hitRateLimit(database, bucket(buckets.address), start)) > RESIDENT_LINK.perAddress) {
    throw new DomainError('rate_limited', say('me_too_many_links', { minutes: retryMinutes }), [], { retryAfterSeconds: retryMinutes * 60 });
  }
  if ((await hitRateLimit(database, bucket(buckets.recipient), start)) > RESIDENT_LINK.perRecipient) return;
  // An address nothing was made with gets no mail: strangers' inboxes are not ours to fill.
  if (!(await residentHasData(database, email))) return;
  const token = newToken();
  await createResidentLink(database, { tokenHash: hashToken(token), email, at: now, expiresAt: residentLinkExpiry(now) });
  const link = `${config.publicUrl}/#/me/sign-in?token=${token}`;
  await jobs.sendMail(residentLinkMail({ to: input.email.trim(), locale: input.locale, siteName: config.siteName, link, validMinutes: RESIDENT_LINK.validMinutes }));
}
