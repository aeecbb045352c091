import { DomainError } from '@groundswell/core';
import { claimHandoffUpdate, findHandoffTarget } from '@groundswell/db';
import { applyHandoffUpdate, type HandoffUpdate, type UpdateOutcome } from './apply-update.ts';
import type { HandoffDeps } from './deps.ts';
import { openSecret } from './secret-box.ts';
import { checkHandoffSignature } from './signature.ts';

/**
 * An update a webhook target pushes to us, signed as we sign ours: the signature must be made
 * with the target's secret over the exact body, within five minutes, and never seen before.
 */
export async function receiveHandoffUpdate(deps: HandoffDeps, input: { targetId: number; rawBody: string; signature: string | undefined; update: HandoffUpdate }): Promise<UpdateOutcome> {
  const target = await findHandoffTarget(deps.database, input.targetId);
  // An unknown target and one that takes no updates look the same from outside.
  if (target?.method !== 'webhook' || !target.active || !target.secret) throw new DomainError('not_found', `There is no webhook target ${input.targetId}`);
  const secret = openSecret(deps.config.handoffSecretKey, target.secret)!;
  const now = deps.clock.now();
  const check = checkHandoffSignature(secret, input.rawBody, input.signature, Math.floor(now.getTime() / 1000));
  if (!check.ok) {
    const message = check.reason === 'stale' ? 'The signature is too old or from the future; sign with the current time' : 'The signature is missing or wrong';
    throw new DomainError('unauthorized', message, [{ field: 'header.x-groundswell-signature', message: check.reason === 'stale' ? 'Too old' : 'Missing or wrong' }]);
  }
  if (!(await claimHandoffUpdate(deps.database, target.id, `sig:${check.v1}`, now)))
    throw new DomainError('conflict', 'This update was received before', [{ field: 'header.x-groundswell-signature', message: 'Already used' }]);
  const outcome = await applyHandoffUpdate(deps, target, input.update);
  if (outcome === 'unknown_report') throw new DomainError('not_found', `There is no report ${input.update.reference} sent to this target`, [{ field: 'body.reference', message: 'Unknown' }]);
  return outcome;
}
