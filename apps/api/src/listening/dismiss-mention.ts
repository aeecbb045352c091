import { DomainError, type StaffActor } from '@groundswell/core';
import { findMention, recordAudit, setMentionOutcome } from '@groundswell/db';
import type { ActDeps } from '../staff/act.ts';
import { presentMention } from './present.ts';

/** Dismiss a mention with a reason (not about us, not actionable, abusive); it goes at the end of the retention period. */
export async function dismissMention(deps: ActDeps, actor: StaffActor, input: { id: number; reason: string }) {
  const mention = await findMention(deps.database, input.id);
  if (!mention) throw new DomainError('not_found', `There is no mention ${input.id}`);
  if (mention.report) throw new DomainError('conflict', `This mention is on report ${mention.report} and cannot be dismissed`, [{ field: 'id', message: 'Already converted or attached' }]);
  await deps.database.db.transaction((tx) => setMentionOutcome(tx, input.id, { state: 'dismissed', dismissedReason: input.reason }));
  await recordAudit(deps.database, { staffId: actor.id, action: 'mention_dismissed', targetType: 'mention', targetId: String(input.id), payload: { reason: input.reason }, at: deps.clock.now() });
  return { mention: presentMention((await findMention(deps.database, input.id))!), report: null };
}
