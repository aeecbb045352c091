import { DomainError, worksSegment, type StaffActor } from '@groundswell/core';
import type { AssetNetwork, LockedSegment } from '@groundswell/db';

/** What a segment outside the actor's remit answers: word for word what a missing one does, so its existence does not leak. */
export const noSegment = (code: string) => new DomainError('not_found', `There is no segment ${code}`);

/** Locks a segment `actor` works (core's `worksSegment`); another team's answers like a missing one. */
export async function lockSegmentInRemit(network: AssetNetwork, actor: StaffActor, code: string): Promise<LockedSegment> {
  const segment = await network.lockSegment(code);
  if (!segment || !worksSegment(actor, segment)) throw noSegment(code);
  return segment;
}

/** What a change to a segment that was split or joined away answers. */
export const retiredSegment = (code: string) => new DomainError('conflict', `Segment ${code} was retired (split or joined); use the segments that replaced it`);

/** Locks a segment `actor` works that can still change: it was not split or joined away, and is one line. */
export async function lockLiveSegment(network: AssetNetwork, actor: StaffActor, code: string): Promise<LockedSegment & { coords: [number, number][] }> {
  const segment = await lockSegmentInRemit(network, actor, code);
  if (segment.retired) throw retiredSegment(code);
  if (!segment.coords) throw new DomainError('conflict', `Segment ${code} is not a single line`);
  return { ...segment, coords: segment.coords };
}
