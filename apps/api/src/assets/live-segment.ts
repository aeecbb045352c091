import { DomainError } from '@groundswell/core';
import type { AssetNetwork, LockedSegment } from '@groundswell/db';

/** Locks a segment that can still change: it exists, was not split or joined away, and is one line. */
export async function lockLiveSegment(network: AssetNetwork, code: string): Promise<LockedSegment & { coords: [number, number][] }> {
  const segment = await network.lockSegment(code);
  if (!segment) throw new DomainError('not_found', `There is no segment ${code}`);
  if (segment.retired) throw new DomainError('conflict', `Segment ${code} was retired (split or joined); use the segments that replaced it`);
  if (!segment.coords) throw new DomainError('conflict', `Segment ${code} is not a single line`);
  return { ...segment, coords: segment.coords };
}
