import { cameFromTarget, chooseHandoffTarget } from '@groundswell/core';
import { listHandoffRules, listHandoffTargets, stalledHandoffSends, takeHandoffCandidates } from '@groundswell/db';
import type { HandoffDeps } from './deps.ts';

/** A pending send untouched this long lost its job (the longest backoff is 16 minutes). */
const STALLED_MS = 30 * 60_000;

/**
 * Finds the reports made or recategorised since the last pass that a rule hands to a target
 * (the timeline is the outbox, so no request has to remember), makes their send rows, and
 * queues a send for each; sends whose job was lost are queued again.
 */
export async function queueHandoffs(deps: HandoffDeps): Promise<number[]> {
  const rules = await listHandoffRules(deps.database);
  const names = new Map((rules.length ? await listHandoffTargets(deps.database) : []).map((t) => [t.id, t.name]));
  const choose = (facts: Parameters<typeof chooseHandoffTarget>[1]) => {
    const target = chooseHandoffTarget(rules, facts);
    return target !== null && cameFromTarget(facts, names.get(target) ?? '') ? null : target;
  };
  const fresh = rules.length ? await takeHandoffCandidates(deps.database, choose) : [];
  const stalled = await stalledHandoffSends(deps.database, new Date(deps.clock.now().getTime() - STALLED_MS));
  const ids = [...new Set([...fresh, ...stalled])];
  for (const id of ids) await deps.jobs.sendHandoff(id);
  return ids;
}
