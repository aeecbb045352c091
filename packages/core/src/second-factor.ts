/**
 * The staff second factor: TOTP (RFC 6238) with the parameters every authenticator app
 * understands, and single-use recovery codes for a lost phone.
 */

/** SHA-1, six digits, 30-second steps: what Google Authenticator, Microsoft Authenticator and FreeOTP all read from a QR code. */
export const TOTP = { algorithm: 'SHA1', digits: 6, periodSeconds: 30, secretBytes: 20, window: 1 } as const;

export const RECOVERY_CODES = { count: 10, groups: 2, groupLength: 5 } as const;

/** ADMIN_SECOND_FACTOR: whether an administrator must set up a second factor before doing anything else. */
export const ADMIN_SECOND_FACTOR = ['optional', 'required'] as const;
export type AdminSecondFactor = (typeof ADMIN_SECOND_FACTOR)[number];

/** What a person typed in the code field, read as a TOTP code or a recovery code, or neither. */
export type SecondFactorInput = { kind: 'totp'; code: string } | { kind: 'recovery'; code: string } | { kind: 'none' };

/** Spaces and dashes are how people copy codes; case does not matter in a recovery code. */
export function readSecondFactor(typed: string | undefined): SecondFactorInput {
  const squeezed = (typed ?? '').replace(/[\s-]/g, '');
  if (!squeezed) return { kind: 'none' };
  if (new RegExp(`^\\d{${TOTP.digits}}$`).test(squeezed)) return { kind: 'totp', code: squeezed };
  if (new RegExp(`^[a-z2-7]{${RECOVERY_CODES.groups * RECOVERY_CODES.groupLength}}$`, 'i').test(squeezed)) return { kind: 'recovery', code: squeezed.toLowerCase() };
  return { kind: 'none' };
}

/** A recovery code as shown once to its owner: base32 letters in groups, `abcde-fghij`. */
export function formatRecoveryCode(raw: string): string {
  const groups: string[] = [];
  for (let i = 0; i < raw.length; i += RECOVERY_CODES.groupLength) groups.push(raw.slice(i, i + RECOVERY_CODES.groupLength));
  return groups.join('-');
}

/** Whether this account must set up a second factor before using the console. */
export function mustEnrolSecondFactor(role: string, enrolled: boolean, policy: AdminSecondFactor): boolean {
  return policy === 'required' && role === 'admin' && !enrolled;
}
