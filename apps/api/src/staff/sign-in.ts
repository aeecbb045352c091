import { DomainError, accountDelaySchedule, knownAddressSince, say, secondsUntil, signInBuckets, signInThrottled, slowdownResetBefore, throttleWindow, type Role } from '@groundswell/core';
import {
  claimSignInSlot,
  createSession,
  deleteSession,
  findStaffByEmail,
  hitRateLimit,
  isKnownAddress,
  recordAudit,
  releaseSignInSlot,
  rememberAddress,
  unhitRateLimit,
  type StaffRecord,
} from '@groundswell/db';
import type { AppDeps } from '../deps.ts';
import { checkPassword } from './passwords.ts';
import { checkSecondFactor } from './security/check-second-factor.ts';
import { SESSION_HOURS, hashToken, newToken } from './tokens.ts';

export interface SignInInput {
  email: string;
  password: string;
  /** The client's address, for the per-pair and per-address throttles. */
  address: string;
  /** The second factor, when the account has one (a code from the app or a recovery code). */
  code?: string | undefined;
  /** A session cookie the browser already had: ended, so a planted cookie is worthless. */
  previousToken?: string | undefined;
  userAgent?: string | undefined;
}

export interface SignedIn {
  staff: { id: string; name: string; role: Role; teamIds: number[] };
  token: string;
  csrfToken: string;
}

/** The answer to a throttled attempt; it points to the way back rather than to a person. */
export function tooManySignIns(retryAfterSeconds: number): DomainError {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return new DomainError(
    'rate_limited',
    `Too many failed sign-ins. Please wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again, or use “Forgot your password?” on the sign-in page to set a new one.`,
    [],
    { retryAfterSeconds },
  );
}

/** LOCAL_PASSWORDS=off: staff sign in only through the council's directory, so nothing takes or sets a password here. */
export function assertLocalPasswords(config: AppDeps['config']): void {
  if (config.localPasswords) return;
  // Start-up refuses LOCAL_PASSWORDS=off without single sign-on, so there is always a way in to name.
  const name = config.sso?.displayName ?? 'single sign-on';
  throw new DomainError('forbidden', say('staff_passwords_off', { name }), [{ field: 'body.password', message: say('staff_passwords_off_field') }]);
}

/**
 * Counts the attempt first, atomically, then judges it with core's rules, and only then
 * checks the password: parallel guesses each see the ones before them, so at most the
 * budget of them is ever checked. The pair and the address have windows; the account is
 * slowed progressively, except from addresses it has signed in from, so strangers
 * elsewhere cannot lock its officer out.
 */
export async function signIn(deps: AppDeps, input: SignInInput): Promise<SignedIn> {
  assertLocalPasswords(deps.config);
  const { database, clock } = deps;
  const now = clock.now();
  const { start, retryMinutes } = throttleWindow(now);
  const buckets = signInBuckets(input.email, input.address);
  const [byPair, byAddress] = await Promise.all([hitRateLimit(database, buckets.pair, start), hitRateLimit(database, buckets.address, start)]);
  if (signInThrottled({ byPair, byAddress })) throw tooManySignIns(retryMinutes * 60);

  const staff = await findStaffByEmail(database, input.email);
  const known = staff ? await isKnownAddress(database, staff.id, hashToken(input.address), knownAddressSince(now)) : false;
  if (!known) {
    const claim = await claimSignInSlot(database, buckets.account, now, slowdownResetBefore(now), accountDelaySchedule());
    if (!claim.claimed) throw tooManySignIns(secondsUntil(claim.nextAt, now));
  }
  const ok = await checkPassword(staff?.passwordHash ?? null, input.password);
  if (!staff || !ok || staff.disabled) throw new DomainError('unauthorized', 'That email and password do not match an account');

  // The right password was not a failure: give back what the attempt was counted against. A wrong
  // second-factor code keeps the count, so codes are guessed no faster than passwords.
  const giveBack = () =>
    Promise.all([unhitRateLimit(database, buckets.pair, start), unhitRateLimit(database, buckets.address, start), known ? undefined : releaseSignInSlot(database, buckets.account)]);
  try {
    await checkSecondFactor(deps, staff, input.code);
  } catch (err) {
    if (!input.code?.trim()) await giveBack();
    throw err;
  }
  await giveBack();
  return openSession(deps, staff, input, 'login');
}

/**
 * A fresh session for an account that has proved who it is (a password, or a reset link):
 * the browser's old session ends, the address becomes known to the account, and the
 * sign-in is written to the audit log.
 */
export async function openSession(
  deps: AppDeps,
  staff: StaffRecord,
  input: Pick<SignInInput, 'address' | 'previousToken' | 'userAgent'>,
  action: 'login' | 'login_after_password_reset' | 'login_sso',
): Promise<SignedIn> {
  const { database, clock } = deps;
  const now = clock.now();
  if (input.previousToken) await deleteSession(database, hashToken(input.previousToken));
  const token = newToken();
  const csrfToken = newToken();
  await createSession(database, {
    idHash: hashToken(token),
    staffId: staff.id,
    csrfToken,
    at: now,
    expiresAt: new Date(now.getTime() + SESSION_HOURS * 3600_000),
    userAgent: input.userAgent?.slice(0, 300),
  });
  // Only a hash of the address is kept: enough to recognise it, not a log of where staff were.
  await rememberAddress(database, staff.id, hashToken(input.address), now);
  await recordAudit(database, { staffId: staff.id, action, at: now });
  return { staff: { id: staff.id, name: staff.name, role: staff.role, teamIds: staff.teamIds.map(Number) }, token, csrfToken };
}
