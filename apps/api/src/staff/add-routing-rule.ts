import { DomainError, type StaffActor } from '@groundswell/core';
import { addRoutingRule as insertRule, recordAudit } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';

export interface NewRoutingRule {
  area?: string | undefined;
  category?: string | undefined;
  team: string;
}

/** Sends new reports of an (area, category) to a team; the codes must all exist. */
export async function addRoutingRule(deps: AppDeps, actor: StaffActor, input: NewRoutingRule): Promise<{ id: number }> {
  const { database, clock } = deps;
  const id = await insertRule(database, input);
  if (!id) throw new DomainError('validation_failed', 'Unknown area, category or team', [{ field: 'body', message: 'Check the codes' }]);
  await recordAudit(database, { staffId: actor.id, action: 'routing_rule_added', targetType: 'routing_rule', targetId: String(id), payload: { ...input }, at: clock.now() });
  return { id };
}
