import { listAssets, type AssetFeature, type AssetFilter } from '@groundswell/db';
import type { AssetDeps } from './deps.ts';

/** The live (or, asked for, the retired) segments, open to everyone. */
export function listSegments(deps: AssetDeps, filter: AssetFilter): Promise<AssetFeature[]> {
  return listAssets(deps.database, filter);
}
