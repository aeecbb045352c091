import { DomainError } from '@groundswell/core';
import { findListeningSource } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';
import type { IncomingMention } from './connector.ts';
import { type IngestResult, ingestMention } from './ingest-mention.ts';
import { openSecrets } from './secrets.ts';
import { androidMention, safeEqual, smsSyncMention, twilioMedia, twilioMention, validAndroidSignature, validTwilioSignature } from './sms.ts';

export type SmsGateway = 'twilio' | 'android' | 'smssync';

export interface SmsWebhook {
  sourceId: number;
  gateway: SmsGateway;
  /** The URL the gateway posted to, as it saw it (PUBLIC_URL + path): Twilio signs it. */
  url: string;
  form?: Record<string, string>;
  raw?: string;
  signature?: string | undefined;
  timestamp?: string | undefined;
}

const unsigned = () => new DomainError('unauthorized', 'This webhook must be signed by the gateway', [{ field: 'header.signature', message: 'Missing signature' }]);
const badlySigned = () => new DomainError('forbidden', 'The signature of this webhook is not valid', [{ field: 'header.signature', message: 'Signature does not match' }]);

/**
 * A text to the council's number, pushed by its gateway: the signature is checked with the
 * source's own secret before a byte of the message is read into the pipeline; then it is one
 * more mention, addressed to the council.
 */
export async function receiveSms(deps: AppDeps & { fetch?: typeof fetch }, hook: SmsWebhook): Promise<IngestResult> {
  const source = await findListeningSource(deps.database, hook.sourceId);
  const provider = source?.config.provider;
  // An unknown, disabled or differently configured source is not there for this gateway.
  if (source?.kind !== 'sms' || !source.enabled || provider !== hook.gateway) throw new DomainError('not_found', `There is no SMS source ${hook.sourceId} for ${hook.gateway}`);
  const secrets = openSecrets(deps.config.listening.secretKey, source.credentials);
  const now = deps.clock.now();
  let mention: IncomingMention | null;
  if (hook.gateway === 'twilio') {
    if (!hook.signature) throw unsigned();
    if (!validTwilioSignature(secrets.authToken ?? '', hook.url, hook.form ?? {}, hook.signature)) throw badlySigned();
    mention = twilioMention(hook.form ?? {}, now);
    if (mention) mention.photos = await twilioMedia(hook.form ?? {}, source.config, secrets, deps.fetch ?? fetch).catch(() => []);
  } else if (hook.gateway === 'android') {
    if (!hook.signature || !hook.timestamp) throw unsigned();
    if (!validAndroidSignature(secrets.webhookSecret ?? '', hook.raw ?? '', hook.timestamp, hook.signature, now)) throw badlySigned();
    let body: unknown;
    try {
      body = JSON.parse(hook.raw ?? '');
    } catch {
      throw new DomainError('validation_failed', 'The webhook body is not JSON', [{ field: 'body', message: 'Not JSON' }]);
    }
    mention = androidMention(body, now);
  } else {
    const secret = hook.form?.secret;
    if (!secret) throw unsigned();
    if (!secrets.webhookSecret || !safeEqual(secret, secrets.webhookSecret)) throw badlySigned();
    mention = smsSyncMention(hook.form ?? {}, now);
  }
  // Other events (sent, delivered) and empty texts are acknowledged and forgotten.
  if (!mention) return { outcome: 'no_keyword' };
  return ingestMention(deps, { id: source.id, kind: 'sms' }, mention);
}
