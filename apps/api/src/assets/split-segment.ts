import { DomainError, SPLIT_RULE, splitRefusal, type StaffActor } from '@groundswell/core';
import { inAssetTransaction } from '@groundswell/db';
import type { AssetDeps } from './deps.ts';
import { lockLiveSegment } from './live-segment.ts';

/**
 * Splits a segment at the point on it nearest to `at`: the segment is retired and two new
 * ones carry on, each with its kind, name, team, condition, condition date and last inspection.
 * Reports attached to it go to the part nearer their middle.
 */
export function splitSegment(deps: AssetDeps, actor: StaffActor, input: { code: string; at: [number, number] }): Promise<{ codes: [string, string] }> {
  const now = deps.clock.now();
  return inAssetTransaction(deps.database, async (network) => {
    const a = await lockLiveSegment(network, actor, input.code);
    const cut = await network.locateOn(a.id, input.at);
    const refusal = splitRefusal(cut);
    if (refusal?.reason === 'too_far') {
      throw new DomainError('validation_failed', `Split at a point on the segment (within ${SPLIT_RULE.maxDistanceMeters} m of it)`, [
        { field: 'body.at', message: `${Math.round(refusal.distanceMeters)} m from the segment` },
      ]);
    }
    if (refusal) throw new DomainError('validation_failed', `Both parts must be at least ${SPLIT_RULE.minPartMeters} m long`, [{ field: 'body.at', message: 'Too near an end' }]);
    const inherited = { kind: a.kind, name: a.name, condition: a.condition, conditionAt: a.conditionAt, team: { id: a.teamId }, at: now };
    const first = await network.nextCode(a.kind);
    const firstId = await network.insertSegment({ ...inherited, code: first, line: { partOf: a.id, from: 0, to: cut.fraction } });
    const second = await network.nextCode(a.kind);
    const secondId = await network.insertSegment({ ...inherited, code: second, line: { partOf: a.id, from: cut.fraction, to: 1 } });
    for (const [id, part] of [
      [firstId, 1],
      [secondId, 2],
    ] as const) {
      await network.addEvent({ assetId: id, kind: 'created', condition: a.condition, actor, payload: { from: [a.code], reason: 'split', part, inspectedAt: a.lastInspectedAt }, at: now });
    }
    await network.retire(a.id, now);
    await network.addEvent({ assetId: a.id, kind: 'retired', actor, payload: { into: [first, second], reason: 'split' }, at: now });
    await network.moveReportsToNearer(a.id, [firstId, secondId]);
    await network.audit({ actor, action: 'asset_split', code: a.code, payload: { into: [first, second], at: input.at }, at: now });
    return { codes: [first, second] };
  });
}
