import { DomainError, fitsReplyLimit, graphemeLength, REPLY_LIMITS, type StaffActor } from '@groundswell/core';
import { addEvent, findListeningSource, findMention, mentionInternals, recordMentionReply } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';
import { canReply, presentMention } from './present.ts';
import { connectorFor } from './source-connector.ts';

/**
 * Reply where it was said: the officer's edited text goes out through the mention's own
 * connector, threaded under it. The reply is kept (sent or failed), the mention's first reply
 * time set, and, when the mention is on a report, the reply joins its timeline as an
 * internal event with the officer's name.
 */
export async function replyToMention(deps: AppDeps, actor: StaffActor, input: { id: number; text: string }) {
  const { database, clock } = deps;
  const mention = await findMention(database, input.id);
  if (!mention) throw new DomainError('not_found', `There is no mention ${input.id}`);
  const kind = mention.source.kind;
  if (!canReply(kind)) throw new DomainError('conflict', 'This source takes no replies: open the original and answer there', [{ field: 'id', message: 'No reply channel' }]);
  if (!fitsReplyLimit(kind, input.text)) {
    throw new DomainError('validation_failed', `The reply is ${graphemeLength(input.text)} characters; ${kind} takes at most ${REPLY_LIMITS[kind]}`, [
      { field: 'text', message: `At most ${REPLY_LIMITS[kind]} characters here` },
    ]);
  }
  const internals = (await mentionInternals(database, input.id))!;
  const source = (await findListeningSource(database, internals.sourceId))!;
  let sent: { externalId: string; url: string | null } | null = null;
  let error: string | null = null;
  try {
    const connector = connectorFor(deps, source);
    if (!connector.reply) throw new Error('This connector cannot reply');
    sent = await connector.reply(internals.replyRef ?? {}, input.text);
    await connector.close?.();
  } catch (err) {
    error = (err as Error).message.slice(0, 500);
  }
  const at = clock.now();
  await database.db.transaction(async (tx) => {
    await recordMentionReply(tx, {
      mentionId: input.id,
      staffId: actor.id,
      text: input.text,
      at,
      externalId: sent?.externalId ?? null,
      url: sent?.url ?? null,
      error,
      answered: true,
    });
    if (sent && internals.reportId !== null) {
      await addEvent(tx, { reportId: internals.reportId, kind: 'mention_replied', public: false, actor, payload: { channel: kind, text: input.text, url: sent.url, mentionId: input.id }, at });
    }
  });
  if (error) throw new DomainError('unavailable', `The reply could not be sent: ${error}`, [{ field: 'text', message: 'Not sent; try again later' }]);
  return { mention: presentMention((await findMention(database, input.id))!), report: mention.report, reply: { url: sent!.url, externalId: sent!.externalId } };
}
