import { DomainError, residentSessionExpiry, say } from '@groundswell/core';
import { createResidentSession, spendResidentLink } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';
import { hashToken, newToken } from '../staff/tokens.ts';

/**
 * The emailed link, opened: the page it leads to posts its token (a mail scanner's GET
 * spends nothing). The link is spent and a session for its address begins; only hashes of
 * both are stored.
 */
export async function openResidentSession(deps: AppDeps, linkToken: string): Promise<{ token: string; email: string }> {
  const { database, clock } = deps;
  const now = clock.now();
  const email = await spendResidentLink(database, hashToken(linkToken), now);
  if (!email) {
    throw new DomainError('validation_failed', say('me_link_spent'), [{ field: 'body.token', message: say('me_link_spent_field') }]);
  }
  const token = newToken();
  await createResidentSession(database, { idHash: hashToken(token), email, at: now, expiresAt: residentSessionExpiry(now) });
  return { token, email };
}
