import { DomainError, type BulkAction, type BulkResult, type StaffActor } from '@groundswell/core';
import type { ActDeps } from './act.ts';
import { answerPublicly } from './answer-publicly.ts';
import { assignReport } from './assign-report.ts';
import { changeState } from './change-state.ts';

/** One action on many reports, each in its own transaction: one refusal does not undo the rest. */
export async function applyBulkAction(deps: ActDeps, actor: StaffActor, input: { ids: string[]; action: BulkAction }): Promise<{ results: BulkResult[] }> {
  const a = input.action;
  const results: BulkResult[] = [];
  for (const id of input.ids) {
    try {
      if (a.type === 'assign') await assignReport(deps, actor, { id, team: a.team, assigneeId: a.assigneeId });
      else if (a.type === 'state') await changeState(deps, actor, { id, state: a.state, message: a.message });
      else await answerPublicly(deps, actor, { id, message: a.message });
      results.push({ id, ok: true });
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      results.push({ id, ok: false, problem: err.message });
    }
  }
  return { results };
}
