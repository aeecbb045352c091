import { DomainError, signInBuckets, signInThrottled, throttleWindow, type StaffActor } from '@groundswell/core';
import { findStaffById, hitRateLimit, recordAudit, replacePassword, unhitRateLimit } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';
import { checkPassword, hashPassword } from './passwords.ts';
import { tooManySignIns } from './sign-in.ts';

/**
 * The signed-in officer changes their password, proving the current one: guesses at it
 * count against the same (account, address) budget as sign-in, so a borrowed session
 * cannot try passwords all day. Every other session of the account ends.
 */
export async function changePassword(
  deps: AppDeps,
  actor: StaffActor,
  input: { currentPassword: string; newPassword: string; sessionHash: string; address: string },
): Promise<{ sessionsEnded: number }> {
  const { database, clock } = deps;
  const now = clock.now();
  const staff = await findStaffById(database, actor.id);
  if (!staff || staff.disabled) throw new DomainError('unauthorized', 'Please sign in as council staff');
  const { start, retryMinutes } = throttleWindow(now);
  const { pair } = signInBuckets(staff.email, input.address);
  if (signInThrottled({ byPair: await hitRateLimit(database, pair, start), byAddress: 0 })) throw tooManySignIns(retryMinutes * 60);
  if (!(await checkPassword(staff.passwordHash, input.currentPassword))) {
    throw new DomainError('validation_failed', 'That is not your current password', [{ field: 'body.currentPassword', message: 'Not your current password' }]);
  }
  await unhitRateLimit(database, pair, start);
  if (input.newPassword === input.currentPassword) {
    throw new DomainError('validation_failed', 'Choose a new password that differs from the current one', [{ field: 'body.newPassword', message: 'Same as the current password' }]);
  }
  const sessionsEnded = await replacePassword(database, staff.id, await hashPassword(input.newPassword), now, input.sessionHash);
  if (sessionsEnded === undefined) throw new DomainError('unauthorized', 'Please sign in as council staff');
  await recordAudit(database, { staffId: staff.id, action: 'password_changed', targetType: 'staff', targetId: staff.id, payload: { sessionsEnded }, at: now });
  return { sessionsEnded };
}
