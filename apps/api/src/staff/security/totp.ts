import { Secret, TOTP as Totp } from 'otpauth';
import { TOTP } from '@groundswell/core';

/** The account's TOTP generator; the label names the site and the person, as authenticator apps list them. */
export function totpFor(secretBase32: string, label: string, issuer: string): Totp {
  return new Totp({ issuer, label, algorithm: TOTP.algorithm, digits: TOTP.digits, period: TOTP.periodSeconds, secret: Secret.fromBase32(secretBase32) });
}

export function newTotpSecret(): string {
  return new Secret({ size: TOTP.secretBytes }).base32;
}

/**
 * The time step a typed code belongs to, within one step either side of now (clocks on
 * phones drift), or undefined when it matches none.
 */
export function matchingStep(totp: Totp, code: string, now: Date): number | undefined {
  const delta = totp.validate({ token: code, timestamp: now.getTime(), window: TOTP.window });
  return delta === null ? undefined : Totp.counter({ period: TOTP.periodSeconds, timestamp: now.getTime() }) + delta;
}
