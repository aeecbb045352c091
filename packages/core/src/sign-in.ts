/**
 * The sign-in throttle: how many failed attempts an account and an address may make in a
 * fixed window before they must wait. Counted per bucket in the database, judged here.
 */

/** Failed sign-ins allowed per window, per account and per address. */
export const SIGN_IN_THROTTLE = { windowMinutes: 15, perAccount: 5, perAddress: 20 } as const;

/** The rate-limit buckets one attempt counts against. */
export function signInBuckets(email: string, address: string): { account: string; address: string } {
  return { account: `login-fail:account:${email.toLowerCase()}`, address: `login-fail:address:${address}` };
}

/** The fixed window `now` falls in, and whole minutes (at least one) until it ends. */
export function throttleWindow(now: Date, windowMinutes: number = SIGN_IN_THROTTLE.windowMinutes): { start: Date; retryMinutes: number } {
  const ms = windowMinutes * 60_000;
  const start = Math.floor(now.getTime() / ms) * ms;
  return { start: new Date(start), retryMinutes: Math.max(1, Math.ceil((start + ms - now.getTime()) / 60_000)) };
}

export function signInThrottled(failures: { byAccount: number; byAddress: number }): boolean {
  return failures.byAccount >= SIGN_IN_THROTTLE.perAccount || failures.byAddress >= SIGN_IN_THROTTLE.perAddress;
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
