import { claimHandoffUpdate, listHandoffTargets, releaseHandoffUpdate, sentHandoffRefs, setHandoffPolled, type HandoffTargetRow } from '@groundswell/db';
import { applyHandoffUpdate } from './apply-update.ts';
import type { HandoffDeps } from './deps.ts';
import { fetchOpen311Requests, fetchOpen311Updates } from './open311-client.ts';
import { targetSettings } from './target-config.ts';

const DAY_MS = 86_400_000;

/**
 * Reads the updates of every Open311 target whose polling interval has passed (all of them
 * with `force`): FixMyStreet's servicerequestupdates from the last update seen, or, where a
 * server does not offer it, the current status of the requests we sent. Each update is taken
 * once (remembered by its id), even when windows overlap or two processes poll at once.
 */
export async function pollHandoffUpdates(deps: HandoffDeps, options: { force?: boolean } = {}): Promise<{ polled: number; applied: number }> {
  const now = deps.clock.now();
  const targets = (await listHandoffTargets(deps.database)).filter((t) => t.method === 'open311' && t.active);
  let polled = 0;
  let applied = 0;
  for (const target of targets) {
    const s = targetSettings(target);
    if (!s.endpoint) continue;
    if (!options.force && target.lastPolledAt && now.getTime() - Date.parse(target.lastPolledAt) < s.pollMinutes * 60_000) continue;
    try {
      applied += await pollTarget(deps, target, now);
      polled += 1;
    } catch (err) {
      deps.logger.warn({ err, target: target.name }, 'hand-off update poll failed; next interval tries again');
    }
  }
  return { polled, applied };
}

async function pollTarget(deps: HandoffDeps, target: HandoffTargetRow, now: Date): Promise<number> {
  const s = targetSettings(target);
  // Their updates window is at most 90 days; a first poll looks back a day.
  const floor = now.getTime() - 89 * DAY_MS;
  const since = new Date(Math.max(target.updatesSince ? Date.parse(target.updatesSince) : now.getTime() - DAY_MS, floor));
  const updates = (await fetchOpen311Updates(s, since, now)) ?? (await fetchOpen311Requests(s, await sentHandoffRefs(deps.database, target.id)));
  updates.sort((a, b) => Date.parse(a.updatedAt) - Date.parse(b.updatedAt));
  let newest: string | null = null;
  let applied = 0;
  for (const u of updates) {
    if (!Number.isNaN(Date.parse(u.updatedAt)) && (!newest || Date.parse(u.updatedAt) > Date.parse(newest))) newest = new Date(u.updatedAt).toISOString();
    if (!(await claimHandoffUpdate(deps.database, target.id, u.key, now))) continue;
    try {
      const outcome = await applyHandoffUpdate(deps, target, { reference: u.serviceRequestId, status: u.status, description: u.description });
      if (outcome === 'changed' || outcome === 'answered') applied += 1;
    } catch (err) {
      // Not lost: unclaimed, and the cursor stays before it, so the next poll tries it again.
      await releaseHandoffUpdate(deps.database, target.id, u.key);
      await setHandoffPolled(deps.database, target.id, now, null);
      throw err;
    }
  }
  await setHandoffPolled(deps.database, target.id, now, newest);
  return applied;
}
