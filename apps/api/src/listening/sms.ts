import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { MAX_PHOTO_BYTES } from '@groundswell/core';
import type { Connector, IncomingMention, IncomingPhoto, SentReply } from './connector.ts';
import type { ConnectorDeps } from './connectors.ts';

/**
 * SMS to the council's number, through one of two gateways:
 * - `twilio`: Twilio-style form posts signed with X-Twilio-Signature; replies through the
 *   Messages REST API (`POST /2010-04-01/Accounts/{sid}/Messages.json`).
 * - `android`: the open Android SMS Gateway (capcom6/android-sms-gateway): JSON webhooks
 *   signed with X-Signature/X-Timestamp; replies through its `POST …/message` API. SMSSync's
 *   form shape (with its shared `secret`) is read by the same source.
 * Every text is addressed to the council; the sender's number is what a reply goes back to.
 */
export const SMS_PROVIDERS = ['twilio', 'android', 'smssync'] as const;
export type SmsProvider = (typeof SMS_PROVIDERS)[number];

/** A reply to an SMSSync phone waits under this prefix of its external id until the phone takes it. */
export const SMSSYNC_QUEUED = 'smssync-queued:';

export const safeEqual = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** Twilio's documented scheme: HMAC-SHA1 over the full URL then each POST parameter, sorted by name, name then value; base64. */
export function twilioSignature(authToken: string, url: string, params: Record<string, string | string[]>): string {
  let data = url;
  for (const name of Object.keys(params).sort()) {
    const value = params[name]!;
    for (const v of Array.isArray(value) ? [...value].sort() : [value]) data += name + v;
  }
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

export function validTwilioSignature(authToken: string, url: string, params: Record<string, string | string[]>, signature: string | undefined): boolean {
  return !!signature && !!authToken && safeEqual(twilioSignature(authToken, url, params), signature);
}

/** The Android gateway signs the raw body followed by the X-Timestamp value: HMAC-SHA256, hex. */
export function androidSignature(secret: string, rawBody: string, timestamp: string): string {
  return createHmac('sha256', secret)
    .update(rawBody + timestamp, 'utf8')
    .digest('hex');
}

/** How old a signed webhook may be: a replayed capture is refused after this. */
export const ANDROID_SIGNATURE_MAX_AGE_SECONDS = 300;

export function validAndroidSignature(secret: string, rawBody: string, timestamp: string | undefined, signature: string | undefined, now: Date): boolean {
  if (!secret || !timestamp || !signature || !/^\d+$/.test(timestamp)) return false;
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > ANDROID_SIGNATURE_MAX_AGE_SECONDS) return false;
  return safeEqual(androidSignature(secret, rawBody, timestamp), signature.toLowerCase());
}

const smsMention = (externalId: string, from: string, text: string, postedAt: Date): IncomingMention => ({
  externalId,
  url: null,
  author: from,
  text,
  postedAt,
  addressedToCouncil: true,
  replyRef: { to: from },
});

/** A Twilio inbound message (MessageSid, From, To, Body). */
export function twilioMention(params: Record<string, string>, now: Date): IncomingMention | null {
  const sid = params.MessageSid ?? params.SmsSid;
  if (!sid || !params.From || !params.Body?.trim()) return null;
  return smsMention(sid, params.From, params.Body.trim(), now);
}

/** An Android SMS Gateway `sms:received` event; its messageId is not unique, the event id is. */
export function androidMention(body: unknown, now: Date): IncomingMention | null {
  const b = body as { id?: unknown; event?: unknown; payload?: { message?: unknown; phoneNumber?: unknown; receivedAt?: unknown } };
  if (b?.event !== 'sms:received' || typeof b.id !== 'string' || !b.payload) return null;
  const { message, phoneNumber, receivedAt } = b.payload;
  if (typeof message !== 'string' || !message.trim() || typeof phoneNumber !== 'string') return null;
  const at = typeof receivedAt === 'string' ? new Date(receivedAt) : now;
  return smsMention(b.id, phoneNumber, message.trim(), Number.isNaN(at.getTime()) ? now : at);
}

