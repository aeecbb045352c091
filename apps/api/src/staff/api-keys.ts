import { createHash, randomBytes } from 'node:crypto';
import { DomainError, type StaffActor } from '@groundswell/core';
import { insertApiKey, recordAudit, revokeApiKey as markRevoked } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';

/** A new API key: a recognisable prefix plus 32 random bytes; only its sha256 is stored. */
export function newApiKey(): { key: string; prefix: string; keyHash: string } {
  const key = `gs_${randomBytes(32).toString('base64url')}`;
  return { key, prefix: key.slice(0, 10), keyHash: createHash('sha256').update(key).digest('hex') };
}

/** Creates a key for an Open311 client; the key itself is returned once and never again. */
export async function createApiKey(deps: AppDeps, actor: StaffActor, name: string): Promise<{ id: string; name: string; key: string }> {
  const { database, clock } = deps;
  const k = newApiKey();
  const { id } = await insertApiKey(database, { name, prefix: k.prefix, keyHash: k.keyHash, createdBy: actor.id });
  await recordAudit(database, { staffId: actor.id, action: 'api_key_created', targetType: 'api_key', targetId: id, payload: { name, prefix: k.prefix }, at: clock.now() });
  return { id, name, key: k.key };
}

export async function revokeApiKey(deps: AppDeps, actor: StaffActor, id: string): Promise<void> {
  const { database, clock } = deps;
  if (!(await markRevoked(database, id, clock.now()))) throw new DomainError('not_found', 'No such API key');
  await recordAudit(database, { staffId: actor.id, action: 'api_key_revoked', targetType: 'api_key', targetId: id, at: clock.now() });
}
