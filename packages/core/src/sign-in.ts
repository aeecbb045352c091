/**
 * The sign-in throttle. Every attempt is counted before its password is checked, in three
 * places: the (account, address) pair, the address, and the account. The pair and the
 * address have fixed windows; the account is slowed progressively rather than locked, and
 * only for addresses it has not signed in from, so strangers cannot lock an officer out.
 * Counted in the database, judged here.
 */

export const SIGN_IN_THROTTLE = {
  windowMinutes: 15,
  /** Failed sign-ins per window for one account from one address: the officer's own budget. */
  perPair: 5,
  /** Failed sign-ins per window from one address, whatever the account (one address trying many). */
  perAddress: 20,
  /** Failed sign-ins on an account, from addresses it has not signed in from, before each try must wait. */
  perAccount: 10,
  /** The first wait once an account is slowed; it doubles with each further failure, up to the cap. */
  slowdownBaseSeconds: 30,
  slowdownMaxSeconds: 15 * 60,
  /** An account's failures are forgotten after this long without one. */
  slowdownResetMinutes: 60,
  /** A successful sign-in makes the address known to the account for this long. */
  knownAddressDays: 90,
} as const;

/** The rate-limit buckets one attempt counts against, and the account key of the slowdown. */
export function signInBuckets(email: string, address: string): { pair: string; address: string; account: string } {
  const account = email.toLowerCase();
  return { pair: `login-fail:pair:${account}:${address}`, address: `login-fail:address:${address}`, account };
}

/** The fixed window `now` falls in, and whole minutes (at least one) until it ends. */
export function throttleWindow(now: Date, windowMinutes: number = SIGN_IN_THROTTLE.windowMinutes): { start: Date; retryMinutes: number } {
  const ms = windowMinutes * 60_000;
  const start = Math.floor(now.getTime() / ms) * ms;
  return { start: new Date(start), retryMinutes: Math.max(1, Math.ceil((start + ms - now.getTime()) / 60_000)) };
}

/**
 * Whether an attempt must be refused before its password is checked. The counts include
 * the attempt itself (they were taken atomically, first), so the budget is "at most N checks".
 */
export function signInThrottled(attempts: { byPair: number; byAddress: number }): boolean {
  return attempts.byPair > SIGN_IN_THROTTLE.perPair || attempts.byAddress > SIGN_IN_THROTTLE.perAddress;
}

/**
 * How long the next attempt on an account must wait after `failures` failures from
 * unknown addresses: nothing up to the allowance, then exponential backoff, capped.
 */
export function accountDelaySeconds(failures: number): number {
  const { perAccount, slowdownBaseSeconds, slowdownMaxSeconds } = SIGN_IN_THROTTLE;
  if (failures < perAccount) return 0;
  return Math.min(slowdownMaxSeconds, slowdownBaseSeconds * 2 ** (failures - perAccount));
}

/**
 * The same rule as a table the database can index in one statement: entry k-1 is the wait
 * after k failures, and the last entry holds for every count beyond it.
 */
export function accountDelaySchedule(): number[] {
  const schedule: number[] = [];
  for (let failures = 1; ; failures++) {
    schedule.push(accountDelaySeconds(failures));
    if (schedule.at(-1) === SIGN_IN_THROTTLE.slowdownMaxSeconds) return schedule;
  }
}

/** Whole seconds (at least one) from `now` until `until`, for Retry-After. */
export function secondsUntil(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
}

/** The time before which an address's last success no longer makes it known to the account. */
export function knownAddressSince(now: Date): Date {
  return new Date(now.getTime() - SIGN_IN_THROTTLE.knownAddressDays * 86_400_000);
}

/** The time before which an account's last failure no longer counts toward its slowdown. */
export function slowdownResetBefore(now: Date): Date {
  return new Date(now.getTime() - SIGN_IN_THROTTLE.slowdownResetMinutes * 60_000);
}

/**
 * The sign-in form's own check, before anything is sent: which fields are missing or
 * cannot be an address. The API's LoginSchema stays the authority.
 */
export function signInFormProblems(form: { email: string; password: string }): Array<'email' | 'password'> {
  const problems: Array<'email' | 'password'> = [];
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(form.email) || form.email.length > 320) problems.push('email');
  if (form.password.length === 0 || form.password.length > 1000) problems.push('password');
  return problems;
}