/** An SMSSync post (from, message, message_id, sent_timestamp in ms). */
export function smsSyncMention(params: Record<string, string>, now: Date): IncomingMention | null {
  if (!params.message_id || !params.from || !params.message?.trim()) return null;
  const ms = Number(params.sent_timestamp);
  return smsMention(params.message_id, params.from, params.message.trim(), Number.isFinite(ms) && ms > 0 ? new Date(ms) : now);
}

/**
 * The photos of a Twilio MMS (NumMedia, MediaUrl0…, MediaContentType0…), fetched with the
 * account's credentials. Only media on the account's own API origin is fetched: a URL elsewhere
 * in a (signed) post is not followed, so the webhook cannot be used to make us fetch anything.
 */
export async function twilioMedia(params: Record<string, string>, config: Record<string, unknown>, secrets: Record<string, string>, fetchImpl: typeof fetch): Promise<IncomingPhoto[]> {
  const count = Math.min(Number(params.NumMedia ?? 0) || 0, 5);
  const origin = new URL(String(config.apiUrl ?? 'https://api.twilio.com')).origin;
  const photos: IncomingPhoto[] = [];
  for (let i = 0; i < count; i++) {
    const url = params[`MediaUrl${i}`];
    const contentType = params[`MediaContentType${i}`] ?? '';
    if (!url || !contentType.startsWith('image/') || new URL(url).origin !== origin) continue;
    const res = await fetchImpl(url, { headers: { authorization: basic(String(config.accountSid ?? ''), secrets.authToken ?? '') } });
    if (!res.ok) continue;
    const data = new Uint8Array(await res.arrayBuffer());
    if (data.byteLength > MAX_PHOTO_BYTES) continue;
    photos.push({ filename: `mms-${i + 1}`, contentType, data });
  }
  return photos;
}

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

export function createSmsConnector(config: Record<string, unknown>, secrets: Record<string, string>, deps: ConnectorDeps): Connector {
  const provider = config.provider as SmsProvider;
  if (!SMS_PROVIDERS.includes(provider)) throw new Error('An SMS source needs a provider: twilio, android or smssync');
  const number = String(config.number ?? '');
  return {
    kind: 'sms',
    async reply(replyRef, text): Promise<SentReply> {
      const to = replyRef.to;
      if (!to) throw new Error('This text has no number to answer');
      // SMSSync phones fetch what to send (GET ?task=send): the reply waits for the phone's next poll (smssync-task.ts).
      if (provider === 'smssync') return { externalId: `${SMSSYNC_QUEUED}${randomUUID()}`, url: null };
      if (provider === 'twilio') {
        const sid = String(config.accountSid ?? '');
        const base = String(config.apiUrl ?? 'https://api.twilio.com').replace(/\/$/, '');
        const res = await deps.fetch(`${base}/2010-04-01/Accounts/${encodeURIComponent(sid)}/Messages.json`, {
          method: 'POST',
          headers: { authorization: basic(sid, secrets.authToken ?? ''), 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ To: to, From: number, Body: text }).toString(),
        });
        const body = (await res.json().catch(() => ({}))) as { sid?: string; message?: string };
        if (!res.ok || !body.sid) throw new Error(`Twilio answered ${res.status}${body.message ? `: ${body.message}` : ''}`);
        return { externalId: body.sid, url: null };
      }
      const base = String(config.apiUrl ?? 'https://api.sms-gate.app/3rdparty/v1').replace(/\/$/, '');
      const res = await deps.fetch(`${base}/message`, {
        method: 'POST',
        headers: { authorization: basic(String(config.username ?? ''), secrets.password ?? ''), 'content-type': 'application/json' },
        body: JSON.stringify({ textMessage: { text }, phoneNumbers: [to] }),
      });
      const body = (await res.json().catch(() => ({}))) as { id?: string; message?: string };
      if (!res.ok || !body.id) throw new Error(`The SMS gateway answered ${res.status}${body.message ? `: ${body.message}` : ''}`);
      return { externalId: body.id, url: null };
    },
  };
}
