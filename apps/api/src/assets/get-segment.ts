import type { StaffActor } from '@groundswell/core';
import { getAsset, type AssetDetail, type StaffAssetDetail } from '@groundswell/db';
import type { AssetDeps } from './deps.ts';
import { noSegment } from './live-segment.ts';

/**
 * One segment with its history: the public's view, or for staff (`actor`) the hidden reports
 * in their remit, its team, and the staff ids on its events when they work it. Every
 * segment is public, so staff of another team still see it, as the public does and more.
 */
export async function getSegment(deps: AssetDeps, actor: null, input: { code: string }): Promise<AssetDetail>;
export async function getSegment(deps: AssetDeps, actor: StaffActor, input: { code: string }): Promise<StaffAssetDetail>;
export async function getSegment(deps: AssetDeps, actor: StaffActor | null, input: { code: string }): Promise<AssetDetail | StaffAssetDetail> {
  const asset = actor ? await getAsset(deps.database, input.code, { viewer: actor }) : await getAsset(deps.database, input.code, { viewer: null });
  if (!asset) throw noSegment(input.code);
  return asset;
}
