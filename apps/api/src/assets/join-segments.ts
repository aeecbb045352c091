import { DomainError, JOIN_TOLERANCE_METERS, joinedTeam, joinSegments as joinRule, type StaffActor } from '@groundswell/core';
import { inAssetTransaction } from '@groundswell/db';
import type { AssetDeps } from './deps.ts';
import { lockLiveSegment } from './live-segment.ts';

/**
 * Joins two segments that meet end to end into a new one; both are retired and their
 * reports move to it. The new segment's condition and last inspection follow core's join
 * rule, its team core's `joinedTeam` (two teams' segments: administrators only).
 */
export function joinSegments(deps: AssetDeps, actor: StaffActor, input: { codes: [string, string]; name?: string | undefined }): Promise<{ code: string }> {
  if (input.codes[0] === input.codes[1]) throw new DomainError('validation_failed', 'Choose two different segments', [{ field: 'body.codes', message: 'The same segment twice' }]);
  const now = deps.clock.now();
  return inAssetTransaction(deps.database, async (network) => {
    const a = await lockLiveSegment(network, actor, input.codes[0]);
    const b = await lockLiveSegment(network, actor, input.codes[1]);
    const team = joinedTeam(actor, a, b);
    if (!team.ok) throw new DomainError('forbidden', `${a.code} and ${b.code} belong to different teams; only an administrator can join them`, [{ field: 'body.codes', message: 'Different teams' }]);
    const joined = joinRule(a, b);
    if (!joined.ok && joined.refusal === 'different_kinds') throw new DomainError('conflict', `A ${a.kind} and a ${b.kind} cannot be joined`, [{ field: 'body.codes', message: 'Different kinds' }]);
    if (!joined.ok) throw new DomainError('conflict', `${a.code} and ${b.code} do not meet end to end`, [{ field: 'body.codes', message: `No ends within ${JOIN_TOLERANCE_METERS} m` }]);
    const { condition, conditionAt, inspectedAt } = joined;
    const code = await network.nextCode(a.kind);
    const id = await network.insertSegment({ code, kind: a.kind, name: input.name ?? a.name ?? b.name, line: { coords: joined.coords }, condition, conditionAt, team: team.team, at: now });
    await network.addEvent({ assetId: id, kind: 'created', condition, actor, payload: { from: [a.code, b.code], reason: 'join', inspectedAt }, at: now });
    for (const part of [a, b]) {
      await network.retire(part.id, now);
      await network.addEvent({ assetId: part.id, kind: 'retired', actor, payload: { into: [code], reason: 'join' }, at: now });
    }
    await network.moveReports([a.id, b.id], id);
    await network.audit({ actor, action: 'asset_join', code, payload: { from: [a.code, b.code] }, at: now });
    return { code };
  });
}
