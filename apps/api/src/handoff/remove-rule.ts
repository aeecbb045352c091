import { DomainError, type StaffActor } from '@groundswell/core';
import { deleteHandoffRule, recordAudit } from '@groundswell/db';
import type { HandoffDeps } from './deps.ts';

export async function removeHandoffRule(deps: HandoffDeps, actor: StaffActor, id: number): Promise<void> {
  if (!(await deleteHandoffRule(deps.database, id))) throw new DomainError('not_found', `There is no hand-off rule ${id}`);
  await recordAudit(deps.database, { staffId: actor.id, action: 'handoff_rule_removed', targetType: 'handoff_rule', targetId: String(id), at: deps.clock.now() });
}
