import { DomainError, type StaffActor } from '@groundswell/core';
import { addEvent, findMention, setMentionOutcome } from '@groundswell/db';
import { act, type ActDeps } from '../staff/act.ts';
import { presentMention } from './present.ts';

/**
 * Attach a mention to a report: another contact about the same problem (a chaser, a second
 * post), on the report's timeline as an internal event, never public. The report must be in
 * the officer's remit.
 */
export async function attachMention(deps: ActDeps, actor: StaffActor, input: { id: number; report: string }) {
  const mention = await findMention(deps.database, input.id);
  if (!mention) throw new DomainError('not_found', `There is no mention ${input.id}`);
  if (mention.report) throw new DomainError('conflict', `This mention is already on report ${mention.report}`, [{ field: 'id', message: 'Already converted or attached' }]);
  await act(deps, actor, input.report, async (tx, report, at) => {
    await addEvent(tx, {
      reportId: report.id,
      kind: 'contact_logged',
      public: false,
      actor,
      payload: { channel: mention.source.kind, source: mention.source.name, url: mention.url, text: mention.text, mentionId: mention.id, postedAt: mention.postedAt },
      at,
    });
    await setMentionOutcome(tx, input.id, { state: 'attached', reportId: report.id });
  });
  return { mention: presentMention((await findMention(deps.database, input.id))!), report: input.report };
}
