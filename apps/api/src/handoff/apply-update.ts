import { DomainError, mapHandoffStatus, requiresPublicAnswer } from '@groundswell/core';
import { findHandoffReport, type HandoffTargetRow } from '@groundswell/db';
import { answerPublicly } from '../staff/answer-publicly.ts';
import { changeState } from '../staff/change-state.ts';
import type { HandoffDeps } from './deps.ts';
import { systemActor } from './send-handoff.ts';

export interface HandoffUpdate {
  /** Their reference (service_request_id) or our report id. */
  reference: string;
  status?: string | undefined;
  description?: string | undefined;
}

export type UpdateOutcome = 'changed' | 'answered' | 'nothing' | 'unknown_report';

/**
 * One update from a council system onto the report's timeline, through the same use-cases an
 * officer uses (so followers and the reporter are told as for any officer): a status mapped
 * by the admin's table changes the state, with their text as the answer; an unmapped status,
 * or a change the states do not allow, keeps the state and only adds the text.
 */
export async function applyHandoffUpdate(deps: HandoffDeps, target: Pick<HandoffTargetRow, 'id' | 'name' | 'statusMap'>, update: HandoffUpdate): Promise<UpdateOutcome> {
  const publicId = await findHandoffReport(deps.database, target.id, update.reference);
  if (!publicId) return 'unknown_report';
  const actor = systemActor(target);
  const text = update.description?.trim() || undefined;
  const state = mapHandoffStatus(target.statusMap, update.status);
  if (state) {
    const message = text ?? (requiresPublicAnswer(state) ? `${target.name}: ${update.status}` : undefined);
    try {
      await changeState(deps, actor, { id: publicId, state, message });
      return 'changed';
    } catch (err) {
      // Already in that state, or a change the states do not allow: the words still count.
      if (!(err instanceof DomainError) || err.status >= 500 || err.code === 'not_found') throw err;
    }
  }
  if (!text) return 'nothing';
  await answerPublicly(deps, actor, { id: publicId, message: text });
  return 'answered';
}
