import { DomainError, type StaffActor } from '@groundswell/core';
import { getAsset, type AssetDetail } from '@groundswell/db';
import type { AssetDeps } from './deps.ts';

/** One segment with its history: the public's view, or for staff (`actor`) staff ids and the hidden reports in their remit. */
export async function getSegment(deps: AssetDeps, actor: StaffActor | null, input: { code: string }): Promise<AssetDetail> {
  const asset = await getAsset(deps.database, input.code, { viewer: actor });
  if (!asset) throw new DomainError('not_found', `There is no segment ${input.code}`);
  return asset;
}
