/**
 * Staff passwords: how long they must be, how long a reset link lives, and how often a
 * reset may be asked for. Pure rules; the API counts and the database stores.
 */

/** The same bounds as an account's first password (StaffCreateSchema). */
export const PASSWORD_RULES = { minLength: 12, maxLength: 1000 } as const;

export const PASSWORD_RESET = {
  /** A link the officer asked for is used at once or asked for again. */
  selfServiceMinutes: 60,
  /** A link an administrator sent may be read later in the day. */
  adminIssuedMinutes: 24 * 60,
  windowMinutes: 60,
  /** Reset requests per window from one address (someone trying many inboxes). */
  perAddress: 5,
  /** Reset emails per window to one recipient (someone filling one inbox); more are dropped silently. */
  perRecipient: 3,
  /** Attempts to use a reset link per window from one address (each costs a password hash). */
  resetsPerAddress: 10,
} as const;

/** The rate-limit buckets of a reset request. */
export function resetRequestBuckets(email: string, address: string): { address: string; recipient: string } {
  return { address: `password-reset:address:${address}`, recipient: `password-reset:recipient:${email.toLowerCase()}` };
}

/** When a reset link made at `now` stops working. */
export function resetLinkExpiry(now: Date, issuedByAdmin: boolean): Date {
  const minutes = issuedByAdmin ? PASSWORD_RESET.adminIssuedMinutes : PASSWORD_RESET.selfServiceMinutes;
  return new Date(now.getTime() + minutes * 60_000);
}

/** The console's own check of a new password typed twice; the API's schema stays the authority. */
export function newPasswordProblems(form: { password: string; repeat: string }): Array<'short' | 'long' | 'mismatch'> {
  const problems: Array<'short' | 'long' | 'mismatch'> = [];
  if (form.password.length < PASSWORD_RULES.minLength) problems.push('short');
  if (form.password.length > PASSWORD_RULES.maxLength) problems.push('long');
  if (form.password !== form.repeat) problems.push('mismatch');
  return problems;
}
