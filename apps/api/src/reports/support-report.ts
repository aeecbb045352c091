import { createHash } from 'node:crypto';
import { DomainError } from '@groundswell/core';
import { addSupport } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';

/** "This affects me too", once per device; `added` is false when this device had already said so. */
export async function supportReport(deps: Pick<AppDeps, 'database' | 'clock'>, input: { id: string; deviceId: string }): Promise<{ supportCount: number; added: boolean }> {
  // Only a hash of the device id is kept: it counts supports, it does not track people.
  const key = createHash('sha256').update(`device:${input.deviceId}`).digest('hex');
  const result = await addSupport(deps.database, input.id, key, deps.clock.now());
  if (result.outcome === 'not_found') throw new DomainError('not_found', `There is no public report ${input.id}`);
  if (result.outcome === 'closed') throw new DomainError('conflict', 'This report is already closed; please make a new report if the problem is back');
  return { supportCount: result.supportCount, added: result.outcome === 'added' };
}
