import { DomainError } from '@groundswell/core';
import { findListeningSource, takeQueuedSmsSyncReplies } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';
import { openSecrets } from './secrets.ts';
import { safeEqual } from './sms.ts';

/**
 * SMSSync's task poll (`GET <sync URL>?task=send&secret=…`, every few minutes from the phone):
 * the officers' replies queued for this phone, in SMSSync's documented task shape, each handed
 * over once. The phone proves it holds the source's secret before it sees a number or a word.
 */
export async function smsSyncTask(deps: Pick<AppDeps, 'database' | 'config'>, input: { sourceId: number; secret: string | undefined }) {
  const source = await findListeningSource(deps.database, input.sourceId);
  if (source?.kind !== 'sms' || !source.enabled || source.config.provider !== 'smssync') throw new DomainError('not_found', `There is no SMS source ${input.sourceId} for smssync`);
  if (!input.secret) throw new DomainError('unauthorized', 'This webhook must be signed by the gateway', [{ field: 'query.secret', message: 'Missing signature' }]);
  const secret = openSecrets(deps.config.listening.secretKey, source.credentials).webhookSecret ?? '';
  if (!secret || !safeEqual(secret, input.secret)) {
    throw new DomainError('forbidden', 'The signature of this webhook is not valid', [{ field: 'query.secret', message: 'Signature does not match' }]);
  }
  const replies = await takeQueuedSmsSyncReplies(deps.database, source.id);
  return {
    payload: {
      task: 'send' as const,
      secret,
      messages: replies.flatMap((r) => (r.to ? [{ to: r.to, message: r.text, uuid: r.uuid }] : [])),
    },
  };
}
