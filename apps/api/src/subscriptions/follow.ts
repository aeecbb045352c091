import { createHash, randomBytes } from 'node:crypto';
import { DomainError, FOLLOW_CONFIRMATION_LIMIT, limitWindow, mailboxKey, type SubscriptionInput } from '@groundswell/core';
import { confirmSubscription, requestSubscription, unsubscribe } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';
import { confirmationMail } from './messages.ts';
import { checkFollowedArea } from './check-followed-area.ts';

const sha256 = (t: string) => createHash('sha256').update(t).digest('hex');
const token = () => randomBytes(24).toString('base64url');

/**
 * Starts following a report, a named area or a drawn area: nothing is sent but the
 * confirmation email until its link is opened (double opt-in). Someone else's address can
 * be typed in, so confirmations are limited per recipient, whoever asks: one pending per
 * target, and `FOLLOW_CONFIRMATION_LIMIT.perRecipient` a day per mailbox. The answer is the
 * same whether a mail was sent or not, so it tells nothing about the address.
 */
export async function follow(deps: AppDeps, input: SubscriptionInput): Promise<{ status: 'pending' }> {
  const { database, clock, jobs, config } = deps;
  if (input.geometry) await checkFollowedArea(deps, input.geometry);
  const now = clock.now();
  const confirmToken = token();
  const target = input.report ? { report: input.report } : input.area ? { area: input.area } : { geometry: input.geometry! };
  const limit = {
    mailboxHash: sha256(`mailbox:${mailboxKey(input.email)}`),
    windowStart: limitWindow(now, FOLLOW_CONFIRMATION_LIMIT.windowSeconds).start,
    max: FOLLOW_CONFIRMATION_LIMIT.perRecipient,
    pendingSince: new Date(now.getTime() - FOLLOW_CONFIRMATION_LIMIT.resendAfterSeconds * 1000),
  };
  const request = await requestSubscription(database, { email: input.email, locale: input.locale, target, confirmTokenHash: sha256(confirmToken), unsubscribeToken: token(), at: now }, limit);
  if (request.outcome === 'not_found') throw new DomainError('not_found', input.report ? `There is no public report ${input.report}` : `There is no area "${input.area}"`);
  if (request.outcome === 'send') {
    const link = `${config.publicUrl}/api/subscriptions/confirm?token=${confirmToken}`;
    await jobs.sendMail(confirmationMail(input.email, input.locale, request.targetName, link));
  }
  return { status: 'pending' };
}

/** The link in the confirmation email; only its hash was stored. */
export async function confirmFollow(deps: AppDeps, confirmToken: string): Promise<void> {
  if (!(await confirmSubscription(deps.database, sha256(confirmToken), deps.clock.now()))) throw new DomainError('not_found', 'This confirmation link is not valid any more');
}

/** One-click unsubscribe (RFC 8058) and the page's button. */
export async function stopFollowing(deps: AppDeps, unsubscribeToken: string): Promise<void> {
  if (!(await unsubscribe(deps.database, unsubscribeToken, deps.clock.now()))) throw new DomainError('not_found', 'This link is not valid');
}
