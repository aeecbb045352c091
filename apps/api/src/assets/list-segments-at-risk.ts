import { monthsBefore, type AssetKind, type AtRiskSort } from '@groundswell/core';
import { atRiskAssets, type AtRiskRow } from '@groundswell/db';
import type { AssetDeps } from './deps.ts';

/** The segments at risk now: in a risky condition, or not seen by an inspection for `months` months. */
export async function listSegmentsAtRisk(
  deps: AssetDeps,
  input: { months: number; kind?: AssetKind | undefined; sort: AtRiskSort; order?: 'asc' | 'desc' | undefined },
): Promise<{ now: Date; months: number; segments: AtRiskRow[] }> {
  const now = deps.clock.now();
  const segments = await atRiskAssets(deps.database, { now, unseenSince: monthsBefore(now, input.months), kind: input.kind, sort: input.sort, order: input.order });
  return { now, months: input.months, segments };
}
