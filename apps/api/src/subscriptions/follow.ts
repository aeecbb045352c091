import { createHash, randomBytes } from 'node:crypto';
import { DomainError, type SubscriptionInput } from '@groundswell/core';
import { confirmSubscription, insertSubscription, unsubscribe } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';
import { confirmationMail } from './messages.ts';

const sha256 = (t: string) => createHash('sha256').update(t).digest('hex');
const token = () => randomBytes(24).toString('base64url');

/**
 * Starts following a report, a named area or a drawn area: nothing is sent but the
 * confirmation email until its link is opened (double opt-in).
 */
export async function follow(deps: AppDeps, input: SubscriptionInput): Promise<{ status: 'pending' }> {
  const { database, clock, jobs, config } = deps;
  const confirmToken = token();
  const target = input.report ? { report: input.report } : input.area ? { area: input.area } : { geometry: input.geometry! };
  const created = await insertSubscription(database, { email: input.email, locale: input.locale, target, confirmTokenHash: sha256(confirmToken), unsubscribeToken: token(), at: clock.now() });
  if (!created) throw new DomainError('not_found', input.report ? `There is no public report ${input.report}` : `There is no area "${input.area}"`);
  const link = `${config.publicUrl}/api/subscriptions/confirm?token=${confirmToken}`;
  await jobs.sendMail(confirmationMail(input.email, input.locale, created.targetName, link));
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
