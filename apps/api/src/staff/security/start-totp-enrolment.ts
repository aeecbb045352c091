import { DomainError, type StaffActor } from '@groundswell/core';
import { findStaffById, setPendingTotp } from '@groundswell/db';
import type { AppDeps } from '../../deps.ts';
import { newTotpSecret, totpFor } from './totp.ts';

export interface TotpEnrolment {
  /** For typing into an app by hand, in groups of four. */
  secret: string;
  /** The otpauth:// URI an app reads from the QR code. */
  uri: string;
  /** The QR code of the URI as an SVG image, drawn here so the page needs no QR library. */
  qrSvg: string;
}

/** Starts setting up the second factor: a new secret waits for a code that proves the app has it. */
export async function startTotpEnrolment(deps: Pick<AppDeps, 'database' | 'config'>, actor: StaffActor): Promise<TotpEnrolment> {
  const staff = await findStaffById(deps.database, actor.id);
  if (!staff) throw new DomainError('not_found', 'No such account');
  const secret = newTotpSecret();
  await setPendingTotp(deps.database, actor.id, secret);
  const uri = totpFor(secret, staff.email, deps.config.siteName).toString();
  // Loaded here, at an enrolment, not at start (issue 15: idle memory).
  const { default: QRCode } = await import('qrcode');
  const qrSvg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { secret: secret.replace(/(.{4})/g, '$1 ').trim(), uri, qrSvg };
}
