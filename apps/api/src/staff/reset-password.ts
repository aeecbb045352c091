import { DomainError, PASSWORD_RESET, throttleWindow } from '@groundswell/core';
import { findOpenPasswordReset, findStaffById, hitRateLimit, recordAudit, resetPasswordWithLink } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';
import { hashPassword } from './passwords.ts';
import { openSession, type SignedIn, type SignInInput } from './sign-in.ts';
import { hashToken } from './tokens.ts';
import { checkSecondFactor } from './security/check-second-factor.ts';

const spent = () =>
  new DomainError('validation_failed', 'This reset link has expired or has already been used. Please ask for a new one.', [{ field: 'body.token', message: 'Expired or already used' }]);

/**
 * The emailed link: a new password, once. Every session of the account ends, and the
 * person holding the link is signed in (the link proved who they are, even while strangers
 * are slowing the account's sign-ins down).
 */
export async function resetPassword(deps: AppDeps, input: { token: string; password: string } & Pick<SignInInput, 'code' | 'address' | 'previousToken' | 'userAgent'>): Promise<SignedIn> {
  const { database, clock } = deps;
  const now = clock.now();
  const { start, retryMinutes } = throttleWindow(now, PASSWORD_RESET.windowMinutes);
  // Each try costs a password hash: an address may not make the server hash all day.
  if ((await hitRateLimit(database, `password-reset-use:address:${input.address}`, start)) > PASSWORD_RESET.resetsPerAddress) {
    throw new DomainError('rate_limited', `Too many tries. Please wait ${retryMinutes} minutes and try again.`, [], { retryAfterSeconds: retryMinutes * 60 });
  }
  const tokenHash = hashToken(input.token);
  const open = await findOpenPasswordReset(database, tokenHash, now);
  if (!open) throw spent();
  // The link proves the mailbox; an account with a second factor proves the phone too, before the link is spent.
  const owner = await findStaffById(database, open.staffId);
  if (owner) await checkSecondFactor(deps, owner, input.code);
  const done = await resetPasswordWithLink(database, tokenHash, await hashPassword(input.password), now);
  if (!done) throw spent();
  await recordAudit(database, { staffId: done.staffId, action: 'password_reset', targetType: 'staff', targetId: done.staffId, payload: { sessionsEnded: done.sessionsEnded }, at: now });
  const staff = await findStaffById(database, done.staffId);
  if (!staff) throw spent();
  return openSession(deps, staff, input, 'login_after_password_reset');
}
