import { DomainError, type StaffActor } from '@groundswell/core';
import { recordAudit, resetHandoffSendById } from '@groundswell/db';
import type { HandoffDeps } from './deps.ts';

/** An admin sends again: the send is pending with fresh tries (a sent one is looked up first, so the other end still gets it once). */
export async function resendHandoff(deps: HandoffDeps, actor: StaffActor, sendId: number): Promise<void> {
  const { database, clock } = deps;
  if (!(await resetHandoffSendById(database, sendId, clock.now()))) throw new DomainError('not_found', `There is no hand-off send ${sendId}`);
  await recordAudit(database, { staffId: actor.id, action: 'handoff_resent', targetType: 'handoff_send', targetId: String(sendId), at: clock.now() });
  await deps.jobs.sendHandoff(sendId);
}
