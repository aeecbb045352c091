import { DomainError, PASSWORD_RESET, resetLinkExpiry, resetRequestBuckets, throttleWindow, type Locale } from '@groundswell/core';
import { createPasswordReset, findStaffByEmail, hitRateLimit, recordAudit, type StaffRecord } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';
import { passwordResetMail } from './password-mail.ts';
import { hashToken, newToken } from './tokens.ts';

/**
 * "Forgot your password?": emails a single-use link when the address has an enabled
 * account. The answer is the same either way, so nobody learns who works here; asking is
 * limited per address (refused) and per recipient (beyond it nothing more is sent).
 */
export async function requestPasswordReset(deps: AppDeps, input: { email: string; address: string; locale: Locale }): Promise<void> {
  const { database, clock } = deps;
  const now = clock.now();
  const { start, retryMinutes } = throttleWindow(now, PASSWORD_RESET.windowMinutes);
  const buckets = resetRequestBuckets(input.email, input.address);
  if ((await hitRateLimit(database, buckets.address, start)) > PASSWORD_RESET.perAddress) {
    throw new DomainError('rate_limited', `Too many password reset requests. Please wait ${retryMinutes} minutes and try again.`, [], { retryAfterSeconds: retryMinutes * 60 });
  }
  if ((await hitRateLimit(database, buckets.recipient, start)) > PASSWORD_RESET.perRecipient) return;
  const staff = await findStaffByEmail(database, input.email);
  if (!staff || staff.disabled) return;
  await sendResetLink(deps, staff, { requestedBy: null, locale: input.locale });
  await recordAudit(database, { staffId: staff.id, action: 'password_reset_requested', targetType: 'staff', targetId: staff.id, at: now });
}

/** Stores a fresh link (only its sha256) and queues the email with it. */
export async function sendResetLink(deps: AppDeps, staff: StaffRecord, options: { requestedBy: string | null; locale: Locale }): Promise<void> {
  const { database, clock, config, jobs } = deps;
  const now = clock.now();
  const token = newToken();
  const expiresAt = resetLinkExpiry(now, options.requestedBy !== null);
  await createPasswordReset(database, { tokenHash: hashToken(token), staffId: staff.id, requestedBy: options.requestedBy, at: now, expiresAt });
  const link = `${config.publicUrl}/#/staff/reset?token=${token}`;
  const validMinutes = Math.round((expiresAt.getTime() - now.getTime()) / 60_000);
  await jobs.sendMail(passwordResetMail({ to: staff.email, name: staff.name, locale: options.locale, siteName: config.siteName, link, validMinutes, byAdmin: options.requestedBy !== null }));
}
