import { createHmac, timingSafeEqual } from 'node:crypto';
import { handoffSignatureFresh, parseHandoffSignature } from '@groundswell/core';

/** `t=<unix>,v1=<hex HMAC-SHA256 of "t.body">`, as docs/handoff.md describes for receivers. */
export function signHandoff(secret: string, body: string, unixSeconds: number): string {
  return `t=${unixSeconds},v1=${createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex')}`;
}

export type SignatureCheck = { ok: true; v1: string } | { ok: false; reason: 'missing' | 'stale' | 'wrong' };

/** Checks a signed body: well-formed, within five minutes of now, and made with the secret. */
export function checkHandoffSignature(secret: string, body: string, header: string | null | undefined, nowSeconds: number): SignatureCheck {
  const parsed = parseHandoffSignature(header);
  if (!parsed) return { ok: false, reason: 'missing' };
  if (!handoffSignatureFresh(parsed.t, nowSeconds)) return { ok: false, reason: 'stale' };
  const expected = createHmac('sha256', secret).update(`${parsed.t}.${body}`).digest();
  const hit = parsed.v1.find((v) => timingSafeEqual(Buffer.from(v, 'hex'), expected));
  return hit ? { ok: true, v1: hit } : { ok: false, reason: 'wrong' };
}
