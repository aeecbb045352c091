import { DomainError, type StaffActor } from '@groundswell/core';
import { findHandoffTarget, insertHandoffRule, recordAudit, resolveRuleCodes } from '@groundswell/db';
import type { HandoffDeps } from './deps.ts';

/** A category (optionally in an area, or for a team) is handed to a target from now on. */
export async function addHandoffRule(
  deps: HandoffDeps,
  actor: StaffActor,
  input: { category: string; area?: string | undefined; team?: string | undefined; targetId: number },
): Promise<{ id: number }> {
  const { database, clock } = deps;
  const ids = await resolveRuleCodes(database, input);
  const errors = [
    ...(ids.categoryId === null ? [{ field: 'body.category', message: 'Unknown category' }] : []),
    ...(input.area && ids.areaId === null ? [{ field: 'body.area', message: 'Unknown area' }] : []),
    ...(input.team && ids.teamId === null ? [{ field: 'body.team', message: 'Unknown team' }] : []),
    ...((await findHandoffTarget(database, input.targetId)) ? [] : [{ field: 'body.targetId', message: 'Unknown target' }]),
  ];
  if (errors.length) throw new DomainError('validation_failed', 'Some of what was sent is not valid', errors);
  const row = await insertHandoffRule(database, { categoryId: ids.categoryId!, areaId: ids.areaId, teamId: ids.teamId, targetId: input.targetId });
  await recordAudit(database, { staffId: actor.id, action: 'handoff_rule_added', targetType: 'handoff_rule', targetId: String(row.id), payload: { ...input }, at: clock.now() });
  return row;
}
