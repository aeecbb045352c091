import { DomainError, type HandoffTargetInput, type StaffActor } from '@groundswell/core';
import { insertHandoffTarget, recordAudit, updateHandoffTarget } from '@groundswell/db';
import type { HandoffDeps } from './deps.ts';
import { sealSecret } from './secret-box.ts';

const taken = (name: string) => new DomainError('conflict', `There is already a target named ${name}`, [{ field: 'body.name', message: 'Already used' }]);

/** Creates a target (id absent) or changes one; the secret is sealed before it is stored, and the audit log never sees it. */
export async function saveHandoffTarget(deps: HandoffDeps, actor: StaffActor, input: HandoffTargetInput, id?: number): Promise<{ id: number }> {
  const { database, clock, config } = deps;
  const { secret, ...rest } = input;
  const sealed = secret === undefined ? undefined : sealSecret(config.handoffSecretKey, secret);
  const audit = { name: rest.name, method: rest.method, config: rest.config, statusMap: rest.statusMap, active: rest.active, secretChanged: secret !== undefined };
  if (id === undefined) {
    const row = await insertHandoffTarget(database, { ...rest, secret: sealed ?? null });
    if (!row) throw taken(rest.name);
    await recordAudit(database, { staffId: actor.id, action: 'handoff_target_created', targetType: 'handoff_target', targetId: String(row.id), payload: audit, at: clock.now() });
    return row;
  }
  const changed = await updateHandoffTarget(database, id, { ...rest, secret: sealed });
  if (changed === null) throw taken(rest.name);
  if (!changed) throw new DomainError('not_found', `There is no target ${id}`);
  await recordAudit(database, { staffId: actor.id, action: 'handoff_target_changed', targetType: 'handoff_target', targetId: String(id), payload: audit, at: clock.now() });
  return { id };
}
