import { DomainError, signInBuckets, signInThrottled, throttleWindow, type Role } from '@groundswell/core';
import { createSession, deleteSession, findStaffByEmail, hitRateLimit, peekRateLimit, recordAudit } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';
import { checkPassword } from './passwords.ts';
import { SESSION_HOURS, hashToken, newToken } from './tokens.ts';

export interface SignInInput {
  email: string;
  password: string;
  /** The client's address, for the per-address throttle. */
  address: string;
  /** A session cookie the browser already had: ended, so a planted cookie is worthless. */
  previousToken?: string | undefined;
  userAgent?: string | undefined;
}

export interface SignedIn {
  staff: { id: string; name: string; role: Role; teamIds: number[] };
  token: string;
  csrfToken: string;
}

/** Checks the throttle and the password, then opens a fresh session. */
export async function signIn(deps: AppDeps, input: SignInInput): Promise<SignedIn> {
  const { database, clock } = deps;
  const now = clock.now();
  const { start, retryMinutes } = throttleWindow(now);
  const buckets = signInBuckets(input.email, input.address);
  const [byAccount, byAddress] = await Promise.all([peekRateLimit(database, buckets.account, start), peekRateLimit(database, buckets.address, start)]);
  if (signInThrottled({ byAccount: byAccount ?? 0, byAddress: byAddress ?? 0 })) {
    throw new DomainError(
      'rate_limited',
      `Too many failed sign-ins. Please wait ${retryMinutes} minute${retryMinutes === 1 ? '' : 's'} and try again, or ask an administrator to reset your password.`,
      [],
      { retryAfterSeconds: retryMinutes * 60 },
    );
  }
  const staff = await findStaffByEmail(database, input.email);
  const ok = await checkPassword(staff?.passwordHash ?? null, input.password);
  if (!staff || !ok || staff.disabled) {
    await Promise.all([hitRateLimit(database, buckets.account, start), hitRateLimit(database, buckets.address, start)]);
    throw new DomainError('unauthorized', 'That email and password do not match an account');
  }
  if (input.previousToken) await deleteSession(database, hashToken(input.previousToken));
  const token = newToken();
  const csrfToken = newToken();
  await createSession(database, { idHash: hashToken(token), staffId: staff.id, csrfToken, expiresAt: new Date(now.getTime() + SESSION_HOURS * 3600_000), userAgent: input.userAgent?.slice(0, 300) });
  await recordAudit(database, { staffId: staff.id, action: 'login', at: now });
  return { staff: { id: staff.id, name: staff.name, role: staff.role, teamIds: staff.teamIds.map(Number) }, token, csrfToken };
}
