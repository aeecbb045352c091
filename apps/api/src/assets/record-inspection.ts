import type { AssetCondition, StaffActor } from '@groundswell/core';
import { inAssetTransaction } from '@groundswell/db';
import type { AssetDeps } from './deps.ts';
import { lockLiveSegment } from './live-segment.ts';

/** An inspection by staff who work the segment: the condition seen (or `unknown` when the channel could not be seen). */
export async function recordInspection(
  deps: AssetDeps,
  actor: StaffActor,
  input: { code: string; condition: AssetCondition; note?: string | undefined },
): Promise<{ code: string; condition: AssetCondition }> {
  const now = deps.clock.now();
  await inAssetTransaction(deps.database, async (network) => {
    const a = await lockLiveSegment(network, actor, input.code);
    await network.addEvent({ assetId: a.id, kind: 'inspected', condition: input.condition, actor, payload: { by: actor.name, ...(input.note ? { note: input.note } : {}) }, at: now });
    await network.setCondition(a.id, input.condition, now);
    await network.audit({ actor, action: 'asset_inspected', code: a.code, payload: { condition: input.condition }, at: now });
  });
  return { code: input.code, condition: input.condition };
}
